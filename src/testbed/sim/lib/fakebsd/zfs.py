"""Simulated OpenZFS (zfs and zpool) of one FreeBSD host: datasets, snapshots, clones, properties and their sources.

State file zfs.json (under common.STATE_DIR, read and written only under common.Locked()):

    {"pools": {"zroot": {"size": 53687091200, "health": "ONLINE", "guid": 1234}},
     "txg": 120,                                  # last transaction group (orders snapshots, createtxg)
     "datasets": {NAME: DS, ...}}                 # file systems, volumes and snapshots ("fs@snap") by full name
    DS = {"type": "filesystem" | "volume" | "snapshot",
          "props": {"mountpoint": "/jails", "quota": 10737418240, "com.example:role": "db"},  # locally set
          "received": {"prop": "value"},           # received values (source 'received'), rarely used
          "origin": "pool/fs@snap" | null,          # clones only
          "data": 98304,                            # bytes unique to this dataset (snapshots: 'used')
          "base": 0,                                # clones: bytes referenced through the origin at clone time
          "refer": 0,                               # snapshots only: bytes referenced when taken
          "creation": 1735689600, "createtxg": 7, "guid": 1234}

Defaults when zfs.json is absent: pool zroot with zroot, zroot/ROOT, zroot/ROOT/default (/), zroot/jails (/jails),
zroot/jails/templates and zroot/jails/templates/14.3-RELEASE. A launcher may seed more with $STATE/seed-zfs.json:

    {"replace_defaults": false,                   # true: start from an empty pool list instead of the defaults
     "pools": {"tank": {"size": 107374182400}},   # extra pools (their root dataset is created)
     "datasets": [{"name": "zroot/jails/templates/base", "props": {"com.example:role": "tpl"},
                   "used": 392134656,              # 'data' bytes (default 98304 for file systems, 0 for snapshots)
                   "show_used": 98304,             # optional: pin the reported 'used' (published samples' numbers
                                                   # are illustrative and need not add up)
                   "refer": 1234,                  # snapshots only: referenced bytes (default: the file system's)
                   "origin": "zroot/...@snap",      # makes it a clone of that (already seeded) snapshot
                   "received": {}, "type": "volume", "creation": 1735689600},
                  {"name": "zroot/jails/templates/base@15.0-RELEASE"}]}

Missing parents are created. Mount points are real directories only under /jails (the host's own view in the fleet)
or anywhere below $FAKEBSD_ROOT when that is set: create/clone makes the directory (a clone gets a copy of the
origin's files), destroy removes it, rename moves it.
"""
import os
import sys
import time

from . import common

EMPTY = 98304
DEFAULT_CREATION = 1735689600  # 2025-01-01: the default datasets' fake install time
UNLIMITED = 18446744073709551615

# Inheritable (source can be 'inherited from X') native properties with their defaults.
INHERIT = {
    "mountpoint": None, "sharenfs": "off", "checksum": "on", "compression": "off", "atime": "on",
    "devices": "on", "exec": "on", "setuid": "on", "readonly": "off", "jailed": "off", "snapdir": "hidden",
    "aclmode": "discard", "aclinherit": "restricted", "xattr": "on", "copies": "1", "vscan": "off",
    "nbmand": "off", "sharesmb": "off", "primarycache": "all", "secondarycache": "all", "logbias": "latency",
    "dedup": "off", "sync": "standard", "dnodesize": "legacy", "recordsize": 131072, "volmode": "default",
    "snapdev": "hidden", "acltype": "nfsv4", "relatime": "off", "redundant_metadata": "all", "overlay": "on",
    "special_small_blocks": 0,
}
# Settable but not inheritable.
LOCALONLY = {"quota": 0, "reservation": 0, "refquota": 0, "refreservation": 0, "canmount": "on",
             "filesystem_limit": UNLIMITED, "snapshot_limit": UNLIMITED}
# Fixed at creation, shown with source '-'.
CREATE_ONLY = {"version": "5", "utf8only": "off", "normalization": "none", "casesensitivity": "sensitive",
               "encryption": "off", "keyformat": "none", "keylocation": "none", "pbkdf2iters": "0",
               "mlslabel": "none"}
READONLY = ["type", "creation", "used", "available", "referenced", "compressratio", "mounted", "origin",
            "createtxg", "guid", "usedbysnapshots", "usedbydataset", "usedbychildren", "usedbyrefreservation",
            "objsetid", "refcompressratio", "written", "logicalused", "logicalreferenced", "filesystem_count",
            "snapshot_count", "clones", "defer_destroy", "userrefs", "name"]
# 'zfs get all' order (zfs_prop.c registration order, abridged).
ALL_ORDER = ["type", "creation", "used", "available", "referenced", "compressratio", "mounted", "origin", "quota",
             "reservation", "recordsize", "mountpoint", "sharenfs", "checksum", "compression", "atime", "devices",
             "exec", "setuid", "readonly", "jailed", "snapdir", "aclmode", "aclinherit", "createtxg", "canmount",
             "xattr", "copies", "version", "utf8only", "normalization", "casesensitivity", "vscan", "nbmand",
             "sharesmb", "refquota", "refreservation", "guid", "primarycache", "secondarycache", "usedbysnapshots",
             "usedbydataset", "usedbychildren", "usedbyrefreservation", "logbias", "objsetid", "dedup", "mlslabel",
             "sync", "dnodesize", "refcompressratio", "written", "logicalused", "logicalreferenced", "volmode",
             "filesystem_limit", "snapshot_limit", "filesystem_count", "snapshot_count", "snapdev", "acltype",
             "relatime", "redundant_metadata", "overlay", "encryption", "keylocation", "keyformat", "pbkdf2iters",
             "special_small_blocks"]
SNAPSHOT_PROPS = {"type", "creation", "used", "referenced", "compressratio", "createtxg", "guid", "clones",
                  "defer_destroy", "userrefs", "objsetid", "refcompressratio", "written", "logicalreferenced",
                  "devices", "exec", "setuid", "xattr", "version", "utf8only", "normalization",
                  "casesensitivity", "nbmand", "primarycache", "secondarycache", "acltype", "mlslabel", "name",
                  "encryption", "keylocation", "keyformat", "pbkdf2iters", "volmode", "redundant_metadata"}
NUMERIC = {"used", "available", "referenced", "quota", "reservation", "refquota", "refreservation",
           "recordsize", "usedbysnapshots", "usedbydataset", "usedbychildren", "usedbyrefreservation", "written",
           "logicalused", "logicalreferenced", "special_small_blocks", "creation", "createtxg", "guid", "objsetid",
           "filesystem_limit", "snapshot_limit", "filesystem_count", "snapshot_count", "userrefs",
           "compressratio", "refcompressratio", "volsize"}
COLNAMES = {"available": "AVAIL", "referenced": "REFER", "compressratio": "RATIO", "refcompressratio": "REFRATIO",
            "recordsize": "RECSIZE", "compression": "COMPRESS", "checksum": "CHECKSUM", "logicalused": "LUSED",
            "logicalreferenced": "LREFER", "usedbysnapshots": "USEDSNAP", "usedbydataset": "USEDDS",
            "usedbychildren": "USEDCHILD", "usedbyrefreservation": "USEDREFRESERV", "reservation": "RESERV",
            "refreservation": "REFRESERV", "casesensitivity": "CASE", "normalization": "NORMALIZATION",
            "filesystem_limit": "FSLIMIT", "snapshot_limit": "SSLIMIT", "filesystem_count": "FSCOUNT",
            "snapshot_count": "SSCOUNT", "primarycache": "PRIMARYCACHE", "secondarycache": "SECONDARYCACHE",
            "special_small_blocks": "SPECIAL_SMALL_BLOCKS", "defer_destroy": "DEFER_DESTROY",
            "redundant_metadata": "REDUND_MD", "keylocation": "KEYLOCATION", "pbkdf2iters": "PBKDF2ITERS"}
ALIASES = {"avail": "available", "refer": "referenced", "ratio": "compressratio", "compress": "compression",
           "recsize": "recordsize", "reserv": "reservation", "refreserv": "refreservation",
           "refratio": "refcompressratio", "lused": "logicalused", "lrefer": "logicalreferenced",
           "usedsnap": "usedbysnapshots", "usedds": "usedbydataset", "usedchild": "usedbychildren",
           "usedrefreserv": "usedbyrefreservation"}
