"""service(8) with the rc.d scripts drover drives: jail (libexec/rc/rc.d/jail 14.x), pf, netif; rc.subr's
enable/disable/enabled/one*/force* handling. rc.conf files are read by parsing NAME=VALUE lines (quotes, comments).
"""
import os
import sys

from . import common
from . import rcscripts

RC_DEFAULTS = {
    "jail_enable": "NO", "jail_conf": "/etc/jail.conf", "jail_list": "", "jail_flags": "", "jail_reverse_stop": "NO",
    "pf_enable": "NO", "pf_rules": "/etc/pf.conf", "pf_flags": "", "pf_program": "/sbin/pfctl",
    "cloned_interfaces": "", "network_interfaces": "auto", "local_startup": "/usr/local/etc/rc.d",
}
SERVICES = {"jail": "jail_enable", "pf": "pf_enable", "netif": None}
BIN = os.path.dirname(os.path.realpath(sys.argv[0] if sys.argv and sys.argv[0] else __file__))


def rc_files():
    return ["/etc/defaults/rc.conf", "/etc/rc.conf", "/etc/rc.conf.local"]


def parse_rc(text, into):
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[7:].strip()
        name, eq, rest = line.partition("=")
        if not eq or not name.replace("_", "a").isalnum():
            continue
        value = []
        k = 0
        quote = None
        while k < len(rest):
            c = rest[k]
            if quote:
                if c == quote:
                    quote = None
                elif c == "\\" and quote == '"' and k + 1 < len(rest):
                    k += 1
                    value.append(rest[k])
                else:
                    value.append(c)
            elif c in "\"'":
                quote = c
            elif c in " \t;":
                break
            elif c == "\\" and k + 1 < len(rest):
                k += 1
                value.append(rest[k])
            else:
                value.append(c)
            k += 1
        into[name] = "".join(value)
    return into


def rc_conf(service=None):
    conf = dict(RC_DEFAULTS)
    files = rc_files() + (["/etc/rc.conf.d/" + service] if service else [])
    for f in files:
        try:
            with open(rcscripts.path(f)) as fh:
                parse_rc(fh.read(), conf)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            pass
    return conf


def checkyesno(conf, var):
    v = conf.get(var, "")
    if v.upper() in ("YES", "TRUE", "ON", "1"):
        return True
    if v.upper() not in ("NO", "FALSE", "OFF", "0"):
        sys.stderr.write("/etc/rc.d: WARNING: $%s is not set properly - see rc.conf(5).\n" % var)
    return False


def tool(name):
    """A sibling simulated command (or the one on PATH when this helper's bin has none, e.g. pfctl)."""
    path = os.path.join(BIN, name)
    return path if os.path.exists(path) else name


def run(argv, capture=False, quiet=False):
    import subprocess
    sys.stdout.flush()
    kw = {}
    if capture:
        kw = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT}
    elif quiet:
        kw = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    try:
        p = subprocess.run(argv, **kw)
    except OSError as e:
        msg = "%s: %s\n" % (argv[0], e.strerror)
        if capture:
            return 127, msg
        if not quiet:
            sys.stderr.write(msg)
        return 127
    if capture:
        return p.returncode, p.stdout.decode(errors="replace")
    return p.returncode


def out(text):
    sys.stdout.write(text)
    sys.stdout.flush()


def main(argv):
    common.apply_faults("service")
    args = argv[1:]
    while args and args[0].startswith("-"):
        a = args.pop(0)
        if a == "-j":
            if not args:
                return usage()
            jail = args.pop(0)
            # service(8): exec jexec -l -U root JAIL service ARGS (a missing jail: jexec's own error)
            return run([tool("jexec"), "-l", "-U", "root", jail, tool("service")] + args)
        elif a == "-e":
            for name, var in sorted(SERVICES.items()):
                if var is None or checkyesno(rc_conf(name), var):
                    out("/etc/rc.d/%s\n" % name)
            return 0
        elif a == "-l":
            out("".join(n + "\n" for n in sorted(SERVICES)))
            return 0
        elif a == "-v":
            pass
        else:
            return usage()
    if len(args) < 2:
        return usage()
    name, action, rest = args[0], args[1], args[2:]
    installed = None if name in SERVICES else rcscripts.find(name)
    if installed:
        return rcscripts.command(installed[0], installed[1], action, rest, sys.modules[__name__])
    if name not in SERVICES:
        out("%s does not exist in /etc/rc.d or the local startup\n"
            "directories (/usr/local/etc/rc.d), or is not executable\n" % name)
        return 1
    return rc_command(name, action, rest)


