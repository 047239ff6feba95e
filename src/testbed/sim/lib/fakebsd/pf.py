"""Simulated pfctl(8): enable/disable, loading and showing rulesets and anchors, tables, flushing.

State file pf.json (under common.STATE_DIR, read and written only under common.Locked()):

    {"enabled": false,
     "since": 1735689600 | null,           # last enable/disable (null: never started since boot)
     "skip": ["lo0"], "options": {"block-policy": "drop", ...},
     "debug": "urgent",
     "rulesets": {"": RULESET, "jails": RULESET, "jails/web": RULESET}}   # "" is the main ruleset
    RULESET = {"scrub": [TEXT], "nat": [TEXT], "rdr": [TEXT], "binat": [TEXT], "filter": [TEXT],
               "tables": {"name": {"flags": ["persist"], "addrs": ["10.0.0.1", "10.0.0.0/24"]}}}

Rules are kept as pfctl prints them (normalised when loaded), so 'pfctl -s rules' is a plain listing. The file on
disk is never consulted after loading: editing /etc/pf.conf without 'pfctl -f' is drift, as on a real host.
The pf module must be loaded (fakebsd.kld); by default it is.
"""
import os
import sys
import time

from . import common
from . import kld

PROG = "pfctl"
SHOW = ["ether", "nat", "queue", "rules", "Anchors", "Sources", "states", "info", "Interfaces", "labels",
        "timeouts", "memory", "Tables", "osfp", "Running", "all"]
FLUSH = ["ethernet", "nat", "queue", "rules", "Sources", "states", "info", "Tables", "osfp", "all"]
TBLCMD = ["kill", "flush", "add", "delete", "load", "replace", "show", "test", "zero", "expire"]
REASONS = ["match", "bad-offset", "fragment", "short", "normalize", "memory", "bad-timestamp", "congestion",
           "ip-option", "proto-cksum", "state-mismatch", "state-insert", "state-limit", "src-limit", "synproxy",
           "map-failed"]
USAGE = ("usage: pfctl [-AdeghMmNnOPqRrvz] [-a anchor] [-D macro=value] [-F modifier]\n"
         "\t[-f file] [-i interface] [-K host | network]\n"
         "\t[-k host | network | gateway | label | id] [-o level] [-p device]\n"
         "\t[-s modifier] [-t table -T command [address ...]] [-x level]\n")


class Exit(Exception):
    def __init__(self, status):
        super().__init__(status)
        self.status = status


def errx(message, status=1):
    sys.stdout.flush()
    sys.stderr.write("pfctl: %s\n" % message)
    raise Exit(status)


def usage():
    sys.stderr.write(USAGE)
    raise Exit(1)


def empty_ruleset():
    return {"scrub": [], "nat": [], "rdr": [], "binat": [], "filter": [], "tables": {}}


def load_state():
    st = common.load("pf", None)
    if st is None:
        st = {"enabled": False, "since": None, "skip": [], "options": {}, "debug": "urgent",
              "rulesets": {"": empty_ruleset()}}
    return st


def lookup(word, table):
    for item in table:
        if word and item.startswith(word):
            return item
    return None


def parse_args(argv):
    """getopt(3) for pfctl's option string; returns (opts dict of lists, rest)."""
    spec = "a:AdD:eqf:F:ghi:k:K:mMnNOo:Pp:rRs:t:T:vx:z"
    opts, rest, args = {}, [], list(argv)
    while args:
        word = args.pop(0)
        if word == "--":
            rest += args
            break
        if not word.startswith("-") or word == "-":
            rest.append(word)
            continue
        i = 1
        while i < len(word):
            c = word[i]
            pos = spec.find(c)
            if pos < 0 or c == ":":
                sys.stderr.write("pfctl: illegal option -- %s\n" % c)
                usage()
            if pos + 1 < len(spec) and spec[pos + 1] == ":":
                val = word[i + 1:]
                if not val:
                    if not args:
                        sys.stderr.write("pfctl: option requires an argument -- %s\n" % c)
                        usage()
                    val = args.pop(0)
                opts.setdefault(c, []).append(val)
                break
            opts.setdefault(c, []).append(True)
            i += 1
    return opts, rest


def interfaces():
    """The simulated host's interface addresses (net.json of the network simulation), for 'from em0'."""
    from . import net as netsim
    net = netsim.load()
    out = {"lo0": ["127.0.0.1/8", "::1/128"]}
    for iface in net.get("vnets", {}).get("", []):
        out[iface["name"]] = ["%s/%d" % (a["addr"], a["plen"]) for a in iface.get("addrs", [])]
    return out