INDEX_VALUES = {
    "atime": "on | off", "devices": "on | off", "exec": "on | off", "setuid": "on | off", "readonly": "on | off",
    "jailed": "on | off", "vscan": "on | off", "nbmand": "on | off", "relatime": "on | off", "overlay": "on | off",
    "xattr": "on | off | dir | sa", "canmount": "on | off | noauto", "snapdir": "hidden | visible",
    "copies": "1 | 2 | 3", "sync": "standard | always | disabled", "logbias": "latency | throughput",
    "primarycache": "all | none | metadata", "secondarycache": "all | none | metadata",
    "aclmode": "discard | groupmask | passthrough | restricted",
    "aclinherit": "discard | noallow | restricted | passthrough | passthrough-x",
    "dedup": "on | off | verify | sha256[,verify] | sha512[,verify] | skein[,verify] | edonr,verify | blake3[,verify]",
    "checksum": "on | off | fletcher2 | fletcher4 | sha256 | sha512 | skein | edonr | blake3",
    "compression": "on | off | lzjb | gzip | gzip-[1-9] | zle | lz4 | zstd | zstd-[1-19] | zstd-fast "
                   "| zstd-fast-[1-10,20,30,...,100,500,1000]",
    "dnodesize": "legacy | auto | 1k | 2k | 4k | 8k | 16k", "volmode": "default | full | geom | dev | none",
    "snapdev": "hidden | visible", "acltype": "off | nfsv4 | posix",
    "redundant_metadata": "all | most | some | none",
}
INDEX_EXTRA = {
    "compression": ["gzip-%d" % i for i in range(1, 10)] + ["zstd-%d" % i for i in range(1, 20)]
                   + ["zstd-fast"] + ["zstd-fast-%d" % i for i in list(range(1, 11)) + [20, 30, 40, 50, 60, 70, 80, 90,
                                                                                      100, 500, 1000]],
    "dedup": ["sha256,verify", "sha512,verify", "skein,verify", "blake3,verify", "edonr,verify"],
    "dnodesize": ["1k", "2k", "4k", "8k", "16k"],
    "xattr": ["on", "off", "dir", "sa"],
}


class Fail(Exception):
    """A libzfs error: MESSAGE goes to stderr as is, STATUS is the exit code."""

    def __init__(self, message, status=1):
        super().__init__(message)
        self.message, self.status = message, status


# ---------------------------------------------------------------- state

def _new_ds(st, kind, data=EMPTY, creation=None):
    st["txg"] += 1
    return {"type": kind, "props": {}, "received": {}, "origin": None, "data": data, "base": 0, "refer": 0,
            "creation": int(creation if creation is not None else time.time()), "createtxg": st["txg"],
            "guid": (hash_name(str(st["txg"]) + kind) * 2654435761) % (1 << 63)}


def hash_name(text):
    import zlib
    return zlib.crc32(text.encode())


def _default_state():
    st = {"pools": {"zroot": {"size": 53687091200, "health": "ONLINE", "guid": 5942163911723842813}},
          "txg": 0, "datasets": {}}
    layout = [("zroot", {"mountpoint": "/zroot", "compression": "lz4", "atime": "off"}, EMPTY),
              ("zroot/ROOT", {"mountpoint": "none"}, EMPTY),
              ("zroot/ROOT/default", {"mountpoint": "/", "canmount": "noauto"}, 1717986918),
              ("zroot/jails", {"mountpoint": "/jails"}, 106496),
              ("zroot/jails/templates", {}, EMPTY),
              ("zroot/jails/templates/14.3-RELEASE", {}, 392134656)]
    for name, props, data in layout:
        ds = _new_ds(st, "filesystem", data, DEFAULT_CREATION)
        ds["props"].update(props)
        st["datasets"][name] = ds
    return st


def _seed(st, seed):
    for pool, info in (seed.get("pools") or {}).items():
        if pool not in st["pools"]:
            st["pools"][pool] = {"size": int(info.get("size", 53687091200)), "health": info.get("health", "ONLINE"),
                                 "guid": hash_name(pool)}
            root = _new_ds(st, "filesystem", EMPTY, DEFAULT_CREATION)
            st["datasets"][pool] = root
    for entry in seed.get("datasets") or []:
        name = entry["name"]
        fs = name.split("@")[0]
        parts = fs.split("/")
        if parts[0] not in st["pools"]:
            st["pools"][parts[0]] = {"size": 53687091200, "health": "ONLINE", "guid": hash_name(parts[0])}
        for i in range(1, len(parts) + 1):
            p = "/".join(parts[:i])
            if p not in st["datasets"]:
                st["datasets"][p] = _new_ds(st, "filesystem", EMPTY, entry.get("creation", DEFAULT_CREATION))
        if "@" in name:
            snap = _new_ds(st, "snapshot", int(entry.get("used", 0)), entry.get("creation", DEFAULT_CREATION))
            if "show_used" in entry:
                snap["show_used"] = int(entry["show_used"])
            snap["refer"] = int(entry.get("refer", referenced(st, fs)))
            st["datasets"][name] = snap
            continue
        ds = st["datasets"][fs]
        ds["type"] = entry.get("type", "filesystem")
        ds["props"].update(entry.get("props") or {})
        ds["received"].update(entry.get("received") or {})
        if "used" in entry:
            ds["data"] = int(entry["used"])
        if "show_used" in entry:
            ds["show_used"] = int(entry["show_used"])
        if entry.get("origin"):
            ds["origin"] = entry["origin"]
            ds["base"] = referenced(st, entry["origin"]) if entry["origin"] in st["datasets"] else 0
            if "used" not in entry:
                ds["data"] = 0
    for ds in st["datasets"].values():
        for k in ("quota", "reservation", "refquota", "refreservation", "recordsize"):
            if isinstance(ds["props"].get(k), str):
                ds["props"][k] = parse_size(ds["props"][k])


def load_state():
    st = common.load("zfs", None)
    if st is None:
        seed = {}
        try:
            with open(common.state_path("seed-zfs.json")) as f:
                seed = common.loads(f.read())
        except FileNotFoundError:
            pass
        st = {"pools": {}, "txg": 0, "datasets": {}} if seed.get("replace_defaults") else _default_state()
        _seed(st, seed)
        try:
            common.save("zfs", st)
        except OSError:
            pass  # a non-root reader: the seeded state is rebuilt identically next time
    return st


# ---------------------------------------------------------------- structure and sizes

def pool_of(name):
    return name.split("/")[0].split("@")[0]


def parent_of(name):
    if "@" in name:
        return name.split("@")[0]
    return name.rsplit("/", 1)[0] if "/" in name else None


def children(st, name):
    pre = name + "/"
    return sorted(n for n in st["datasets"] if n.startswith(pre) and "@" not in n and "/" not in n[len(pre):])


def snapshots(st, name):
    pre = name + "@"
    return sorted((n for n in st["datasets"] if n.startswith(pre)), key=lambda n: st["datasets"][n]["createtxg"])


def clones(st, snap):
    return sorted(n for n, d in st["datasets"].items() if d.get("origin") == snap)


def descendants(st, name):
    """All file systems below NAME (not NAME), sorted."""
    pre = name + "/"
    return sorted(n for n in st["datasets"] if n.startswith(pre) and "@" not in n)


def used(st, name):
    ds = st["datasets"][name]
    if "show_used" in ds:
        return ds["show_used"]
    if ds["type"] == "snapshot":
        return ds["data"]
    total = ds["data"] + sum(used(st, c) for c in children(st, name)) + sum(used(st, s) for s in snapshots(st, name))
    return max(total, ds["props"].get("reservation", 0), ds["props"].get("refreservation", 0))


def referenced(st, name):
    ds = st["datasets"][name]
    if ds["type"] == "snapshot":
        return ds["refer"]
    return ds["base"] + ds["data"]


def available(st, name):
    pool = pool_of(name)
    usable = st["pools"][pool]["size"] * 31 // 32  # slop space reserved by the pool
    free = max(0, usable - used(st, pool))
    n = name
    while n:
        q = st["datasets"][n]["props"].get("quota", 0)
        if q:
            free = min(free, max(0, q - used(st, n)))
        n = parent_of(n)
    rq = st["datasets"][name]["props"].get("refquota", 0)
    if rq:
        free = min(free, max(0, rq - referenced(st, name)))
    return free


