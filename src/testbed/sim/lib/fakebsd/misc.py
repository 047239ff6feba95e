"""Simulated sysctl(8), freebsd-version(1), uname(1) and sha256(1).

State file sysctl.json (under common.STATE_DIR): {"net.inet.ip.forwarding": "1", ...}, the values changed with
'sysctl name=value' (everything else comes from the built-in table below); a launcher may write null for an OID
the simulated kernel lacks, e.g. {"kern.features.vimage": null} for a kernel built without VIMAGE.
kern.hostname reads and writes $STATE/hostname (common.hostname()). Versions: $STATE/version is the userland
(common.version()); the optional $STATE/version-kernel holds the installed and running kernel's version when it
differs (e.g. a 14.3-RELEASE-p2 kernel under a 14.3-RELEASE-p3 userland).
"""
import os
import sys

from . import common

# name -> (type, default, writable). Types: I (integer), S (string). Callables give version-dependent values.
OIDS = {
    "kern.ostype": ("S", "FreeBSD", False),
    "kern.osrelease": ("S", lambda: kernel_version(), False),
    "kern.osrevision": ("I", "199506", False),
    "kern.osreldate": ("I", lambda: str(osreldate(kernel_version())), False),
    "kern.version": ("S", lambda: version_string() + "\n", False),
    "kern.hostname": ("S", lambda: common.hostname(), True),
    "kern.hostuuid": ("S", "4c4c4544-0038-4d10-8052-b4c04f4b3032", False),
    "kern.securelevel": ("I", "-1", True),
    "kern.maxproc": ("I", "32768", False),
    "kern.features.vimage": ("I", "1", False),
    "kern.boottime": ("S", lambda: boottime(), False),
    "kern.vm_guest": ("S", "kvm", False),
    "kern.features.inet": ("I", "1", False),
    "kern.features.inet6": ("I", "1", False),
    "kern.features.zfs": ("I", "1", False),
    "kern.ipc.somaxconn": ("I", "128", True),
    "kern.ipc.soacceptqueue": ("I", "128", True),
    "kern.racct.enable": ("I", "0", False),
    "hw.machine": ("S", "amd64", False),
    "hw.machine_arch": ("S", "amd64", False),
    "hw.model": ("S", "QEMU Virtual CPU version 2.5+", False),
    "hw.ncpu": ("I", "2", False),
    "hw.physmem": ("I", "4276518912", False),
    "hw.pagesize": ("I", "4096", False),
    "vm.stats.vm.v_page_size": ("I", "4096", False),
    "vm.stats.vm.v_page_count": ("I", "1044072", False),
    "vm.stats.vm.v_free_count": ("I", "812531", False),
    "net.inet.ip.forwarding": ("I", "0", True),
    "net.inet.ip.random_id": ("I", "0", True),
    "net.inet.tcp.blackhole": ("I", "0", True),
    "net.inet.udp.blackhole": ("I", "0", True),
    "net.inet6.ip6.forwarding": ("I", "0", True),
    "net.link.bridge.pfil_member": ("I", "1", True),
    "net.link.bridge.pfil_bridge": ("I", "0", True),
    "net.link.bridge.pfil_onlyip": ("I", "1", True),
    "net.link.bridge.ipfw": ("I", "0", True),
    "net.pf.request_maxcount": ("I", "65535", False),
    "security.jail.jailed": ("I", lambda: "1" if os.environ.get("FAKEBSD_JAIL") else "0", False),
    "security.jail.vnet": ("I", "0", False),
    "security.jail.list": ("S", "", False),
    "security.jail.jail_max_af_ips": ("I", "255", True),
    "security.jail.enforce_statfs": ("I", "2", False),
    "security.jail.mount_allowed": ("I", "0", False),
    "security.jail.chflags_allowed": ("I", "0", False),
    "security.jail.allow_raw_sockets": ("I", "0", False),
    "security.jail.sysvipc_allowed": ("I", "0", False),
    "security.jail.socket_unixiproute_only": ("I", "1", False),
    "security.jail.set_hostname_allowed": ("I", "1", False),
    "security.jail.children.max": ("I", "999999", False),
    "security.jail.children.cur": ("I", "0", False),
    "vfs.zfs.arc.max": ("I", "0", True),
    "vfs.zfs.version.spa": ("I", "5000", False),
}


def boottime():
    """kern.boottime as sysctl prints a struct timeval (S_timeval: '{ sec = S, usec = U } ' then ctime without its
    newline). The boot is $STATE/boottime ('SEC USEC'), written when the simulated host boots (and reboots);
    a host that never wrote one booted when its state was seeded (the mtime of $STATE/hostname)."""
    import time
    path = common.state_path("boottime")
    try:
        with open(path) as f:
            sec, usec = (int(x) for x in f.read().split()[:2])
    except (FileNotFoundError, ValueError):
        try:  # the host booted when it was seeded
            now = os.stat(common.state_path("hostname")).st_mtime
        except OSError:
            now = time.time() - 60
        sec, usec = int(now), int((now % 1) * 1000000)
        try:
            with open(path, "w") as f:
                f.write("%d %d\n" % (sec, usec))
        except OSError:
            pass
    return "{ sec = %d, usec = %d } %s" % (sec, usec, time.ctime(sec))


