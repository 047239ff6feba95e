"""Simulated jails of one host: state, jls(8), jail(8) and jexec(8). Texts follow FORMATS.md section 2.

State file jails.json (under fakebsd.common.STATE_DIR, read and written only under common.Locked()):

    {"last_jid": 2,                                   # JIDs are handed out increasing, never reused while up
     "jails": [{"jid": 1, "name": "web",
                "params": {"path": "/jails/web", "host.hostname": "web", "vnet": "new", "persist": true,
                           "ip4.addr": [], "ip6.addr": [], "allow.raw_sockets": true, ...},   # kernel parameters
                "internal": {"exec.start": ["/bin/sh /etc/rc"], "mount.devfs": ["true"], ...},   # jail(8)-only ones
                "conf": "/etc/jail.conf" | null}]}     # config file it was started from (null: command line)

A jail with vnet=new has its own interface list in net.json under vnets[NAME]. FAKEBSD_JAIL=NAME in the
environment means "this process runs inside jail NAME" (set by jexec and by jail(8) for exec.start/stop):
ifconfig then sees the jail's vnet, jls sees no jails, jail(8) refuses to create jails.
"""
import os
import sys

from . import common

BOOL_DEFAULTS = {
    "allow.adjtime": False, "allow.chflags": False, "allow.extattr": False, "allow.mlock": False,
    "allow.mount": False, "allow.mount.devfs": False, "allow.mount.fdescfs": False, "allow.mount.nullfs": False,
    "allow.mount.procfs": False, "allow.mount.tmpfs": False, "allow.mount.zfs": False, "allow.nfsd": False,
    "allow.quotas": False, "allow.raw_sockets": False, "allow.read_msgbuf": False, "allow.reserved_ports": False,
    "allow.set_hostname": False, "allow.settime": False, "allow.socket_af": False, "allow.suser": True,
    "allow.sysvipc": False, "allow.unprivileged_proc_debug": True, "dying": False, "ip4.saddrsel": True,
    "ip6.saddrsel": True, "persist": False,
}
JAILSYS = ("host", "ip4", "ip6", "sysvmsg", "sysvsem", "sysvshm", "vnet")
INT_PARAMS = {"children.cur": 0, "children.max": 0, "devfs_ruleset": 0, "enforce_statfs": 2, "host.hostid": 0,
              "parent": 0, "securelevel": -1}
STR_PARAMS = {"host.domainname": "", "host.hostuuid": "00000000-0000-0000-0000-000000000000"}
STR_PARAMS_15 = {"env": "", "meta": ""}  # 15.0 added jail meta-data parameters
LIST_PARAMS = ("ip4.addr", "ip6.addr")
READ_ONLY = ("children.cur", "cpuset.id", "dying", "parent")
IMMUTABLE = ("path", "vnet", "osrelease", "osreldate")


def load():
    return common.load("jails", {"last_jid": 0, "jails": []})


def save(state):
    common.save("jails", state)


def lookup(state, key, parent=None):
    """jail_getid(): KEY is a JID when it is all digits and non-zero, else a name. Jails inside a jail see none."""
    if parent is not None:
        return None
    jid = _jid_of(key)
    for j in state["jails"]:
        if (jid is not None and j["jid"] == jid) or (jid is None and j["name"] == key):
            return j
    return None


def _jid_of(key):
    try:
        n = int(key)
        return n if n > 0 and str(key).strip().isdigit() else None
    except ValueError:
        return None


def not_found_text(key):
    jid = _jid_of(key)
    return 'jail %d not found' % jid if jid is not None else 'jail "%s" not found' % key


def param_kind(name):
    if name in LIST_PARAMS:
        return "list"
    if name in JAILSYS:
        return "jailsys"
    if name in BOOL_DEFAULTS or name.startswith("allow."):
        return "bool"
    if name in INT_PARAMS or name in ("jid", "cpuset.id", "osreldate"):
        return "int"
    return "str"


def all_param_names():
    names = set(BOOL_DEFAULTS) | set(JAILSYS) | set(INT_PARAMS) | set(STR_PARAMS) | set(LIST_PARAMS)
    names |= {"jid", "name", "path", "host.hostname", "cpuset.id", "osrelease", "osreldate"}
    if common.version()[1] >= 15:
        names |= set(STR_PARAMS_15)
    return sorted(names, key=lambda n: ("." in n, n))


