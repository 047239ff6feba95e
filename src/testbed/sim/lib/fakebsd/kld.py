"""Simulated kernel linker: loaded .ko files and the modules they register (kldstat, kldload, kldunload, and
ifconfig's autoload).

State file kld.json (under common.STATE_DIR, read and written only under common.Locked()):

    {"files": [FILE, ...],        # in load order; "kernel" (id 1) always first
     "next_file": 6, "next_mod": 40}
    FILE = {"id": 2, "refs": 1, "userrefs": 1, "name": "zfs.ko", "address": 18446744071597457408, "size": 6132520,
            "modules": [{"id": 33, "name": "zfs"}, ...], "deps": ["..."]}

Reference counts follow sys/kern/kern_linker.c: a file loaded by kldload(2) (or preloaded at boot) starts with
refs 1 and userrefs 1; a file loaded only as another file's dependency starts with refs 1 and userrefs 0; every
further dependent adds one ref; the kernel gains a ref per file. kldunload(2) refuses a file with no user reference
(EBUSY), and on one whose refs exceed 1 only drops a reference and succeeds: the file stays loaded. A state file
written before userrefs existed counts every file but the kernel as user-loaded.

Default when absent: kernel (with compiled-in modules such as if_lo, ether, if_tuntap), zfs.ko, pf.ko (pf loaded,
as on a host that sets pf_enable). if_bridge (+ bridgestp), if_epair and friends load on demand.

Other simulated commands that must load a module (ifconfig create) call ensure_loaded(NAME) while they already hold
common.Locked(): flock(2) is per open file, so taking the lock again from the same process would deadlock.
"""
import sys

from . import common

# /boot/kernel catalogue: file -> (size, modules it registers, files it depends on)
CATALOGUE = {
    "zfs.ko": (0x5d9328, ["zfsctrl", "zfs", "zfs_vdev", "zfs_zvol"], []),
    "pf.ko": (0x5ad30, ["pf"], []),
    "pflog.ko": (0x3950, ["pflog"], ["pf.ko"]),
    "pfsync.ko": (0x12620, ["pfsync"], ["pf.ko"]),
    "if_bridge.ko": (0x80f8, ["if_bridge"], ["bridgestp.ko"]),
    "bridgestp.ko": (0x6ec0, ["bridgestp"], []),
    "if_epair.ko": (0x4fc8, ["if_epair"], []),
    "if_wg.ko": (0x1ba90, ["if_wg", "wg"], []),
    "if_vxlan.ko": (0xbb80, ["if_vxlan"], []),
    "if_gif.ko": (0x6f30, ["if_gif"], []),
    "nullfs.ko": (0x5b30, ["nullfs"], []),
    "linux64.ko": (0x43580, ["linux64elf"], []),
    "vmm.ko": (0x3a2fa0, ["vmm"], []),
    "cryptodev.ko": (0x7820, ["cryptodev"], []),
    "accf_http.ko": (0x1210, ["accf_http"], []),
    "mac_portacl.ko": (0x2568, ["mac_portacl"], []),
    "ipfw.ko": (0x2cd18, ["ipfw"], []),
    "dummynet.ko": (0x1c8b0, ["dummynet"], ["ipfw.ko"]),
    "carp.ko": (0x11050, ["carp"], []),
}
# Modules compiled into GENERIC that matter here (the real list is longer; ids are illustrative and chosen so that
# 'kldload if_bridge' on a fresh host registers module id 23 as in the kldstat sample).
KERNEL_MODULES = ["cam", "ether", "if_lo", "if_tuntap", "if_vlan", "if_lagg", "if_gre", "if_vtnet", "virtio_pci",
                  "acpi", "pci", "random", "ufs", "tmpfs", "nullfs_compat", "sysvshm"]
KERNEL_BASE = 0xffffffff80200000


def _fresh():
    st = {"files": [{"id": 1, "refs": 1, "userrefs": 0, "name": "kernel", "address": KERNEL_BASE, "size": 0x1f3e2b0,
                     "modules": [{"id": i + 1, "name": m} for i, m in enumerate(KERNEL_MODULES)], "deps": []}],
          "next_file": 2, "next_mod": len(KERNEL_MODULES) + 1, "next_addr": 0xffffffff82140000}
    for f in ("zfs.ko", "pf.ko"):
        _load_file(st, f)
    return st


