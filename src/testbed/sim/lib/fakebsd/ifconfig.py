"""ifconfig(8) of the simulated host (see net.py for the state). Texts follow FORMATS.md section 1."""
import os
import sys

from . import common, net, jails
from .net import Fail, find

PROG = "ifconfig"
# ifbridge.c per-member commands: 'stp IF', '-stp IF', ... toggle IFBIF_* bits of member IF
MEMBER_FLAGS = {"learn": 0x1, "discover": 0x2, "stp": 0x4, "span": 0x8, "sticky": 0x10, "edge": 0x20,
                "autoedge": 0x40, "ptp": 0x80, "autoptp": 0x100, "private": 0x800}
USAGE = """usage: ifconfig [-j jail] [-f type:format] %s[-L] [-C] [-g groupname] interface address_family
                [address [dest_address]] [parameters]
       ifconfig [-j jail] interface create
       ifconfig [-j jail] -a [-L] [-C] [-g groupname] [-d] [-m] [-u] [-v] [address_family]
       ifconfig [-j jail] -l [-d] [-u] [address_family]
       ifconfig [-j jail] [-L] [-C] [-g groupname] [-d] [-m] [-u] [-v]
"""


def _err(msg):
    common.err(PROG, msg)


def _usage():
    sys.stderr.write(USAGE % "")
    sys.exit(1)


class Printer:
    """Prints the interface name at exit when the kernel chose or changed it (ifconfig's printifnamemaybe)."""
    name = None


def parse_format(spec, fmt):
    for part in spec.split(","):
        if not part:
            continue
        if part == "cidr":
            fmt["inet"] = fmt["inet6"] = "cidr"
            continue
        kind, _, form = part.partition(":")
        if form:
            fmt[kind] = form


def vnet_of(jail):
    """The vnet key an ifconfig run in JAIL (record or None) sees: the jail's own if it has vnet=new."""
    if jail is None or jail["params"].get("vnet") != "new":
        return ""
    return jail["name"]


def main(argv):
    common.apply_faults(PROG)
    major = common.version()[1]
    args = argv[1:]
    opts = {"a": False, "l": False, "u": False, "d": False, "n": False, "g": None, "G": None, "j": None}
    fmt = {}
    if os.environ.get("IFCONFIG_FORMAT"):
        parse_format(os.environ["IFCONFIG_FORMAT"], fmt)
    while args and args[0].startswith("-") and len(args[0]) > 1 and args[0] not in ("-vnet",):
        opt = args.pop(0)
        if opt == "--":
            break
        k = 1
        while k < len(opt):
            c = opt[k]
            if c in "fjgG":
                if c == "j" and major < 14:
                    sys.stderr.write("ifconfig: illegal option -- j\n")
                    _usage()
                val = opt[k + 1:]
                if not val:
                    if not args:
                        sys.stderr.write("ifconfig: option requires an argument -- %s\n" % c)
                        _usage()
                    val = args.pop(0)
                if c == "f":
                    parse_format(val, fmt)
                else:
                    opts[c] = val
                break
            elif c in "aludn":
                opts[c] = True
            elif c in "LkmvCD":
                pass
            else:
                sys.stderr.write("ifconfig: illegal option -- %s\n" % c)
                _usage()
            k += 1

    ctx_name = os.environ.get("FAKEBSD_JAIL") or None
    with common.Locked():
        jstate = jails.load()
        ctx = jails.lookup(jstate, ctx_name) if ctx_name else None
        if opts["j"] is not None:
            target = jails.lookup(jstate, opts["j"], parent=ctx)
            if target is None:
                _err("jail not found: No such file or directory")
            if not common.is_root():
                _err("jail_attach(%d): Operation not permitted" % target["jid"])
            ctx = target
        state = net.load()
        vnet = vnet_of(ctx)
        ifaces = state["vnets"].setdefault(vnet, [])
        if opts["l"]:
            return list_names(ifaces, opts, args)
        if opts["g"] is not None and not opts["a"] and not args:
            for i in ifaces:
                if opts["g"] == "all" or opts["g"] in i["groups"]:
                    sys.stdout.write(i["name"] + "\n")
            return 0
        if opts["a"] or not args:
            return list_all(ifaces, opts, fmt, major, args)
        printer = Printer()
        try:
            changed = configure(state, jstate, vnet, ctx, args, fmt, major, printer, opts["n"])
        except Fail as e:
            if getattr(e, "save", False) and common.is_root():  # changes made before the failing one stay
                net.save(state)
            if printer.name:
                sys.stdout.write(printer.name + "\n")
            _err(str(e))
        if changed and common.is_root():  # every change checks for root first: a non-root run changed nothing
            net.save(state)
        if printer.name:
            sys.stdout.write(printer.name + "\n")
    return 0