def kernel_version():
    try:
        with open(common.state_path("version-kernel")) as f:
            text = f.read().strip()
            if text:
                return text
    except FileNotFoundError:
        pass
    return common.version()[0]


def osreldate(release):
    major, minor = release.split("-")[0].split(".")[:2]
    return int(major) * 100000 + int(minor) * 1000


def version_string():
    rel = kernel_version()
    branch = "releng/%s" % rel.split("-")[0] if "RELEASE" in rel else "stable/%s" % rel.split(".")[0]
    return "FreeBSD %s %s-n271432-8c9ce319fef7 GENERIC" % (rel, branch)


def sysctl_main(argv):
    common.apply_faults("sysctl")
    try:
        opts, args = common.getopt(argv[1:], "AabB:deFf:hiJlNnoqTtWwXx")
    except ValueError as e:
        sys.stderr.write("sysctl: %s\n" % e.args[0])
        return sysctl_usage()
    flags = {"-" + o for o, _ in opts}
    quiet, ignore = "-q" in flags, "-i" in flags
    only_value, only_name, eq = "-n" in flags, "-N" in flags, "-e" in flags
    with common.Locked():
        state = common.load("sysctl", {})
        missing = {k for k, v in state.items() if v is None}
        if "-a" in flags or "-A" in flags or "-o" in flags and not args:
            names = sorted(k for k in OIDS if k not in missing)
        elif not args:
            return sysctl_usage()
        else:
            names = None
        status = 0
        out = []
        changed = False

        def value(name):
            if name in state:
                return state[name]
            v = OIDS[name][1]
            return v() if callable(v) else v

        def show(name, v=None):
            v = value(name) if v is None else v
            if only_name:
                out.append(name)
            elif only_value:
                out.append(v)
            else:
                out.append(("%s=%s" if eq else "%s: %s") % (name, v))
        if names is not None:
            for n in names:
                show(n)
        for arg in args:
            name, sep, newval = arg.partition("=")
            if name not in OIDS or name in missing:
                kids = sorted(k for k in OIDS if k.startswith(name + ".") and k not in missing)
                if kids and not sep:
                    for k in kids:
                        show(k)
                    continue
                if not ignore:
                    if not quiet:
                        sys.stdout.write("".join(x + "\n" for x in out))
                        out = []
                        sys.stdout.flush()
                        sys.stderr.write("sysctl: unknown oid '%s'\n" % name)
                    status = 1
                continue
            if not sep:
                show(name)
                continue
            kind, _, writable = OIDS[name]
            if not writable:
                sys.stdout.write("".join(x + "\n" for x in out))
                out = []
                sys.stdout.flush()
                sys.stderr.write("sysctl: oid '%s' is read only\n" % name)
                status = 1
                continue
            if kind == "I":
                try:
                    int(newval, 0)
                except ValueError:
                    sys.stdout.write("".join(x + "\n" for x in out))
                    out = []
                    sys.stdout.flush()
                    sys.stderr.write("sysctl: invalid integer '%s'\n" % newval)
                    status = 1
                    continue
                newval = str(int(newval, 0))
            if not common.is_root():
                sys.stdout.write("".join(x + "\n" for x in out))
                out = []
                sys.stdout.flush()
                sys.stderr.write("sysctl: %s=%s: Operation not permitted\n" % (name, newval))
                status = 1
                continue
            old = value(name)
            if name == "kern.hostname":
                with open(common.state_path("hostname"), "w") as f:
                    f.write(newval + "\n")
            else:
                state[name] = newval
                changed = True
            if not quiet:
                out.append(("" if only_value else name + ": ") + old + " -> " + newval)
        if changed:
            common.save("sysctl", state)
    if out:
        sys.stdout.write("".join(x + "\n" for x in out))
    return status


def sysctl_usage():
    sys.stderr.write("usage: sysctl [-bdeFhiJNnoqTtWx] [ -B <bufsize> ] [-f filename] name[=value] ...\n"
                     "       sysctl [-bdeFhJNnoqTtWx] [ -B <bufsize> ] -a\n")
    return 1


def userland_version():
    """The userland's version: inside a jail, the USERLAND_VERSION its own /bin/freebsd-version carries (as the
    real script does), else the host's."""
    jail = os.environ.get("FAKEBSD_JAIL")
    if jail:
        for j in (common.load("jails", {}) or {}).get("jails", []):
            if j.get("name") == jail:
                f = common.host_path(j.get("params", {}).get("path", "/").rstrip("/") + "/bin/freebsd-version")
                try:
                    with open(f, errors="replace") as fh:
                        for line in fh:
                            if line.startswith("USERLAND_VERSION="):
                                return line.split("=", 1)[1].strip().strip('"')
                except (OSError, UnicodeDecodeError):
                    pass
    return common.version()[0]