def nicenum(num):
    """zfs_nicebytes (OpenZFS libzutil zfs_nicenum_format, ZFS_NICENUM_BYTES)."""
    units = ["B", "K", "M", "G", "T", "P", "E"]
    n, index = num, 0
    while n >= 1024 and index < 6:
        n //= 1024
        index += 1
    if index == 0 or num % (1024 ** index) == 0:
        return "%d%s" % (n, units[index])
    for i in (2, 1, 0):
        text = "%.*f%s" % (i, num / (1024 ** index), units[index])
        if len(text) <= 5:
            return text
    return text


def parse_size(text):
    """zfs_nicestrtonum: '10G', '1.5T', '512', 'none' (0). Raises Fail-ready ValueError text."""
    t = str(text).strip()
    if t == "none":
        return 0
    num = ""
    i = 0
    while i < len(t) and (t[i].isdigit() or t[i] == "."):
        num += t[i]
        i += 1
    if not num:
        raise ValueError("bad numeric value '%s'" % t)
    suffix = t[i:].upper()
    shifts = {"": 0, "B": 0, "K": 10, "M": 20, "G": 30, "T": 40, "P": 50, "E": 60}
    key = suffix[:-1] if len(suffix) == 2 and suffix.endswith("B") else suffix
    if len(suffix) > 2 or key not in shifts or (len(suffix) == 2 and key == "B"):
        raise ValueError("invalid numeric suffix '%s'" % t[i:])
    if "." in num and key in ("", "B"):
        raise ValueError("bad numeric value '%s'" % t)
    return int(float(num) * (1 << shifts[key]))


# ---------------------------------------------------------------- properties

def canon_prop(name):
    """Canonical property name, or None if NAME is neither native nor a user property."""
    n = name.lower() if ":" not in name else name
    n = ALIASES.get(n, n)
    if n in INHERIT or n in LOCALONLY or n in READONLY or n in CREATE_ONLY:
        return n
    if is_user_prop(name):
        return name
    return None


def is_user_prop(name):
    if ":" not in name or len(name) > 256:
        return False
    ok = set("abcdefghijklmnopqrstuvwxyz0123456789-_.:")
    return all(c in ok for c in name) and name[0] not in "-"


def colname(prop):
    if is_user_prop(prop):
        return prop.upper()
    return COLNAMES.get(prop, prop.upper())


def _inherited(st, name, prop):
    """(value, source dataset or None) for an inheritable property of a file system."""
    n = name
    suffix = ""
    while n is not None:
        ds = st["datasets"][n]
        for where in ("props", "received"):
            if prop in ds[where] and not (where == "received" and prop in ds.get("ignore_received", [])):
                v = ds[where][prop]
                src = ("local" if where == "props" else "received") if n == name else "inherited from " + n
                if prop == "mountpoint" and suffix and v not in ("none", "legacy"):
                    v = (v.rstrip("/") + suffix) if v != "/" else suffix
                return v, src
        p = parent_of(n)
        if p is not None:
            suffix = n[len(p):] + suffix
        n = p
    if prop == "mountpoint":
        return "/" + name, "default"
    return INHERIT.get(prop, "-"), "default"


def prop_value(st, name, prop, parsable):
    """(value, source) strings as 'zfs get' prints them; value '-' when the property does not apply."""
    ds = st["datasets"][name]
    kind = ds["type"]
    snap = kind == "snapshot"
    if is_user_prop(prop):
        n = name if not snap else name.split("@")[0]
        if snap:
            if prop in ds["props"]:
                return ds["props"][prop], "local"
        while n is not None:
            d = st["datasets"][n]
            if prop in d["props"]:
                return d["props"][prop], ("local" if n == name else "inherited from " + n)
            if prop in d["received"]:
                return d["received"][prop], ("received" if n == name else "inherited from " + n)
            n = parent_of(n)
        return "-", "-"
    if snap and prop not in SNAPSHOT_PROPS:
        return "-", "-"
    if kind == "volume" and prop in ("mountpoint", "canmount", "atime", "snapdir", "aclmode", "aclinherit",
                                     "setuid", "exec", "devices", "recordsize", "xattr", "jailed"):
        return "-", "-"

    def size(v):
        return str(v) if parsable else nicenum(v)
    if prop == "name":
        return name, "-"
    if prop == "type":
        return kind, "-"
    if prop == "creation":
        if parsable:
            return str(ds["creation"]), "-"
        return time.strftime("%a %b %e %k:%M %Y", time.localtime(ds["creation"])), "-"
    if prop == "used":
        return size(used(st, name)), "-"
    if prop == "available":
        return size(available(st, name)), "-"
    if prop in ("referenced", "logicalreferenced"):
        return size(referenced(st, name)), "-"
    if prop == "logicalused":
        return size(used(st, name)), "-"
    if prop == "usedbydataset":
        return size(ds["data"]), "-"
    if prop == "usedbysnapshots":
        return size(sum(used(st, s) for s in snapshots(st, name))), "-"
    if prop == "usedbychildren":
        return size(sum(used(st, c) for c in children(st, name))), "-"
    if prop in ("usedbyrefreservation", "written"):
        return size(0 if prop == "usedbyrefreservation" else ds["data"]), "-"
    if prop in ("compressratio", "refcompressratio"):
        return ("1.00" if parsable else "1.00x"), "-"
    if prop == "mounted":
        return ("yes" if is_mounted(st, name) else "no"), "-"
    if prop == "origin":
        return (ds.get("origin") or "-"), "-"
    if prop == "clones":
        return ",".join(clones(st, name)), "-"
    if prop in ("createtxg", "guid"):
        return str(ds[prop]), "-"
    if prop == "objsetid":
        return str(ds["createtxg"] + 128), "-"
    if prop == "defer_destroy":
        return "off", "-"
    if prop == "userrefs":
        return "0", "-"
    if prop in ("filesystem_count", "snapshot_count"):
        return "none" if not parsable else str(UNLIMITED), "-"
    if prop in CREATE_ONLY:
        return CREATE_ONLY[prop], "-"
    if prop in LOCALONLY:
        if prop in ds["props"]:
            v, src = ds["props"][prop], "local"
        elif prop in ds["received"]:
            v, src = ds["received"][prop], "received"
        else:
            v, src = LOCALONLY[prop], "default"
        if isinstance(v, int):
            if prop in ("filesystem_limit", "snapshot_limit"):
                return (str(v) if parsable else ("none" if v == UNLIMITED else str(v))), src
            return (str(v) if parsable else ("none" if v == 0 else nicenum(v))), src
        return v, src
    if prop in INHERIT:
        v, src = _inherited(st, name, prop)
        if isinstance(v, int):
            v = str(v) if parsable else nicenum(v) if v else "0"
        return v, src
    return "-", "-"


def is_mounted(st, name):
    ds = st["datasets"][name]
    if ds["type"] != "filesystem" or ds.get("unmounted"):
        return False
    mp, _ = _inherited(st, name, "mountpoint")
    canmount = ds["props"].get("canmount", "on")
    if name == "zroot/ROOT/default" and mp == "/":
        return True
    return canmount == "on" and mp not in ("none", "legacy")


def validate_prop(prop, value, name, kind="filesystem", creating=False):
    """Returns the stored form of VALUE for PROP or raises ValueError with libzfs' reason."""
    if is_user_prop(prop):
        if len(value) > 8191:
            raise ValueError("property value '%s' is too long" % prop)
        return value
    canon = canon_prop(prop)
    if canon is None:
        raise ValueError("invalid property '%s'" % prop)
    if canon in READONLY:
        raise ValueError("'%s' is readonly" % canon)
    if canon in CREATE_ONLY:
        if not creating:
            raise ValueError("'%s' is readonly" % canon)
        return value
    if canon in ("quota", "reservation", "refquota", "refreservation", "special_small_blocks"):
        return parse_size(value)
    if canon in ("filesystem_limit", "snapshot_limit"):
        if value == "none":
            return UNLIMITED
        if not value.isdigit():
            raise ValueError("bad numeric value '%s'" % value)
        return int(value)
    if canon == "recordsize":
        v = parse_size(value)
        if v < 512 or v > 16777216 or v & (v - 1):
            raise ValueError("'recordsize' must be power of 2 from 512B to 1M")
        return v
    if canon == "mountpoint":
        if value in ("none", "legacy") or value.startswith("/"):
            return value.rstrip("/") or "/"
        raise ValueError("'mountpoint' must be an absolute path, 'none', or 'legacy'")
    if canon in ("sharenfs", "sharesmb"):
        return value
    allowed = INDEX_VALUES.get(canon)
    if allowed:
        choices = [c.strip() for c in allowed.split("|") if "[" not in c and "..." not in c]
        choices += INDEX_EXTRA.get(canon, [])
        if value not in choices:
            raise ValueError("'%s' must be one of '%s'" % (canon, allowed))
    return value


