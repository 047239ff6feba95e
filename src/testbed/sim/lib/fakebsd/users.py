"""Users of the root a process sees (the jail's /etc/passwd below its path, or the host's), and su(1) for jails.

FreeBSD's su (usr.bin/su/su.c): `su [-] [-flms] [-c class] [login [args]]`; options end at the login name, the
arguments after it go to the shell (so `su -m postgres -c "cmd"` runs `SHELL -c "cmd"`); -m keeps the environment
and runs the caller's login shell; without it the target's shell runs with HOME, SHELL, USER (and LOGNAME for -l)
set. root needs no password. The simulation does not change the process's uid (the target need not exist on the
machine): it records the user in $FAKEBSD_USER, which the simulated PostgreSQL clients read as the OS user.
"""
import os
import sys

from . import common, rcscripts

ROOT = ("root", 0, 0, "Charlie &", "/root", "/bin/sh")


def lookup(name):
    """(name, uid, gid, gecos, home, shell) from the current root's /etc/passwd; root always exists."""
    try:
        with open(rcscripts.path("/etc/passwd")) as f:
            for line in f:
                fields = line.rstrip("\n").split(":")
                if len(fields) >= 7 and fields[0] == name and not line.startswith("#"):
                    return fields[0], int(fields[2]), int(fields[3]), fields[4], fields[5], fields[6]
    except (FileNotFoundError, ValueError):
        pass
    return ROOT if name == "root" else None


def current():
    return os.environ.get("FAKEBSD_USER") or "root"


def add(root_path, name, uid, gecos, home, shell="/bin/sh"):
    """pw useradd as a package's pre-install does it: group and user NAME with id UID in ROOT_PATH/etc (once)."""
    etc = common.host_path(root_path.rstrip("/") + "/etc")
    os.makedirs(etc, exist_ok=True)
    for f, line in (("group", "%s:*:%d:\n" % (name, uid)),
                    ("passwd", "%s:*:%d:%d:%s:%s:%s\n" % (name, uid, uid, gecos, home, shell))):
        path = os.path.join(etc, f)
        try:
            with open(path) as fh:
                if any(x.split(":")[0] == name for x in fh):
                    continue
        except FileNotFoundError:
            pass
        with open(path, "a") as fh:
            fh.write(line)


def su_main(argv):
    common.apply_faults("su")
    args = argv[1:]
    login = keep = False
    while args and args[0].startswith("-"):
        a = args.pop(0)
        if a == "-":
            login = True
            continue
        if a == "--":
            break
        for i, c in enumerate(a[1:]):
            if c == "c":  # -c class: a login class, whose value follows
                if not a[i + 2:] and args:
                    args.pop(0)
                break
            if c == "l":
                login = True
            elif c == "m":
                keep = True
            elif c not in "fsK":
                sys.stderr.write("su: illegal option -- %s\nusage: su [-] [-Kflms] [-c class] [login [args]]\n"
                                 % c)
                return 1
    target = args.pop(0) if args else "root"
    pw = lookup(target)
    if pw is None:
        common.err("su", "unknown login: %s" % target)
    if current() != "root":
        sys.stderr.write("Password:\nsu: Sorry\n")
        return 1
    caller = lookup(current()) or ROOT
    shell = caller[5] if keep and not login else pw[5]
    env = dict(os.environ)
    if login:
        keep = False
        env = {k: v for k, v in env.items() if k in ("TERM", "PATH") or k.startswith("FAKEBSD")}
        env["LOGNAME"] = pw[0]
    if not keep:
        env.update({"HOME": pw[4], "SHELL": pw[5], "USER": pw[0]})
    env["FAKEBSD_USER"] = pw[0]
    if login:
        try:
            os.chdir(rcscripts.path(pw[4]))
        except OSError:
            pass
    sys.stdout.flush()
    try:
        os.execve(shell if os.path.exists(shell) else "/bin/sh", ["-su" if login else "su"] + args, env)
    except OSError as e:
        common.err("su", "%s: %s" % (shell, e.strerror))
