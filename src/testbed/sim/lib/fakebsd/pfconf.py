"""A parser for a realistic subset of pf.conf(5) that prints rules back the way pfctl does (pfctl_parser.c print_rule).

Supported (anything else is 'FILE:LINE: syntax error', as parse.y reports it):
  macros        name = "value" | name = word; $name anywhere outside quotes ('macro 'x' not defined' when unknown)
  lists         { a, b c } (commas optional, newlines allowed inside braces), nested through macros
  tables        table <t> [persist] [const] [counters] [{ addr ... }] [file "path"]
  options       set skip on IF|{ IF ... }, set block-policy drop|return, set state-policy if-bound|floating,
                set optimization NAME, set ruleset-optimization none|basic|profile, set loginterface IF|none,
                set debug none|urgent|misc|loud, set limit (NAME N | { NAME N, ... }), set timeout (NAME N | {...}),
                set hostid N, set fingerprints "file", set keepcounters, set syncookies never|always
  normalisation scrub [in|out] [on IF] [af] [proto] (all | from .. to ..) [no-df] [random-id] [min-ttl N]
                [max-mss N] [reassemble tcp] [fragment reassemble]
  translation   nat [pass] [log] on IF [af] [proto P] from .. to .. -> ADDR|(IF)|{ ... } [port N[:M]] [static-port]
                rdr [pass] [log] on IF [af] [proto P] from .. to .. [port P] -> ADDR [port N[:*]]
                no nat ... / no rdr ..., nat-anchor "x", rdr-anchor "x"
  filtering     pass|block [drop|return|return-rst|return-icmp] [in|out] [log] [quick] [on [!]IF|{..}] [inet|inet6]
                [proto NAME|NUM|{..}] (all | [from SRC [port P]] [to DST [port P]]) [flags F/F|flags any]
                [icmp-type T] [keep state|no state|modulate state|synproxy state] [(state opts)] [label "x"]
                [tag x] [tagged x]; match (14.x+) with nat-to/rdr-to (15.x only); anchor "name[/*]" [in|out]
                [on IF] [af] [proto] [from/to]; antispoof [log] [quick] for IF|{..} [inet|inet6]
  addresses     any, self, A.B.C.D[/N], IPv6[/N], <table>, (IF[:network|:broadcast|:peer|:0]), IF and IF:network
                (expanded from the simulated host's interfaces), !addr, lists; no-route, urpf-failed
  ports         N, name (built-in copy of /etc/services), = != < <= > >=, N:M, N >< M, N <> M, lists

Normalisation follows print_rule: 'block' -> 'block drop' (or the block-policy), empty from/to -> 'all', inet/inet6
from literal addresses, lists and macros expanded (interface x proto x src x sport x dst x dport), port numbers to
service names, masked addresses without /32 (/128), 'flags S/SA keep state' on TCP-capable pass rules and
'keep state' on others. The '-o basic' optimiser removes duplicate rules and reorders superblocks of non-quick rules
by skip-step commonality (pfctl_optimize.c reorder_rules); rules that repeat or are covered by a broader rule of the
same superblock are dropped (remove_identical_rules); merging addresses into tables is not simulated.
"""
import ipaddress

SERVICES = [  # (name, port, protocols) in /etc/services order for the ports we know
    ("ftp-data", 20, "tu"), ("ftp", 21, "tu"), ("ssh", 22, "tu"), ("telnet", 23, "tu"), ("smtp", 25, "tu"),
    ("time", 37, "tu"), ("whois", 43, "tu"), ("domain", 53, "tu"), ("bootps", 67, "tu"), ("bootpc", 68, "tu"),
    ("tftp", 69, "tu"), ("gopher", 70, "tu"), ("finger", 79, "tu"), ("http", 80, "tu"), ("www", 80, "tu"),
    ("kerberos", 88, "tu"), ("pop3", 110, "tu"), ("sunrpc", 111, "tu"), ("auth", 113, "tu"), ("nntp", 119, "tu"),
    ("ntp", 123, "tu"), ("netbios-ns", 137, "tu"), ("netbios-dgm", 138, "tu"), ("netbios-ssn", 139, "tu"),
    ("imap", 143, "tu"), ("snmp", 161, "tu"), ("snmptrap", 162, "tu"), ("bgp", 179, "tu"), ("irc", 194, "tu"),
    ("ldap", 389, "tu"), ("https", 443, "tu"), ("microsoft-ds", 445, "tu"), ("kpasswd", 464, "tu"),
    ("isakmp", 500, "tu"), ("shell", 514, "t"), ("syslog", 514, "u"), ("printer", 515, "t"),
    ("submission", 587, "tu"), ("ldaps", 636, "tu"), ("rsync", 873, "tu"), ("imaps", 993, "tu"),
    ("pop3s", 995, "tu"), ("socks", 1080, "tu"), ("openvpn", 1194, "tu"), ("ms-sql-s", 1433, "tu"),
    ("radius", 1812, "tu"), ("nfsd", 2049, "tu"), ("mysql", 3306, "tu"), ("svn", 3690, "tu"),
    ("sip", 5060, "tu"), ("xmpp-client", 5222, "t"), ("postgresql", 5432, "tu"), ("amqp", 5672, "tu"),
    ("x11", 6000, "t"), ("ircd", 6667, "t"), ("http-alt", 8080, "tu"), ("pcsync-https", 8443, "tu"),
    ("git", 9418, "t"),
]
PROTOCOLS = [("ip", 0), ("icmp", 1), ("igmp", 2), ("tcp", 6), ("udp", 17), ("ipv6", 41), ("gre", 47), ("esp", 50),
             ("ah", 51), ("ipv6-icmp", 58), ("ospf", 89), ("pim", 103), ("carp", 112), ("sctp", 132),
             ("pfsync", 240)]