# ---------------------------------------------------------------- names

NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.: ")


def name_problem(name, kind):
    """zfs_validate_name: None if NAME is a valid KIND ('filesystem' or 'snapshot') name, else the reason."""
    if len(name) >= 256:
        return "name is too long"
    if name.startswith("/"):
        return "leading slash in name"
    if kind == "snapshot" and "@" not in name:
        return "missing '@' delimiter in snapshot name"
    if kind != "snapshot" and "@" in name:
        return "snapshot delimiter '@' is not expected here"
    if name.endswith("/"):
        return "trailing slash in name"
    if name.count("@") > 1:
        return "multiple '@' delimiters in name"
    for part in name.replace("@", "/").split("/"):
        if part == "":
            return "empty component or misplaced '@' or '#' delimiter in name"
        for c in part:
            if c not in NAME_CHARS:
                return "invalid character '%s' in name" % c
        if part in (".", ".."):
            return "self reference, '.' is found in name" if part == "." else "parent reference, '..' is found in name"
    return None


# ---------------------------------------------------------------- mount directories

def _dir_allowed(mp):
    if not mp or not mp.startswith("/"):
        return False
    return bool(common.HOST_ROOT) or mp == "/jails" or mp.startswith("/jails/")


def mount_dir(st, name):
    """The real directory backing NAME's mount point, or None when it is not mounted or not simulated on disk."""
    if not is_mounted(st, name):
        return None
    mp, _ = _inherited(st, name, "mountpoint")
    if mp == "/" or not _dir_allowed(mp):
        return None
    return common.host_path(mp)


def _mkdir(path):
    try:
        os.makedirs(path, exist_ok=True)
    except OSError:
        pass


def _rmtree(path):
    import shutil
    if path and os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)


def _copy_tree(src, dst):
    import shutil
    if not (src and os.path.isdir(src)):
        return
    for entry in os.listdir(src):
        s, d = os.path.join(src, entry), os.path.join(dst, entry)
        try:
            if os.path.isdir(s) and not os.path.islink(s):
                shutil.copytree(s, d, symlinks=True, dirs_exist_ok=True)
            else:
                shutil.copy2(s, d, follow_symlinks=False)
        except OSError:
            pass


# ---------------------------------------------------------------- usage

USAGE = {
    "list": "\tlist [-Hp] [-r|-d max] [-o property[,...]] [-s property]...\n"
            "\t    [-S property]... [-t type[,...]] [filesystem|volume|snapshot] ...\n",
    "list15": "\tlist [-Hp] [-j [--json-int]] [-r|-d max] [-o property[,...]]\n"
              "\t    [-s property]... [-S property]... [-t type[,...]]\n"
              "\t    [filesystem|volume|snapshot] ...\n",
    "get": "\tget [-rHp] [-d max] [-o \"all\" | field[,...]]\n"
           "\t    [-t type[,...]] [-s source[,...]]\n"
           "\t    <\"all\" | property[,...]> [filesystem|volume|snapshot|bookmark] ...\n",
    "set": "\tset <property=value> ... <filesystem|volume|snapshot> ...\n",
    "inherit": "\tinherit [-rS] <property> <filesystem|volume|snapshot> ...\n",
    "create": "\tcreate [-Pnpuv] [-o property=value] ... <filesystem>\n"
              "\tcreate [-Pnpsv] [-b blocksize] [-o property=value] ... -V <size> <volume>\n",
    "destroy": "\tdestroy [-fnpRrv] <filesystem|volume>\n"
               "\tdestroy [-dnpRrv] <filesystem|volume>@<snap>[%<snap>][,...]\n"
               "\tdestroy <filesystem|volume>#<bookmark>\n",
    "snapshot": "\tsnapshot [-r] [-o property=value] ... <filesystem|volume>@<snap> ...\n",
    "clone": "\tclone [-p] [-o property=value] ... <snapshot> <filesystem|volume>\n",
    "promote": "\tpromote <clone-filesystem>\n",
    "rename": "\trename [-f] <filesystem|volume|snapshot> <filesystem|volume|snapshot>\n"
              "\trename -p [-f] <filesystem|volume> <filesystem|volume>\n"
              "\trename -u [-f] <filesystem> <filesystem>\n"
              "\trename -r <snapshot> <snapshot>\n",
    "mount": "\tmount\n\tmount [-flvO] [-o opts] <-a|-R filesystem|filesystem>\n",
    "version": "\tversion [-j]\n",
}


def usage(cmd, message=None):
    out = sys.stderr
    if message:
        out.write(message + "\n")
    out.write("usage:\n")
    key = "list15" if cmd == "list" and common.version()[1] >= 15 else cmd
    out.write(USAGE.get(key, ""))
    if cmd in ("get", "set", "inherit", "list"):
        out.write("\nThe following properties are supported:\n\n\tPROPERTY       EDIT  INHERIT   VALUES\n\n")
        for p in ALL_ORDER:
            edit = "NO" if p in READONLY or p in CREATE_ONLY else "YES"
            inh = "YES" if p in INHERIT else "NO"
            out.write("\t%-14s %4s   %4s   %s\n" % (p, edit, inh, INDEX_VALUES.get(p, "<value>")))
        out.write("\nSizes are specified in bytes with standard units such as K, M, G, etc.\n")
        out.write("\nUser-defined properties can be specified by using a name containing a colon (:).\n")
    raise Fail(None, 2)


def getopts(cmd, args, spec, long_ok=()):
    """getopt(3) in zfs style: errors print 'invalid option' / 'missing argument' + usage, exit 2."""
    opts, rest = [], list(args)
    while rest and rest[0].startswith("-") and rest[0] != "-":
        word = rest.pop(0)
        if word == "--":
            break
        if word.startswith("--"):
            if word[2:] in long_ok:
                opts.append((word, None))
                continue
            usage(cmd, "invalid option '%s'" % word[2:])
        i = 1
        while i < len(word):
            c = word[i]
            pos = spec.find(c)
            if pos < 0 or c == ":":
                usage(cmd, "invalid option '%s'" % c)
            if pos + 1 < len(spec) and spec[pos + 1] == ":":
                val = word[i + 1:]
                if not val:
                    if not rest:
                        usage(cmd, "missing argument for '%s' option" % c)
                    val = rest.pop(0)
                opts.append((c, val))
                break
            opts.append((c, None))
            i += 1
    return opts, rest


# ---------------------------------------------------------------- list / get

TYPE_WORDS = {"filesystem": "filesystem", "fs": "filesystem", "snapshot": "snapshot", "snap": "snapshot",
              "volume": "volume", "vol": "volume", "bookmark": "bookmark", "all": "all"}


def parse_types(cmd, text):
    types = set()
    for w in text.split(","):
        if w not in TYPE_WORDS:
            usage(cmd, "invalid type '%s'" % w)
        if w == "all":
            types |= {"filesystem", "snapshot", "volume", "bookmark"}
        else:
            types.add(TYPE_WORDS[w])
    return types


def sort_key(st, name):
    fs, _, snap = name.partition("@")
    return (fs, 1 if snap else 0, st["datasets"][name]["createtxg"] if snap else 0)