def _matches(i, opts):
    if opts["u"] and not i["up"]:
        return False
    if opts["d"] and i["up"]:
        return False
    return True


def list_names(ifaces, opts, args):
    af = args[0] if args else None
    names = []
    for i in ifaces:
        if not _matches(i, opts):
            continue
        if af in ("ether", "link", "lladdr") and not i["ether"]:
            continue
        if af in ("inet", "inet6") and not any(a["af"] == af for a in i["addrs"]):
            continue
        names.append(i["name"])
    sys.stdout.write(" ".join(names) + "\n")
    return 0


def list_all(ifaces, opts, fmt, major, args):
    import fnmatch
    af = args[0] if args else None
    out = []
    for i in ifaces:
        if not _matches(i, opts):
            continue
        if opts["g"] is not None and not any(fnmatch.fnmatchcase(g, opts["g"]) for g in i["groups"] + ["all"]):
            continue
        if opts["G"] is not None and any(fnmatch.fnmatchcase(g, opts["G"]) for g in i["groups"] + ["all"]):
            continue
        out.append(net.status(ifaces, i, major, fmt, af))
    sys.stdout.write("".join(out))
    return 0


def _need_root(message):
    if not common.is_root():
        raise Fail(message)


def _parse_mac(text):
    parts = text.replace("-", ":").replace(".", ":").split(":")
    if len(parts) != 6:
        raise Fail("malformed link-level address")
    try:
        return ":".join("%02x" % int(p, 16) for p in parts)
    except ValueError:
        raise Fail("malformed link-level address")


def _parse_inet(text):
    addr, _, plen = text.partition("/")
    words = addr.split(".")
    try:
        if len(words) != 4 or any(not 0 <= int(w) <= 255 for w in words):
            raise ValueError
        addr = ".".join(str(int(w)) for w in words)
        if plen != "" and not (plen.isdigit() and int(plen) <= 32):
            raise ValueError
        return addr, (int(plen) if plen != "" else None)
    except ValueError:
        raise Fail("%s: bad value" % text)


def _parse_inet6(text):
    addr, _, plen = text.partition("/")
    addr = addr.split("%")[0]
    try:
        if plen != "" and not (plen.isdigit() and int(plen) <= 128):
            raise ValueError
        return net.canon6(addr), (int(plen) if plen != "" else None)
    except ValueError:
        raise Fail("%s: bad value" % text)


def _mask_len(text):
    if text.startswith("0x"):
        n = int(text, 16)
    else:
        n = net.ip4_int(text)
    return bin(n).count("1")