def freebsd_version_main(argv):
    common.apply_faults("freebsd-version")
    usage = "usage: freebsd-version [-kru] [-j jail]\n"
    try:
        opts, args = common.getopt(argv[1:], "kruj:")
        opts = [("-" + o, v) for o, v in opts]
    except ValueError as e:
        sys.stderr.write("freebsd-version: %s\n" % e.args[0] + usage)
        return 1
    if args:
        sys.stderr.write(usage)
        return 1
    flags = [o for o, _ in opts]
    jails = [v for o, v in opts if o == "-j"]
    if not flags:
        flags = ["-u"]
    out = []
    if "-k" in flags:
        out.append(kernel_version())
    if "-r" in flags:
        out.append(kernel_version())
    if "-u" in flags:
        out.append(userland_version())
    if out:
        sys.stdout.write("\n".join(out) + "\n")
    sys.stdout.flush()
    status = 0
    for j in jails:
        import subprocess
        rc = subprocess.call(["jexec", j, "freebsd-version", "-u"])
        status = status or rc
    return status


def uname_main(argv):
    common.apply_faults("uname")
    try:
        opts, args = common.getopt(argv[1:], "abiKmnoprsUv")
        opts = [("-" + o, v) for o, v in opts]
    except ValueError as e:
        sys.stderr.write("uname: %s\nusage: uname [-abiKmnoprsUv]\n" % e.args[0])
        return 1
    if args:
        sys.stderr.write("usage: uname [-abiKmnoprsUv]\n")
        return 1
    flags = {o[1] for o, _ in opts}
    if "a" in flags:
        flags |= set("mnrsv")
    if "o" in flags:
        flags.add("s")
    if not flags:
        flags = {"s"}
    rel = kernel_version()
    values = {"s": "FreeBSD", "n": common.hostname(), "r": rel, "v": version_string(), "m": "amd64",
              "p": "amd64", "i": "GENERIC", "K": str(osreldate(rel)), "U": str(osreldate(common.version()[0])),
              "b": "8c9ce319fef7a1c8d3f3d1c0ee3e3d0f15c2a27d"}
    out = []
    for c in "snrvmpiKUb":
        if c in flags:
            out.append(os.environ.get("UNAME_" + c, values[c]))
    sys.stdout.write(" ".join(out) + "\n")
    return 0


def sha256_main(argv):
    common.apply_faults("sha256")
    import hashlib
    prog = os.path.basename(argv[0])
    algo = prog.replace("sum", "") if prog else "sha256"
    label = {"sha256": "SHA256", "sha512": "SHA512", "md5": "MD5", "sha1": "SHA1", "sha224": "SHA224",
             "sha384": "SHA384"}.get(algo, "SHA256")
    args = argv[1:]
    quiet = reverse = False
    strings = []
    check = None
    files = []
    while args:
        a = args.pop(0)
        if a == "--":
            files += args
            break
        if a.startswith("-") and len(a) > 1 and not files:
            i = 1
            while i < len(a):
                c = a[i]
                if c == "q":
                    quiet = True
                elif c == "r":
                    reverse = True
                elif c in "sc":
                    val = a[i + 1:] or (args.pop(0) if args else None)
                    if val is None:
                        sys.stderr.write("%s: option requires an argument -- %s\n" % (prog, c))
                        return 1
                    if c == "s":
                        strings.append(val)
                    else:
                        check = val
                    break
                elif c in "ptx":
                    pass
                else:
                    sys.stderr.write("%s: illegal option -- %s\nusage: %s [-pqrtx] [-c string] [-s string] "
                                     "[files ...]\n" % (prog, c, prog))
                    return 1
                i += 1
        else:
            files.append(a)
    status = 0
    out = sys.stdout

    def emit(name, digest, is_string=False):
        nonlocal status
        shown = '"%s"' % name if is_string else name
        if quiet:
            out.write(digest + "\n")
        elif reverse:
            out.write("%s %s\n" % (digest, shown))
        else:
            out.write("%s (%s) = %s\n" % (label, shown, digest))
        if check is not None and digest != check.lower():
            status = 2
    for s in strings:
        emit(s, hashlib.new(algo, s.encode()).hexdigest(), True)
    for f in files:
        try:
            h = hashlib.new(algo)
            with open(common.host_path(f), "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 16), b""):
                    h.update(chunk)
        except OSError as e:
            out.flush()
            sys.stderr.write("%s: %s: %s\n" % (prog, f, os.strerror(e.errno)))
            status = 1
            continue
        emit(f, h.hexdigest())
    if not strings and not files:
        data = sys.stdin.buffer.read()
        out.write(hashlib.new(algo, data).hexdigest() + "\n")
    return status
