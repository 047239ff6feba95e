"""nc(1) as FreeBSD ships it (OpenBSD netcat), the TCP client part: 'nc [-z] [-N] [-w secs] host port'.

-z connects and closes (exit 0 when the connection was accepted, 1 otherwise); without -z it copies stdin to the
connection and what the peer sends to stdout until the peer closes or nothing came for -w seconds. A failed
connection prints 'nc: connect to HOST port PORT (tcp) failed: REASON' (netcat.c's warn) and exits 1.
"""
import os
import select
import socket
import sys

from . import common

USAGE = "usage: nc [-46CDdFhklNnrStUuvz] [-I length] [-i interval] [-M ttl]\n"


def main(argv):
    common.apply_faults("nc")
    try:
        opts, args = common.getopt(argv[1:], "46DdhklNnrSUuvzw:")
    except ValueError as e:
        sys.stderr.write("nc: %s\n%s" % (e.args[0], USAGE))
        return 1
    flags = {o: v for o, v in opts}
    if len(args) != 2 or "l" in flags or "u" in flags or "U" in flags:
        sys.stderr.write(USAGE)
        return 1
    host, port = args
    try:
        wait = float(flags["w"]) if "w" in flags else None
        port_n = int(port)
    except ValueError:
        sys.stderr.write("nc: port number invalid: %s\n" % port if not port.isdigit() else "nc: invalid -w\n")
        return 1
    try:
        s = socket.create_connection((host, port_n), timeout=wait)
    except OSError as e:
        reason = e.strerror or ("Operation timed out" if isinstance(e, socket.timeout) else str(e))
        sys.stderr.write("nc: connect to %s port %s (tcp) failed: %s\n" % (host, port, reason))
        return 1
    if "z" in flags:
        s.close()
        return 0
    return _copy(s, wait, "N" in flags)


def _copy(s, wait, shutdown_on_eof):
    fds = [s, sys.stdin.fileno()]
    out = sys.stdout.buffer
    while True:
        ready, _, _ = select.select(fds, [], [], wait)
        if not ready:
            return 0
        if s in ready:
            data = s.recv(65536)
            if not data:
                return 0
            out.write(data)
            out.flush()
        if sys.stdin.fileno() in ready:
            data = os.read(sys.stdin.fileno(), 65536)
            if not data:
                fds.remove(sys.stdin.fileno())
                if shutdown_on_eof:
                    s.shutdown(socket.SHUT_WR)
            else:
                s.sendall(data)