def select(st, names, types, recurse, depth, snap_shortcut):
    """zfs_for_each: the datasets to report, sorted as zfs_compare sorts them; errors are (message) strings."""
    found, errors = [], []
    if not names:
        roots = sorted(st["pools"])
        recurse = True if depth is None else recurse
    else:
        roots = names
    for root in roots:
        if root not in st["datasets"]:
            kind = "snapshot" if "@" in root else "filesystem"
            problem = name_problem(root, kind)
            errors.append("cannot open '%s': %s" % (root, problem or "dataset does not exist"))
            continue
        if not recurse and depth is None and not snap_shortcut:
            if "@" in root or st["datasets"][root]["type"] in types or not names:
                found.append(root)
            continue
        maxd = depth if depth is not None else (1 if snap_shortcut and not recurse else 1 << 30)
        base_depth = root.count("/")
        if st["datasets"][root]["type"] in types:
            found.append(root)
        if "@" in root:
            continue
        for n in st["datasets"]:
            if n == root or not (n.startswith(root + "/") or n.startswith(root + "@")):
                continue
            d = n.split("@")[0].count("/") - base_depth + (1 if "@" in n else 0)
            if d <= maxd and st["datasets"][n]["type"] in types:
                found.append(n)
    seen = set()
    out = []
    for n in sorted(found, key=lambda n: sort_key(st, n)):
        if n not in seen:
            seen.add(n)
            out.append(n)
    return out, errors


def do_list(st, args):
    v15 = common.version()[1] >= 15
    opts, names = getopts("list", args, "HS:s:o:pd:rt:j" if v15 else "HS:s:o:pd:rt:", ("json-int",) if v15 else ())
    scripted = parsable = recurse = json_out = json_int = False
    depth, fields, types, sort = None, "name,used,available,referenced,mountpoint", None, []
    for o, v in opts:
        if o == "H":
            scripted = True
        elif o == "p":
            parsable = True
        elif o == "r":
            recurse = True
        elif o == "d":
            if not v.isdigit():
                usage("list", "invalid depth '%s'" % v)
            depth = int(v)
            recurse = True
        elif o == "o":
            fields = v
        elif o == "t":
            types = parse_types("list", v)
        elif o in ("s", "S"):
            sort.append((o, canon_prop(v) or v))
        elif o == "j":
            json_out = True
        elif o == "--json-int":
            json_int = True
    cols = []
    for f in fields.split(","):
        c = canon_prop(f)
        if c is None:
            sys.stderr.write("bad property list: invalid property '%s'\n" % f)
            usage("list")
        cols.append(c)
    snap_shortcut = types == {"snapshot"} and not recurse
    if types is None:
        types = {"filesystem", "volume"}
        if any("@" in n for n in names):
            types.add("snapshot")
    rows, errors = select(st, names, types, recurse, depth, snap_shortcut and bool(names))
    for s, p in reversed(sort):
        def key(n, p=p):
            v, _ = prop_value(st, n, p, True)
            return (0, int(v)) if v.isdigit() else (1, v)
        rows.sort(key=key, reverse=(s == "S"))
    out = sys.stdout
    if json_out:
        import json
        data = {"output_version": {"command": "zfs list", "vers_major": 0, "vers_minor": 1}, "datasets": {}}
        for n in rows:
            ds = st["datasets"][n]
            entry = {"name": n, "type": ds["type"].upper(), "pool": pool_of(n),
                     "createtxg": ds["createtxg"] if json_int else str(ds["createtxg"])}
            if "@" in n:
                entry["dataset"], entry["snapshot_name"] = n.split("@")
            props = {}
            for c in cols:
                if c == "name":
                    continue
                val, src = prop_value(st, n, c, parsable or json_int)
                if json_int and c in NUMERIC and val.isdigit():
                    val = int(val)
                if src.startswith("inherited from "):
                    source = {"type": "INHERITED", "data": src[len("inherited from "):]}
                else:
                    source = {"type": {"-": "NONE", "local": "LOCAL", "default": "DEFAULT",
                                       "received": "RECEIVED"}.get(src, "NONE"), "data": "-"}
                props[c] = {"value": val, "source": source}
            entry["properties"] = props
            data["datasets"][n] = entry
        out.write(json.dumps(data, separators=(",", ":")) + "\n")
        return _errors(errors)
    table = [[prop_value(st, n, c, parsable)[0] for c in cols] for n in rows]
    if scripted:
        for r in table:
            out.write("\t".join(r) + "\n")
    elif table:
        right = [c in NUMERIC and c not in ("creation", "guid", "createtxg") for c in cols]
        widths = []
        for i, c in enumerate(cols):
            w = len(colname(c))
            if right[i] or c in INDEX_VALUES:
                w = max(w, 5)
            w = max([w] + [len(r[i]) for r in table])
            widths.append(w)
        lines = [[colname(c) for c in cols]] + table
        for r in lines:
            parts = []
            for i, v in enumerate(r):
                last = i == len(r) - 1
                if right[i]:
                    parts.append(v.rjust(widths[i]))
                else:
                    parts.append(v if last else v.ljust(widths[i]))
            out.write("  ".join(parts) + "\n")
    if not rows and not scripted and not errors:
        sys.stderr.write("no datasets available\n")
    return _errors(errors)


def _errors(errors):
    for e in errors:
        sys.stderr.write(e + "\n")
    return 1 if errors else 0


def do_get(st, args):
    opts, rest = getopts("get", args, "d:o:s:rt:Hp")
    scripted = parsable = recurse = False
    depth, types, sources = None, None, None
    fields = ["name", "property", "value", "source"]
    for o, v in opts:
        if o == "H":
            scripted = True
        elif o == "p":
            parsable = True
        elif o == "r":
            recurse = True
        elif o == "d":
            if not v.isdigit():
                usage("get", "invalid depth '%s'" % v)
            depth, recurse = int(v), True
        elif o == "o":
            fields = []
            for f in v.split(","):
                if f == "all":
                    fields = ["name", "property", "value", "received", "source"]
                    continue
                if f not in ("name", "property", "value", "received", "source"):
                    usage("get", "invalid column name '%s'" % f)
                fields.append(f)
        elif o == "s":
            sources = set()
            for s in v.split(","):
                if s not in ("local", "default", "inherited", "temporary", "received", "none"):
                    usage("get", "invalid source '%s'" % s)
                sources.add(s)
        elif o == "t":
            types = parse_types("get", v)
    if not rest:
        usage("get", "missing property argument")
    propspec, names = rest[0], rest[1:]
    props = []
    if propspec == "all":
        props = None
    else:
        for p in propspec.split(","):
            c = canon_prop(p)
            if c is None:
                sys.stderr.write("bad property list: invalid property '%s'\n" % p)
                usage("get")
            props.append(c)
    if types is None:
        types = {"filesystem", "volume", "snapshot", "bookmark"}
    rows_ds, errors = select(st, names, types, recurse, depth, False)
    rows = []
    for n in rows_ds:
        plist = props
        if plist is None:
            snap = "@" in n
            plist = [p for p in ALL_ORDER if not snap or p in SNAPSHOT_PROPS]
            if not st["datasets"][n].get("origin"):
                plist = [p for p in plist if p != "origin"]
            users = set()
            m = n
            while m is not None:
                users |= {k for k in st["datasets"][m]["props"] if ":" in k}
                m = parent_of(m) if "@" not in m else m.split("@")[0]
            plist = plist + sorted(users)
        for p in plist:
            val, src = prop_value(st, n, p, parsable)
            if sources is not None:
                kind = "inherited" if src.startswith("inherited") else ("none" if src == "-" else src)
                if kind not in sources:
                    continue
            recv = st["datasets"][n]["received"].get(p, "-")
            rows.append({"name": n, "property": p, "value": val, "received": str(recv), "source": src})
    out = []
    if scripted:
        for r in rows:
            out.append("\t".join(r[f] for f in fields))
    elif rows:
        headers = {"name": "NAME", "property": "PROPERTY", "value": "VALUE", "received": "RECEIVED",
                   "source": "SOURCE"}
        widths = {f: max([len(headers[f])] + [len(r[f]) for r in rows]) for f in fields}
        # zprop_print_headers: the VALUE column is at least each listed property's own column width (zprop_width)
        for p in {r["property"] for r in rows}:
            w = len(colname(p))
            if p in NUMERIC and p != "creation":
                w = max(w, 5)
            if p in INDEX_VALUES:
                names = [c for c in INDEX_VALUES[p].split(" | ") if "[" not in c] + INDEX_EXTRA.get(p, [])
                w = max([w] + [len(c) for c in names])
            widths["value"] = max(widths["value"], w)
        for r in [headers] + rows:
            parts = [r[f] if i == len(fields) - 1 else r[f].ljust(widths[f]) for i, f in enumerate(fields)]
            out.append("  ".join(parts))
    if out:
        sys.stdout.write("\n".join(out) + "\n")
    return _errors(errors)


# ---------------------------------------------------------------- changes