PROTO_ALIASES = {"icmp6": "ipv6-icmp", "vrrp": "carp"}
ICMP_TYPES = {"echorep": 0, "unreach": 3, "squench": 4, "redir": 5, "althost": 6, "echoreq": 8, "routeradv": 9,
              "routersol": 10, "timex": 11, "paramprob": 12, "timereq": 13, "timerep": 14}
ICMP6_TYPES = {"unreach": 1, "toobig": 2, "timex": 3, "paramprob": 4, "echoreq": 128, "echorep": 129,
               "groupqry": 130, "listqry": 130, "grouprep": 131, "listenrep": 131, "groupterm": 132,
               "listendone": 132, "routersol": 133, "routeradv": 134, "neighbrsol": 135, "neighbradv": 136,
               "redir": 137}
LIMITS = {"states": 100000, "src-nodes": 100000, "frags": 5000, "table-entries": 200000}
TIMEOUTS = [("tcp.first", 120), ("tcp.opening", 30), ("tcp.established", 86400), ("tcp.closing", 900),
            ("tcp.finwait", 45), ("tcp.closed", 90), ("tcp.tsdiff", 30), ("sctp.first", 120),
            ("sctp.opening", 30), ("sctp.established", 86400), ("sctp.closing", 900), ("sctp.closed", 90),
            ("udp.first", 60), ("udp.single", 30), ("udp.multiple", 60), ("icmp.first", 20), ("icmp.error", 10),
            ("other.first", 60), ("other.single", 30), ("other.multiple", 60), ("frag", 60), ("interval", 10),
            ("adaptive.start", 60000), ("adaptive.end", 120000), ("src.track", 0)]
KEYWORDS_AFTER_RULE = ("flags", "keep", "no", "modulate", "synproxy", "label", "tag", "tagged", "icmp-type",
                       "icmp6-type", "nat-to", "rdr-to", "queue", "rtable", "probability", "tos", "allow-opts",
                       "fragment", "set", "max-mss", "min-ttl", "reassemble", "random-id", "no-df", "user", "group",
                       "os", "prio", "once")


class ParseError(Exception):
    def __init__(self, line, message="syntax error"):
        super().__init__(message)
        self.line, self.message = line, message


def proto_number(name):
    if name.isdigit():
        return int(name)
    name = PROTO_ALIASES.get(name, name)
    for n, num in PROTOCOLS:
        if n == name:
            return num
    return None


def proto_name(num):
    for n, v in PROTOCOLS:
        if v == num:
            return n
    return str(num)


def service_port(name):
    """parse.y getservice: tcp first, then udp."""
    for proto in "tu":
        for n, port, protos in SERVICES:
            if n == name and proto in protos:
                return port
    return None


def service_name(port, proto):
    p = "t" if proto == 6 else "u"
    for n, num, protos in SERVICES:
        if num == port and p in protos:
            return n
    return None


# ---------------------------------------------------------------- lexer

def allowed_in_string(c):
    return c.isalnum() or (not c.isspace() and c.isprintable() and not c.isalnum() and c not in "(){}<>!=/#,\"'$")


class Lexer:
    def __init__(self, text, macros, errors, fname):
        self.text, self.macros, self.errors, self.fname = text, macros, errors, fname

    def tokens(self):
        """[(kind, value, line)] with kind 'w' (word), 'q' (quoted), 'p' (punctuation), 'nl', 'err'."""
        out = []
        self._lex(self.text, 1, out, False)
        out.append(("nl", "\n", out[-1][2] if out else 1))
        return out

    def _lex(self, text, line, out, in_macro):
        i, n = 0, len(text)
        while i < n:
            c = text[i]
            if c == "\\" and i + 1 < n and text[i + 1] == "\n":
                i += 2
                line += 1
                continue
            if c == "\n":
                out.append(("nl", "\n", line))
                line += 1
                i += 1
                continue
            if c in " \t\r":
                i += 1
                continue
            if c == "#":
                while i < n and text[i] != "\n":
                    i += 1
                continue
            if c in "\"'":
                j = i + 1
                buf = ""
                while j < n and text[j] != c:
                    if text[j] == "\n":
                        line += 1
                    if text[j] == "\\" and j + 1 < n:
                        j += 1
                    buf += text[j]
                    j += 1
                if j >= n:
                    out.append(("err", "unterminated quotes", line))
                    i = j
                    continue
                out.append(("q", buf, line))
                i = j + 1
                continue
            if c == "$" and not in_macro or c == "$":
                j = i + 1
                while j < n and (text[j].isalnum() or text[j] == "_"):
                    j += 1
                name = text[i + 1:j]
                if name not in self.macros:
                    out.append(("err", "macro '%s' not defined" % name, line))
                else:
                    self._lex(self.macros[name], line, out, True)
                    # macro values never contain newlines that count as statement ends
                i = j
                continue
            two = text[i:i + 2]
            if two in ("->", "!=", "<=", ">=", "<>", "><"):
                out.append(("p", two, line))
                i += 2
                continue
            if c in "{}(),<>!=/":
                out.append(("p", c, line))
                i += 1
                continue
            j = i
            while j < n and allowed_in_string(text[j]):
                if text[j] == "-" and j + 1 < n and text[j + 1] == ">":
                    break
                j += 1
            if j == i:
                out.append(("err", "syntax error", line))
                i += 1
                continue
            out.append(("w", text[i:j], line))
            i = j
        return line


# ---------------------------------------------------------------- parser helpers

