#!/usr/bin/env python3
"""Runs one command and measures it as a controller: wall time, CPU of the whole process tree, peak memory.

    measure.py OUT.json [--env K=V ...] -- COMMAND ARGS...

This process becomes a child subreaper, so what the command leaves behind (Ansible's ControlPersist ssh masters
daemonize) is re-parented here: once the command exits, such leftovers get SIGTERM, and every descendant is reaped
with wait4, so its CPU is counted too. Peak RSS is reported two ways: the largest single process (ru_maxrss, exact)
and the sum over the live tree, sampled every 50 ms (less often when sampling gets costly) (what a machine has to hold when a tool forks workers).
The command's stdout and stderr go to this process's stdout and stderr.
"""
import ctypes
import json
import os
import signal
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def children(pid):
    kids = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as f:
                    kids.extend(int(x) for x in f.read().split())
            except OSError:
                pass
    except OSError:
        pass
    return kids


def tree(pid):
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children(p))
    return out


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, IndexError, ValueError):
        return 0


def main():
    argv = sys.argv[1:]
    if len(argv) < 3 or "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 5
    out_file = argv[0]
    cmd = argv[argv.index("--") + 1:]
    env = dict(os.environ)
    opts = argv[1:argv.index("--")]
    for i, o in enumerate(opts):
        if o == "--env":
            k, v = opts[i + 1].split("=", 1)
            env[k] = v
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)

    me = os.getpid()
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL)
    peak_tree = 0
    status = None
    user = system = 0.0
    maxrss = 0
    while status is None:
        pid, st, ru = os.wait4(proc.pid, os.WNOHANG)
        if pid == proc.pid:
            status = st
            user += ru.ru_utime
            system += ru.ru_stime
            maxrss = max(maxrss, ru.ru_maxrss)
            break
        s0 = time.monotonic()
        peak_tree = max(peak_tree, sum(rss_kb(p) for p in tree(me) if p != me))
        # a JVM with thousands of threads makes a sample costly: keep sampling under ~5% of one core
        time.sleep(max(0.05, 20 * (time.monotonic() - s0)))
    wall = time.monotonic() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)

    # leftovers (re-parented here): ask them to stop, then reap everything
    leftovers = [p for p in tree(me) if p != me]
    for p in leftovers:
        try:
            os.kill(p, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 10
    while True:
        try:
            pid, st, ru = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            if time.monotonic() > deadline:
                for p in children(me):
                    os.kill(p, signal.SIGKILL)
            time.sleep(0.02)
            continue
        user += ru.ru_utime
        system += ru.ru_stime
        maxrss = max(maxrss, ru.ru_maxrss)

    own = os.times()
    result = {
        "command": cmd,
        "exit": proc.returncode,
        "wall_s": round(wall, 3),
        "user_s": round(user, 3),
        "sys_s": round(system, 3),
        "cpu_s": round(user + system, 3),
        "maxrss_kb": maxrss,
        "tree_peak_rss_kb": max(peak_tree, maxrss),
        "leftovers": len(leftovers),
        "measurer_cpu_s": round(own.user + own.system, 3),
    }
    with open(out_file, "w") as f:
        json.dump(result, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