def need_root(what):
    if not common.is_root():
        raise Fail("%s: permission denied" % what)


def parse_o(cmd, opts, name, kind="filesystem"):
    props = {}
    for o, v in opts:
        if o != "o":
            continue
        if "=" not in v:
            usage(cmd, "missing '=' for property=value argument")
        p, val = v.split("=", 1)
        c = canon_prop(p) or p
        if c in props:
            raise Fail("property '%s' specified multiple times" % p, 2)
        try:
            props[c] = validate_prop(p, val, name, kind, creating=True)
        except ValueError as e:
            raise Fail("cannot create '%s': %s" % (name, e))
    return props


def _check_parent(st, name, parents, what):
    pool = pool_of(name)
    if pool not in st["pools"]:
        raise Fail("%s: no such pool '%s'" % (what, pool))
    p = parent_of(name)
    if p is None:
        raise Fail("%s: missing dataset name" % what)
    if p not in st["datasets"]:
        if not parents:
            raise Fail("%s: parent does not exist" % what)
        _create_parents(st, p)
    elif st["datasets"][p]["type"] == "volume":
        raise Fail("%s: parent is not a filesystem" % what)


def _create_parents(st, name):
    p = parent_of(name)
    if p not in st["datasets"]:
        _create_parents(st, p)
    st["datasets"][name] = _new_ds(st, "filesystem")
    d = mount_dir(st, name)
    if d:
        _mkdir(d)


def do_create(st, args):
    opts, rest = getopts("create", args, "Pnpuvso:b:V:")
    flags = {o for o, _ in opts}
    if not rest:
        usage("create", "missing filesystem argument")
    if len(rest) > 1:
        usage("create", "too many arguments")
    name = rest[0]
    what = "cannot create '%s'" % name
    problem = name_problem(name, "filesystem")
    if problem:
        raise Fail("%s: %s" % (what, problem))
    kind = "volume" if "V" in flags else "filesystem"
    props = parse_o("create", opts, name, kind)
    if "p" in flags and name in st["datasets"]:
        return 0
    need_root(what)
    if name in st["datasets"]:
        raise Fail("%s: dataset already exists" % what)
    _check_parent(st, name, "p" in flags, what)
    if "n" in flags:
        return 0
    ds = _new_ds(st, kind)
    if kind == "volume":
        try:
            ds["props"]["volsize"] = parse_size(dict(opts)["V"])
        except ValueError as e:
            raise Fail("%s: %s" % (what, e))
    ds["props"].update(props)
    st["datasets"][name] = ds
    d = mount_dir(st, name)
    if d:
        _mkdir(d)
    return 0


def do_snapshot(st, args):
    opts, rest = getopts("snapshot", args, "ro:")
    if not rest:
        usage("snapshot", "missing snapshot argument")
    recurse = any(o == "r" for o, _ in opts)
    for snapname in rest:
        what = "cannot create snapshot '%s'" % snapname
        problem = name_problem(snapname, "snapshot")
        if problem:
            raise Fail("%s: %s" % (what, problem))
        props = parse_o("snapshot", opts, snapname, "snapshot")
        fs, snap = snapname.split("@")
        if fs not in st["datasets"]:
            raise Fail(("cannot open '%s': dataset does not exist" % fs) if recurse
                       else "%s: dataset does not exist" % what)
        need_root(what)
        targets = [fs] + (descendants(st, fs) if recurse else [])
        for t in targets:
            if t + "@" + snap in st["datasets"]:
                raise Fail("cannot create snapshot '%s@%s': dataset already exists" % (t, snap))
        st["txg"] += 1
        for t in targets:
            ds = _new_ds(st, "snapshot", 0)
            ds["createtxg"] = st["txg"]
            ds["refer"] = referenced(st, t)
            ds["props"].update({k: v for k, v in props.items() if ":" in k})
            st["datasets"][t + "@" + snap] = ds
    return 0


def do_clone(st, args):
    opts, rest = getopts("clone", args, "o:p")
    if len(rest) < 2:
        usage("clone", "missing %s argument" % ("source dataset" if not rest else "target dataset"))
    if len(rest) > 2:
        usage("clone", "too many arguments")
    src, target = rest
    parents = any(o == "p" for o, _ in opts)
    problem = name_problem(src, "snapshot")
    if problem:
        raise Fail("cannot open '%s': %s" % (src, problem))
    if src not in st["datasets"]:
        raise Fail("cannot open '%s': dataset does not exist" % src)
    what = "cannot create '%s'" % target
    problem = name_problem(target, "filesystem")
    if problem:
        raise Fail("%s: %s" % (what, problem))
    props = parse_o("clone", opts, target)
    if parents and target in st["datasets"]:
        return 0  # zfs_do_clone: -p and an existing target is success, whatever its origin
    need_root(what)
    if pool_of(target) != pool_of(src) and pool_of(target) in st["pools"]:
        raise Fail("%s: source and target pools differ" % what)
    _check_parent(st, target, parents, what)
    if target in st["datasets"]:
        raise Fail("%s: dataset already exists" % what)
    ds = _new_ds(st, st["datasets"][src.split("@")[0]]["type"], 0)
    ds["origin"] = src
    ds["base"] = referenced(st, src)
    ds["props"].update(props)
    st["datasets"][target] = ds
    d = mount_dir(st, target)
    if d:
        _mkdir(d)
        origin_fs = src.split("@")[0]
        src_dir = mount_dir(st, origin_fs)
        if src_dir and os.path.isdir(src_dir) and not os.listdir(d):
            _copy_tree(src_dir, d)
    return 0


def dependents(st, name):
    """zfs_iter_dependents post-order: (dataset, is_direct_descendant) pairs, deepest first."""
    out = []
    visiting = set()

    def visit(n, first):
        if n in visiting:
            return
        visiting.add(n)
        if "@" in n:
            for c in clones(st, n):
                visit(c, False)
        else:
            for c in children(st, n):
                visit(c, False)
            for s in snapshots(st, n):
                visit(s, False)
        if not first:
            out.append(n)
    visit(name, True)
    target = name
    return [(n, n.startswith(target + "/") or n.startswith(target + "@")) for n in out]


def _remove(st, name):
    d = mount_dir(st, name) if "@" not in name else None
    del st["datasets"][name]
    if d:
        _rmtree(d)


def _busy_check(st, victims, force):
    """unmount(2) fails with EBUSY while a running jail lives inside the file system (jails.json of the jail sim)."""
    if force:
        return
    paths = [j.get("params", {}).get("path", "") for j in (common.load("jails", {}) or {}).get("jails", [])]
    for v in victims:
        if "@" in v or v not in st["datasets"] or not is_mounted(st, v):
            continue
        mp, _ = _inherited(st, v, "mountpoint")
        for p in paths:
            if p and mp != "/" and (p == mp or p.startswith(mp.rstrip("/") + "/")):
                raise Fail("cannot unmount '%s': pool or dataset is busy" % mp)