def main(argv):
    common.apply_faults("pfctl")
    try:
        return run(argv[1:])
    except Exit as e:
        return e.status


def run(argv):
    opts, rest = parse_args(argv)
    quiet = "q" in opts
    verbose = len(opts.get("v", []))
    noaction = "n" in opts
    anchor = opts.get("a", [""])[-1]
    show = None
    if "s" in opts:
        show = lookup(opts["s"][-1], SHOW)
        if show is None or (show == "ether" and common.version()[1] < 14):
            sys.stderr.write("pfctl: Unknown show modifier '%s'\n" % opts["s"][-1])
            usage()
    flush = None
    if "F" in opts:
        flush = lookup(opts["F"][-1], FLUSH)
        if flush is None:
            sys.stderr.write("pfctl: Unknown flush modifier '%s'\n" % opts["F"][-1])
            usage()
    tblcmd = None
    if "T" in opts:
        tblcmd = lookup(opts["T"][-1], TBLCMD)
        if tblcmd is None:
            sys.stderr.write("pfctl: Unknown table command '%s'\n" % opts["T"][-1])
            usage()
    if ("t" in opts) != (tblcmd is not None):
        usage()
    if rest and tblcmd is None:
        usage()
    optimize = None
    if "o" in opts:
        optimize = opts["o"][-1]
        if optimize not in ("none", "basic", "profile"):
            sys.stderr.write("pfctl: Unknown optimization level '%s'\n" % optimize)
            usage()
    if anchor:
        if anchor.startswith("_") or "/_" in anchor:
            if "f" in opts or flush or tblcmd in ("add", "delete", "replace", "flush", "kill"):
                errx("anchor names beginning with '_' cannot be modified from the command line")
        anchor = anchor.rstrip("/")
    if not any(k in opts for k in "edsFfTtkz"):
        usage()

    # open(/dev/pf): missing without the module, root only (mode 0600); with -n pfctl goes on without the device
    device_ok = True
    if not kld.is_loaded(kld.load_state(), "pf"):
        device_ok = False
        reason = "No such file or directory"
    elif not common.is_root():
        device_ok = False
        reason = "Permission denied"
    if not device_ok and not noaction:
        errx("/dev/pf: %s" % reason)
    # a rule set on stdin is read before the lock is taken: a writer upstream in a pipe may need the lock itself
    stdin_text = sys.stdin.read() if "f" in opts and opts["f"][-1] == "-" else None
    with common.Locked():
        st = load_state()
        state = {"dirty": False, "status": 0, "stdin": stdin_text}
        try:
            if "d" in opts and device_ok:
                if not st["enabled"]:
                    errx("pf not enabled")
                if not noaction:
                    st["enabled"], st["since"] = False, int(time.time())
                    state["dirty"] = True
                if not quiet:
                    sys.stderr.write("pf disabled\n")
            if show:
                do_show(st, show, anchor, verbose, state)
            if flush and device_ok:
                do_flush(st, flush, anchor, quiet, noaction, state)
            if "k" in opts and device_ok:
                # no states are simulated: killing them finds none (pfctl_kill_states)
                if not quiet:
                    sys.stderr.write("killed 0 states from %d sources and %d destinations\n"
                                     % (1, 1 if len(opts["k"]) > 1 else 0))
            if "z" in opts and device_ok and not quiet:
                sys.stderr.write("pf: statistics cleared\n")
            if tblcmd:
                do_table(st, opts["t"][-1], tblcmd, rest, anchor, quiet, noaction, verbose, state)
            elif "f" in opts:
                do_load(st, opts["f"][-1], anchor, noaction, verbose, optimize, state, opts)
            if "e" in opts and device_ok:
                if st["enabled"]:
                    errx("pf already enabled")
                if not noaction:
                    st["enabled"], st["since"] = True, int(time.time())
                    state["dirty"] = True
                if not quiet:
                    sys.stderr.write("pf enabled\n")
        finally:
            if state["dirty"] and not noaction:
                common.save("pf", st)
    return state["status"]


def ruleset(st, anchor, create=False):
    rs = st["rulesets"].get(anchor)
    if rs is None and create:
        parts = anchor.split("/")
        for i in range(1, len(parts) + 1):
            st["rulesets"].setdefault("/".join(parts[:i]), empty_ruleset())
        rs = st["rulesets"][anchor]
    return rs


# ---------------------------------------------------------------- show

