"""b64encode(1) of FreeBSD (usr.bin/bintrans/uuencode.c, base64 mode): 'b64encode [-r] [-o outfile] [file] name'.

Base64 lines of 76 characters (57 bytes each), between 'begin-base64 MODE NAME' and '====' unless -r.
"""
import base64
import os
import sys

from . import common

USAGE = ("usage: uuencode [-m] [-o outfile] [infile] remotefile\n"
         "       b64encode [-o outfile] [infile] remotefile\n")


def b64encode_main(argv):
    args = argv[1:]
    raw = False
    out_path = None
    operands = []
    while args:
        a = args.pop(0)
        if a == "--":
            operands += args
            break
        if a.startswith("-") and len(a) > 1 and not operands:
            for i, c in enumerate(a[1:]):
                if c == "r":
                    raw = True
                elif c == "m":
                    pass
                elif c == "o":
                    out_path = a[i + 2:] or (args.pop(0) if args else None)
                    if out_path is None:
                        sys.stderr.write("b64encode: option requires an argument -- o\n" + USAGE)
                        return 1
                    break
                else:
                    sys.stderr.write("b64encode: illegal option -- %s\n%s" % (c, USAGE))
                    return 1
            continue
        operands.append(a)
    if len(operands) not in (1, 2):
        sys.stderr.write(USAGE)
        return 1
    mode = 0o644
    if len(operands) == 2:
        try:
            with open(common.host_path(operands[0]), "rb") as f:
                data = f.read()
            mode = os.stat(common.host_path(operands[0])).st_mode & 0o777
        except OSError as e:
            sys.stderr.write("b64encode: %s: %s\n" % (operands[0], os.strerror(e.errno)))
            return 1
    else:
        data = sys.stdin.buffer.read()
        mode = 0o666 & ~_umask()
    name = operands[-1]
    lines = []
    if not raw:
        lines.append("begin-base64 %o %s" % (mode, name))
    for i in range(0, len(data), 57):
        lines.append(base64.b64encode(data[i:i + 57]).decode("ascii"))
    if not raw:
        lines.append("====")
    text = "".join(line + "\n" for line in lines)
    if out_path is not None:
        with open(common.host_path(out_path), "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


def _umask():
    m = os.umask(0)
    os.umask(m)
    return m