def configure(state, jstate, vnet, ctx, args, fmt, major, printer, opts_n=False):
    ifaces = state["vnets"][vnet]
    name = args[0]
    cmds = args[1:]
    changed = False
    i = find(ifaces, name)
    if cmds and cmds[0] in ("create", "plumb"):
        if i is not None:
            raise Fail("interface %s already exists" % name)
        if len(name) >= net.IFNAMSIZ:
            raise Fail("%s: cloning name too long" % name)
        _need_root("SIOCIFCREATE2 (%s): Operation not permitted" % name if major >= 14
                   else "SIOCIFCREATE2: Operation not permitted")
        if not opts_n and name.rstrip("0123456789") in net.CLONERS:
            from . import kld  # ifmaybeload(): create autoloads if_bridge / if_epair
            kld.ensure_loaded("if_" + name.rstrip("0123456789"))
        newname = net.clone_create(state, vnet, name)
        changed = True
        if newname != name:
            printer.name = newname
        i = find(ifaces, newname)
        cmds = cmds[1:]
    elif i is None and not (cmds and cmds[0] == "-vnet"):
        raise Fail("interface %s does not exist" % name)
    if i is not None and not cmds and not changed:
        sys.stdout.write(net.status(ifaces, i, major, fmt))
        return False
    if i is not None and len(cmds) == 1 and cmds[0] in ("inet", "inet6", "ether", "link") and not changed:
        sys.stdout.write(net.status(ifaces, i, major, fmt, cmds[0]))  # 'ifconfig IF inet': that family only
        return False
    addr = {"af": None, "addr": None, "plen": None, "alias": False, "delete": False, "mask": None}
    k = 0
    try:
        while k < len(cmds):
            w = cmds[k]

            def arg():
                if k + 1 >= len(cmds):
                    raise Fail("'%s' requires argument" % w)
                return cmds[k + 1]

            if w in ("up", "down"):
                _need_root("%s: permission denied" % w)
                if w == "up":
                    net.bring_up(i)
                else:
                    i["up"] = False
            elif w == "mtu":
                v = arg()
                k += 1
                _need_root("ioctl SIOCSIFMTU (set mtu): permission denied")
                try:
                    mtu = int(v)
                except ValueError:
                    raise Fail("%s: bad value" % v)
                if i.get("bridge") and mtu != i["mtu"] or not 72 <= mtu <= 65535:
                    raise Fail("ioctl SIOCSIFMTU (set mtu): Invalid argument")
                i["mtu"] = mtu
                if i["kind"] == "bridge":
                    for m in i["members"]:
                        mi = find(ifaces, m["name"])
                        if mi:
                            mi["mtu"] = mtu
            elif w in ("description", "descr"):
                v = arg()
                k += 1
                _need_root("ioctl SIOCSIFDESCR (set descr): Operation not permitted")
                i["descr"] = v or None
            elif w in ("-description", "-descr"):
                _need_root("ioctl SIOCSIFDESCR (set descr): Operation not permitted")
                i["descr"] = None
            elif w in ("ether", "lladdr", "link"):
                v = arg()
                k += 1
                _need_root("ioctl (SIOCSIFLLADDR): permission denied")
                if not i["ether"]:
                    raise Fail("ioctl (SIOCSIFLLADDR): Invalid argument")
                i["ether"] = _parse_mac(v)
            elif w in ("inet", "inet6"):
                addr["af"] = w
            elif w in ("alias", "add"):
                addr["alias"] = True
            elif w in ("-alias", "delete", "remove"):
                addr["delete"] = True
            elif w == "netmask":
                addr["mask"] = arg()
                k += 1
            elif w == "prefixlen":
                v = arg()
                k += 1
                if not v.isdigit() or int(v) > 128:
                    raise Fail("%s: bad value" % v)
                addr["plen"] = int(v)
            elif w == "broadcast":
                arg()
                k += 1
            elif w in ("addm", "deletem"):
                v = arg()
                k += 1
                op = "BRDGADD" if w == "addm" else "BRDGDEL"
                _need_root("%s %s: Operation not permitted" % (op, v))
                if i["kind"] != "bridge":
                    raise Fail("%s %s: Invalid argument" % (op, v))
                (net.addm if w == "addm" else net.deletem)(ifaces, i, v)
            elif w == "vnet":
                v = arg()
                k += 1
                _need_root("SIOCSIFVNET: Operation not permitted")
                target = jails.lookup(jstate, v, parent=ctx)
                if target is None:
                    raise Fail(jails.not_found_text(v))
                dst = vnet_of(target)
                if dst == vnet:
                    raise Fail("SIOCSIFVNET: File exists")
                if find(state["vnets"].setdefault(dst, []), i["name"]):
                    raise Fail("SIOCSIFVNET: File exists")
                net.move(state, i, vnet, dst)
            elif w == "-vnet":
                v = arg()
                k += 1
                target = jails.lookup(jstate, v, parent=ctx)
                if target is None:
                    raise Fail(jails.not_found_text(v))
                jid = target["jid"]
                _need_root("SIOCSIFRVNET(%d, %s): Operation not permitted" % (jid, name))
                src = vnet_of(target)
                ji = find(state["vnets"].get(src, []), name) if src != vnet else None
                if ji is None:
                    raise Fail("SIOCSIFRVNET(%d, %s): Device not configured" % (jid, name))
                if find(ifaces, name):
                    raise Fail("SIOCSIFRVNET(%d, %s): File exists" % (jid, name))
                net.move(state, ji, src, vnet)
                i = ji
            elif w in ("group", "-group"):
                v = arg()
                k += 1
                _need_root(" SIOC%sIFGROUP: Operation not permitted" % ("A" if w == "group" else "D"))
                if w == "group":
                    if v[-1:].isdigit():
                        raise Fail("setifgroup: group names may not end in a digit")
                    if v not in i["groups"]:
                        i["groups"].append(v)
                elif v in i["groups"]:
                    i["groups"].remove(v)
            elif w == "name":
                v = arg()
                k += 1
                _need_root("ioctl SIOCSIFNAME (set name): Operation not permitted")
                if find(ifaces, v):
                    raise Fail("ioctl SIOCSIFNAME (set name): File exists")
                if len(v) >= net.IFNAMSIZ or not v:
                    raise Fail("ioctl SIOCSIFNAME (set name): Invalid argument")
                rename(state, ifaces, i, v)
                printer.name = v
            elif w in ("destroy", "unplumb"):
                _need_root("SIOCIFDESTROY: Operation not permitted")
                net.destroy(state, vnet, i)
                changed = True
                break
            elif w in ("create", "plumb"):
                raise Fail("interface %s already exists" % i["name"])
            elif w.lstrip("-") in MEMBER_FLAGS:
                v = arg()
                k += 1
                _need_root("unable to set bridge flags: Operation not permitted")
                m = next((m for m in i["members"] if m["name"] == v), None) if i["kind"] == "bridge" else None
                if m is None:
                    raise Fail("unable to get bridge flags: %s" % (
                        "No such file or directory" if i["kind"] == "bridge" else "Invalid argument"))
                bit = MEMBER_FLAGS[w.lstrip("-")]
                m["flags"] = m["flags"] & ~bit if w.startswith("-") else m["flags"] | bit
                if m["flags"] & 0x4 and m["flags"] & 0x100:  # STP on a full-duplex link: point-to-point
                    m["flags"] |= 0x80
                elif w == "-stp" and m["flags"] & 0x100:
                    m["flags"] &= ~0x80
            elif w in ("metric", "media", "mediaopt", "-mediaopt", "fib", "tunnelfib"):
                arg()
                k += 1
            elif w in ("-arp", "arp", "promisc", "-promisc", "monitor", "-monitor", "debug", "-debug"):
                pass
            else:
                if addr["addr"] is not None:
                    raise Fail("%s: bad value" % w)
                addr["addr"] = w
                if addr["af"] is None:
                    addr["af"] = "inet6" if ":" in w else "inet"
            changed = True
            k += 1
        if addr["addr"] is not None:
            changed = True
            if i not in state["vnets"][vnet]:  # moved away by vnet/-vnet before the deferred address change
                raise Fail("ioctl (SIOC%sIFADDR): Device not configured" % ("D" if addr["delete"] else "A"))
            apply_addr(i, addr)
    except Fail as e:
        e.save = changed
        raise
    return changed