def print_rules(rules, verbose, out):
    for n, text in enumerate(rules):
        out.append(("@%d " % n if verbose >= 2 else "") + text)
        if verbose:
            out.append("  [ Evaluations: %-8d  Packets: %-8d  Bytes: %-10d  States: %-6d]" % (0, 0, 0, 0))
            out.append("  [ Inserted: uid %d pid %d State Creations: %-6d]" % (0, 1, 0))


def do_show(st, show, anchor, verbose, state):
    out = []
    rs = st["rulesets"].get(anchor)
    if show in ("rules", "nat") and rs is None:
        errx("DIOCGETRULES: Invalid argument")
    if show == "Running":
        out.append("Enabled" if st["enabled"] else "Disabled")
        if not st["enabled"]:
            state["status"] = 1
    elif show == "rules":
        print_rules(rs["scrub"] + rs["filter"], verbose, out)
    elif show == "nat":
        print_rules(rs["nat"] + rs["rdr"] + rs["binat"], verbose, out)
    elif show == "Anchors":
        if anchor and anchor not in st["rulesets"]:
            sys.stdout.flush()
            sys.stderr.write("Anchor '%s' not found.\n" % anchor)
            raise Exit(1)
        show_anchors(st, anchor, verbose, out)
    elif show == "Tables":
        for name in sorted((rs or {}).get("tables", {})):
            out.append(name)
    elif show == "info":
        out += status_lines(st, verbose)
    elif show == "timeouts":
        out += timeout_lines(st)
    elif show == "memory":
        out += limit_lines(st)
    elif show == "Interfaces":
        names = sorted(set(interfaces()) | set(st["skip"]) | {"all"})
        out += names
    elif show == "all":
        sections = []
        nat = rs["nat"] + rs["rdr"] + rs["binat"] if rs else []
        if nat:
            sections.append(["TRANSLATION RULES:"] + nat)
        sections.append(["FILTER RULES:"] + (rs["scrub"] + rs["filter"] if rs else []))
        sections.append(["STATES:"])
        sections.append(["INFO:"] + status_lines(st, verbose))
        sections.append(["TIMEOUTS:"] + timeout_lines(st))
        sections.append(["LIMITS:"] + limit_lines(st))
        tables = sorted((rs or {}).get("tables", {}))
        if tables:
            sections.append(["TABLES:"] + tables)
        sections.append(["OS FINGERPRINTS:", "758 fingerprints loaded"])
        for i, sec in enumerate(sections):
            if i:
                out.append("")
            out += sec
    if out:
        sys.stdout.write("\n".join(out) + "\n")


def show_anchors(st, anchor, verbose, out):
    prefix = anchor + "/" if anchor else ""
    children = sorted(k for k in st["rulesets"] if k and k.startswith(prefix) and "/" not in k[len(prefix):])
    for c in children:
        name = c[len(prefix):]
        if not name.startswith("_") or verbose:
            out.append("  " + c)
        if verbose:
            show_anchors(st, c, verbose, out)


def status_lines(st, verbose):
    now = int(time.time())
    if st["since"] is None:
        line = "Status: Disabled"
        runtime = 0
    else:
        runtime = max(0, now - st["since"])
        d, r = divmod(runtime, 86400)
        h, r = divmod(r, 3600)
        m, s = divmod(r, 60)
        line = "Status: %s for %d days %02d:%02d:%02d" % ("Enabled" if st["enabled"] else "Disabled", d, h, m, s)
    debug = {"none": "None", "urgent": "Urgent", "misc": "Misc", "loud": "Loud"}[st.get("debug", "urgent")]
    out = ["%-44s%15s" % (line, "Debug: " + debug), ""]
    if verbose:
        out += ["Hostid:   0x%08x" % 0x6b1d2c3a, "Checksum: 0x%032x" % 0, ""]
    out.append("%-27s %14s %16s" % ("State Table", "Total", "Rate"))
    out.append("  %-25s %14d %14s" % ("current entries", 0, ""))
    for name in ("searches", "inserts", "removals"):
        out.append("  %-25s %14d " % (name, 0) + ("%14.1f/s" % 0.0 if runtime else "%14s" % ""))
    out.append("Counters")
    for name in REASONS:
        out.append("  %-25s %14d " % (name, 0) + ("%14.1f/s" % 0.0 if runtime else "%14s" % ""))
    return out


def timeout_lines(st):
    from . import pfconf
    t = dict(pfconf.TIMEOUTS)
    t.update(st["options"].get("timeout", {}))
    out = []
    for name, _ in pfconf.TIMEOUTS:
        v = t[name]
        if name.startswith("adaptive"):
            out.append("%-20s %10d states" % (name, v))
        else:
            out.append("%-20s %10ds" % (name, v))
    return out