def do_destroy(st, args):
    opts, rest = getopts("destroy", args, "vpndfrR")
    flags = {o for o, _ in opts}
    if not rest:
        usage("destroy", "missing dataset argument")
    if len(rest) > 1:
        usage("destroy", "too many arguments")
    name = rest[0]
    recurse, rec_all = "r" in flags or "R" in flags, "R" in flags
    dry = "n" in flags
    out = []
    if "@" in name:
        fs, snap = name.split("@", 1)
        if fs not in st["datasets"]:
            raise Fail("cannot open '%s': dataset does not exist" % fs)
        targets = [t for t in [fs] + (descendants(st, fs) if recurse else []) if t + "@" + snap in st["datasets"]]
        if not targets:
            raise Fail("could not find any snapshots to destroy; check snapshot names.")
        victims = []
        for t in targets:
            s = t + "@" + snap
            deps = [n for n, _ in dependents(st, s)]
            if deps and not rec_all:
                raise Fail("cannot destroy '%s': snapshot has dependent clones\n"
                           "use '-R' to destroy the following datasets:\n%s" % (s, "\n".join(deps)))
            victims += deps + [s]
        if not dry:
            need_root("cannot destroy '%s'" % name)
        for v in victims:
            if "n" in flags or "v" in flags:
                out.append("%s %s" % ("would destroy" if dry else "will destroy", v))
            if "p" in flags:
                out.append("destroy\t%s" % v)
        if out:
            sys.stdout.write("\n".join(out) + "\n")
        if not dry:
            for v in victims:
                if v in st["datasets"]:
                    _remove(st, v)
        return 0
    problem = name_problem(name, "filesystem")
    if problem:
        raise Fail("cannot open '%s': %s" % (name, problem))
    if name not in st["datasets"]:
        raise Fail("cannot open '%s': dataset does not exist" % name)
    if "/" not in name and not recurse:
        raise Fail("cannot destroy '%s': operation does not apply to pools\n"
                   "use 'zfs destroy -r %s' to destroy all datasets in the pool\n"
                   "use 'zpool destroy %s' to destroy the pool itself" % (name, name, name))
    deps = dependents(st, name)
    if not rec_all:
        kind = st["datasets"][name]["type"]
        direct = [n for n, d in deps if d]
        indirect = [n for n, d in deps if not d]
        if direct and not recurse:
            raise Fail("cannot destroy '%s': %s has children\nuse '-r' to destroy the following datasets:\n%s"
                       % (name, kind, "\n".join(direct)))
        if indirect and recurse:
            raise Fail("cannot destroy '%s': %s has dependent clones\nuse '-R' to destroy the following "
                       "datasets:\n%s" % (name, kind, "\n".join(indirect)))
    victims = [n for n, _ in deps] + ([name] if "/" in name else [])
    if not dry:
        need_root("cannot destroy '%s'" % name)
        _busy_check(st, victims, "f" in flags)
    for v in victims:
        if "n" in flags or "v" in flags:
            out.append("%s %s" % ("would destroy" if dry else "will destroy", v))
        if "p" in flags:
            out.append("destroy\t%s" % v)
    if out:
        sys.stdout.write("\n".join(out) + "\n")
    if not dry:
        for v in sorted(victims, key=lambda n: -len(n)):
            if v in st["datasets"]:
                _remove(st, v)
    return 0


def do_set(st, args):
    if not args:
        usage("set", "missing arguments")
    assigns = [a for a in args if "=" in a]
    names = args[len(assigns):]
    if not assigns or any("=" in a for a in names):
        usage("set", "missing property=value argument(s)" if not assigns else None)
    if not names:
        usage("set", "missing dataset name(s)")
    for name in names:
        if name not in st["datasets"]:
            raise Fail("cannot open '%s': dataset does not exist" % name)
    for name in names:
        what = "cannot set property for '%s'" % name
        ds = st["datasets"][name]
        new = {}
        for a in assigns:
            p, v = a.split("=", 1)
            if p == "":
                usage("set", "missing property in property=value argument")
            c = canon_prop(p) or p
            try:
                stored = validate_prop(p, v, name, ds["type"])
            except ValueError as e:
                raise Fail("%s: %s" % (what, e))
            if ds["type"] == "snapshot" and not is_user_prop(c):
                raise Fail("%s: this property can not be modified for snapshots" % what)
            new[c] = stored
        need_root(what)
        old_dirs = {n: mount_dir(st, n) for n in [name] + descendants(st, name)} if "mountpoint" in new or \
            "canmount" in new else {}
        for c, stored in new.items():
            if c in LOCALONLY and stored == 0 and c in ("quota", "reservation", "refquota", "refreservation"):
                ds["props"].pop(c, None)
            else:
                ds["props"][c] = stored
        _move_dirs(st, old_dirs)
    return 0


def _move_dirs(st, old_dirs, renames=None):
    """Moves simulated mount directories whose path changed (set mountpoint, rename, inherit)."""
    for n, old in sorted(old_dirs.items()):
        n2 = (renames or {}).get(n, n)
        new = mount_dir(st, n2) if n2 in st["datasets"] else None
        if old == new:
            continue
        if old and os.path.isdir(old) and new and not os.path.exists(new):
            try:
                os.makedirs(os.path.dirname(new), exist_ok=True)
                os.rename(old, new)
                continue
            except OSError:
                pass
        if new:
            _mkdir(new)


def do_inherit(st, args):
    opts, rest = getopts("inherit", args, "rS")
    flags = {o for o, _ in opts}
    if not rest:
        usage("inherit", "missing property argument")
    if len(rest) < 2:
        usage("inherit", "missing dataset argument")
    prop, names = rest[0], rest[1:]
    c = canon_prop(prop)
    if c is None:
        usage("inherit", "invalid property '%s'" % prop)
    if c in READONLY or c in CREATE_ONLY:
        raise Fail("%s property is read-only" % prop)
    if c in LOCALONLY and "S" not in flags:
        msg = "'%s' property cannot be inherited" % prop
        if c in ("quota", "reservation", "refquota", "refreservation"):
            msg += "\nuse 'zfs set %s=none' to clear\nuse 'zfs inherit -S %s' to revert to received value" % (
                prop, prop)
        raise Fail(msg)
    for name in names:
        if name not in st["datasets"]:
            raise Fail("cannot open '%s': dataset does not exist" % name)
    for name in names:
        need_root("cannot inherit %s for '%s'" % (c, name))
        targets = [name] + (descendants(st, name) if "r" in flags else [])
        old_dirs = {n: mount_dir(st, n) for n in [name] + descendants(st, name)} if c in ("mountpoint",
                                                                                         "canmount") else {}
        for t in targets:
            ds = st["datasets"][t]
            ds["props"].pop(c, None)
            if "S" not in flags and c in ds["received"]:
                ds.setdefault("ignore_received", [])
                if c not in ds["ignore_received"]:
                    ds["ignore_received"].append(c)
            elif "S" in flags and c in ds.get("ignore_received", []):
                ds["ignore_received"].remove(c)
        _move_dirs(st, old_dirs)
    return 0


def do_promote(st, args):
    opts, rest = getopts("promote", args, "")
    if not rest:
        usage("promote", "missing clone filesystem argument")
    if len(rest) > 1:
        usage("promote", "too many arguments")
    name = rest[0]
    what = "cannot promote '%s'" % name
    if "@" in name:
        raise Fail("%s: snapshots can not be promoted" % what)
    if name not in st["datasets"]:
        raise Fail("cannot open '%s': dataset does not exist" % name)
    ds = st["datasets"][name]
    if not ds.get("origin"):
        raise Fail("%s: not a cloned filesystem" % what)
    need_root(what)
    origin = ds["origin"]
    ofs, osnap = origin.split("@")
    limit = st["datasets"][origin]["createtxg"]
    moving = [s for s in snapshots(st, ofs) if st["datasets"][s]["createtxg"] <= limit]
    for s in moving:
        short = s.split("@")[1]
        if name + "@" + short in st["datasets"]:
            raise Fail("%s: snapshot name '%s' from origin conflicts with '%s' from target"
                       % (what, short, name + "@" + short))
    renames = {}
    for s in moving:
        new = name + "@" + s.split("@")[1]
        st["datasets"][new] = st["datasets"].pop(s)
        renames[s] = new
    for d in st["datasets"].values():
        if d.get("origin") in renames:
            d["origin"] = renames[d["origin"]]
    odata = st["datasets"][ofs]
    # the promoted clone takes over the origin's own origin; the old origin becomes a clone of the moved snapshot
    ds["origin"], odata["origin"] = odata.get("origin"), renames[origin]
    ds["data"], ds["base"], odata["base"] = ds["base"] + ds["data"], 0, referenced(st, renames[origin])
    odata["data"] = max(0, odata["data"] - odata["base"])
    return 0


