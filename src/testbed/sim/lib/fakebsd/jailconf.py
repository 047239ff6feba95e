"""jail.conf(5) reader following usr.sbin/jail's lexer (jaillex.l), grammar (jailparse.y) and load_config().

parse(path) -> [ConfJail]; resolve(jails) -> {name: [(param, [values])]} with wildcard/global parameters merged,
'+=' appended and $variables expanded. Errors raise ConfError carrying jail(8)'s message (without 'jail: ').
"""
import glob

from . import common

ATOM = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_!%&()-.:<>?@[]^`|~")
VAR_START = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
VAR_CHARS = VAR_START | set("0123456789")
INTERNAL = ("allow.dying", "command", "depend", "exec.", "interface", "ip_hostname", "mount", "stop.timeout",
            "vnet.interface", "zfs.")


class ConfError(Exception):
    pass


class Tok:
    __slots__ = ("kind", "value", "line", "glued", "text")

    def __init__(self, kind, value, line, glued, text):
        self.kind, self.value, self.line, self.glued, self.text = kind, value, line, glued, text


def _unescape(s, start, end, line_box, stop_at_var=False):
    """jaillex.l text2lval: C escapes, octal, \\xHH, backslash-newline; returns (text, index of '$' or None)."""
    out = []
    k = start
    while k < end:
        c = s[k]
        if c != "\\":
            if stop_at_var and c == "$":
                return "".join(out), k
            if c == "\n":
                line_box[0] += 1
            out.append(c)
            k += 1
            continue
        k += 1
        if k >= end:
            break
        c = s[k]
        if "0" <= c <= "7":
            n = 0
            j = 0
            while j < 3 and k < end and "0" <= s[k] <= "7":
                n = n * 8 + int(s[k])
                k += 1
                j += 1
            out.append(chr(n & 0xff))
            continue
        if c == "x":
            n = 0
            j = 0
            k += 1
            while j < 2 and k < end and s[k] in "0123456789abcdefABCDEF":
                n = n * 16 + int(s[k], 16)
                k += 1
                j += 1
            out.append(chr(n))
            continue
        if c == "\n":
            line_box[0] += 1
        else:
            out.append({"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}.get(c, c))
        k += 1
    return "".join(out), None


def tokenize(text, cfname):
    toks = []
    n = len(text)
    k = 0
    line = [1]
    instr = False
    dq = False  # inside a double-quoted string after a variable

    def emit(kind, value, raw):
        nonlocal instr
        glued = instr
        instr = True
        toks.append(Tok(kind, value, line[0], glued, raw))

    def error(what):
        raise ConfError("%s line %d: unterminated %s" % (cfname, line[0], what))

    while k < n:
        c = text[k]
        if dq:
            if c == '"':
                dq = False
                k += 1
                continue
            if c == "$":
                if k + 1 < n and text[k + 1] == "{":
                    j = k + 2
                    while j < n and text[j] not in '\n"{}':
                        j += 2 if text[j] == "\\" else 1
                    if j >= n or text[j] != "}":
                        error("variable")
                    v, _ = _unescape(text, k + 2, j, line)
                    emit("VAR", v, text[k:j + 1])
                    k = j + 1
                    continue
                if k + 1 < n and text[k + 1] in VAR_START:
                    j = k + 1
                    while j < n and text[j] in VAR_CHARS:
                        j += 1
                    emit("VAR", text[k + 1:j], text[k:j])
                    k = j
                    continue
                emit("STR", "$", "$")
                k += 1
                continue
            # the rest of the string, up to the closing quote or the next variable
            j = k
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                error("string")
            v, at = _unescape(text, k, j, line, stop_at_var=True)
            emit("STR", v, text[k:j + 1])
            if at is None:
                dq = False
                k = j + 1
            else:
                k = at
            continue
        if c in " \t":
            instr = False
            k += 1
        elif c == "\n":
            line[0] += 1
            instr = False
            k += 1
        elif c == "#" or text.startswith("//", k):
            while k < n and text[k] != "\n":
                k += 1
        elif text.startswith("/*", k):
            end = text.find("*/", k + 2)
            if end < 0:
                error("comment")
            line[0] += text.count("\n", k, end)
            instr = False
            k = end + 2
        elif text.startswith("+=", k):
            instr = False
            toks.append(Tok("+=", "+=", line[0], False, "+="))
            k += 2
        elif c in ",;={}":
            instr = False
            toks.append(Tok(c, c, line[0], False, c))
            k += 1
        elif c in ATOM:
            j = k
            while j < n and text[j] in ATOM:
                j += 1
            emit("STR", text[k:j], text[k:j])
            k = j
        elif c == "\\":
            j = k + 2
            if k + 1 < n and "0" <= text[k + 1] <= "7":
                while j < n and j < k + 4 and "0" <= text[j] <= "7":
                    j += 1
            elif k + 1 < n and text[k + 1] == "x":
                while j < n and j < k + 4 and text[j] in "0123456789abcdefABCDEF":
                    j += 1
            v, _ = _unescape(text, k, min(j, n), line)
            emit("STR", v, text[k:j])
            k = j
        elif c == "'":
            j = k + 1
            while j < n and text[j] != "'":
                if text[j] == "\\":
                    j += 1
                j += 1
            if j >= n:
                error("string")
            v, _ = _unescape(text, k + 1, j, line)
            emit("STR", v, text[k:j + 1])
            k = j + 1
        elif c == '"':
            j = k + 1
            while j < n and text[j] != '"':
                if text[j] == "\\":
                    j += 1
                j += 1
            if j >= n:
                error("string")
            v, at = _unescape(text, k + 1, j, line, stop_at_var=True)
            emit("STR", v, text[k:j + 1])
            if at is None:
                k = j + 1
            else:
                dq = True
                k = at
        elif c == "$":
            if k + 1 < n and text[k + 1] == "{":
                j = k + 2
                while j < n and text[j] not in "\n{}":
                    j += 2 if text[j] == "\\" else 1
                if j >= n or text[j] != "}":
                    error("variable")
                v, _ = _unescape(text, k + 2, j, line)
                emit("VAR", v, text[k:j + 1])
                k = j + 1
            elif k + 1 < n and text[k + 1] in VAR_START:
                j = k + 1
                while j < n and text[j] in VAR_CHARS:
                    j += 1
                emit("VAR", text[k + 1:j], text[k:j])
                k = j
            else:
                emit("STR", "$", "$")
                k += 1
        elif c in "*+/":
            emit("STR", c, c)
            k += 1
        else:
            toks.append(Tok("CHAR", c, line[0], False, c))
            k += 1
    return toks


class ConfJail:
    def __init__(self, name, seq=0):
        self.name = name
        self.params = []  # [Param]
        self.seq = seq


class Param:
    """A parameter or $variable; values are lists of pieces: str or ('var', name)."""

    def __init__(self, name, is_var=False):
        self.name = name
        self.is_var = is_var
        self.values = []
        self.append = False


class Parser:
    def __init__(self, toks, cfname, jails):
        self.toks = toks
        self.k = 0
        self.cfname = cfname
        self.jails = jails

    def peek(self, off=0):
        j = self.k + off
        return self.toks[j] if j < len(self.toks) else None

    def fail(self):
        t = self.peek()
        if t is None:
            raise ConfError("%s: unexpected EOF" % self.cfname)
        raise ConfError("%s line %d: %s: syntax error" % (self.cfname, t.line, t.text))

    def expect(self, kind):
        t = self.peek()
        if t is None or t.kind != kind:
            self.fail()
        self.k += 1
        return t

    def string(self):
        t = self.peek()
        if t is None or t.kind not in ("STR", "VAR") or t.glued:
            self.fail()
        pieces = []
        while True:
            t = self.peek()
            if t is None or t.kind not in ("STR", "VAR") or (pieces and not t.glued):
                break
            pieces.append(t.value if t.kind == "STR" else ("var", t.value))
            self.k += 1
        return pieces

    def value(self):
        vals = [self.string()]
        while self.peek() is not None and self.peek().kind == ",":
            self.k += 1
            vals.append(self.string())
        return vals

    def param(self):
        t = self.peek()
        if t is None or t.kind not in ("STR", "VAR"):
            self.fail()
        self.k += 1
        p = Param(t.value, t.kind == "VAR")
        nxt = self.peek()
        if nxt is not None and nxt.kind in ("STR", "VAR") and nxt.glued:
            self.fail()
        if nxt is not None and nxt.kind == "=":
            self.k += 1
            p.values = self.value()
        elif nxt is not None and nxt.kind == "+=":
            self.k += 1
            p.values = self.value()
            p.append = True
        elif nxt is not None and nxt.kind in ("STR", "VAR"):
            p.values = self.value()
        return p

    def conf(self):
        while self.peek() is not None:
            t = self.peek()
            if t.kind == ";":
                self.k += 1
                continue
            if t.kind == "STR" and not t.glued:
                # a jail block: NAME '{' (the name may be glued pieces like foo.*)
                j = self.k
                name = []
                while j < len(self.toks) and self.toks[j].kind == "STR" and (j == self.k or self.toks[j].glued):
                    name.append(self.toks[j].value)
                    j += 1
                if j < len(self.toks) and self.toks[j].kind == "{":
                    self.k = j + 1
                    jail = ConfJail("".join(name))
                    while True:
                        t = self.peek()
                        if t is None:
                            self.fail()
                        if t.kind == "}":
                            self.k += 1
                            break
                        if t.kind == ";":
                            self.k += 1
                            continue
                        jail.params.append(self.param())
                        self.expect(";")
                    self.jails.append(jail)
                    continue
            p = self.param()
            self.expect(";")
            if p.name == ".include" and not p.is_var:
                for pattern in p.values:
                    if any(not isinstance(x, str) for x in pattern):
                        raise ConfError("%s line %d: .include: variables not allowed" % (self.cfname, t.line))
                    include("".join(pattern), self.jails)
                continue
            if not self.jails or self.jails[-1].name != "*":
                self.jails.append(ConfJail("*"))
            self.jails[-1].params.append(p)


def include(pattern, jails):
    real = common.host_path(pattern)
    strip = len(real) - len(pattern)
    for path in sorted(glob.glob(real)):
        parse_file(path[strip:] if strip else path, jails)


def parse_file(cfname, jails=None):
    """Parses CFNAME (a path on the simulated host) and its .includes into a list of ConfJail."""
    if jails is None:
        jails = []
    try:
        with open(common.host_path(cfname)) as f:
            text = f.read()
    except FileNotFoundError:
        raise ConfError("%s: No such file or directory" % cfname)
    except IsADirectoryError:
        raise ConfError("%s: Is a directory" % cfname)
    Parser(tokenize(text, cfname), cfname, jails).conf()
    return jails


def parse_text(text, cfname="jail.conf"):
    jails = []
    Parser(tokenize(text, cfname), cfname, jails).conf()
    return jails


def _base(name):
    """equalopts: 'nopersist' and 'persist', 'allow.nomount' and 'allow.mount' name the same parameter."""
    head, dot, tail = name.rpartition(".")
    if tail.startswith("no"):
        tail = tail[2:]
    return head + dot + tail


def is_wild(name):
    return "*" in name


def wild_match(jname, wname):
    import fnmatch
    return wname == "*" or fnmatch.fnmatchcase(jname, wname)


class Resolved:
    """One jail's parameters after load_config(): ordered [(name, [values])], and an error if it failed."""

    def __init__(self, name):
        self.name = name
        self.params = []
        self.errors = []

    def get(self, name):
        for n, v in self.params:
            if _base(n) == _base(name):
                return n, v
        return None

    def string(self, name):
        p = self.get(name)
        return p[1][-1] if p and p[1] else None

    def values(self, name):
        p = self.get(name)
        return list(p[1]) if p else []

    def boolean(self, name):
        return bool_param(self.get(name))


def bool_param(p):
    if p is None:
        return False
    name, vals = p
    neg = name.rpartition(".")[2].startswith("no")
    if not vals:
        truth = True
    else:
        v = vals[-1]
        truth = v.lower() == "true"
        if not truth:
            try:
                truth = int(v) != 0
            except ValueError:
                truth = False
    return neg ^ truth


def resolve(conf_jails):
    """load_config(): merge wildcard/global parameters into each real jail and expand variables."""
    for seq, j in enumerate(conf_jails, 1):
        j.seq = seq
    wild = [j for j in conf_jails if is_wild(j.name)]
    result = []
    for j in conf_jails:
        if is_wild(j.name):
            continue
        merged = []  # [Param-like: [name, is_var, values(list of pieces)]]

        def add(p):
            for m in merged:
                if m[1] == p.is_var and _base(m[0]) == _base(p.name):
                    m[0] = p.name
                    if not p.append or not p.values:
                        m[2] = []
                    m[2].extend(list(v) for v in p.values)
                    return
            merged.append([p.name, p.is_var, [list(v) for v in p.values]])

        name_param = Param("name")
        name_param.values = [[j.name]]
        add(name_param)
        did_self = False
        for w in wild:
            if j.seq < w.seq and not did_self:
                for p in j.params:
                    add(p)
                did_self = True
            if wild_match(j.name, w.name):
                for p in w.params:
                    add(p)
        if not did_self:
            for p in j.params:
                add(p)
        r = Resolved(j.name)
        values = {}
        index = {m[0]: m for m in merged}

        def expand(m, stack):
            key = m[0]
            if key in values:
                return values[key]
            if key in stack:
                raise ConfError("%s: variable loop" % key)
            stack = stack + [key]
            out = []
            for pieces in m[2]:
                if len(pieces) == 1 and isinstance(pieces[0], tuple):
                    out.extend(lookup(pieces[0][1], m[0], stack))
                    continue
                s = []
                for piece in pieces:
                    if isinstance(piece, tuple):
                        sub = lookup(piece[1], m[0], stack)
                        if len(sub) > 1:
                            raise ConfError("%s: array cannot be substituted inline" % m[0])
                        s.append(sub[0])
                    else:
                        s.append(piece)
                out.append("".join(s))
            values[key] = out
            return out

        def lookup(var, pname, stack):
            m = index.get(var)
            if m is None or not m[2]:
                raise ConfError("%s: variable \"%s\" not found" % (pname, var))
            return expand(m, stack)

        for m in merged:
            try:
                vals = expand(m, [])
            except ConfError as e:
                if str(e) not in r.errors:
                    r.errors.append(str(e))
                continue
            if not m[1]:
                r.params.append((m[0], vals))
        result.append(r)
    return result


def is_internal(name):
    return any(name == p or (p.endswith(".") and name.startswith(p)) for p in INTERNAL) or name.startswith("mount.")
