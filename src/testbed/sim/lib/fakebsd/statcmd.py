"""Simulated FreeBSD stat(1), after usr.bin/stat/stat.c: the -f format language (flags, width, precision, output
form D/O/U/X/F/S, pieces H/M/L, the datum letters), -L (stat, lstat when the target is missing), -n (no final
newline), -q (no error text) and -t (time format). A failed stat prints "stat: FILE: stat: <errno text>" and the
exit status is 1; the other files are still printed. Linux's stat(1) differs in every one of these, which is why
the simulated hosts get this one. The canned formats (-l, -r, -s, -x and the default) are not simulated.
"""
import grp
import os
import pwd
import stat as st
import sys
import time

SYNOPSIS = "[-FLnq] [-f format | -l | -r | -s | -x] [-t timefmt] [file|handle ...]"
DATUMS = "RdiplugramcBzbkfvYTNZ"


def _usage():
    sys.stderr.write("usage: stat %s\n" % SYNOPSIS)
    sys.exit(1)


def _getopt(args):
    """getopt(3) with "f:FHlLnqrst:x": returns (options, operands)."""
    opts = {}
    while args and args[0].startswith("-") and args[0] != "-":
        a = args.pop(0)
        if a == "--":
            break
        i = 1
        while i < len(a):
            c = a[i]
            if c not in "fFHlLnqrstx":
                sys.stderr.write("stat: illegal option -- %s\n" % c)
                _usage()
            if c in "ft":
                val = a[i + 1:] or (args.pop(0) if args else None)
                if val is None:
                    sys.stderr.write("stat: option requires an argument -- %s\n" % c)
                    _usage()
                opts[c] = val
                if c == "f":
                    opts.setdefault("fmtchar", []).append("f")
                break
            if c in "lrsx":
                opts.setdefault("fmtchar", []).append(c)
            opts[c] = True
            i += 1
    return opts, args


def strmode(mode):
    kinds = {st.S_IFDIR: "d", st.S_IFCHR: "c", st.S_IFBLK: "b", st.S_IFREG: "-", st.S_IFLNK: "l",
             st.S_IFSOCK: "s", st.S_IFIFO: "p"}
    s = kinds.get(st.S_IFMT(mode), "?")
    bits = [(0o400, "r"), (0o200, "w"), (0o100, "x"), (0o40, "r"), (0o20, "w"), (0o10, "x"), (0o4, "r"),
            (0o2, "w"), (0o1, "x")]
    out = [c if mode & b else "-" for b, c in bits]
    for pos, special, on_x, off_x in ((2, 0o4000, "s", "S"), (5, 0o2000, "s", "S"), (8, 0o1000, "t", "T")):
        if mode & special:
            out[pos] = on_x if out[pos] == "x" else off_x
    return s + "".join(out) + " "


def _name(fn, ident):
    try:
        return fn(ident)
    except KeyError:
        return None


def _datum(what, hilo, ofmt, s, path, fmt, timefmt):
    """(number, string, allowed forms, default form, small) for one datum, after stat.c's format1()."""
    num_forms = set("DOUX")
    if what == "p":
        data = s.st_mode
        smode = strmode(s.st_mode).rstrip(" ")
        if hilo == "H":
            data, smode = data >> 12, smode[1:4]
        elif hilo == "M":
            data, smode = (data >> 9) & 0o7, smode[4:7]
        elif hilo == "L":
            data, smode = data & 0o777, smode[7:10]
        return data, smode, num_forms | {"S"}, "O"
    if what in "dr":
        data = s.st_dev if what == "d" else s.st_rdev
        if hilo == "H":
            data = os.major(data)
        elif hilo == "L":
            data = os.minor(data)
        return data, "???", num_forms | {"S"}, "U"
    if what in "ug":
        ident = s.st_uid if what == "u" else s.st_gid
        name = _name(lambda i: pwd.getpwuid(i).pw_name, ident) if what == "u" else \
            _name(lambda i: grp.getgrgid(i).gr_name, ident)
        return ident, name if name is not None else "(%d)" % ident, num_forms | {"S"}, "U"
    if what in "amcB":
        ns = {"a": s.st_atime_ns, "m": s.st_mtime_ns, "c": s.st_ctime_ns, "B": s.st_ctime_ns}[what]
        sec = ns // 1000000000
        text = time.strftime(timefmt, time.localtime(sec))
        return (sec, ns % 1000000000), text, num_forms | {"F", "S"}, "D"
    if what == "Y":
        if st.S_ISLNK(s.st_mode):
            target = os.readlink(path)
            return 0, (" -> " + target) if ofmt == "S" else target, {"S"}, "S"
        return 0, "", {"S"}, "S"
    if what == "R":
        real = os.path.realpath(path)
        return 0, (" -> " + real) if ofmt == "S" else real, {"S"}, "S"
    if what == "T":
        if hilo == "H":
            names = {st.S_IFIFO: "Fifo File", st.S_IFCHR: "Character Device", st.S_IFDIR: "Directory",
                     st.S_IFBLK: "Block Device", st.S_IFREG: "Regular File", st.S_IFLNK: "Symbolic Link",
                     st.S_IFSOCK: "Socket"}
            return 0, names.get(st.S_IFMT(s.st_mode), "???"), {"S"}, "S"
        kind = st.S_IFMT(s.st_mode)
        mark = {st.S_IFIFO: "|", st.S_IFDIR: "/", st.S_IFLNK: "@", st.S_IFSOCK: "="}.get(kind, "")
        if kind == st.S_IFREG and s.st_mode & 0o111:
            mark = "*"
        return 0, mark, {"S"}, "S"
    if what == "N":
        return 0, path, {"S"}, "S"
    if what == "f":
        return 0, "-", num_forms | {"S"}, "U"
    values = {"i": s.st_ino, "l": s.st_nlink, "z": s.st_size, "b": s.st_blocks, "k": s.st_blksize, "v": 0}
    return values[what], None, num_forms, "U"