def usage():
    sys.stderr.write("usage: service [-j <jail name or id>] -e\n"
                     "       service [-j <jail name or id>] -R\n"
                     "       service [-j <jail name or id>] [-v] -l | -r\n"
                     "       service [-j <jail name or id>] [-v] <rc.d script> start|stop|etc.\n"
                     "       service -h\n")
    return 1


COMMANDS = {
    "jail": ("start", "stop", "restart", "status"),
    "pf": ("start", "stop", "restart", "status", "check", "reload", "resync"),
    "netif": ("start", "stop", "restart", "status"),
}


def rc_command(name, action, rest):
    """rc.subr run_rc_command: prefixes, rcvar check, enable/disable, then the script's own command."""
    rcvar = SERVICES[name]
    conf = rc_conf(name)
    prefix = ""
    for p in ("fast", "force", "one", "quiet"):
        if action.startswith(p) and action[len(p):] in COMMANDS[name]:
            prefix, action = p, action[len(p):]
            break
    generic = ("rcvar", "enable", "disable", "delete", "enabled", "describe", "extracommands")
    if action not in COMMANDS[name] + generic:
        sys.stderr.write("Usage: /etc/rc.d/%s [fast|force|one|quiet](%s)\n"
                         % (name, "|".join(COMMANDS[name][:3] + ("rcvar", "enable", "disable", "delete", "enabled",
                                                                 "describe", "extracommands") + COMMANDS[name][3:])))
        return 1
    if action in ("enable", "disable", "delete"):
        if rcvar is None:
            return 0
        if not common.is_root():
            sys.stderr.write("sysrc: /etc/rc.conf: Permission denied\n")
            return 1
        path = write_rcvar(rcvar, "YES" if action == "enable" else "NO" if action == "disable" else None)
        out("%s %s in %s\n" % (name, {"enable": "enabled", "disable": "disabled", "delete": "deleted"}[action], path))
        return 0
    if action == "enabled":
        return 0 if rcvar is None or checkyesno(conf, rcvar) else 1
    if action == "rcvar":
        if rcvar:
            out("# %s\n#\n%s=\"%s\"\n#   (default: \"%s\")\n" % (name, rcvar, conf.get(rcvar, ""),
                                                                 RC_DEFAULTS.get(rcvar, "")))
        return 0
    if action in ("describe", "extracommands"):
        return 0
    if rcvar and prefix not in ("one", "force") and not checkyesno(conf, rcvar):
        if prefix == "quiet":
            return 0
        out("Cannot '%s' %s. Set %s to YES in /etc/rc.conf or use 'one%s' instead of '%s'.\n"
            % (action, name, rcvar, action, action))
        return 0
    return globals()["%s_%s" % (name, "restart" if action == "restart" else action)](conf, rest, prefix)


def write_rcvar(var, value):
    """sysrc VAR=VALUE on the rc.conf file that sets it (default /etc/rc.conf), written atomically."""
    target = "/etc/rc.conf"
    for f in ("/etc/rc.conf", "/etc/rc.conf.local"):
        try:
            with open(rcscripts.path(f)) as fh:
                if var in parse_rc(fh.read(), {}):
                    target = f
                    break
        except FileNotFoundError:
            pass
    real = rcscripts.path(target)
    try:
        with open(real) as fh:
            lines = fh.read().splitlines()
    except FileNotFoundError:
        lines = []
    new = []
    done = False
    for line in lines:
        if var in parse_rc(line, {}):
            if value is not None and not done:
                new.append('%s="%s"' % (var, value))
                done = True
            continue
        new.append(line)
    if value is not None and not done:
        new.append('%s="%s"' % (var, value))
    os.makedirs(os.path.dirname(real), exist_ok=True)
    tmp = real + ".tmp.%d" % os.getpid()
    with open(tmp, "w") as fh:
        fh.write("".join(line + "\n" for line in new))
    os.replace(tmp, real)
    return target


