"""Shared bits of the fleet tests' stand-in commands: state directory, host name, version, fault knobs."""
import os
import sys
import time

STATE = os.environ.get("FAKEBSD_STATE", "/var/db/fakebsd")


def read(name, default=""):
    try:
        with open(os.path.join(STATE, name)) as f:
            return f.read().strip()
    except FileNotFoundError:
        return default


def faults(command):
    words = read(os.path.join("faults", command)).split(None, 2)
    if not words:
        return
    if words[0] == "slow":
        time.sleep(float(words[1]))
    elif words[0] == "hang":
        while True:
            time.sleep(3600)
    elif words[0] == "fail":
        if len(words) > 2:
            sys.stderr.write(words[2] + "\n")
        sys.exit(int(words[1]))