def limit_lines(st):
    from . import pfconf
    lim = dict(pfconf.LIMITS)
    lim.update(st["options"].get("limit", {}))
    return ["%-13s hard limit %8d" % (k, lim[k]) for k in ("states", "src-nodes", "frags", "table-entries")]


# ---------------------------------------------------------------- flush

def do_flush(st, what, anchor, quiet, noaction, state):
    rs = ruleset(st, anchor, create=not noaction) or empty_ruleset()
    msgs = []

    def rules():
        rs["scrub"], rs["filter"] = [], []
        msgs.append("rules cleared")

    def nat():
        rs["nat"], rs["rdr"], rs["binat"] = [], [], []
        msgs.append("nat cleared")

    def tables():
        n = len(rs["tables"])
        rs["tables"] = {}
        msgs.append("%d tables deleted%s" % (n, " (dummy)." if noaction else "."))  # no plural logic in pfctl
    if what == "rules":
        rules()
    elif what == "nat":
        nat()
    elif what == "Tables":
        tables()
    elif what == "states":
        msgs.append("0 states cleared")
    elif what == "Sources":
        msgs.append("source tracking entries cleared")
    elif what == "info":
        msgs.append("pf: statistics cleared")
    elif what == "osfp":
        msgs.append("pf: fingerprints cleared")
    elif what == "ethernet":
        msgs.append("Ethernet rules cleared")
    elif what == "queue":
        msgs.append("altq cleared")
    elif what == "all":
        if common.version()[1] >= 14:
            msgs.append("Ethernet rules cleared")
        rules()
        nat()
        tables()
        if not anchor:
            msgs += ["altq cleared", "0 states cleared", "source tracking entries cleared",
                     "pf: statistics cleared", "pf: fingerprints cleared", "pf: interface flags reset"]
            st["skip"] = []
    if not noaction:
        state["dirty"] = True
    if not quiet:
        sys.stderr.write("".join(m + "\n" for m in msgs))


# ---------------------------------------------------------------- tables

def table_addr(text):
    """Normalises an address argument of -T add/delete/test; None when it is not an address."""
    import ipaddress
    neg = text.startswith("!")
    body = text[1:] if neg else text
    try:
        net = ipaddress.ip_network(body, strict=False)
    except ValueError:
        return None
    s = str(net.network_address) + ("" if net.prefixlen == net.max_prefixlen else "/%d" % net.prefixlen)
    return ("!" if neg else "") + s


def do_table(st, name, cmd, addrs, anchor, quiet, noaction, verbose, state):
    rs = st["rulesets"].get(anchor)
    if rs is None and anchor:
        if cmd in ("add", "replace"):
            rs = ruleset(st, anchor, create=True)
        else:
            errx("Anchor or Ruleset does not exist.", 255)
    tables = rs["tables"]
    msgs = []
    dummy = " (dummy)." if noaction else "."
    parsed = []
    for a in addrs:
        n = table_addr(a)
        if n is None:
            errx("cannot decode %s: Invalid argument" % a, 255)
        parsed.append(n)
    t = tables.get(name)
    if cmd in ("show", "delete", "flush", "test", "zero", "expire") and t is None:
        errx("Table does not exist.", 255)
    if cmd == "show":
        sys.stdout.write("".join("  %s%s\n" % ("!" if a.startswith("!") else " ", a.lstrip("!"))
                                 for a in t["addrs"]))
        return
    if cmd == "kill":
        if t is not None and not noaction:
            del tables[name]
        msgs.append("%d table deleted%s" % (1 if t else 0, dummy))
    elif cmd in ("add", "replace"):
        if t is None:
            t = {"flags": ["persist"], "addrs": []}
            msgs.append("1 table created" + dummy)
            if not noaction:
                tables[name] = t
        if cmd == "add":
            new = [a for i, a in enumerate(parsed) if a not in t["addrs"] and a not in parsed[:i]]
            msgs.append("%d/%d addresses added%s" % (len(new), len(parsed), dummy))
            if not noaction:
                t["addrs"] += new
        else:
            want = []
            for a in parsed:
                if a not in want:
                    want.append(a)
            added = [a for a in want if a not in t["addrs"]]
            deleted = [a for a in t["addrs"] if a not in want]
            if added:
                msgs.append("%d addresses added%s" % (len(added), dummy))
            if deleted:
                msgs.append("%d addresses deleted%s" % (len(deleted), dummy))
            if not added and not deleted:
                msgs.append("no changes" + dummy)
            if not noaction:
                t["addrs"] = [a for a in t["addrs"] if a in want] + added
    elif cmd == "delete":
        gone = [a for i, a in enumerate(parsed) if a in t["addrs"] and a not in parsed[:i]]
        msgs.append("%d/%d addresses deleted%s" % (len(gone), len(parsed), dummy))
        if not noaction:
            t["addrs"] = [a for a in t["addrs"] if a not in gone]
    elif cmd == "flush":
        msgs.append("%d addresses deleted%s" % (len(t["addrs"]), dummy))
        if not noaction:
            t["addrs"] = []
    elif cmd == "test":
        import ipaddress
        hits = []
        for a in parsed:
            ip = ipaddress.ip_network(a.lstrip("!"), strict=False)
            match = None
            best = -1
            for e in t["addrs"]:
                net = ipaddress.ip_network(e.lstrip("!"))
                if net.version == ip.version and ip.subnet_of(net) and net.prefixlen > best:
                    best, match = net.prefixlen, e
            if match is not None and not match.startswith("!"):
                hits.append(a)
        if verbose:
            sys.stdout.write("".join("   %s\n" % a for a in hits))
        msgs.append("%d/%d addresses match%s" % (len(hits), len(parsed), dummy))
        if len(hits) != len(parsed):
            state["status"] = 2
    elif cmd == "zero":
        msgs.append("%d/%d addresses cleared%s" % (0, len(t["addrs"]), dummy))
    elif cmd == "expire":
        msgs.append("0/0 addresses expired%s" % dummy)
    elif cmd == "load":
        usage()
    if not noaction and cmd not in ("test", "show"):
        state["dirty"] = True
    if not quiet:
        sys.stderr.write("".join(m + "\n" for m in msgs))


