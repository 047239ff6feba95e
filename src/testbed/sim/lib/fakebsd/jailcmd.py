"""jail(8) of the simulated host: create/modify/remove from the command line or jail.conf, with exec.* hooks.

Start sequence (usr.sbin/jail/command.c startcommands): exec.prepare, exec.prestart (host), create + 'NAME: created',
exec.created (host), vnet.interface moves, exec.start and command= (inside: cwd = jail root, FAKEBSD_JAIL=NAME),
exec.poststart (host). Stop: exec.prestop (host), exec.stop (inside), remove + 'NAME: removed' (the vnet's
interfaces go home), exec.poststop, exec.release (host). Each exec.* value is one command run by /bin/sh -c.
"""
import os
import sys

from . import common, jails, jailconf, net

PROG = "jail"
DEFAULT_CONF = "/etc/jail.conf"


class JailFailed(Exception):
    pass


def warn(msg):
    sys.stdout.flush()
    sys.stderr.write("jail: %s\n" % msg)
    sys.stderr.flush()


def usage():
    sys.stderr.write("usage: jail [-dhilqv] [-J jid_file] [-u username] [-U username]\n"
                     "            -[cmr] param=value ... [command=command ...]\n"
                     "       jail [-dqv] [-f conf_file] -[cmr] [jail]\n"
                     "       jail [-qv] [-f conf_file] -[rR] ['*' | jail ...]\n"
                     "       jail [-dhilqv] [-J jid_file] [-u username] [-U username]\n"
                     "            [-n jailname] [-s securelevel]\n"
                     "            path hostname ip[,...] command ...\n"
                     "       jail [-f conf_file] -e separator\n")
    sys.exit(1)


class Opts:
    def __init__(self):
        self.ops = set()
        self.quiet = False
        self.verbose = False
        self.iflag = False
        self.cfname = None
        self.esep = None


def main(argv):
    common.apply_faults(PROG)
    o = Opts()
    args = argv[1:]
    while args and args[0].startswith("-") and len(args[0]) > 1:
        a = args.pop(0)
        if a == "--":
            break
        k = 1
        while k < len(a):
            c = a[k]
            if c in "efJnpsuU":
                val = a[k + 1:] or (args.pop(0) if args else None)
                if val is None:
                    sys.stderr.write("jail: option requires an argument -- %s\n" % c)
                    usage()
                if c == "f":
                    o.cfname = val
                elif c == "e":
                    o.esep = val
                break
            if c in "cmrR":
                o.ops.add(c)
            elif c == "q":
                o.quiet = True
            elif c == "v":
                o.verbose = True
            elif c == "i":
                o.iflag = True
                o.quiet = True
            elif c in "dhl":
                pass
            else:
                sys.stderr.write("jail: illegal option -- %s\n" % c)
                usage()
            k += 1
    if o.esep is not None:
        return list_config(o)
    if not o.ops:
        usage()
    cmdline = bool(o.ops & {"c", "m"}) and any("=" in a for a in args)
    if os.environ.get("FAKEBSD_JAIL") and o.ops & {"c"}:
        warn("jail_set: Operation not permitted")
        return 1
    if cmdline:
        return run_cmdline(o, args)
    return run_config(o, args)


# ----------------------------------------------------------------------------------------------------------------
# Parameters


def cmdline_resolved(args):
    r = jailconf.Resolved(None)
    k = 0
    while k < len(args):
        a = args[k]
        name, eq, value = a.partition("=")
        if name == "command":
            r.params.append(("command", [value] + args[k + 1:]))
            break
        vals = [value] if eq else []
        for n, (pname, pvals) in enumerate(r.params):
            if jailconf._base(pname) == jailconf._base(name):
                r.params[n] = (name, (pvals + vals) if jailconf.is_internal(name) else vals)
                break
        else:
            r.params.append((name, vals))
        k += 1
    r.name = r.string("name")
    return r