def do_rename(st, args):
    opts, rest = getopts("rename", args, "fpru")
    flags = {o for o, _ in opts}
    if len(rest) < 2:
        usage("rename", "missing %s dataset argument" % ("source" if not rest else "target"))
    if len(rest) > 2:
        usage("rename", "too many arguments")
    src, dst = rest
    if "@" in src and "@" not in dst and dst.startswith("@"):
        dst = src.split("@")[0] + dst
    if src not in st["datasets"]:
        raise Fail("cannot open '%s': dataset does not exist" % src)
    what = "cannot rename to '%s'" % dst
    kind = "snapshot" if "@" in src else "filesystem"
    problem = name_problem(dst, kind)
    if problem:
        raise Fail("%s: %s" % (what, problem))
    if kind == "snapshot":
        if src.split("@")[0] != dst.split("@")[0]:
            raise Fail("%s: snapshots must be part of same dataset" % what)
    elif "r" in flags:
        usage("rename", "-r can only be used on snapshots")
    if pool_of(src) != pool_of(dst):
        raise Fail("%s: datasets must be within same pool" % what)
    if kind != "snapshot" and dst.startswith(src + "/"):
        raise Fail("cannot rename '%s': New dataset name cannot be a descendant of current dataset name" % src)
    if "/" not in src and kind != "snapshot":
        raise Fail("cannot rename '%s': operation does not apply to pools" % src)
    if dst in st["datasets"]:
        raise Fail("%s: dataset already exists" % what)
    need_root("cannot rename '%s'" % src)
    renames = {}
    if kind == "snapshot":
        fs, old = src.split("@")
        new = dst.split("@")[1]
        targets = [fs] + (descendants(st, fs) if "r" in flags else [])
        for t in targets:
            if t + "@" + old in st["datasets"]:
                renames[t + "@" + old] = t + "@" + new
    else:
        if parent_of(dst) not in st["datasets"]:
            if "p" not in flags:
                raise Fail("%s: parent does not exist" % what)
            _create_parents(st, parent_of(dst))
        for n in list(st["datasets"]):
            if n == src or n.startswith(src + "/") or n.startswith(src + "@"):
                renames[n] = dst + n[len(src):]
    old_dirs = {n: mount_dir(st, n) for n in renames if "@" not in n}
    for o, n in renames.items():
        st["datasets"][n] = st["datasets"].pop(o)
    for d in st["datasets"].values():
        if d.get("origin") in renames:
            d["origin"] = renames[d["origin"]]
    if "u" not in flags:
        _move_dirs(st, old_dirs, renames)
    return 0


def do_mount(st, args):
    opts, rest = getopts("mount", args, "flvOo:aR:")
    if not opts and not rest:
        rows = [n for n in sorted(st["datasets"]) if is_mounted(st, n)]
        for n in rows:
            sys.stdout.write("%-*s  %s\n" % (max(len(r) for r in rows), n, _inherited(st, n, "mountpoint")[0]))
        return 0
    need_root("cannot mount")
    for n in rest:
        if n not in st["datasets"]:
            raise Fail("cannot open '%s': dataset does not exist" % n)
        if is_mounted(st, n) and not st["datasets"][n].get("unmounted"):
            raise Fail("cannot mount '%s': filesystem already mounted" % n)
        st["datasets"][n].pop("unmounted", None)
        d = mount_dir(st, n)
        if d:
            _mkdir(d)
    return 0


def do_version(st, args):
    v = common.version()[1]
    z = {13: "2.1.14", 14: "2.2.7", 15: "2.4.0"}.get(v, "2.2.7")
    sys.stdout.write("zfs-%s-FreeBSD_g%s\nzfs-kmod-%s-FreeBSD_g%s\n" % (z, "e269af1b3", z, "e269af1b3"))
    return 0


COMMANDS = {"list": do_list, "get": do_get, "create": do_create, "snapshot": do_snapshot, "snap": do_snapshot,
            "clone": do_clone, "destroy": do_destroy, "set": do_set, "inherit": do_inherit, "promote": do_promote,
            "rename": do_rename, "mount": do_mount, "version": do_version}
READ_ONLY = {"list", "get", "version"}


def main(argv):
    common.apply_faults("zfs")
    if len(argv) < 2:
        sys.stderr.write("usage: zfs command args ...\nwhere 'command' is one of the following:\n\n")
        for k in ("create", "destroy", "snapshot", "rename", "clone", "promote", "list", "set", "get", "inherit",
                  "mount", "version"):
            sys.stderr.write(USAGE[k])
        return 2
    cmd = argv[1]
    if cmd not in COMMANDS:
        sys.stderr.write("unrecognized command '%s'\nusage: zfs command args ...\n" % cmd)
        return 2
    try:
        with common.Locked():
            st = load_state()
            status = COMMANDS[cmd](st, argv[2:])
            if cmd not in READ_ONLY:
                common.save("zfs", st)
            return status
    except Fail as f:
        sys.stdout.flush()
        if f.message:
            sys.stderr.write(f.message + "\n")
        return f.status


# ---------------------------------------------------------------- zpool

ZPOOL_COLS = {"name": ("NAME", False), "size": ("SIZE", True), "allocated": ("ALLOC", True),
              "free": ("FREE", True), "checkpoint": ("CKPOINT", True), "expandsize": ("EXPANDSZ", True),
              "fragmentation": ("FRAG", True), "capacity": ("CAP", True), "dedupratio": ("DEDUP", True),
              "health": ("HEALTH", True), "altroot": ("ALTROOT", False), "guid": ("GUID", True),
              "readonly": ("RO", True)}
ZPOOL_ALIAS = {"alloc": "allocated", "cap": "capacity", "frag": "fragmentation", "dedup": "dedupratio",
               "ckpoint": "checkpoint", "expandsz": "expandsize", "rdonly": "readonly"}


def zpool_main(argv):
    common.apply_faults("zpool")
    if len(argv) < 2 or argv[1] != "list":
        if len(argv) >= 2 and argv[1] in ("status", "get", "import", "export", "create", "destroy"):
            sys.stderr.write("zpool %s: not simulated\n" % argv[1])
            return 1
        sys.stderr.write("usage: zpool command args ...\n")
        return 2
    args = argv[2:]
    scripted = parsable = False
    cols = ["name", "size", "allocated", "free", "checkpoint", "expandsize", "fragmentation", "capacity",
            "dedupratio", "health", "altroot"]
    usage_text = "usage:\n\tlist [-gHLpPv] [-o property[,...]] [-T d|u] [pool] ...\n\t    [interval [count]]\n"
    try:
        while args and args[0].startswith("-") and len(args[0]) > 1:
            word = args.pop(0)
            i = 1
            while i < len(word):
                c = word[i]
                if c == "H":
                    scripted = True
                elif c == "p":
                    parsable = True
                elif c in "gLPv":
                    pass
                elif c == "o":
                    val = word[i + 1:] or args.pop(0)
                    cols = []
                    for w in val.split(","):
                        w = ZPOOL_ALIAS.get(w, w)
                        if w not in ZPOOL_COLS:
                            sys.stderr.write("bad property list: invalid property '%s'\n" % w + usage_text)
                            return 2
                        cols.append(w)
                    break
                else:
                    sys.stderr.write("invalid option '%s'\n" % c + usage_text)
                    return 2
                i += 1
    except IndexError:
        sys.stderr.write("missing argument for 'o' option\n" + usage_text)
        return 2
    with common.Locked():
        st = load_state()
    status = 0
    pools = args or sorted(st["pools"])
    rows = []
    for p in pools:
        if p not in st["pools"]:
            sys.stderr.write("cannot open '%s': no such pool\n" % p)
            status = 1
            continue
        info = st["pools"][p]
        alloc = used(st, p) + 1024 * 1024
        size = info["size"]
        vals = {"name": p, "size": size, "allocated": alloc, "free": size - alloc, "checkpoint": None,
                "expandsize": None, "fragmentation": 0, "capacity": alloc * 100 // size,
                "dedupratio": "1.00" if parsable else "1.00x", "health": info.get("health", "ONLINE"),
                "altroot": "-", "guid": str(info.get("guid", 0)), "readonly": "off"}
        row = []
        for c in cols:
            v = vals[c]
            if c in ("size", "allocated", "free"):
                v = str(v) if parsable else nicenum(v)
            elif v is None:
                v = "-"
            elif c in ("fragmentation", "capacity"):
                v = str(v) if parsable else "%d%%" % v
            row.append(str(v))
        rows.append(row)
    if scripted:
        for r in rows:
            sys.stdout.write("\t".join(r) + "\n")
    elif rows:
        widths = []
        for i, c in enumerate(cols):
            head, right = ZPOOL_COLS[c]
            w = max(len(head), 5 if right else 0, 8 if c == "health" else 0)
            widths.append(max([w] + [len(r[i]) for r in rows]))
        for r in [[ZPOOL_COLS[c][0] for c in cols]] + rows:
            parts = []
            for i, v in enumerate(r):
                if ZPOOL_COLS[cols[i]][1]:
                    parts.append(v.rjust(widths[i]))
                else:
                    parts.append(v if i == len(r) - 1 else v.ljust(widths[i]))
            sys.stdout.write("  ".join(parts) + "\n")
    elif not args:
        sys.stdout.write("no pools available\n")
    return status
