"""Simulated FreeBSD route(8): add, delete, get and show of IPv4 static routes, per vnet.

Routes live in the net state under "routes" -> vnet key -> destination ("default" or "A.B.C.D/N") -> gateway, so
they vanish with a jail's vnet, as on FreeBSD. Output and errors follow sbin/route/route.c (newroute, print_getmsg).
"""
import os
import sys

from . import common, jails, net
from .ifconfig import vnet_of

PROG = "route"


def _usage():
    sys.stderr.write("usage: route [-46dnqtv] command [[modifiers] args]\n")
    sys.exit(64)


def _reachable(ifaces, gw):
    g = net.ip4_int(gw)
    for i in ifaces:
        for a in i["addrs"]:
            if a["af"] == "inet":
                mask = (0xFFFFFFFF << (32 - a["plen"])) & 0xFFFFFFFF
                if net.ip4_int(a["addr"]) & mask == g & mask:
                    return i
    return None


def main(argv):
    common.apply_faults(PROG)
    args = [a for a in argv[1:] if a not in ("-n", "-q", "-4", "-v")]
    quiet = "-q" in argv[1:]
    if not args:
        _usage()
    cmd = args.pop(0)
    if cmd not in ("add", "delete", "del", "get", "show", "change"):
        sys.stderr.write("route: %s: invalid command\n" % cmd)
        _usage()
    if cmd == "del":
        cmd = "delete"
    if cmd == "show":
        cmd = "get"
    args = [a for a in args if a not in ("-net", "-host", "-inet")]
    if not args:
        _usage()
    dest = args[0]
    kind = "net" if dest == "default" or "/" in dest else "host"
    ctx_name = os.environ.get("FAKEBSD_JAIL") or None
    with common.Locked():
        jstate = jails.load()
        ctx = jails.lookup(jstate, ctx_name) if ctx_name else None
        state = net.load()
        vnet = vnet_of(ctx)
        routes = state.setdefault("routes", {}).setdefault(vnet, {})
        ifaces = state["vnets"].get(vnet, [])
        if cmd == "get":
            gw = routes.get(dest)
            if gw is None:
                sys.stderr.write("route: route has not been found\n")
                return 1
            iface = _reachable(ifaces, gw)
            sys.stdout.write("   route to: %s\ndestination: %s\n       mask: %s\n    gateway: %s\n        fib: 0\n"
                             "  interface: %s\n      flags: <UP,GATEWAY,DONE,STATIC>\n"
                             % (dest, dest, dest if dest == "default" else "255.255.255.255", gw,
                                iface["name"] if iface else "?"))
            return 0
        if not common.is_root():
            sys.stderr.write("route: socket: Permission denied\n")
            return 1
        if cmd == "delete":
            if dest not in routes:
                sys.stderr.write("route: writing to routing socket: No such process\n")
                sys.stderr.write("delete %s %s: not in table\n" % (kind, dest))
                return 1
            gw = routes.pop(dest)
            net.save(state)
            if not quiet:
                sys.stdout.write("delete %s %s: gateway %s\n" % (kind, dest, gw))
            return 0
        if len(args) < 2:
            _usage()
        gw = args[1]
        if _reachable(ifaces, gw) is None:
            sys.stderr.write("route: writing to routing socket: Network is unreachable\n")
            sys.stderr.write("%s %s %s: gateway %s fib 0: Network is unreachable\n" % (cmd, kind, dest, gw))
            return 1
        if cmd == "add" and dest in routes:
            sys.stderr.write("route: writing to routing socket: File exists\n")
            sys.stderr.write("add %s %s: gateway %s fib 0: route already in table\n" % (kind, dest, gw))
            return 1
        routes[dest] = gw
        net.save(state)
        if not quiet:
            sys.stdout.write("%s %s %s: gateway %s\n" % (cmd, kind, dest, gw))
    return 0
