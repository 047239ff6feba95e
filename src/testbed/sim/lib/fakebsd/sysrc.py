"""Simulated sysrc(8): reads and edits the host's real rc.conf files (no JSON state).

Files: rc_conf_files from the defaults (normally "/etc/rc.conf /etc/rc.conf.local"), or the -f FILEs; defaults from
/etc/defaults/rc.conf when the host has one, else the built-in subset below. Every path goes through
common.host_path, so tests point FAKEBSD_ROOT at a directory holding etc/rc.conf. Edits replace the last assignment
of the variable (or append to the first rc.conf file) and are written to a temporary file that is renamed into place.
-j JAIL runs 'jexec JAIL sysrc ...'; under jexec (FAKEBSD_JAIL set) the jail's own files below its path are used;
-R DIR works below DIR.
"""
import os
import sys

from . import common

DEFAULTS_PATH = "/etc/defaults/rc.conf"
BUILTIN_DEFAULTS = """
rc_conf_files="/etc/rc.conf /etc/rc.conf.local"
hostname=""
ifconfig_lo0="inet 127.0.0.1"
cloned_interfaces=""
defaultrouter="NO"
ipv6_defaultrouter="NO"
gateway_enable="NO"
ipv6_gateway_enable="NO"
pf_enable="NO"
pf_rules="/etc/pf.conf"
pf_program="/sbin/pfctl"
pf_flags=""
pf_fallback_rules_enable="NO"
pflog_enable="NO"
pflog_logfile="/var/log/pflog"
pfsync_enable="NO"
firewall_enable="NO"
sshd_enable="NO"
sshd_flags=""
ntpd_enable="NO"
syslogd_enable="YES"
sendmail_enable="NO"
zfs_enable="NO"
kld_list=""
jail_enable="NO"
jail_conf="/etc/jail.conf"
jail_list=""
jail_parallel_start="NO"
jail_reverse_stop="NO"
dumpdev="AUTO"
clear_tmp_enable="NO"
linux_enable="NO"
moused_enable="NO"
devfs_rulesets="/etc/defaults/devfs.rules /etc/devfs.rules"
cron_enable="YES"
""".lstrip()

USAGE = ("Usage: sysrc [OPTIONS] {name[[+|-]=value] ... | -a | -A | --help}\n"
         "Try `sysrc --help' for more information.\n")


class Die(Exception):
    def __init__(self, status):
        super().__init__(status)
        self.status = status


def parse_assignments(text, env=None):
    """[(name, value, line_index)] of the simple sh assignments in TEXT; raises ValueError on unbalanced quotes."""
    env = dict(env or {})
    out = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        start = i
        line = lines[i]
        i += 1
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        eq = stripped.find("=")
        name = stripped[:eq] if eq > 0 else ""
        if not name or not (name[0].isalpha() or name[0] == "_") or \
                not all(c.isalnum() or c == "_" for c in name):
            continue
        rest = stripped[eq + 1:]
        value, pos, quote = "", 0, None
        while True:
            if pos >= len(rest):
                if quote:
                    if i >= len(lines):
                        raise ValueError(start + 1)
                    rest += "\n" + lines[i]
                    i += 1
                    continue
                break
            c = rest[pos]
            if quote == "'":
                if c == "'":
                    quote = None
                else:
                    value += c
            elif c == "\\" and pos + 1 < len(rest) and quote != "'":
                pos += 1
                value += rest[pos]
            elif c == '"':
                quote = None if quote == '"' else '"'
            elif c == "'" and not quote:
                quote = "'"
            elif c == "$" and quote != "'":
                j = pos + 1
                if rest[j:j + 1] == "{":
                    k = rest.find("}", j)
                    var = rest[j + 1:k] if k > 0 else ""
                    pos = k if k > 0 else len(rest)
                else:
                    k = j
                    while k < len(rest) and (rest[k].isalnum() or rest[k] == "_"):
                        k += 1
                    var = rest[j:k]
                    pos = k - 1
                value += env.get(var, "")
            elif not quote and c in " \t;":
                break
            elif not quote and c == "#" and (pos == 0 or rest[pos - 1] in " \t"):
                break
            else:
                value += c
            pos += 1
        env[name] = value
        out.append((name, value, start))
    return out