class Stream:
    def __init__(self, toks):
        self.toks, self.i = toks, 0

    def peek(self, k=0):
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else ("nl", "\n", self.toks[-1][2])

    def next(self):
        t = self.peek()
        self.i += 1
        return t

    def at(self, *values):
        t = self.peek()
        return t[0] in ("w", "p") and t[1] in values

    def accept(self, *values):
        if self.at(*values):
            return self.next()[1]
        return None

    def expect(self, *values):
        t = self.next()
        if t[0] not in ("w", "p") or t[1] not in values:
            raise ParseError(t[2])
        return t[1]

    def word(self, quoted_ok=True):
        t = self.next()
        if t[0] == "w" or (quoted_ok and t[0] == "q"):
            return t[1]
        raise ParseError(t[2])

    def line(self):
        return self.peek()[2]

    def end(self):
        t = self.peek()
        return t[0] == "nl"


def parse_list(s, item):
    """ITEM or { ITEM [,] ITEM ... } (newlines allowed inside the braces)."""
    if s.accept("{"):
        out = []
        while True:
            while s.peek()[0] == "nl":
                s.next()
            if s.accept("}"):
                break
            out += item(s)
            s.accept(",")
        if not out:
            raise ParseError(s.line())
        return out
    return item(s)


class Addr:
    """One address operand: kind any|ip|table|dyn|self|noroute|urpf; neg."""

    def __init__(self, kind, value=None, neg=False, af=0, mod=""):
        self.kind, self.value, self.neg, self.af, self.mod = kind, value, neg, af, mod

    def text(self):
        if self.kind == "any":
            s = "any"
        elif self.kind == "ip":
            net = self.value
            full = net.prefixlen == net.max_prefixlen
            s = str(net.network_address) + ("" if full else "/%d" % net.prefixlen)
        elif self.kind == "table":
            s = "<%s>" % self.value
        elif self.kind == "dyn":
            s = "(%s%s)" % (self.value, self.mod)
        elif self.kind == "noroute":
            s = "no-route"
        elif self.kind == "urpf":
            s = "urpf-failed"
        else:
            s = str(self.value)
        return ("! " if self.neg else "") + s

    def key(self):
        return (self.kind, str(self.value), self.neg, self.mod)


ANY = Addr("any")


class Ctx:
    def __init__(self, version, interfaces, fname):
        self.version, self.interfaces, self.fname = version, interfaces, fname


def parse_host(s, ctx):
    neg = bool(s.accept("!"))
    t = s.peek()
    if s.accept("<"):
        name = s.word(False)
        s.expect(">")
        return [Addr("table", name, neg)]
    if s.accept("("):
        name = s.word(False)
        mod = ""
        if ":" in name:
            name, m = name.split(":", 1)
            mod = ":" + m
        s.expect(")")
        return [Addr("dyn", name, neg, 0, mod)]
    if t[0] != "w":
        raise ParseError(t[2])
    word = s.next()[1]
    if word == "any":
        return [Addr("any", None, neg)]
    if word == "self":
        return [Addr("dyn", "self", neg)]
    if word == "no-route":
        return [Addr("noroute", None, neg)]
    if word == "urpf-failed":
        return [Addr("urpf", None, neg)]
    bits = None
    if s.accept("/"):
        b = s.next()
        if b[0] != "w" or not b[1].isdigit():
            raise ParseError(b[2])
        bits = int(b[1])
    try:
        ip = ipaddress.ip_address(word.split("%")[0])
        if bits is not None and bits > ip.max_prefixlen:
            raise ParseError(t[2], "illegal netmask value %d" % bits if False else "syntax error")
        net = ipaddress.ip_network("%s/%d" % (ip, ip.max_prefixlen if bits is None else bits), strict=False)
        return [Addr("ip", net, neg, 4 if ip.version == 4 else 6)]
    except ValueError:
        pass
    # an interface name (optionally :network/:broadcast/:peer/:0): its addresses now, as parse.y host_if does
    name, _, mod = word.partition(":")
    addrs = ctx.interfaces.get(name)
    if addrs:
        out = []
        for a in addrs:
            net = ipaddress.ip_interface(a)
            if net.version == 6 and net.ip.is_link_local:
                continue
            if mod == "network":
                out.append(Addr("ip", net.network, neg, net.version))
            elif mod in ("", "0"):
                out.append(Addr("ip", ipaddress.ip_network(str(net.ip)), neg, net.version))
            elif mod == "broadcast" and net.version == 4:
                out.append(Addr("ip", ipaddress.ip_network(str(net.network.broadcast_address)), neg, 4))
            if mod == "0":
                break
        if out:
            return out
    raise ParseError(t[2], "no IP address found for %s" % word)


