"""fetch(1) of FreeBSD (usr.bin/fetch/fetch.c with libfetch's error texts), without a network.

The simulated hosts have no route out, so the web they see is a directory tree: a URL http[s]://NETLOC/PATH or
ftp://NETLOC/PATH is the file $FAKEBSD_STATE/www/NETLOC/PATH (its mtime is the Last-Modified time). A NETLOC without
a directory does not resolve ('No address record'; an IP address: 'Connection refused'); a missing file is 'Not
Found' (ftp: the 550 text). $FAKEBSD_STATE/www/NETLOC/.delay holds seconds the server takes to answer: longer than
the timeout (-T, else $HTTP_TIMEOUT/$FTP_TIMEOUT, else 120) gives 'transfer timed out'. file:// URLs read the host's
own files.
"""
import errno
import os
import re
import sys
import tempfile
import time

from . import common

USAGE = "\n".join([
    "usage: fetch [-146AadFlMmnPpqRrsUv] [-B bytes] [--bind-address=host]",
    "       [--ca-cert=file] [--ca-path=dir] [--cert=file] [--crl=file]",
    "       [-i file] [--key=file] [-N file] [--no-passive] [--no-proxy=list]",
    "       [--no-sslv3] [--no-tlsv1] [--no-verify-hostname] [--no-verify-peer]",
    "       [-o file] [--referer=URL] [-S bytes] [-T seconds]",
    "       [--user-agent=agent-string] [-w seconds] URL ...",
    "       fetch [-146AadFlMmnPpqRrsUv] [-B bytes] [--bind-address=host]",
    "       [--ca-cert=file] [--ca-path=dir] [--cert=file] [--crl=file]",
    "       [-i file] [--key=file] [-N file] [--no-passive] [--no-proxy=list]",
    "       [--no-sslv3] [--no-tlsv1] [--no-verify-hostname] [--no-verify-peer]",
    "       [-o file] [--referer=URL] [-S bytes] [-T seconds]",
    "       [--user-agent=agent-string] [-w seconds] -h host -f file [-c dir]"]) + "\n"

WITH_ARG = set("BcfhiNoSTw")
FLAGS = set("146AabdFHlMmnPpqRrstUv")
LONG = {"one-file": "1", "ipv4-only": "4", "ipv6-only": "6", "no-redirect": "A", "retry": "a", "buffer-size": "B",
        "direct": "d", "force-restart": "F", "if-modified-since": "i", "symlink": "l", "mirror": "m", "netrc": "N",
        "no-mtime": "n", "output": "o", "passive": "p", "quiet": "q", "keep-output": "R", "restart": "r",
        "require-size": "S", "print-size": "s", "timeout": "T", "verbose": "v", "retry-delay": "w"}
LONG_ONLY_ARG = {"bind-address", "referer", "user-agent", "no-proxy", "ca-cert", "ca-path", "cert", "key", "crl"}
LONG_ONLY_FLAG = {"no-passive", "no-sslv3", "no-tlsv1", "no-verify-hostname", "no-verify-peer"}


class Fail(Exception):
    pass


def warnx(text):
    sys.stdout.flush()
    sys.stderr.write("fetch: %s\n" % text)


def usage():
    sys.stderr.write(USAGE)
    return 1


def parse_args(args):
    """getopt_long: options (bundled, or --long[=value]) before the operands, '--' ends them."""
    opts = []
    while args:
        a = args[0]
        if a == "--":
            args.pop(0)
            break
        if a.startswith("--"):
            args.pop(0)
            name, eq, value = a[2:].partition("=")
            if name in LONG:
                c = LONG[name]
                if c in WITH_ARG and not eq:
                    if not args:
                        warnx("option `--%s' requires an argument" % name)
                        return None, None
                    value = args.pop(0)
                opts.append((c, value))
            elif name in LONG_ONLY_ARG or name in LONG_ONLY_FLAG:
                opts.append((name, value))
            else:
                warnx("unrecognized option `%s'" % a)
                return None, None
            continue
        if not a.startswith("-") or a == "-":
            break
        args.pop(0)
        i = 1
        while i < len(a):
            c = a[i]
            if c in WITH_ARG:
                value = a[i + 1:] or (args.pop(0) if args else None)
                if value is None:
                    warnx("option requires an argument -- %s" % c)
                    return None, None
                opts.append((c, value))
                break
            if c not in FLAGS:
                warnx("illegal option -- %s" % c)
                return None, None
            opts.append((c, None))
            i += 1
    return opts, args


def main_options(opts):
    o = {"quiet": False, "timeout": 0, "output": None, "size": False, "require": 0, "mirror": False,
         "nomtime": False, "ims": None, "verbose": 1}
    for c, v in opts:
        if c == "q":
            o["quiet"] = True
            o["verbose"] = 0
        elif c == "v":
            o["verbose"] += 1
        elif c == "o":
            o["output"] = v
        elif c == "s":
            o["size"] = True
        elif c == "m" or c == "M":
            o["mirror"] = True
        elif c == "n":
            o["nomtime"] = True
        elif c == "i":
            o["ims"] = v
        elif c in "TSBw":
            if v == "" or not re.fullmatch(r"[+-]?\d+", v):
                what = {"T": "timeout", "S": "size", "B": "buffer size", "w": "delay"}[c]
                warnx("invalid %s (%s)" % (what, v))
                sys.exit(1)
            if c == "T":
                o["timeout"] = int(v)
            elif c == "S":
                o["require"] = int(v)
    return o