def kernel_params(r):
    """The kernel-side parameters of a resolved jail; raises JailFailed('unknown parameter: X')."""
    out = {}
    for name, vals in r.params:
        if jailconf.is_internal(name) or name in ("name", "jid", ".include"):
            continue
        base = jailconf._base(name)
        kind = jails.param_kind(base)
        if base not in jails.all_param_names() and not base.startswith("allow."):
            raise JailFailed("unknown parameter: %s" % name)
        if kind == "bool":
            out[base] = jailconf.bool_param((name, vals))
        elif kind == "jailsys":
            v = (vals[-1] if vals else "new").lower()
            numeric = {"0": "disable", "1": "new", "2": "inherit", "true": "new", "false": "disable"}
            if v in ("new", "inherit", "disable"):
                out[base] = v
            elif v in numeric:
                out[base] = numeric[v]
            else:
                raise JailFailed("%s: unknown jailsys value \"%s\"" % (name, vals[-1]))
            if name != base:
                out[base] = "disable"
        elif kind == "list":
            addrs = []
            for v in vals:
                for a in v.split(","):
                    a = a.strip()
                    if a:
                        addrs.append(a.split("|", 1)[-1].split("/")[0].split(" ")[0])
            out[base] = addrs
        elif kind == "int":
            v = vals[-1] if vals else ""
            try:
                out[base] = int(v)
            except ValueError:
                raise JailFailed("%s: invalid integer \"%s\"" % (name, v))
        else:
            out[base] = vals[-1] if vals else ""
    if out.get("ip4.addr") and "ip4" not in out:
        out["ip4"] = "new"
    if out.get("ip6.addr") and "ip6" not in out:
        out["ip6"] = "new"
    return out


def internal_params(r):
    return {name: list(vals) for name, vals in r.params if jailconf.is_internal(name)}


# ----------------------------------------------------------------------------------------------------------------
# Running commands


def run_hook(name, r, phase, record, o, inside):
    for cmd in r.values(phase) if r is not None else []:
        if o.verbose:
            print("%s: run command%s: %s" % (name, " in jail" if inside else "", cmd))
        if run_sh(cmd, record if inside else None) != 0:
            raise JailFailed("%s: failed" % cmd)


RC_SCRIPTS = ("/etc/rc", "/etc/rc.shutdown")


def jail_rc(cmd, root):
    """'/bin/sh /etc/rc[.shutdown] [args]' inside a jail means the jail's own rc: run ROOT/etc/rc when the jail's
    root has one, else succeed quietly (a simulated jail has no userland of its own). None for other commands."""
    words = cmd.split()
    if len(words) < 2 or words[0] not in ("/bin/sh", "sh") or words[1] not in RC_SCRIPTS:
        return None
    script = os.path.join(root, words[1].lstrip("/"))
    if not os.path.isfile(script):
        return ""
    import shlex
    return " ".join([words[0], shlex.quote(script)] + words[2:])


def run_sh(cmd, record):
    import subprocess
    env = dict(os.environ)
    cwd = None
    if record is not None:
        env["FAKEBSD_JAIL"] = record["name"]
        root = common.host_path(jails.param_value(record, "path"))
        cwd = root if os.path.isdir(root) else "/"
        rc = jail_rc(cmd, cwd)
        if rc == "":
            return 0
        if rc is not None:
            cmd = rc
    else:
        env.pop("FAKEBSD_JAIL", None)
    sys.stdout.flush()
    sys.stderr.flush()
    return subprocess.run(["/bin/sh", "-c", cmd], cwd=cwd, env=env).returncode


def run_argv(argv, record):
    import subprocess
    env = dict(os.environ)
    env["FAKEBSD_JAIL"] = record["name"]
    root = common.host_path(jails.param_value(record, "path"))
    sys.stdout.flush()
    try:
        return subprocess.run(argv, cwd=root if os.path.isdir(root) else "/", env=env).returncode
    except OSError as e:
        warn("%s: %s: %s" % (record["name"], argv[0], e.strerror))
        return 1


# ----------------------------------------------------------------------------------------------------------------
# Create


