"""rc.d scripts installed in a root (ports and packages put theirs in /usr/local/etc/rc.d/NAME): service(8) reads
the script's name=, rcvar= and extra_commands= lines and behaves as rc.subr's run_rc_command does for a daemon
with a pidfile. Inside a jail ($FAKEBSD_JAIL) the jail's own files are used, below its path.
Texts reconstructed from libexec/rc/rc.subr (run_rc_command, _run_rc_notrunning, rcvar output); see the sample
service-rcd-script-reconstructed.txt.
"""
import os
import re
import sys

from . import common

DIRS = ("/etc/rc.d", "/usr/local/etc/rc.d")
ASSIGN = re.compile(r'^\s*(name|rcvar|extra_commands|desc)=(.*)$')
# ': ${nginx_enable="NO"}' or ': ${nginx_enable:=NO}': the script's defaults, set before run_rc_command
DEFAULT = re.compile(r"""^\s*:\s+\$\{([A-Za-z_][A-Za-z0-9_]*)(:?)=("[^"]*"|'[^']*'|[^}]*)\}""")


def root():
    """The root the current process sees: a jail's path (from the jail state) or the host's."""
    jail = os.environ.get("FAKEBSD_JAIL")
    if jail:
        for j in (common.load("jails", {}) or {}).get("jails", []):
            if j.get("name") == jail:
                return j.get("params", {}).get("path", "/").rstrip("/")
    return ""


def path(p):
    """Where absolute path P of the current root lives on the real machine."""
    return common.host_path(root() + p)


def find(name):
    """(script path as the root sees it, parsed lines) for an installed script NAME, or None."""
    if "/" in name or name.startswith("."):
        return None
    for d in DIRS:
        f = d + "/" + name
        try:
            with open(path(f)) as fh:
                return f, parse(fh.read())
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
            continue
    return None


def _unquote(v, name):
    v = v.strip()
    if v.startswith("`") and "set_rcvar" in v:
        return "%s_enable" % name
    v = v.split("#")[0].strip() if not v.startswith(("'", '"')) else v
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
        v = v[1:-1]
    return v.replace("${name}", name).replace("$name", name)


def parse(text):
    raw = {}
    defaults = []
    for line in text.splitlines():
        m = ASSIGN.match(line)
        if m and m.group(1) not in raw:
            raw[m.group(1)] = m.group(2)
        d = DEFAULT.match(line)
        if d:
            defaults.append((d.group(1), d.group(2) == ":", d.group(3)))
    name = _unquote(raw.get("name", ""), "")
    return {"name": name, "defaults": [(_unquote(v, name), colon, _unquote(x, name)) for v, colon, x in defaults], "rcvar": _unquote(raw["rcvar"], name) if "rcvar" in raw else None,
            "extra": _unquote(raw.get("extra_commands", ""), name).split(), "desc": _unquote(raw.get("desc", ""), name)}


def _key(name):
    return (os.environ.get("FAKEBSD_JAIL") or "") + ":" + name


def _pid(name):
    return (common.load("rcscripts", {}) or {}).get(_key(name))


def pid_of(name):
    """The pid of the running daemon of script NAME in the current root, or None."""
    return _pid(name)


def _set_pid(name, running):
    with common.Locked():
        state = common.load("rcscripts", {}) or {}
        if running:
            state["last_pid"] = state.get("last_pid", 1000) + 17
            state[_key(name)] = state["last_pid"]
        else:
            state.pop(_key(name), None)
        common.save("rcscripts", state)
        _pidfile(name, state.get(_key(name)))


def _pidfile(name, pid):
    """The daemon's /var/run/NAME.pid, as the daemon itself writes it on start and removes it on stop."""
    f = path("/var/run/%s.pid" % name)
    try:
        if pid:
            with open(f, "w") as out:
                out.write("%d\n" % pid)
        elif os.path.exists(f):
            os.remove(f)
    except OSError:
        pass  # no /var/run in this root: rc.subr's state above is what service(8) reads


def command(script, info, action, rest, service):
    """run_rc_command for one installed script; service is the service module (rc.conf reading and writing)."""
    name = info["name"] or os.path.basename(script)
    rcvar = info["rcvar"]
    commands = ("start", "stop", "restart") + ("rcvar", "enable", "disable", "delete", "enabled", "describe",
                                                 "extracommands") + tuple(info["extra"]) + ("status", "poll")
    prefix = ""
    for p in ("fast", "force", "one", "quiet"):
        if action.startswith(p) and action[len(p):] in commands:
            prefix, action = p, action[len(p):]
            break
    if action not in commands:
        sys.stderr.write("Usage: %s [fast|force|one|quiet](%s)\n" % (script, "|".join(commands)))
        return 1
    conf = service.rc_conf(name)
    for var, colon, value in info["defaults"]:
        if var not in conf or (colon and conf[var] == ""):
            conf[var] = value
    if action in ("enable", "disable", "delete"):
        if rcvar is None:
            return 0
        target = service.write_rcvar(rcvar, "YES" if action == "enable" else "NO" if action == "disable" else None)
        service.out("%s %s in %s\n" % (name, {"enable": "enabled", "disable": "disabled",
                                              "delete": "deleted"}[action], target))
        return 0
    if action == "enabled":
        return 0 if rcvar is None or service.checkyesno(conf, rcvar) else 1
    if action == "rcvar":
        service.out("# %s%s\n#\n" % (name, " : " + info["desc"] if info["desc"] else ""))
        if rcvar:
            service.out('%s="%s"\n#   (default: "")\n' % (rcvar, conf.get(rcvar, "")))
        service.out("\n")
        return 0
    if action in ("describe", "extracommands"):
        service.out((info["desc"] if action == "describe" else " ".join(info["extra"])) + "\n")
        return 0
    if rcvar and prefix not in ("one", "force") and not service.checkyesno(conf, rcvar):
        if prefix != "quiet":
            service.out("Cannot '%s' %s. Set %s to YES in /etc/rc.conf or use 'one%s' instead of '%s'.\n"
                        % (action, name, rcvar, action, action))
        return 0
    if name == "postgresql":  # its own commands: pg_ctl's texts, and initdb
        from . import postgres
        return postgres.rc(action, _pid(name), lambda up: _set_pid(name, up))
    return _daemon(name, action, prefix)


def _not_running(name):
    sys.stderr.write("%s not running? (check /var/run/%s.pid).\n" % (name, name))
    return 1


def _daemon(name, action, prefix):
    pid = _pid(name)
    if action in ("status", "poll"):
        if action == "poll":
            return 0
        if pid:
            sys.stdout.write("%s is running as pid %d.\n" % (name, pid))
            return 0
        sys.stdout.write("%s is not running.\n" % name)
        return 1
    if action == "start":
        if pid:
            sys.stderr.write("%s already running? (pid=%d).\n" % (name, pid))
            return 1
        if prefix != "quiet":
            sys.stdout.write("Starting %s.\n" % name)
        _set_pid(name, True)
        return 0
    if action == "stop" or action == "restart":
        if not pid:
            status = _not_running(name)
            if action == "stop":
                return status
        else:
            sys.stdout.write("Stopping %s.\nWaiting for PIDS: %d.\n" % (name, pid))
            _set_pid(name, False)
        return _daemon(name, "start", prefix) if action == "restart" else 0
    if action == "reload":
        if not pid:
            return _not_running(name)
        sys.stdout.write("Reloading %s config files.\n" % name)
        return 0
    return 0  # other extra commands: nothing to simulate