def load_state():
    """The linker state (call under common.Locked())."""
    st = common.load("kld", None)
    if st is None:
        st = _fresh()
    return st


def save_state(st):
    common.save("kld", st)


def file_name(name):
    """Maps a kldload/kldstat -n argument (if_bridge, if_bridge.ko, /boot/kernel/if_bridge.ko) to a file name."""
    base = name.rsplit("/", 1)[-1]
    return base if base.endswith(".ko") else base + ".ko"


def find_module(st, module):
    for f in st["files"]:
        for m in f["modules"]:
            if m["name"] == module:
                return f, m
    return None, None


def find_file(st, name):
    want = file_name(name) if name != "kernel" else "kernel"
    for f in st["files"]:
        if f["name"] == want:
            return f
    return None


def is_loaded(st, name):
    """True when NAME is a registered module (compiled in or loaded) or a loaded file."""
    return find_module(st, name)[0] is not None or find_file(st, name) is not None


def _load_file(st, fname, user=True):
    size, mods, deps = CATALOGUE[fname]
    for dep in deps:
        d = find_file(st, dep)
        if d is None:
            _load_file(st, dep, user=False)  # its first ref is this dependent's
        else:
            d["refs"] += 1
    f = {"id": st["next_file"], "refs": 1, "userrefs": 1 if user else 0, "name": fname, "address": st["next_addr"],
         "size": size, "modules": [], "deps": list(deps)}
    st["next_file"] += 1
    st["next_addr"] += (size + 0xfff) & ~0xfff
    for m in mods:
        f["modules"].append({"id": st["next_mod"], "name": m})
        st["next_mod"] += 1
    st["files"].append(f)
    st["files"][0]["refs"] += 1
    return f


def load(st, name):
    """kldload(2): returns (file, None) or (None, errno text)."""
    fname = file_name(name)
    if find_file(st, fname) is not None or find_module(st, fname[:-3])[0] is not None:
        return None, "module already loaded or in kernel"
    if fname not in CATALOGUE:
        return None, "No such file or directory"
    return _load_file(st, fname), None


def userrefs(f):
    return f.get("userrefs", 0 if f["name"] == "kernel" else 1)


def _drop(st, f):
    """linker_file_unload(): drops one reference; at the last one removes the file and drops its dependencies'."""
    if f["refs"] > 1:
        f["refs"] -= 1
        return
    st["files"].remove(f)
    st["files"][0]["refs"] -= 1
    for dep in f["deps"]:
        d = find_file(st, dep)
        if d is not None:
            _drop(st, d)


def unload(st, f):
    """kldunload(2) on a found file: None, or the errno text (the file may stay loaded even on success)."""
    if userrefs(f) == 0:  # the kernel itself, or a file loaded only as a dependency
        return "Device busy"
    f["userrefs"] = userrefs(f) - 1
    _drop(st, f)
    return None


def ensure_loaded(name):
    """Loads module/file NAME if it is not registered yet; True when something was loaded. Caller holds Locked()."""
    st = load_state()
    if is_loaded(st, name):
        return False
    f, error = load(st, name)
    if f is None:
        return False
    save_state(st)
    return True


def _print_file(out, f, verbose):
    out.append("%2d %4d 0x%016x %8x %s" % (f["id"], f["refs"], f["address"], f["size"], f["name"]))
    if verbose:
        out[-1] += " (%s)" % ("/boot/kernel/kernel" if f["name"] == "kernel" else "/boot/kernel/" + f["name"])
        out.append("\tContains modules:")
        out.append("\t\t Id Name")
        for m in f["modules"]:
            out.append("\t\t%3d %s" % (m["id"], m["name"]))


HEADER = "Id Refs Address                Size Name"
KLDSTAT_USAGE = ("usage: kldstat [-dhqv] [-i id] [-n filename]\n"
                 "       kldstat [-dhq] [-m modname]\n")