# ------------------------------------------------------------------------------------------------------------------
# rc.d/jail


def _jail_names(conf, rest):
    if rest:
        return rest
    if conf.get("jail_list", "").split():
        return conf["jail_list"].split()
    return ["_ALL"]


def _jail_conf_for(conf, j):
    for cand in ("/etc/jail.%s.conf" % j, "/etc/jail.conf.d/%s.conf" % j):
        if os.access(common.host_path(cand), os.R_OK):
            return cand
    return conf.get("jail_conf") or "/etc/jail.conf"


def _jls_has(j):
    return run([tool("jls"), "-j", j], quiet=True) == 0


def jail_start(conf, rest, prefix):
    names = _jail_names(conf, rest)
    out("Starting jails:")
    if names == ["_ALL"]:
        status, text = run([tool("jail"), "-f", conf.get("jail_conf") or "/etc/jail.conf", "-c"], capture=True)
        if status == 0:
            _, listing = run([tool("jls"), "name"], capture=True)
            for n in listing.split():
                out(" " + n)
        else:
            out(text)
        out(".\n")
        return 0
    for j in names:
        j = j.replace("/", "_").replace(".", "_")
        status, text = run([tool("jail"), "-f", _jail_conf_for(conf, j), "-c", j], capture=True)
        if status == 0:
            out(" " + j)
        else:
            out(' cannot start jail  "%s": \n' % j)
            out(text)
    out(".\n")
    return 0


def jail_stop(conf, rest, prefix):
    names = _jail_names(conf, rest)
    out("Stopping jails:")
    if names == ["_ALL"]:
        _, listing = run([tool("jls"), "name"], capture=True)
        running = listing.split()
        if checkyesno(conf, "jail_reverse_stop"):
            running.reverse()
        for j in running:
            out(" " + j)
            status, text = run([tool("jail"), "-f", conf.get("jail_conf") or "/etc/jail.conf", "-r", j], capture=True)
            if _jls_has(j):
                out(text)
        out(".\n")
        return 0
    if not rest and checkyesno(conf, "jail_reverse_stop"):
        names = list(reversed(names))
    for j in names:
        j = j.replace("/", "_").replace(".", "_")
        if not _jls_has(j):
            continue
        out(" " + j)
        status, text = run([tool("jail"), "-q", "-f", _jail_conf_for(conf, j), "-r", j], capture=True)
        if _jls_has(j):
            out(text)
    out(".\n")
    return 0


def jail_restart(conf, rest, prefix):
    jail_stop(conf, rest, prefix)
    return jail_start(conf, rest, prefix)


def jail_status(conf, rest, prefix):
    return run([tool("jls"), "-N"])


# ------------------------------------------------------------------------------------------------------------------
# rc.d/pf


def _pf_rules_ok(conf, prefix):
    rules = conf.get("pf_rules") or "/etc/pf.conf"
    if prefix != "force" and not os.access(common.host_path(rules), os.R_OK):
        sys.stderr.write("/etc/rc.d/pf: WARNING: %s is not readable.\n" % rules)
        return False
    return True


def _pf(*args, **kw):
    return run([tool("pfctl")] + list(args), **kw)


def _pf_enabled():
    status, text = _pf("-s", "info", capture=True)
    return status == 0 and "Enabled" in text


def pf_start(conf, rest, prefix):
    if not _pf_rules_ok(conf, prefix):
        return 1
    rules = conf.get("pf_rules") or "/etc/pf.conf"
    out("Enabling pf")
    _pf("-F", "all", quiet=True)
    _pf("-f", rules, *conf.get("pf_flags", "").split())
    if not _pf_enabled():
        _pf("-eq")
    out(".\n")
    return 0


def pf_stop(conf, rest, prefix):
    if _pf_enabled():
        out("Disabling pf")
        _pf("-dq")
        out(".\n")
    return 0


def pf_restart(conf, rest, prefix):
    pf_stop(conf, rest, prefix)
    return pf_start(conf, rest, prefix)