def create(r, o, cfname):
    """Creates jail R (a jailconf.Resolved). Returns 0 or 1; messages as jail(8) prints them."""
    name = r.name
    if r.errors:
        for e in r.errors:
            warn("%s: %s" % (name, e))
        return 1
    if not common.is_root():
        warn(("%s: " % name if cfname else "") + "jail_set: Operation not permitted")
        return 1
    try:
        kparams = kernel_params(r)
    except JailFailed as e:
        warn(("%s: " % name if cfname else "") + str(e))
        return 1
    with common.Locked():
        state = jails.load()
        if name and jails.lookup(state, name):
            warn('"%s" already exists' % name)
            return 1
        if name and "." in name:
            parent = name.rsplit(".", 1)[0]
            if jails.lookup(state, parent) is None:
                warn('%s: jail "%s" not found' % (name, parent))
                return 1
    path = kparams.get("path", "/")
    real = common.host_path(path)
    if not os.path.exists(real):
        warn("%s: path %s: No such file or directory" % (name, path))
        return 1
    if not os.path.isdir(real):
        warn("%s: path %s: Not a directory" % (name, path))
        return 1
    try:
        run_hook(name, r, "exec.prepare", None, o, False)
        run_hook(name, r, "exec.prestart", None, o, False)
    except JailFailed as e:
        warn("%s: %s" % (name, e))
        return 1
    with common.Locked():
        state = jails.load()
        if name and jails.lookup(state, name):
            warn('"%s" already exists' % name)
            return 1
        jid = state["last_jid"] + 1
        used = {j["jid"] for j in state["jails"]}
        while jid in used:
            jid += 1
        state["last_jid"] = jid
        if not name:
            name = str(jid)
        record = {"jid": jid, "name": name, "params": kparams, "internal": internal_params(r), "conf": cfname}
        state["jails"].append(record)
        if kparams.get("vnet") == "new":
            nstate = net.load()
            net.vnet_create(nstate, name)
            net.save(nstate)
        jails.save(state)
    if o.verbose:
        print("%s: jail_set(JAIL_CREATE) %s" % (name, " ".join(
            "%s=%s" % (k, ",".join(v) if isinstance(v, list) else v) for k, v in sorted(kparams.items()))))
    if o.iflag:
        print(jid)
    elif cfname and not o.quiet:
        print("%s: created" % name)
    try:
        run_hook(name, r, "exec.created", None, o, False)
        for ifname in r.values("vnet.interface"):
            if not vnet_move(record, ifname):
                raise JailFailed("/sbin/ifconfig %s vnet %s: failed" % (ifname, name))
        run_hook(name, r, "exec.start", record, o, True)
        command = r.values("command")
        if command:
            if run_argv(command, record) != 0:
                raise JailFailed("%s: failed" % " ".join(command))
        run_hook(name, r, "exec.poststart", None, o, False)
    except JailFailed as e:
        warn("%s: %s" % (name, e))
        destroy(record)
        try:
            run_hook(name, r, "exec.poststop", None, o, False)
        except JailFailed as e2:
            warn("%s: %s" % (name, e2))
        return 1
    if not kparams.get("persist") and not r.values("exec.start") and not r.values("command"):
        destroy(record)  # nothing keeps a non-persistent jail alive
    return 0


def vnet_move(record, ifname):
    from .ifconfig import vnet_of
    with common.Locked():
        nstate = net.load()
        i = net.find(nstate["vnets"].get("", []), ifname)
        if i is None:
            sys.stderr.write("ifconfig: interface %s does not exist\n" % ifname)
            return False
        dst = vnet_of(record)
        if dst == "":
            sys.stderr.write("ifconfig: SIOCSIFVNET: File exists\n")
            return False
        net.move(nstate, i, "", dst)
        net.save(nstate)
    return True


def destroy(record):
    with common.Locked():
        state = jails.load()
        state["jails"] = [j for j in state["jails"] if j["jid"] != record["jid"]]
        nstate = net.load()
        if record["name"] in nstate["vnets"]:
            net.vnet_destroy(nstate, record["name"])
            net.save(nstate)
        jails.save(state)


# ----------------------------------------------------------------------------------------------------------------
# Remove / modify