def osreldate():
    _, major, minor = common.version()
    return major * 100000 + minor * 1000


def param_value(j, name):
    """Value of kernel parameter NAME for jail record J, or KeyError for an unknown parameter."""
    p = j["params"]
    if name == "jid":
        return j["jid"]
    if name == "name":
        return j["name"]
    if name == "cpuset.id":
        return j["jid"] + 1
    if name == "osrelease":
        return p.get("osrelease", common.version()[0])
    if name == "osreldate":
        return int(p.get("osreldate", osreldate()))
    if name in p:
        return p[name]
    if name == "path":
        return "/"
    if name == "host.hostname":
        return common.hostname()
    if name in BOOL_DEFAULTS or name.startswith("allow.") and name in all_param_names():
        return BOOL_DEFAULTS.get(name, False)
    if name in JAILSYS:
        if name == "vnet":
            return "inherit"
        if name in ("ip4", "ip6"):
            addrs = p.get(name + ".addr") or []
            if addrs:
                return "new"
            return "inherit" if p.get("vnet") == "new" else "disable"
        if name == "host":
            return "new"
        return "disable"
    if name in LIST_PARAMS:
        return []
    if name in INT_PARAMS:
        return INT_PARAMS[name]
    if name in STR_PARAMS:
        return STR_PARAMS[name]
    if name in STR_PARAMS_15 and common.version()[1] >= 15:
        return STR_PARAMS_15[name]
    raise KeyError(name)


def ip4(j):
    return list(j["params"].get("ip4.addr") or [])


def ip6(j):
    return list(j["params"].get("ip6.addr") or [])


# ----------------------------------------------------------------------------------------------------------------
# jls


def _quote(value):
    if value == "":
        return '""'
    qc = '"' if "'" in value else "'" if '"' in value else '"' if (" " in value or "\t" in value) else ""
    if not qc:
        return value
    return qc + "".join("\\" + c if c in ("\\", qc) else c for c in value) + qc


def _text(name, value, nflag, quote):
    kind = param_kind(name)
    if kind == "bool":
        if nflag:
            head, dot, tail = name.rpartition(".")
            return name if value else head + dot + "no" + tail
        return "true" if value else "false"
    if kind == "list":
        s = ",".join(value)
        if nflag and not s and not quote:
            return ""
    else:
        s = str(value)
    if quote:
        return _quote(s)
    if s == "" and not nflag:
        return "-"
    if s == "" and nflag:
        return '""'
    return s


def jls_main(argv):
    common.apply_faults("jls")
    _, major, _ = common.version()
    args = argv[1:]
    flags = set()
    jarg = None
    libxo = None
    while args:
        a = args[0]
        if a.startswith("--libxo"):
            args.pop(0)
            if "=" in a:
                libxo = a.split("=", 1)[1]
            elif a == "--libxo":
                if not args:
                    common.err("jls", "missing libxo option")
                libxo = args.pop(0)
            else:
                libxo = a[len("--libxo"):].lstrip(":")
            continue
        if not a.startswith("-") or a == "-" or a == "--":
            if a == "--":
                args.pop(0)
            break
        args.pop(0)
        k = 1
        while k < len(a):
            c = a[k]
            if c == "j":
                jarg = a[k + 1:] or (args.pop(0) if args else None)
                if jarg is None:
                    sys.stderr.write("jls: option requires an argument -- j\n")
                    _jls_usage()
                break
            if c not in "dhNnqsv" or (c == "c" and major < 15):
                sys.stderr.write("jls: illegal option -- %s\n" % c)
                _jls_usage()
            flags.add(c)
            k += 1
    if "s" in flags:
        flags |= {"n", "q"}
    params = args
    with common.Locked():
        state = load()
    inside = bool(os.environ.get("FAKEBSD_JAIL"))
    jails = [] if inside else sorted(state["jails"], key=lambda j: j["jid"])
    if jarg is not None:
        j = None if inside else lookup(state, jarg)
        if j is None:
            common.err("jls", not_found_text(jarg))
        jails = [j]
    for p in params:
        if p not in all_param_names():
            common.err("jls", "unknown parameter: %s" % p)
    if "n" in flags and not params:
        params = all_param_names()
        if "s" in flags:
            params = [p for p in params if p not in READ_ONLY]
    if libxo:
        return _jls_libxo(jails, flags, params, libxo, major)
    out = []
    if params:
        if "h" in flags:
            out.append(" ".join(params))
        for j in jails:
            row = []
            for p in params:
                v = _text(p, param_value(j, p), "n" in flags, "q" in flags)
                row.append("%s=%s" % (p, v) if "n" in flags and param_kind(p) != "bool" else v)
            out.append(" ".join(row))
    elif "v" in flags:
        out += ["   JID  Hostname                      Path", "        Name                          State",
                "        CPUSetID", "        IP Address(es)"]
        for j in jails:
            out.append("%6d  %-29.29s %.74s" % (j["jid"], param_value(j, "host.hostname"), param_value(j, "path")))
            out.append("        %-29.29s %s" % (j["name"], "ACTIVE"))
            out.append("        %d" % param_value(j, "cpuset.id"))
            for a in ip4(j) + ip6(j):
                out.append("        " + a)
    elif "N" in flags:
        out.append(" JID             IP Address      Hostname                      Path")
        for j in jails:
            out.append(" %-15s %-15.15s %-29.29s %.74s" % (j["name"], (ip4(j) or [""])[0],
                                                         param_value(j, "host.hostname"), param_value(j, "path")))
    else:
        out.append("   JID  IP Address      Hostname                      Path")
        for j in jails:
            out.append("%6d  %-15.15s %-29.29s %.74s" % (j["jid"], (ip4(j) or [""])[0],
                                                       param_value(j, "host.hostname"), param_value(j, "path")))
    sys.stdout.write("".join(line + "\n" for line in out))
    return 0