def _format1(s, path, spec, timefmt):
    flags, size, prec, ofmt, hilo, what, text = spec
    if what == "Z":
        if st.S_ISCHR(s.st_mode) or st.S_ISBLK(s.st_mode):
            return "%s,%s" % (_format1(s, path, (flags, size, prec, ofmt, "H", "r", text), timefmt),
                              _format1(s, path, (flags, size, prec, ofmt, "L", "r", text), timefmt))
        what = "z"
    if hilo and what not in "pdrT":
        sys.stderr.write("stat: %s: bad format\n" % text)
        sys.exit(1)
    data, sdata, forms, default = _datum(what, hilo, ofmt, s, path, text, timefmt)
    ofmt = ofmt or default
    if ofmt not in forms:
        sys.stderr.write("stat: %s: bad format\n" % text)
        sys.exit(1)
    lead = "%" + "".join(f for f in "# +-0" if f in flags)
    if ofmt == "F":
        sec, nsec = data
        if prec == 0:
            return (lead + ("%d" % size if size != -1 else "") + "d") % sec
        p = 9 if prec == -1 else prec
        width = size - (p + 1) if size != -1 else -1
        out = (lead + ("%d" % width if width > 0 else "") + "d") % sec
        return out + "." + ("%09d" % nsec)[:min(p, 9)] + "0" * max(p - 9, 0)
    if isinstance(data, tuple):
        data = data[0]
    lead += ("%d" % size if size != -1 else "") + (".%d" % prec if prec != -1 else "")
    if ofmt == "S":
        return (lead + "s") % sdata
    return (lead + {"D": "d", "O": "o", "U": "d", "X": "x"}[ofmt]) % data


def _parse(fmt, i):
    """One %-directive starting after the '%' at fmt[i]: (spec, next index) or exits with 'bad format'."""
    start = i - 1
    flags = ""
    while i < len(fmt) and fmt[i] in "# +0-":
        flags += fmt[i]
        i += 1
    size = prec = -1
    j = i
    while i < len(fmt) and fmt[i].isdigit():
        i += 1
    if i > j:
        size = int(fmt[j:i])
    if i < len(fmt) and fmt[i] == ".":
        i += 1
        j = i
        while i < len(fmt) and fmt[i].isdigit():
            i += 1
        prec = int(fmt[j:i] or "0")
    ofmt = hilo = ""
    if i < len(fmt) and fmt[i] in "DOUXFS":
        ofmt = fmt[i]
        i += 1
    if i < len(fmt) and fmt[i] in "HML":
        hilo = fmt[i]
        i += 1
    if i >= len(fmt) or fmt[i] not in DATUMS:
        sys.stderr.write("stat: %s: bad format\n" % fmt[start:i + 1])
        sys.exit(1)
    return (flags, size, prec, ofmt, hilo, fmt[i], fmt[start:i + 1]), i + 1


def output(s, path, fmt, fn, nonl, timefmt):
    out = []
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c != "%":
            out.append(c)
            i += 1
            continue
        i += 1
        simple = {"n": "\n", "t": "\t", "%": "%", "@": str(fn)}
        if i < len(fmt) and fmt[i] in simple:
            out.append(simple[fmt[i]])
            i += 1
            continue
        spec, i = _parse(fmt, i)
        out.append(_format1(s, path, spec, timefmt))
    text = "".join(out)
    ends_nl = text.endswith("\n") if text else True
    if not ends_nl and not nonl:
        text += "\n"
    sys.stdout.write(text)
    sys.stdout.flush()


def main(argv):
    opts, files = _getopt(list(argv[1:]))
    chars = opts.get("fmtchar", [])
    if len(chars) > 1:
        sys.stderr.write("stat: can't use format '%s' with '%s'\n" % (chars[0], chars[1]))
        return 1
    if chars != ["f"] or opts.get("F") or opts.get("H"):
        sys.stderr.write("stat: only -f FORMAT is simulated\n")
        return 70
    fmt = opts["f"]
    timefmt = opts.get("t", "%b %e %T %Y")
    errs = 0
    for fn, path in enumerate(files or [None], start=1):
        try:
            if path is None:
                s, path = os.fstat(0), "(stdin)"
            elif opts.get("L"):
                try:
                    s = os.stat(path)
                except FileNotFoundError:
                    s = os.lstat(path)
            else:
                s = os.lstat(path)
        except OSError as e:
            errs = 1
            if not opts.get("q"):
                sys.stdout.flush()
                sys.stderr.write("stat: %s: stat: %s\n" % (path, e.strerror))
            continue
        output(s, path, fmt, fn, opts.get("n"), timefmt)
    return errs
