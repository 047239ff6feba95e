"""State, locking, versions, faults and error helpers shared by every simulated command."""
import fcntl
import os
import sys
import time

STATE_DIR = os.environ.get("FAKEBSD_STATE", "/var/db/fakebsd")
# Prefix for the simulated host's own files (/etc/rc.conf, /etc/jail.conf, jail roots). Empty in the fleet, where
# each host already has its own /etc and /jails through its mount namespace; tests point it at a temporary directory.
HOST_ROOT = os.environ.get("FAKEBSD_ROOT", "").rstrip("/")


def state_path(*parts):
    return os.path.join(STATE_DIR, *parts)


class Locked:
    """Holds the host's state lock: commands on one host run one at a time, like a kernel serialising ioctls."""

    def __enter__(self):
        # A non-root caller (reads, or changes the sim refuses with FreeBSD's permission error) may not be able to
        # create or write the root-owned lock file: it then locks a read-only descriptor, or runs unlocked.
        try:
            os.makedirs(STATE_DIR, exist_ok=True)
            self._fd = os.open(state_path(".lock"), os.O_CREAT | os.O_RDWR, 0o644)
        except PermissionError:
            try:
                self._fd = os.open(state_path(".lock"), os.O_RDONLY)
            except OSError:
                self._fd = None
                return self
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
        return False


def load(name, default):
    """Reads state file NAME.json, or returns default when it does not exist yet."""
    try:
        with open(state_path(name + ".json")) as f:
            return loads(f.read())
    except FileNotFoundError:
        return default


def save(name, obj):
    """Writes state file NAME.json atomically (temp file + rename) so a crash never leaves half a file."""
    path = state_path(name + ".json")
    tmp = path + ".tmp.%d" % os.getpid()
    with open(tmp, "w") as f:
        f.write(dumps(obj))
    os.replace(tmp, path)


# JSON through the C accelerator directly: 'import json' pulls in re and enum, a third of a command's start-up.
try:
    import _json

    class _ScanContext:
        strict = True
        object_hook = None
        object_pairs_hook = None
        parse_float = float
        parse_int = int
        memo = {}

        @staticmethod
        def parse_constant(name):
            raise ValueError("invalid JSON constant " + name)

    _scan = _json.make_scanner(_ScanContext())

    def _no_default(o):
        raise TypeError("not JSON serializable: %r" % (o,))

    _encode = _json.make_encoder({}, _no_default, _json.encode_basestring_ascii, None, ": ", ", ", True, False,
                                 True)
except (ImportError, AttributeError, TypeError):
    _json = None


def loads(text):
    """json.loads for state files."""
    if _json is None:
        import json
        return json.loads(text)
    i, n = 0, len(text)
    while i < n and text[i] in " \t\r\n":
        i += 1
    try:
        obj, end = _scan(text, i)
    except StopIteration as e:
        raise ValueError("invalid JSON at offset %s" % e.value)
    if text[end:].strip():
        raise ValueError("extra data after JSON at offset %d" % end)
    return obj


def dumps(obj):
    """json.dumps(obj, sort_keys=True) plus a newline, for state files."""
    if _json is None:
        import json
        return json.dumps(obj, sort_keys=True) + "\n"
    return "".join(_encode(obj, 0)) + "\n"


def getopt(args, spec):
    """getopt(3) without the getopt module (it imports gettext): returns ([(letter, value|True)], operands) or
    raises ValueError((message, letter)) with FreeBSD's 'illegal option -- x' / 'option requires an argument -- x'."""
    opts, rest = [], list(args)
    while rest and rest[0].startswith("-") and rest[0] != "-":
        word = rest.pop(0)
        if word == "--":
            break
        i = 1
        while i < len(word):
            c = word[i]
            pos = spec.find(c)
            if pos < 0 or c == ":":
                raise ValueError("illegal option -- " + c, c)
            if spec[pos + 1:pos + 2] == ":":
                val = word[i + 1:]
                if not val:
                    if not rest:
                        raise ValueError("option requires an argument -- " + c, c)
                    val = rest.pop(0)
                opts.append((c, val))
                break
            opts.append((c, True))
            i += 1
    return opts, rest


def host_path(path):
    """Where the simulated host's absolute PATH lives on the real machine ($FAKEBSD_ROOT + PATH); relative paths stay."""
    return HOST_ROOT + path if HOST_ROOT and path.startswith("/") else path


def hostname():
    """The simulated host's name: $STATE/hostname, else the real one."""
    try:
        with open(state_path("hostname")) as f:
            name = f.read().strip()
            if name:
                return name
    except FileNotFoundError:
        pass
    return os.uname().nodename  # gethostname(3) without importing socket


def version():
    """The simulated release, e.g. ('14.3-RELEASE-p2', 14, 3); from $STATE/version, default 14.3-RELEASE."""
    try:
        with open(state_path("version")) as f:
            text = f.read().strip()
    except FileNotFoundError:
        text = "14.3-RELEASE"
    major, minor = text.split("-")[0].split(".")[:2]
    return text, int(major), int(minor)


def is_root():
    return os.geteuid() == 0


def err(prog, message, status=1):
    """FreeBSD err(3) style: 'prog: message' on stderr, then exit."""
    sys.stdout.flush()
    sys.stderr.write("%s: %s\n" % (prog, message) if prog else message + "\n")
    sys.exit(status)


def apply_faults(command):
    """Fault knobs for reliability tests: $STATE/faults/COMMAND holds 'slow SECONDS', 'hang' or 'fail STATUS [TEXT]'."""
    try:
        with open(state_path("faults", command)) as f:
            words = f.read().split(None, 2)
    except FileNotFoundError:
        return
    if not words:
        return
    if words[0] == "slow":
        time.sleep(float(words[1]) if len(words) > 1 else 1.0)
    elif words[0] == "hang":
        while True:
            time.sleep(3600)
    elif words[0] == "fail":
        status = int(words[1]) if len(words) > 1 else 1
        if len(words) > 2:
            sys.stderr.write(words[2].rstrip("\n") + "\n")
        sys.exit(status)
