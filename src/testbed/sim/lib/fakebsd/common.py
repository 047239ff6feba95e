"""State, locking, versions, faults and error helpers shared by every simulated command."""
import fcntl
import json
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
            return json.load(f)
    except FileNotFoundError:
        return default


def save(name, obj):
    """Writes state file NAME.json atomically (temp file + rename) so a crash never leaves half a file."""
    path = state_path(name + ".json")
    tmp = path + ".tmp.%d" % os.getpid()
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=1, sort_keys=True)
    os.replace(tmp, path)


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
    import socket
    return socket.gethostname()


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