class Conf:
    def __init__(self, root, files, use_defaults):
        self.root = root
        self.use_defaults = use_defaults
        self.defaults = {}
        self.defaults_file = DEFAULTS_PATH
        if use_defaults:
            text = self.read(DEFAULTS_PATH)
            for name, value, _ in parse_assignments(BUILTIN_DEFAULTS if text is None else text):
                self.defaults[name] = value
        if files is None:
            files = self.defaults.get("rc_conf_files", "/etc/rc.conf /etc/rc.conf.local").split()
            self.explicit = False
        else:
            self.explicit = True
        self.files = files

    def path(self, p):
        if self.root:
            return os.path.join(self.root, p.lstrip("/"))
        return common.host_path(p)

    def read(self, p):
        try:
            with open(self.path(p)) as f:
                return f.read()
        except (FileNotFoundError, NotADirectoryError):
            return None

    def values(self):
        """{name: (value, file)} after sourcing defaults then each file, like sysrc's f_sysrc_get."""
        env = {k: (v, self.defaults_file) for k, v in self.defaults.items()}
        plain = dict(self.defaults)
        for f in self.files:
            text = self.read(f)
            if text is None:
                continue
            try:
                for name, value, _ in parse_assignments(text, plain):
                    env[name] = (value, f)
                    plain[name] = value
            except ValueError as e:
                sys.stderr.write("%s: %d: Syntax error: Unterminated quoted string\n" % (f, e.args[0]))
                sys.stderr.write("sysrc: Exiting due to previous syntax errors\n")
                raise Die(1)
        return env

    def write(self, f, text):
        path = self.path(f)
        tmp = "%s.sysrc.%d" % (path, os.getpid())
        try:
            mode = os.stat(path).st_mode & 0o7777 if os.path.exists(path) else 0o644
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            with open(tmp, "w") as fh:
                fh.write(text)
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        except OSError as e:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            sys.stderr.write("sysrc: %s: %s\n" % (f, e.strerror))
            raise Die(1)

    def set(self, name, value, where):
        """Replaces the last assignment of NAME in file WHERE, or appends one."""
        text = self.read(where) or ""
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("`", "\\`")
        new = '%s="%s"' % (name, escaped)
        idx = [i for n, v, i in parse_assignments(text) if n == name]
        if idx:
            lines[idx[-1]] = new
        else:
            lines.append(new)
        self.write(where, "\n".join(lines) + "\n")

    def delete(self, name):
        removed = False
        for f in self.files:
            text = self.read(f)
            if text is None:
                continue
            idx = {i for n, v, i in parse_assignments(text) if n == name}
            if idx:
                lines = text.split("\n")
                self.write(f, "\n".join(l for i, l in enumerate(lines) if i not in idx))
                removed = True
        return removed


def split_words(value, delim):
    return [w for w in (value.split(delim) if delim != " " else value.split()) if w]


def main(argv):
    common.apply_faults("sysrc")
    try:
        return run(argv[1:])
    except Die as d:
        return d.status