def _jls_usage():
    sys.stderr.write("usage: jls [-dhNnqv] [-j jail] [param ...]\n")
    sys.exit(1)


def _jls_libxo(jails, flags, params, spec, major):
    import json
    pretty = "pretty" in spec.split(",")
    if "json" not in spec.split(","):
        common.err("jls", "only the json libxo style is simulated")
    v3 = major >= 14
    objs = []
    for j in jails:
        o = []
        if params:
            for p in params:
                v = param_value(j, p)
                kind = param_kind(p)
                if kind == "bool":
                    o.append((p, bool(v)))
                elif kind == "list":
                    o.append((p, list(v)))
                else:
                    o.append((p, str(v)))
        elif "v" in flags:
            o += [("jid", j["jid"]), ("hostname", param_value(j, "host.hostname")), ("path", param_value(j, "path")),
                  ("name", j["name"]), ("state", "ACTIVE"), ("cpusetid", param_value(j, "cpuset.id"))]
            o.append(("ipv4-addrs" if v3 else "ipv4_addrs", ip4(j)))
            o.append(("ipv6-addrs" if v3 else "ipv6_addrs", ip6(j)))
        else:
            o.append(("name", j["name"]) if "N" in flags else ("jid", j["jid"]))
            o += [("ipv4", (ip4(j) or [""])[0]), ("hostname", param_value(j, "host.hostname")),
                  ("path", param_value(j, "path"))]
        objs.append(o)
    version = "3" if v3 else "2"
    if pretty:
        lines = ["{", '  "__version": "%s",' % version, '  "jail-information": {', '    "jail": [']
        for n, o in enumerate(objs):
            lines.append("      {")
            for m, (k, v) in enumerate(o):
                lines.append('        %s: %s%s' % (json.dumps(k), json.dumps(v), "," if m < len(o) - 1 else ""))
            lines.append("      }" + ("," if n < len(objs) - 1 else ""))
        lines += ["    ]", "  }", "}"]
        sys.stdout.write("\n".join(lines) + "\n")
    else:
        body = ", ".join("{" + ",".join("%s:%s" % (json.dumps(k), json.dumps(v)) for k, v in o) + "}" for o in objs)
        sys.stdout.write('{"__version": "%s", "jail-information": {"jail": [%s]}}\n' % (version, body))
    return 0


# ----------------------------------------------------------------------------------------------------------------
# jexec