def pf_check(conf, rest, prefix):
    out("Checking pf rules.\n")
    return _pf("-n", "-f", conf.get("pf_rules") or "/etc/pf.conf")


def pf_reload(conf, rest, prefix):
    rules = conf.get("pf_rules") or "/etc/pf.conf"
    out("Reloading pf rules.\n")
    if _pf("-n", "-f", rules) != 0:
        return 1
    _pf("-Fnat", "-Fqueue", "-Frules", "-FSources", "-Finfo", "-FTables", "-Fosfp", quiet=True)
    return _pf("-f", rules, *conf.get("pf_flags", "").split())


def pf_resync(conf, rest, prefix):
    rules = conf.get("pf_rules") or "/etc/pf.conf"
    if _pf("-n", "-f", rules) != 0:
        return 1
    return _pf("-f", rules, *conf.get("pf_flags", "").split())


def pf_status(conf, rest, prefix):
    _pf("-s", "info")
    return _pf("-s", "Running", quiet=True)


# ------------------------------------------------------------------------------------------------------------------
# rc.d/netif: cloned_interfaces and ifconfig_IF[_aliasN|_ipv6] from rc.conf


def _ifconfig(*args, **kw):
    return run([tool("ifconfig")] + list(args), **kw)


def _host_ifaces():
    _, text = _ifconfig("-l", capture=True)
    return text.split()


def _ifcfg(conf, ifn):
    key = "ifconfig_" + "".join(c if c.isalnum() else "_" for c in ifn)
    return key, conf.get(key)


def _configured(conf, ifaces, rest):
    names = rest or ifaces
    return [i for i in names if _ifcfg(conf, i)[1] is not None or i.startswith("lo")]


def netif_stop(conf, rest, prefix):
    ifaces = _host_ifaces()
    cfg = [i for i in _configured(conf, ifaces, rest) if not i.startswith("lo")]
    cloned = [c for c in conf.get("cloned_interfaces", "").split() if not rest or c in rest]
    if cfg:
        for i in cfg:
            _, text = _ifconfig(i, "inet", capture=True)
            for line in text.splitlines():
                words = line.split()
                if len(words) >= 2 and words[0] == "inet":
                    _ifconfig(i, "inet", words[1], "-alias")
        out("Stopping Network:%s.\n" % "".join(" " + i for i in cfg))
    gone = []
    for c in cloned:
        name = c + "a" if c.startswith("epair") and c[-1:].isdigit() else c
        if name in _host_ifaces():
            if _ifconfig(name, "destroy") == 0:
                gone.append(c)
    if gone:
        out("Destroyed clone interfaces:%s.\n" % "".join(" " + c for c in gone))
    return 0


def netif_start(conf, rest, prefix):
    made = []
    for c in conf.get("cloned_interfaces", "").split():
        if rest and c not in rest:
            continue
        status, text = _ifconfig(c, "create", capture=True)
        if status == 0:
            made.append(c)
        elif text:
            sys.stderr.write(text)
    if made:
        out("Created clone interfaces:%s.\n" % "".join(" " + c for c in made))
    ifaces = _host_ifaces()
    cfg = [i for i in _configured(conf, ifaces, rest) if not i.startswith("lo")]
    for i in cfg:
        key, value = _ifcfg(conf, i)
        words = [w for w in (value or "").split() if w.upper() not in ("DHCP", "SYNCDHCP", "NOSYNCDHCP", "WPA")]
        if words:
            _ifconfig(i, *words)
        n = 0
        while conf.get("%s_alias%d" % (key, n)) is not None:
            _ifconfig(i, *(conf["%s_alias%d" % (key, n)].split() + ["alias"]))
            n += 1
        if conf.get(key + "_ipv6"):
            _ifconfig(i, *conf[key + "_ipv6"].split())
        if conf.get(key + "_descr"):
            _ifconfig(i, "description", conf[key + "_descr"])
    if cfg:
        out("Starting Network:%s.\n" % "".join(" " + i for i in cfg))
    return 0


def netif_restart(conf, rest, prefix):
    netif_stop(conf, rest, prefix)
    return netif_start(conf, rest, prefix)


def netif_status(conf, rest, prefix):
    return 0