def resolve(url):
    """(local file, size, mtime, delay) for url; raises Fail with libfetch's reason."""
    m = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*)://([^/]*)(/.*)?$", url)
    if not m:
        raise Fail("%s: parse error" % url)
    scheme, netloc, path = m.group(1).lower(), m.group(2), m.group(3) or "/"
    path = path.split("?", 1)[0].split("#", 1)[0]
    if scheme == "file":
        local = common.host_path(path)
        try:
            st = os.stat(local)
        except OSError as e:
            raise Fail("%s: %s" % (url, os.strerror(e.errno)))
        return local, st.st_size, int(st.st_mtime), 0.0
    if scheme not in ("http", "https", "ftp"):
        raise Fail("%s: Invalid URL scheme" % url)
    host = netloc.rsplit("@", 1)[-1]
    site = common.state_path("www", host)
    if not os.path.isdir(site):
        bare = re.sub(r":\d+$", "", host).strip("[]")
        literal = re.fullmatch(r"[0-9.]+|[0-9a-fA-F:]+", bare) is not None
        raise Fail("%s: %s" % (url, "Connection refused" if literal else "No address record"))
    delay = 0.0
    try:
        with open(os.path.join(site, ".delay")) as f:
            delay = float(f.read().strip() or 0)
    except (OSError, ValueError):
        pass
    local = os.path.join(site, path.lstrip("/"))
    if not os.path.isfile(local):
        reason = "File unavailable (e.g., file not found, no access)" if scheme == "ftp" else "Not Found"
        return None, delay, reason, None
    st = os.stat(local)
    return local, st.st_size, int(st.st_mtime), delay


def stat_bytes(n):
    prefixes = " kMGTP"
    i = 0
    while n > 9999 and i < len(prefixes) - 1:
        n //= 1024
        i += 1
    return "%4d %sB" % (n, prefixes[i])


def fetch_one(url, path, o):
    if url == "":
        warnx("empty URL")
        return 1
    timeout = o["timeout"] or 120
    try:
        got = resolve(url)
    except Fail as e:
        warnx(str(e))
        return 1
    if got[0] is None:
        _, delay, reason, _ = got
        if delay > timeout:
            time.sleep(timeout)
            warnx("transfer timed out")
            return 1
        time.sleep(delay)
        warnx("%s: %s" % (url, reason))
        return 1
    local, size, mtime, delay = got
    if delay > timeout:
        time.sleep(timeout)
        warnx("transfer timed out")
        return 1
    time.sleep(delay)
    if o["size"]:
        print(size)
        return 0
    if o["ims"] is not None:
        try:
            ims = int(os.stat(common.host_path(o["ims"])).st_mtime)
        except OSError as e:
            warnx("%s: stat(): %s" % (o["ims"], os.strerror(e.errno)))
            return 1
        if mtime <= ims:
            warnx("%s: Not Modified" % url)
            return 0
    if o["require"] and o["require"] != size:
        warnx("%s: size mismatch: expected %d, actual %d" % (url, o["require"], size))
        return 1
    with open(local, "rb") as f:
        data = f.read()
    if path == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return 0
    return write(path, data, mtime, o)


def write(path, data, mtime, o):
    real = common.host_path(path)
    try:
        st = os.stat(real)
    except OSError:
        st = None
    if st is not None and o["mirror"] and st.st_size == len(data) and int(st.st_mtime) == mtime:
        return 0
    t0 = time.time()
    tmp = None
    try:
        if st is not None and os.path.isfile(real):
            d, base = os.path.split(real)
            fd, tmp = tempfile.mkstemp(prefix=".fetch.", suffix="." + base, dir=d or ".")
            os.fchmod(fd, st.st_mode & 0o7777)
            try:
                os.fchown(fd, st.st_uid, st.st_gid)
            except OSError:
                pass
            f = os.fdopen(fd, "wb")
        else:
            f = open(real, "wb")
    except OSError as e:
        warnx("%s: %s(): %s" % (path, "mkstemps" if st is not None else "open", os.strerror(e.errno)))
        return 1
    if o["verbose"] > 0:
        sys.stderr.write("%-46s" % path)
    with f:
        f.write(data)
    if not o["nomtime"]:
        os.utime(tmp or real, (mtime, mtime))
    if o["verbose"] > 0:
        elapsed = time.time() - t0
        bps = "?? Bps" if elapsed <= 0 else stat_bytes(int(len(data) / elapsed)) + "ps"
        sys.stderr.write("        %s %s    %02ds\n" % (stat_bytes(len(data)), bps, int(elapsed)))
    if tmp is not None:
        os.rename(tmp, real)
    return 0


def fetch_main(argv):
    common.apply_faults("fetch")
    opts, operands = parse_args(list(argv[1:]))
    if opts is None:
        return usage()
    o = main_options(opts)
    if not operands:
        return usage()
    out = o["output"]
    out_dir = False
    if out is not None and out != "-":
        try:
            out_dir = os.path.isdir(common.host_path(out)) and os.stat(common.host_path(out)) is not None
        except OSError as e:
            if e.errno != errno.ENOENT:
                warnx("%s: %s" % (out, os.strerror(e.errno)))
                return 1
        if not os.path.exists(common.host_path(out)) and len(operands) > 1:
            warnx("%s is not a directory" % out)
            return 1
    status = 0
    for url in operands:
        name = url.rsplit("/", 1)[-1] or "fetch.out"
        if out is None:
            path = name
        elif out == "-":
            path = "-"
        elif out_dir:
            path = "%s/%s" % (out, name)
        else:
            path = out
        if fetch_one(url, path, o):
            status = 1
    return status