def apply_addr(i, addr):
    af = addr["af"]
    if af == "inet":
        a, plen = _parse_inet(addr["addr"])
        if addr["mask"] is not None:
            try:
                plen = _mask_len(addr["mask"])
            except ValueError:
                raise Fail("%s: bad value" % addr["mask"])
    else:
        a, plen = _parse_inet6(addr["addr"])
        if addr["plen"] is not None:
            plen = addr["plen"]
        if plen is None:
            plen = 64
    if addr["delete"]:
        _need_root("ioctl (SIOCDIFADDR): permission denied")
        net.del_addr(i, af, a)
        return
    _need_root("ioctl (SIOCAIFADDR): permission denied")
    if af == "inet" and plen is None:
        sys.stderr.write("ifconfig: WARNING: setting interface address without mask is deprecated,\n"
                         "default mask may not be correct.\n")
        first = int(a.split(".")[0])
        plen = 8 if first < 128 else 16 if first < 192 else 24
    net.add_addr(i, af, a, plen, addr["alias"])
    net.bring_up(i)  # SIOCSIFADDR brings the interface up (ether_ioctl, loioctl)


def rename(state, ifaces, i, new):
    old = i["name"]
    i["name"] = new
    if i.get("bridge"):
        b = find(ifaces, i["bridge"])
        for m in (b["members"] if b else []):
            if m["name"] == old:
                m["name"] = new
    if i["kind"] == "bridge":
        for m in i["members"]:
            mi = find(ifaces, m["name"])
            if mi:
                mi["bridge"] = new
    if i.get("peer"):
        for ifs in state["vnets"].values():
            p = find(ifs, i["peer"])
            if p and p.get("peer") == old:
                p["peer"] = new