def parse_port_item(s):
    """Returns [(op, a, b)]."""
    t = s.peek()
    ops = ("=", "!=", "<", "<=", ">", ">=")
    op = s.accept(*ops)
    w = s.next()
    if w[0] not in ("w", "q"):
        raise ParseError(w[2])

    def num(x, line):
        if x.isdigit():
            v = int(x)
            if v > 65535:
                raise ParseError(line, "illegal port value %d" % v)
            return v
        p = service_port(x)
        if p is None:
            raise ParseError(line, "unknown port %s" % x)
        return p
    if op:
        return [({"=": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge"}[op], num(w[1], w[2]), 0)]
    if ":" in w[1]:
        a, b = w[1].split(":", 1)
        return [("rrg", num(a, w[2]), 65535 if b == "*" else num(b, w[2]))]
    a = num(w[1], w[2])
    if s.at("><", "<>"):
        op = s.next()[1]
        b = s.next()
        return [("irg" if op == "><" else "xrg", a, num(b[1], b[2]))]
    return [("eq", a, 0)]


def port_text(p, proto):
    op, a, b = p
    if op in ("eq", "ne"):
        name = service_name(a, proto) if proto in (6, 17, 0, None) else None
        if proto not in (6, 17):
            name = service_name(a, 17)
        v = name or str(a)
        return " port %s %s" % ("=" if op == "eq" else "!=", v)
    if op == "irg":
        return " port %d >< %d" % (a, b)
    if op == "xrg":
        return " port %d <> %d" % (a, b)
    if op == "rrg":
        return " port %d:%d" % (a, b)
    return " port %s %d" % ({"lt": "<", "le": "<=", "gt": ">", "ge": ">="}[op], a)


FLAG_ORDER = "FSRPAUEW"


def parse_flags(word, line):
    if word == "any":
        return ("any", "")
    if "/" in word:
        raise ParseError(line)
    return word


def norm_flags(text):
    return "".join(c for c in FLAG_ORDER if c in text)


# ---------------------------------------------------------------- rules

class Rule:
    """One expanded rule as the kernel holds it; text() is print_rule's output."""

    def __init__(self, **kw):
        self.action = "pass"       # pass block match scrub nat rdr binat anchor nat-anchor rdr-anchor
        self.policy = None         # drop return return-rst return-icmp (block)
        self.no = False            # 'no nat' / 'no rdr'
        self.natpass = False
        self.direction = ""
        self.log = ""
        self.quick = False
        self.ifname = None
        self.ifnot = False
        self.af = 0
        self.proto = None
        self.src, self.dst = ANY, ANY
        self.sport, self.dport = None, None
        self.flags = None          # (flags, flagset) or 'any'
        self.state = None          # keep modulate synproxy no
        self.state_opts = ""
        self.icmp = None
        self.label = self.tag = self.tagged = None
        self.anchor = None
        self.pool = None           # [Addr] for nat/rdr/nat-to/rdr-to
        self.pool_port = None      # (a, b) or 'static'
        self.pool_opts = ""
        self.to_kind = None        # nat-to / rdr-to on match/pass rules
        self.scrub = ""
        self.extra = ""
        self.__dict__.update(kw)

    def tcp_capable(self):
        return self.proto in (None, 6)

    def text(self):
        out = []
        if self.action in ("nat", "rdr", "binat") and self.no:
            out.append("no " + self.action)
        elif self.action in ("anchor", "nat-anchor", "rdr-anchor"):
            out.append('%s "%s"' % (self.action, self.anchor))
        else:
            out.append(self.action)
        if self.action == "block":
            out.append(" " + (self.policy or "drop"))
        if self.natpass:
            out.append(" pass")
        if self.direction and self.action not in ("nat", "rdr", "binat"):
            out.append(" " + self.direction)
        if self.log:
            out.append(" " + self.log)
        if self.quick:
            out.append(" quick")
        if self.ifname:
            out.append(" on %s%s" % ("! " if self.ifnot else "", self.ifname))
        if self.af:
            out.append(" inet" if self.af == 4 else " inet6")
        if self.proto is not None:
            out.append(" proto " + proto_name(self.proto))
        if self.src.kind == "any" and self.dst.kind == "any" and not self.src.neg and not self.dst.neg \
                and not self.sport and not self.dport:
            out.append(" all")
        else:
            out.append(" from " + self.src.text())
            if self.sport:
                out.append(port_text(self.sport, self.proto))
            out.append(" to " + self.dst.text())
            if self.dport:
                out.append(port_text(self.dport, self.proto))
        is_anchor = self.action.endswith("anchor")
        if self.flags and self.flags != "any":
            out.append(" flags %s/%s" % self.flags)
        elif self.action == "pass" and self.tcp_capable() and self.state not in (None, "no") and not is_anchor \
                and self.flags == "any":
            out.append(" flags any")
        if self.icmp:
            out.append(" " + self.icmp)
        if self.action == "pass" and self.state == "no" and not is_anchor:
            out.append(" no state")
        elif self.state in ("keep", "modulate", "synproxy") and self.action in ("pass", "block"):
            out.append(" %s state" % self.state)
        if self.state_opts:
            out.append(" " + self.state_opts)
        if self.scrub:
            out.append(self.scrub)
        if self.label:
            out.append(' label "%s"' % self.label)
        if self.tag:
            out.append(" tag " + self.tag)
        if self.tagged:
            out.append(" tagged " + self.tagged)
        if self.extra:
            out.append(self.extra)
        if self.pool is not None and not self.no:
            out.append(" -> " if self.action in ("nat", "rdr", "binat") else " %s " % self.to_kind)
            if len(self.pool) == 1:
                out.append(self.pool[0].text())
            else:
                out.append("{ " + ", ".join(a.text() for a in self.pool) + " }")
            rdr_like = self.action == "rdr" or self.to_kind == "rdr-to"
            if self.pool_port and self.pool_port != "static" and rdr_like:
                a, b = self.pool_port
                out.append(" port %d%s" % (a, (":" + ("*" if b == 65535 else str(b))) if b else ""))
            elif self.pool_port and self.pool_port != "static":
                out.append(" port %d:%d" % self.pool_port)
            if self.pool_opts:
                out.append(" " + self.pool_opts)
            elif any(a.kind in ("dyn", "table") for a in self.pool) or len(self.pool) > 1:
                out.append(" round-robin")
            if self.pool_port == "static":
                out.append(" static-port")
        return "".join(out)

    # skip-step fields (pfctl_optimize.c PF_SKIP_*) and everything else
    def skip_keys(self):
        return [(self.ifname, self.ifnot), self.direction, self.af, self.proto, self.src.key(), self.sport,
                self.dst.key(), self.dport]

    def other_key(self):
        return (self.action, self.policy, self.log, self.quick, self.flags, self.state, self.state_opts, self.icmp,
                self.label, self.tag, self.tagged, self.anchor, self.extra, self.to_kind,
                tuple(a.key() for a in self.pool or []), self.pool_port)


# ---------------------------------------------------------------- statements

ORDER_NAMES = {0: "options", 1: "ethernet", 2: "normalization", 3: "queueing", 4: "translation", 5: "filtering"}


class Parsed:
    def __init__(self):
        self.errors = []           # (line, message)
        self.verbose = []          # lines printed while parsing (-v): macros, tables, options
        self.macros = {}
        self.tables = {}           # name -> {"flags": [...], "addrs": [...]}
        self.options = {}
        self.skip = []
        self.rules = {"scrub": [], "nat": [], "rdr": [], "binat": [], "filter": []}
        self.anchors = []          # anchors referenced (created empty)


def parse(text, fname, version=14, interfaces=None, predefined=None):
    """Parses a pf.conf text; returns Parsed (errors empty on success)."""
    res = Parsed()
    ctx = Ctx(version, interfaces or {}, fname)
    res.macros.update(predefined or {})
    # split into logical statements first, so that macro definitions take effect for later lines only
    lines = text.split("\n")
    stmt_lines = []
    buf, start, depth = [], 1, 0
    for idx, raw in enumerate(lines, 1):
        if not buf:
            start = idx
        buf.append(raw)
        stripped = raw.split("#", 1)[0] if '"' not in raw else raw
        if stripped.rstrip().endswith("\\"):
            continue
        depth += stripped.count("{") - stripped.count("}")
        if depth > 0 and idx < len(lines):
            continue
        stmt_lines.append((start, "\n".join(buf)))
        buf, depth = [], 0
    state = {"order": 0, "blockpolicy": "drop"}
    for start, chunk in stmt_lines:
        out = []
        Lexer(chunk, res.macros, res.errors, fname)._lex(chunk, start, out, False)
        toks = [t for t in out if t[0] != "nl"]
        if not toks:
            continue
        errs = [t for t in toks if t[0] == "err"]
        if errs:
            for e in errs:
                res.errors.append((e[2], e[1]))
            res.errors.append((errs[0][2], "syntax error"))
            continue
        last_line = start + chunk.count("\n")
        toks.append(("nl", "\n", last_line))
        s = Stream(toks)
        try:
            statement(s, res, ctx, state)
            if not s.end():
                raise ParseError(s.line())
        except ParseError as e:
            res.errors.append((e.line, e.message))
    return res


def _order(s, res, state, level, line):
    if state["order"] > level:
        msg = "Rules must be in order: options, %snormalization, queueing, translation, filtering" % (
            "ethernet, " if state["version"] >= 14 else "")
        raise ParseError(line, msg)
    state["order"] = level


def statement(s, res, ctx, state):
    state["version"] = ctx.version
    t = s.peek()
    line = t[2]
    w = t[1] if t[0] == "w" else None
    if w and s.peek(1)[0] == "p" and s.peek(1)[1] == "=" and w not in ("set",):
        s.next()
        s.next()
        parts = []  # parse.y varstring: several strings are joined with one space ("{" $a $b "}")
        while not s.end():
            v = s.next()
            if v[0] not in ("w", "q"):
                raise ParseError(v[2])
            parts.append(v[1])
        if not parts or not all(c.isalnum() or c == "_" for c in w):
            raise ParseError(line)
        res.macros[w] = " ".join(parts)
        res.verbose.append('%s = "%s"' % (w, res.macros[w]))
        return
    if w == "set":
        s.next()
        _order(s, res, state, 0, line)
        parse_set(s, res, ctx, state)
        return
    if w == "table":
        s.next()
        parse_table(s, res, ctx)
        return
    if w == "scrub":
        s.next()
        _order(s, res, state, 2, line)
        r = Rule(action="scrub")
        rules = parse_rule_body(s, res, ctx, r, scrub=True)
        res.rules["scrub"] += rules
        return
    if w in ("nat", "rdr", "binat", "no") or w in ("nat-anchor", "rdr-anchor"):
        if w == "no" and s.peek(1)[1] not in ("nat", "rdr"):
            raise ParseError(line)
        _order(s, res, state, 4, line)
        parse_translation(s, res, ctx)
        return
    if w in ("pass", "block", "match", "anchor", "antispoof"):
        if w == "match" and ctx.version < 14:
            raise ParseError(line)
        _order(s, res, state, 5, line)
        if w == "antispoof":
            s.next()
            parse_antispoof(s, res, ctx)
            return
        s.next()
        r = Rule(action=w)
        if w == "block":
            r.policy = state["blockpolicy"]
            p = s.accept("drop", "return", "return-rst", "return-icmp", "return-icmp6")
            if p:
                r.policy = p
        if w == "anchor":
            t2 = s.next()
            if t2[0] not in ("w", "q"):
                raise ParseError(t2[2])
            r.anchor = t2[1]
            res.anchors.append(t2[1][:-2] if t2[1].endswith("/*") else t2[1])
            if s.at("{"):
                raise ParseError(s.line())
        res.rules["filter"] += parse_rule_body(s, res, ctx, r)
        return
    if w in ("load",):
        raise ParseError(line)
    raise ParseError(line)


def parse_set(s, res, ctx, state):
    opt = s.word(False)
    if opt == "skip":
        s.expect("on")
        names = parse_list(s, lambda s: [s.word()])
        for n in names:
            if n not in res.skip:
                res.skip.append(n)
            res.verbose.append("set skip on %s" % n)
        return
    if opt == "block-policy":
        v = s.expect("drop", "return")
        state["blockpolicy"] = v
        res.options[opt] = v
        res.verbose.append("set block-policy %s" % v)
        return
    if opt in ("state-policy",):
        v = s.expect("if-bound", "floating")
        res.options[opt] = v
        res.verbose.append("set state-policy %s" % v)
        return
    if opt in ("optimization",):
        v = s.expect("default", "normal", "high-latency", "satellite", "aggressive", "conservative")
        res.options[opt] = v
        res.verbose.append("set optimization %s" % v)
        return
    if opt == "ruleset-optimization":
        v = s.expect("none", "basic", "profile")
        res.options[opt] = v
        res.verbose.append("set ruleset-optimization %s" % v)
        return
    if opt == "loginterface":
        v = s.word()
        res.options[opt] = v
        res.verbose.append("set loginterface %s" % v)
        return
    if opt == "debug":
        v = s.expect("none", "urgent", "misc", "loud")
        res.options[opt] = v
        res.verbose.append("set debug %s" % v)
        return
    if opt in ("limit", "timeout"):
        def item(s):
            name = s.word(False)
            v = s.word(False)
            if opt == "limit" and name not in LIMITS:
                raise ParseError(s.line(), "unknown limit %s" % name) if False else ParseError(s.line())
            if opt == "timeout" and name not in dict(TIMEOUTS):
                raise ParseError(s.line())
            if not v.isdigit():
                raise ParseError(s.line())
            return [(name, int(v))]
        for name, v in parse_list(s, item):
            res.options.setdefault(opt, {})[name] = v
            res.verbose.append("set %s %s %d" % (opt, name, v))
        return
    if opt in ("hostid",):
        v = s.word(False)
        res.options[opt] = v
        res.verbose.append("set hostid 0x%08x" % int(v, 0))
        return
    if opt == "fingerprints":
        s.word()
        return
    if opt == "keepcounters":
        res.options[opt] = True
        res.verbose.append("set keepcounters")
        return
    if opt == "syncookies":
        v = s.expect("never", "always", "adaptive")
        if v == "adaptive" and s.accept("("):
            while not s.accept(")"):
                s.next()
        res.options[opt] = v
        res.verbose.append("set syncookies %s" % v)
        return
    raise ParseError(s.line())


def parse_table(s, res, ctx):
    s.expect("<")
    name = s.word(False)
    s.expect(">")
    flags = []
    addrs = []
    files = []
    while not s.end():
        if s.at("persist", "const", "counters"):
            f = s.next()[1]
            if f not in flags:
                flags.append(f)
        elif s.accept("file"):
            files.append(s.word())
        elif s.at("{"):
            for a in parse_list(s, lambda s: parse_host(s, ctx)):
                addrs.append(a.text())
        else:
            raise ParseError(s.line())
    res.tables[name] = {"flags": flags, "addrs": addrs}
    text = "table <%s>" % name
    for f in ("const", "persist", "counters"):
        if f in flags:
            text += " " + f
    for f in files:
        text += ' file "%s"' % f
    if addrs:
        text += " { " + " ".join(addrs) + " }"
    res.verbose.append(text)


def parse_direction_etc(s, r):
    d = s.accept("in", "out")
    if d:
        r.direction = d
    if s.accept("log"):
        r.log = "log"
        if s.accept("("):
            parts = []
            while not s.accept(")"):
                t = s.next()
                if t[0] == "nl":
                    raise ParseError(t[2])
                if t[1] != ",":
                    parts.append(t[1])
            r.log = "log (%s)" % ", ".join(parts) if parts else "log"
    if s.accept("quick"):
        r.quick = True


def parse_on(s, ctx):
    """[on [!]IF | on { IF ... }] -> [(name, not)] or [None]."""
    if not s.accept("on"):
        return [None]

    def item(s):
        neg = bool(s.accept("!"))
        return [(s.word(), neg)]
    return parse_list(s, item)


def parse_af(s):
    a = s.accept("inet", "inet6")
    return {"inet": 4, "inet6": 6}.get(a, 0)


def parse_proto(s):
    if not s.accept("proto"):
        return [None]

    def item(s):
        t = s.next()
        if t[0] not in ("w", "q"):
            raise ParseError(t[2])
        n = proto_number(t[1])
        if n is None:
            raise ParseError(t[2], "unknown protocol %s" % t[1])
        return [n]
    return parse_list(s, item)


def parse_hosts_ports(s, ctx):
    """(all | [from H [port P]] [to H [port P]]) -> (srcs, sports, dsts, dports)."""
    srcs, sports, dsts, dports = [ANY], [None], [ANY], [None]
    if s.accept("all"):
        return srcs, sports, dsts, dports
    if s.accept("from"):
        if s.at("port"):
            pass
        else:
            srcs = parse_list(s, lambda s: parse_host(s, ctx))
        if s.accept("port"):
            sports = parse_list(s, parse_port_item)
    if s.accept("to"):
        if not s.at("port"):
            dsts = parse_list(s, lambda s: parse_host(s, ctx))
        if s.accept("port"):
            dports = parse_list(s, parse_port_item)
    return srcs, sports, dsts, dports


def parse_filter_opts(s, r, ctx):
    while not s.end():
        if s.accept("flags"):
            w = s.next()
            if w[1] == "any":
                r.flags = "any"
                continue
            a = w[1] if w[0] == "w" else ""
            if w[0] == "p" and w[1] == "/":
                a = ""
            elif not s.accept("/"):
                raise ParseError(w[2])
            b = s.word(False)
            r.flags = (norm_flags(a), norm_flags(b))
        elif s.at("keep", "modulate", "synproxy"):
            r.state = s.next()[1]
            s.expect("state")
            if s.at("("):
                s.next()
                parts, cur = [], ""
                while not s.accept(")"):
                    t = s.next()
                    if t[0] == "nl":
                        raise ParseError(t[2])
                    if t[1] == ",":
                        parts.append(cur)
                        cur = ""
                    elif t[0] == "p" and t[1] in "/>" or cur.endswith(("/", "<")):
                        cur += t[1]  # 5/3 and <table> print without spaces
                    else:
                        cur += (" " if cur else "") + t[1]
                if cur:
                    parts.append(cur)
                r.state_opts = "(%s)" % ", ".join(parts)
        elif s.at("no") and s.peek(1)[1] == "state":
            s.next()
            s.next()
            r.state = "no"
        elif s.accept("label"):
            r.label = s.word()
        elif s.accept("tag"):
            r.tag = s.word()
        elif s.accept("tagged"):
            r.tagged = s.word()
        elif s.at("icmp-type", "icmp6-type"):
            kw = s.next()[1]
            v = s.word(False)
            table = ICMP_TYPES if kw == "icmp-type" else ICMP6_TYPES
            if v not in table and not v.isdigit():
                raise ParseError(s.line(), "unknown icmp-type %s" % v)
            r.icmp = "%s %s" % (kw, v)
        elif s.at("nat-to", "rdr-to"):
            if ctx.version < 15:
                raise ParseError(s.line())
            r.to_kind = s.next()[1]
            r.pool = parse_list(s, lambda s: parse_host(s, ctx))
            if s.accept("port"):
                p = s.word(False)
                a, _, b = p.partition(":")
                r.pool_port = (int(a), 65535 if b == "*" else int(b) if b else 0) if a.isdigit() else None
                if r.pool_port is None:
                    raise ParseError(s.line())
            if s.at("round-robin", "random", "source-hash", "bitmask"):
                r.pool_opts = s.next()[1]
            if s.accept("static-port"):
                r.pool_port = "static"
        elif s.accept("allow-opts"):
            r.extra += " allow-opts"
        elif s.accept("rtable"):
            r.extra += " rtable %s" % s.word(False)
        elif s.accept("probability"):
            r.extra += " probability %s" % s.word(False)
        else:
            raise ParseError(s.line())


def parse_rule_body(s, res, ctx, r, scrub=False):
    parse_direction_etc(s, r)
    ifs = parse_on(s, ctx)
    af = parse_af(s)
    protos = parse_proto(s)
    srcs, sports, dsts, dports = parse_hosts_ports(s, ctx)
    if scrub:
        while not s.end():
            if s.accept("no-df"):
                r.scrub += " no-df"
            elif s.accept("random-id"):
                r.scrub += " random-id"
            elif s.accept("min-ttl"):
                r.scrub += " min-ttl %s" % s.word(False)
            elif s.accept("max-mss"):
                r.scrub += " max-mss %s" % s.word(False)
            elif s.accept("reassemble"):
                s.expect("tcp")
                r.scrub += " reassemble tcp"
            elif s.accept("fragment"):
                s.expect("reassemble")
            else:
                raise ParseError(s.line())
        r.scrub += " fragment reassemble"
    else:
        parse_filter_opts(s, r, ctx)
    return expand(r, ifs, af, protos, srcs, sports, dsts, dports, s.line())


def expand(r, ifs, af, protos, srcs, sports, dsts, dports, line):
    """expand_rule: one rule per interface x proto x src x sport x dst x dport, skipping af mismatches."""
    out = []
    for p in protos:
        for sp in sports + dports:
            if sp is not None and p not in (6, 17, 132):
                raise ParseError(line, "port only applies to tcp/udp/sctp")
    for ifc in ifs:
        for p in protos:
            for src in srcs:
                for sp in sports:
                    for dst in dsts:
                        for dp in dports:
                            a = af
                            if src.af and dst.af and src.af != dst.af:
                                continue
                            if a and ((src.af and src.af != a) or (dst.af and dst.af != a)):
                                continue
                            if not a:
                                a = src.af or dst.af
                            if r.pool:
                                pa = [x.af for x in r.pool if x.af]
                                if pa and not a:
                                    a = pa[0]
                                if pa and pa[0] != a:
                                    continue
                            n = Rule(**dict(r.__dict__))
                            n.ifname, n.ifnot = (ifc if ifc else (None, False))
                            n.af, n.proto, n.src, n.sport, n.dst, n.dport = a, p, src, sp, dst, dp
                            finish(n)
                            out.append(n)
    return out


def finish(r):
    """Stateful defaults (parse.y: pass rules keep state; TCP-capable ones get flags S/SA)."""
    if r.action == "pass" and r.state is None:
        r.state = "keep"
    if r.action == "pass" and r.state in ("keep", "modulate", "synproxy") and r.tcp_capable() and r.flags is None:
        r.flags = ("S", "SA")
    if r.icmp and r.proto is None:
        r.proto = 1


def parse_translation(s, res, ctx):
    no = bool(s.accept("no"))
    kind = s.next()[1]
    r = Rule(action=kind, no=no)
    if kind.endswith("-anchor"):
        t = s.next()
        if t[0] not in ("w", "q"):
            raise ParseError(t[2])
        r.anchor = t[1]
        res.anchors.append(t[1][:-2] if t[1].endswith("/*") else t[1])
    if not no and not kind.endswith("-anchor") and s.accept("pass"):
        r.natpass = True
    parse_direction_etc(s, r)
    ifs = parse_on(s, ctx)
    af = parse_af(s)
    protos = parse_proto(s)
    srcs, sports, dsts, dports = parse_hosts_ports(s, ctx)
    if not no and not kind.endswith("-anchor"):
        while s.at("tag", "tagged"):
            if s.next()[1] == "tag":
                r.tag = s.word()
            else:
                r.tagged = s.word()
        s.expect("->")
        r.pool = parse_list(s, lambda s: parse_host(s, ctx))
        if s.accept("port"):
            p = s.word(False)
            a, _, b = p.partition(":")
            if not a.isdigit() and service_port(a) is None:
                raise ParseError(s.line())
            pa = int(a) if a.isdigit() else service_port(a)
            r.pool_port = (pa, 65535 if b == "*" else int(b) if b else 0)
        if s.at("round-robin", "random", "source-hash", "bitmask"):
            r.pool_opts = s.next()[1]
            if s.accept("sticky-address"):
                r.pool_opts += " sticky-address"
        if s.accept("static-port"):
            r.pool_port = "static"
    if not s.end():
        raise ParseError(s.line())
    rules = expand(r, ifs, af, protos, srcs, sports, dsts, dports, s.line())
    key = "nat" if kind in ("nat", "nat-anchor") else ("rdr" if kind in ("rdr", "rdr-anchor") else "binat")
    res.rules[key] += rules


def parse_antispoof(s, res, ctx):
    r = Rule(action="block", policy="drop", direction="in")
    if s.accept("log"):
        r.log = "log"
    if s.accept("quick"):
        r.quick = True
    s.expect("for")
    ifs = parse_list(s, lambda s: [s.word()])
    af = parse_af(s)
    if s.accept("label"):
        r.label = s.word()
    for ifname in ifs:
        addrs = ctx.interfaces.get(ifname)
        if addrs is None and ifname.startswith("lo"):
            addrs = ["127.0.0.1/8", "::1/128"]
        if not addrs:
            raise ParseError(s.line(), "antispoof: interface %s has no addresses" % ifname if False
                             else "no IP address found for %s" % ifname)
        nets = []
        hosts = []
        for a in addrs:
            ia = ipaddress.ip_interface(a)
            if ia.version == 6 and ia.ip.is_link_local:
                continue
            if af and ia.version != af:
                continue
            nets.append(Addr("ip", ia.network, False, ia.version))
            hosts.append(Addr("ip", ipaddress.ip_network(str(ia.ip)), False, ia.version))
        for n in nets:
            x = Rule(**dict(r.__dict__))
            x.ifname, x.ifnot, x.af, x.src = ifname, True, n.af, n
            res.rules["filter"].append(x)
        if not ifname.startswith("lo"):
            for h in hosts:
                x = Rule(**dict(r.__dict__))
                x.af, x.src = h.af, h
                res.rules["filter"].append(x)


# ---------------------------------------------------------------- optimiser (-o basic)

def optimize(rules):
    """Removes duplicates and reorders superblocks of non-quick rules like pfctl_optimize.c reorder_rules."""
    blocks = []
    for r in rules:
        if blocks and not r.action.endswith("anchor") and not blocks[-1][0].action.endswith("anchor") \
                and blocks[-1][0].other_key() == r.other_key():
            blocks[-1].append(r)
        else:
            blocks.append([r])
    out = []
    for b in blocks:
        uniq = _remove_identical(b)
        if uniq[0].quick or len(uniq) < 2:
            out += uniq
        else:
            out += _reorder(uniq)
    return out


def _covered(sup, sub):
    """exclude_supersets: SUB's skip fields after widening every field where SUP matches anything."""
    k_sup, k_sub = sup.skip_keys(), list(sub.skip_keys())
    wide = [(None, False), "", 0, None, ANY.key(), None, ANY.key(), None]
    for i in range(8):
        if k_sup[i] == wide[i]:
            k_sub[i] = wide[i]
    return [str(x) for x in k_sub] == [str(x) for x in k_sup]


def _remove_identical(rules):
    """pfctl_optimize.c remove_identical_rules: drops a rule that equals, or is a subset of, another rule of the same
    superblock (same action and options), keeping the broader one."""
    rules = list(rules)
    i = 0
    while i < len(rules):
        j = i + 1
        removed_i = False
        while j < len(rules):
            if _covered(rules[i], rules[j]):
                del rules[j]
                continue
            if _covered(rules[j], rules[i]):
                del rules[i]
                removed_i = True
                break
            j += 1
        if not removed_i:
            i += 1
    return rules


def _reorder(rules):
    n = len(rules)
    # per skip field: groups of rules with equal values, biggest first (skip_append keeps them sorted)
    lists = []
    for i in range(8):
        groups = []
        for r in rules:
            k = str(r.skip_keys()[i])
            for g in groups:
                if g[0] == k:
                    g[1].append(r)
                    break
            else:
                groups.append([k, [r]])
            # bubble the grown group forward while its predecessor is smaller
            idx = next(j for j, g in enumerate(groups) if g[0] == k)
            while idx > 0 and len(groups[idx - 1][1]) < len(groups[idx][1]):
                groups[idx - 1], groups[idx] = groups[idx], groups[idx - 1]
                idx -= 1
        lists.append(groups)
    counts = []
    for groups in lists:
        c = len(groups[0][1])
        counts.append(0 if c == n or c == 1 else c)
    if max(counts) == 0:
        return rules
    head = list(rules)
    result = []
    alive = [[[g[0], list(g[1])] for g in groups] for groups in lists]
    while head:
        largest, best = 1, None
        for i in range(8):
            if not alive[i]:
                continue
            c = len(alive[i][0][1])
            if counts[i] and c > largest:
                largest, best = c, i
        if best is None:
            result += head
            break
        group = alive[best].pop(0)[1]
        group = [r for r in head if r in group]
        for r in group:
            head.remove(r)
            for i in range(8):
                for g in alive[i]:
                    if r in g[1]:
                        g[1].remove(r)
                alive[i] = [g for g in alive[i] if g[1]]
                alive[i].sort(key=lambda g: -len(g[1]))
        result += _reorder(group) if len(group) > 2 else group
    return result