def jexec_main(argv):
    common.apply_faults("jexec")
    args = argv[1:]
    user = None
    while args and args[0].startswith("-") and args[0] != "--":
        a = args.pop(0)
        if a in ("-u", "-U"):
            if not args:
                sys.stderr.write("jexec: option requires an argument -- %s\n" % a[1])
                _jexec_usage()
            user = (a[1], args.pop(0))
        elif a == "-l":
            pass
        else:
            sys.stderr.write("jexec: illegal option -- %s\n" % a[1:2])
            _jexec_usage()
    if args and args[0] == "--":
        args.pop(0)
    if not args:
        _jexec_usage()
    key = args.pop(0)
    with common.Locked():
        state = load()
    j = None if os.environ.get("FAKEBSD_JAIL") else lookup(state, key)
    if j is None:
        common.err("jexec", not_found_text(key))
    if not common.is_root():
        common.err("jexec", "jail_attach(%d): Operation not permitted" % j["jid"])
    if user is not None:
        _as_user(user, j["name"])
    root = common.host_path(param_value(j, "path"))
    if common.is_root() and not common.HOST_ROOT:
        _enter(root, param_value(j, "host.hostname") or j["name"])
    try:
        os.chdir(root)
    except OSError:
        os.chdir("/")
    os.environ["FAKEBSD_JAIL"] = j["name"]
    if not args:
        args = ["/bin/sh"]
    sys.stdout.flush()
    try:
        os.execvp(args[0], args)
    except OSError as e:
        common.err("jexec", "execvp: %s: %s" % (args[0], e.strerror))


# What a process attached to a jail sees of its root, short of a chroot (the machine's binaries and libraries must
# stay reachable): the jail root's configuration and local software bound over the host's, in a mount namespace of
# its own, and the jail's hostname in a UTS namespace of its own. So a file written through jexec (copy, template)
# lands in the jail root, and hostname(1) prints the jail's. The simulated commands reach the jail's files through
# its path under the host's root either way ($FAKEBSD_JAIL), also where this is not possible (tests without root).
JAIL_BINDS = ("etc", "usr/local", "root")


def _as_user(user, jail):
    """-u USER (the host's password database) or -U USER (the jail's): jexec.c's GET_USER_INFO. The simulation
    records the user in $FAKEBSD_USER rather than changing the process's uid (see users.py)."""
    from . import users
    flag, name = user
    if flag == "U":
        os.environ["FAKEBSD_JAIL"] = jail
    pw = users.lookup(name)
    os.environ.pop("FAKEBSD_JAIL", None)
    if pw is None:
        common.err("jexec", "%s: no such user" % name)
    if pw[0] == "root":
        os.environ.pop("FAKEBSD_USER", None)
    else:
        os.environ["FAKEBSD_USER"] = pw[0]


# Directories a package gives a user of the jail (its home), bound like JAIL_BINDS when the jail root has them.
JAIL_HOMES = ("var/db/postgres",)


def _enter(root, hostname):
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    clone_newns, clone_newuts, ms_bind, ms_rec, ms_private = 0x00020000, 0x04000000, 4096, 16384, 1 << 18
    if libc.unshare(clone_newns | clone_newuts) != 0:
        return  # no namespaces here: the commands still find the jail's files through $FAKEBSD_JAIL
    libc.mount(b"none", b"/", None, ms_rec | ms_private, None)
    for d in JAIL_BINDS:
        src = os.path.join(root, d)
        try:
            os.makedirs(src, exist_ok=True)
        except OSError:
            continue
        libc.mount(src.encode(), ("/" + d).encode(), None, ms_bind | ms_rec, None)
    for d in JAIL_HOMES:
        src = os.path.join(root, d)
        if os.path.isdir(src):
            os.makedirs("/" + d, exist_ok=True)  # the mount point, on the host
            libc.mount(src.encode(), ("/" + d).encode(), None, ms_bind | ms_rec, None)
    # the jail's userland su (FreeBSD's, simulated) over the machine's, in this namespace only
    lib = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    su = os.path.join(os.path.dirname(lib), "bin", "su")
    if os.path.exists(su) and os.path.exists("/usr/bin/su"):
        os.environ["FAKEBSD_LIB"] = lib
        libc.mount(su.encode(), b"/usr/bin/su", None, ms_bind, None)
    name = hostname.encode()
    libc.sethostname(name, len(name))


def _jexec_usage():
    sys.stderr.write("usage: jexec [-l] [-u username | -U username] jail [command ...]\n")
    sys.exit(1)