def kldstat_main(argv):
    common.apply_faults("kldstat")
    try:
        opts, args = common.getopt(argv[1:], "dhi:m:n:qv")
    except ValueError as e:
        sys.stderr.write("kldstat: %s\n" % e.args[0] + KLDSTAT_USAGE)
        return 1
    if args:
        sys.stderr.write(KLDSTAT_USAGE)
        return 1
    o = {"-" + k: v for k, v in opts}
    quiet, verbose = "-q" in o, "-v" in o
    with common.Locked():
        st = load_state()
    out = []
    if "-m" in o:
        f, m = find_module(st, o["-m"])
        if m is None:
            if not quiet:
                common.err("kldstat", "can't find module %s: No such file or directory" % o["-m"])
            return 1
        if not quiet:
            out += ["Id  Refs Name", "%3d %4d %s" % (m["id"], f["refs"] if f["name"] != "kernel" else 1, m["name"])]
    elif "-n" in o or "-i" in o:
        if "-n" in o:
            f = find_file(st, o["-n"])
            what = "file %s" % o["-n"]
        else:
            f = next((x for x in st["files"] if str(x["id"]) == o["-i"]), None)
            what = "file id %s" % o["-i"]
        if f is None:
            if not quiet:
                common.err("kldstat", "can't find %s: No such file or directory" % what)
            return 1
        if not quiet:
            out.append(HEADER)
            _print_file(out, f, verbose)
    else:
        if not quiet:
            out.append(HEADER)
            for f in st["files"]:
                _print_file(out, f, verbose)
    if out:
        sys.stdout.write("\n".join(out) + "\n")
    return 0


def kldload_main(argv):
    common.apply_faults("kldload")
    try:
        opts, args = common.getopt(argv[1:], "nqv")
    except ValueError as e:
        sys.stderr.write("kldload: %s\nusage: kldload [-nqv] file ...\n" % e.args[0])
        return 1
    if not args:
        sys.stderr.write("usage: kldload [-nqv] file ...\n")
        return 1
    o = {"-" + k: v for k, v in opts}
    status = 0
    with common.Locked():
        st = load_state()
        changed = False
        for name in args:
            if "-n" in o and is_loaded(st, file_name(name)[:-3]):
                continue
            if not common.is_root():
                sys.stderr.write("kldload: can't load %s: Operation not permitted\n" % name)
                status = 1
                continue
            f, error = load(st, name)
            if f is None:
                if "-q" not in o or error != "module already loaded or in kernel":
                    sys.stderr.write("kldload: can't load %s: %s\n" % (name, error))
                status = 1
                continue
            changed = True
            if "-v" in o:
                sys.stdout.write("Loaded %s, id=%d\n" % (name, f["id"]))
        if changed:
            save_state(st)
    return status


KLDUNLOAD_USAGE = ("usage: kldunload [-fv] -i id ...\n"
                   "       kldunload [-fv] [-n] name ...\n")


def kldunload_main(argv):
    """sbin/kldunload/kldunload.c: stops at the first failure (errx/err, exit 1); usage exits 64 (EX_USAGE)."""
    common.apply_faults("kldunload")
    try:
        opts, args = common.getopt(argv[1:], "finv")
    except ValueError as e:
        sys.stderr.write("kldunload: %s\n" % e.args[0] + KLDUNLOAD_USAGE)
        return 64
    if not args:
        sys.stderr.write(KLDUNLOAD_USAGE)
        return 64
    o = {"-" + k: v for k, v in opts}
    with common.Locked():
        st = load_state()
        try:
            for name in args:
                if "-i" in o:
                    f = next((x for x in st["files"] if str(x["id"]) == name), None)
                else:
                    f = find_file(st, name)
                if f is None and "-i" not in o:  # errx: no errno text
                    common.err("kldunload", "can't find file %s" % name)
                if f is None:  # -i: no lookup; kldstat(2) (with -v) or kldunload(2) fails with ENOENT
                    common.err("kldunload", "can't %s file: No such file or directory"
                               % ("stat" if "-v" in o else "unload"))
                if "-v" in o:
                    sys.stdout.write("Unloading %s, id=%d\n" % (f["name"], f["id"]))
                if not common.is_root():
                    common.err("kldunload", "can't unload file: Operation not permitted")
                error = unload(st, f)
                if error is not None:
                    common.err("kldunload", "can't unload file: %s" % error)
        finally:
            save_state(st)
    return 0
