"""shutdown(8) -r of a simulated host: the reboot itself is the fleet's (org.drover.testbed.Reboots).

'shutdown -r TIME [message]' with TIME 'now', '+N' (minutes) or '+N[smh]' leaves $STATE/reboot-request holding
the delay in seconds; the fleet then breaks the host's connections, stops and restarts its SSH server and records
a new kern.boottime. Prints as sbin/shutdown/shutdown.c does: 'Shutdown NOW!' or 'Shutdown at <ctime>.', then
'shutdown: [pid N]' from the parent of the process that waits (here: none waits, the fleet does).
Refused when not root ('shutdown: NOT super-user'), and without -r/-h/-p/-o ('shutdown: ... ').
"""
import os
import re
import sys
import time

from . import common

USAGE = ("usage: shutdown [-] [-c | -h | -p | -r | -k] [-o [-n]] [-q] time [warning-message ...]\n"
         "       poweroff\n")


def main(argv):
    common.apply_faults("shutdown")
    try:
        opts, args = common.getopt(argv[1:], "chknopqr")
    except ValueError as e:
        sys.stderr.write("shutdown: %s\n%s" % (e.args[0], USAGE))
        return 1
    flags = {o for o, _ in opts}
    if not args:
        sys.stderr.write(USAGE)
        return 1
    if os.geteuid() != 0:
        sys.stderr.write("shutdown: NOT super-user\n")
        return 1
    delay = _offset(args[0])
    if delay is None:
        sys.stderr.write("shutdown: bad time format\n")
        return 1
    if "r" not in flags:
        sys.stderr.write("shutdown: the simulated host only reboots (-r)\n")
        return 1
    with open(common.state_path("reboot-request"), "w") as f:
        f.write("%d\n" % delay)
    if delay:
        sys.stdout.write("Shutdown at %.24s.\n" % time.ctime(time.time() + delay))
    else:
        sys.stdout.write("Shutdown NOW!\n")
    sys.stdout.write("shutdown: [pid %d]\n" % os.getpid())
    return 0


def _offset(t):
    if t == "now":
        return 0
    m = re.fullmatch(r"\+(\d+)([smh]?)", t)
    if not m:
        return None
    return int(m.group(1)) * {"s": 1, "m": 60, "h": 3600, "": 60}[m.group(2)]