# ---------------------------------------------------------------- load

def do_load(st, path, anchor, noaction, verbose, optimize, state, opts):
    from . import pfconf
    fname = "stdin" if path == "-" else path
    if path == "-":
        text = state["stdin"]
    else:
        try:
            with open(common.host_path(path) if path.startswith("/") else path) as f:
                text = f.read()
        except OSError as e:
            sys.stderr.write("pfctl: %s: %s\n" % (path, os.strerror(e.errno)))
            sys.stderr.write("pfctl: cannot open the main config file!: %s\n" % os.strerror(e.errno))
            if not noaction:
                errx("Syntax error in config file: pf rules not loaded")
            raise Exit(1)
    predefined = {}
    for d in opts.get("D", []):
        if "=" not in d:
            errx("could not parse macro definition %s" % d)
        k, v = d.split("=", 1)
        predefined[k] = v
    res = pfconf.parse(text, fname, common.version()[1], interfaces(), predefined)
    if verbose and not res.errors or verbose and noaction:
        pass
    if res.errors:
        sys.stdout.flush()
        for line, message in res.errors:
            sys.stderr.write("%s:%d: %s\n" % (fname, line, message))
        if not noaction:
            errx("Syntax error in config file: pf rules not loaded")
        raise Exit(1)
    level = optimize or res.options.get("ruleset-optimization", "basic")
    filt = pfconf.optimize(res.rules["filter"]) if level != "none" else res.rules["filter"]
    texts = {k: [r.text() for r in res.rules[k]] for k in ("scrub", "nat", "rdr", "binat")}
    texts["filter"] = [r.text() for r in filt]
    if verbose:
        out = list(res.verbose)
        for k in ("scrub", "nat", "rdr", "binat", "filter"):
            out += texts[k]
        if out:
            sys.stdout.write("\n".join(out) + "\n")
    if noaction:
        return
    rs = ruleset(st, anchor, create=True)
    referenced = set()
    for k in texts:
        for r in res.rules[k] if k != "filter" else filt:
            for a in [r.src, r.dst] + list(r.pool or []):
                if a.kind == "table":
                    referenced.add(a.value)
    tables = {n: t for n, t in rs["tables"].items() if "persist" in t["flags"] or n in referenced}
    tables.update(res.tables)
    for n in referenced:
        tables.setdefault(n, {"flags": [], "addrs": []})
    rs.update(texts)
    rs["tables"] = tables
    for a in res.anchors:
        full = (anchor + "/" + a) if anchor else a
        ruleset(st, full, create=True)
    if not anchor:
        st["skip"] = res.skip
        st["options"] = {k: v for k, v in res.options.items()}
        if "debug" in res.options:
            st["debug"] = res.options["debug"]
    state["dirty"] = True