def run(args):
    files = None
    flags = set()
    root = None
    jail = None
    rest = []
    original = list(args)
    while args:
        a = args.pop(0)
        if a == "--":
            rest += args
            break
        if a == "--help":
            sys.stdout.write(USAGE.splitlines()[0] + "\n")
            return 0
        if a.startswith("-") and len(a) > 1 and not rest:
            i = 1
            while i < len(a):
                c = a[i]
                if c in "fjR":
                    val = a[i + 1:] or (args.pop(0) if args else None)
                    if val is None:
                        sys.stderr.write("sysrc: option requires an argument -- %s\n" % c + USAGE)
                        return 1
                    if c == "f":
                        files = (files or []) + val.split()
                    elif c == "j":
                        jail = val
                    else:
                        root = val
                    break
                if c not in "aAcdDeEFhiNnqvx":
                    sys.stderr.write("sysrc: illegal option -- %s\n" % c + USAGE)
                    return 1
                flags.add(c)
                i += 1
        else:
            rest.append(a)
    if jail is not None:
        import subprocess
        inner = []
        skip = False
        for a in original:
            if skip:
                skip = False
                continue
            if a == "-j":
                skip = True
                continue
            if a.startswith("-j"):
                continue
            inner.append(a)
        sys.stdout.flush()
        return subprocess.call(["jexec", jail, "sysrc"] + inner)
    if not rest and not (flags & {"a", "A"}):
        sys.stderr.write(USAGE)
        return 1
    if root is None and os.environ.get("FAKEBSD_JAIL"):
        # run by jexec inside a jail: the jail's own /etc (its path below the host's root)
        for j in (common.load("jails", {}) or {}).get("jails", []):
            if j.get("name") == os.environ["FAKEBSD_JAIL"]:
                root = common.host_path(j.get("params", {}).get("path", "/"))
    elif root is not None:
        root = common.host_path(os.path.abspath(root))  # -R names a directory of the simulated host
    conf = Conf(root, files, "D" not in flags)
    quiet = "q" in flags
    status = 0
    out = []
    values = conf.values()

    def flush():
        if out:
            sys.stdout.write("".join(x + "\n" for x in out))
            del out[:]
        sys.stdout.flush()

    if flags & {"a", "A"}:
        for name in sorted(values):
            v, f = values[name]
            if "a" in flags and f == conf.defaults_file:
                continue
            out.append(display(name, v, f, flags))
        flush()
        return 0
    for arg in rest:
        op = None
        for candidate in ("+=", "-=", "="):
            pos = arg.find(candidate)
            if pos > 0 and "=" not in arg[:pos]:
                op = candidate
                name, newval = arg[:pos], arg[pos + len(candidate):]
                break
        if op is None:
            name = arg
        if not name or not (name[0].isalpha() or name[0] == "_") or \
                not all(ch.isalnum() or ch == "_" for ch in name):
            flush()
            sys.stderr.write("sysrc: %s: name contains characters not allowed in shell\n" % name)
            status = 1
            continue
        cur = values.get(name)
        if "x" in flags:
            if not conf.delete(name):
                if not (flags & {"i", "q"}):
                    flush()
                    sys.stderr.write("sysrc: unknown variable '%s'\n" % name)
                status = 1
            values = conf.values()
            continue
        if op is None:
            if cur is None:
                if not (flags & {"i", "q"}):
                    flush()
                    sys.stderr.write("sysrc: unknown variable '%s'\n" % name)
                status = 1
                continue
            if "c" in flags:
                continue
            if not quiet:
                out.append(display(name, cur[0], cur[1], flags))
            continue
        before = cur[0] if cur else ""
        if op == "=":
            after = newval
        else:
            delim = newval[0] if newval and not newval[0].isalnum() and newval[0] not in "/_.-~$\"'" \
                and newval[0] != " " else " "
            words = split_words(newval[1:] if delim != " " else newval, delim)
            have = split_words(before, delim)
            if op == "+=":
                after_words = have + [w for i, w in enumerate(words) if w not in have and w not in words[:i]]
            else:
                after_words = [w for w in have if w not in words]
            after = (delim if delim != " " else " ").join(after_words)
        if "c" in flags:
            if cur is not None and before == after:
                if "v" in flags:
                    out.append("%s: %s: already set to `%s'" % (cur[1], name, after))
            else:
                status = 1
                if "v" in flags:
                    if cur is None:
                        out.append("%s: not currently set" % name)
                    else:
                        out.append("%s: %s: would change from `%s' to `%s'" % (cur[1], name, before, after))
            continue
        where = cur[1] if cur and cur[1] != conf.defaults_file else conf.files[0]
        conf.set(name, after, where)
        values = conf.values()
        if not quiet:
            prefix = where + ": " if "v" in flags else ""
            if "n" in flags:
                out.append("%s%s -> %s" % (prefix, before, after))
            else:
                out.append("%s%s: %s -> %s" % (prefix, name, before, after))
    flush()
    return status


def display(name, value, f, flags):
    if "e" in flags:
        return '%s="%s"' % (name, value)
    prefix = f + ": " if "v" in flags else ""
    if "N" in flags:
        return prefix + name
    if "n" in flags:
        return prefix + value
    return "%s%s: %s" % (prefix, name, value)