def remove(record, r, o, note, run_hooks=True):
    name = record["name"]
    if not common.is_root():
        warn("%s: jail_remove: Operation not permitted" % name)
        return 1
    status = 0
    try:
        if run_hooks:
            run_hook(name, r, "exec.prestop", None, o, False)
            run_hook(name, r, "exec.stop", record, o, True)
    except JailFailed as e:
        warn("%s: %s" % (name, e))
        status = 1
    destroy(record)
    if note and not o.quiet:
        print("%s: removed" % name)
    try:
        if run_hooks:
            run_hook(name, r, "exec.poststop", None, o, False)
            run_hook(name, r, "exec.release", None, o, False)
    except JailFailed as e:
        warn("%s: %s" % (name, e))
        status = 1
    return status


def modify(record, r, o, note):
    name = record["name"]
    try:
        kparams = kernel_params(r)
    except JailFailed as e:
        warn(("%s: " % name if note else "") + str(e))
        return 1
    for p in jails.IMMUTABLE:
        if p in kparams and kparams[p] != jails.param_value(record, p):
            warn("%s: %s cannot be changed after creation" % (name, p))
            return 1
    if not common.is_root():
        warn(("%s: " % name if note else "") + "jail_set: Operation not permitted")
        return 1
    with common.Locked():
        state = jails.load()
        for j in state["jails"]:
            if j["jid"] == record["jid"]:
                j["params"].update(kparams)
                j["internal"].update(internal_params(r))
        jails.save(state)
    if note and not o.quiet:
        print("%s: updated" % name)
    return 0


# ----------------------------------------------------------------------------------------------------------------
# Modes


def run_cmdline(o, args):
    r = cmdline_resolved(args)
    if "c" in o.ops and "m" not in o.ops:
        return create(r, o, None)
    with common.Locked():
        record = jails.lookup(jails.load(), r.name or r.string("jid") or "")
    if record is None:
        if "c" in o.ops:
            return create(r, o, None)
        if not o.quiet:
            warn('"%s" not found' % (r.name or r.string("jid")))
        return 1
    if "r" in o.ops:
        status = remove(record, None, o, False)
        return status or create(r, o, None)
    return modify(record, r, o, False)


def load_conf(o):
    cfname = o.cfname or DEFAULT_CONF
    try:
        return cfname, jailconf.resolve(jailconf.parse_file(cfname))
    except jailconf.ConfError as e:
        warn(str(e))
        sys.exit(1)


def run_config(o, args):
    removing = bool(o.ops & {"r", "R"})
    creating = "c" in o.ops
    conf = None
    cfname = None
    if o.cfname or os.path.exists(common.host_path(DEFAULT_CONF)) or not removing:
        cfname, conf = load_conf(o)
    by_name = {r.name: r for r in conf or []}
    with common.Locked():
        state = jails.load()
    names = list(args)
    if names == ["*"]:
        names = [j["name"] for j in sorted(state["jails"], key=lambda j: -j["jid"])]
    elif not names:
        if conf is None:
            usage()
        names = [r.name for r in conf]
        if removing:
            names = [n for n in reversed(names) if jails.lookup(state, n)]
    note = conf is not None or len(names) > 1
    status = 0
    for name in names:
        r = by_name.get(name)
        record = jails.lookup(state, name)
        if removing:
            if record is None:
                if not o.quiet:
                    warn('"%s" not found' % name)
                status = 1
                continue
            status |= remove(record, r, o, note, run_hooks="R" not in o.ops)
            if not creating:
                continue
            with common.Locked():
                state = jails.load()
        if creating:
            if r is None:
                warn('"%s" not found' % name)
                status = 1
                continue
            status |= create(r, o, cfname)
        elif "m" in o.ops:
            if record is None:
                if not o.quiet:
                    warn('"%s" not found' % name)
                status = 1
                continue
            if r is None:
                warn('"%s" not found' % name)
                status = 1
                continue
            status |= modify(record, r, o, True)
    return status


def list_config(o):
    cfname, conf = load_conf(o)
    for r in conf:
        parts = []
        for name, vals in r.params:
            if not vals:
                parts.append(name)
            else:
                parts.append("%s=%s" % (name, ",".join(jails._quote(v) if (" " in v or v == "") else v for v in vals)))
        print(o.esep.join(parts))
    return 0
