package org.drover.text;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code ast.literal_eval}, which Ansible applies to INI inventory values and to rendered templates that
 * look like a list, a dict or a boolean: strings (quotes, prefixes, escapes, adjacent parts joined), numbers,
 * {@code True}/{@code False}/{@code None}, lists, tuples (as lists), dicts (keys as their {@code str()}) and sets.
 * Complex numbers, bytes and f-strings are not read (the text stays text).
 */
public final class PyLiteral {
    private static final Pattern RADIX_INT = Pattern.compile("0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+");
    private static final String DIGITS = "[0-9](?:_?[0-9])*";
    private static final Pattern FLOAT = Pattern.compile("(?:" + DIGITS + ")?\\.(?:" + DIGITS + ")?(?:[eE][+-]?" + DIGITS
            + ")?|" + DIGITS + "[eE][+-]?" + DIGITS);
    private static final Pattern DECIMAL = Pattern.compile(DIGITS);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_DEPTH = 200;

    /** The text is not a Python literal (Python's ValueError or SyntaxError). */
    public static final class NotALiteral extends Exception {
        NotALiteral(String message) {
            super(message, null, false, false);
        }
    }

    private final String s;
    private final boolean jsonNames;
    private int i;
    private int depth;

    private PyLiteral(String s, boolean jsonNames) {
        this.s = s;
        this.jsonNames = jsonNames;
    }

    /**
     * The value of a Python literal.
     *
     * @param jsonNames also read {@code true}, {@code false} and {@code null} (Ansible's templating does, its INI
     *                  inventory does not)
     */
    public static Object eval(String text, boolean jsonNames) throws NotALiteral {
        PyLiteral p = new PyLiteral(text, jsonNames);
        if (!text.isEmpty() && (text.charAt(0) == ' ' || text.charAt(0) == '\t')) {
            throw new NotALiteral("unexpected indent");
        }
        Object v = p.value();
        p.space(true);
        if (p.i < text.length()) {
            throw p.error();
        }
        return v;
    }

    private Object value() throws NotALiteral {
        space(depth > 0);
        if (i >= s.length()) {
            throw error();
        }
        char c = s.charAt(i);
        if (c == '-' || c == '+') {
            i++;
            space(depth > 0);
            Object n = number();
            return c == '+' ? n : negate(n);
        }
        if (c == '[' || c == '(' || c == '{') {
            if (++depth > MAX_DEPTH) {
                throw error();
            }
            i++;
            Object v = c == '[' ? list(']') : c == '(' ? tuple() : braces();
            depth--;
            return v;
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        Matcher name = NAME.matcher(s).region(i, s.length());
        if (name.lookingAt()) {
            int quoteAt = name.end();
            if (quoteAt < s.length() && (s.charAt(quoteAt) == '\'' || s.charAt(quoteAt) == '"')) {
                if (!startsString()) {
                    throw error();
                }
                return strings();
            }
            i = name.end();
            return constant(name.group());
        }
        if (c == '\'' || c == '"') {
            return strings();
        }
        throw error();
    }

    private Object constant(String name) throws NotALiteral {
        switch (name) {
            case "True":
                return true;
            case "False":
                return false;
            case "None":
                return null;
            default:
                if (jsonNames && name.equals("true")) {
                    return true;
                }
                if (jsonNames && name.equals("false")) {
                    return false;
                }
                if (jsonNames && name.equals("null")) {
                    return null;
                }
                throw new NotALiteral("malformed node: " + name);
        }
    }

    private List<Object> list(char close) throws NotALiteral {
        List<Object> out = new ArrayList<>();
        while (true) {
            space(true);
            if (next(close)) {
                return out;
            }
            out.add(value());
            space(true);
            if (!next(',')) {
                expect(close);
                return out;
            }
        }
    }

    /** {@code ()} an empty tuple, {@code (x)} x itself, {@code (x,)} and {@code (x, y)} tuples (as lists). */
    private Object tuple() throws NotALiteral {
        space(true);
        if (next(')')) {
            return new ArrayList<>();
        }
        Object first = value();
        space(true);
        if (next(')')) {
            return first;
        }
        expect(',');
        List<Object> out = list(')');
        out.add(0, first);
        return out;
    }

    /** A dict, or a set when the first item has no {@code :}. */
    private Object braces() throws NotALiteral {
        space(true);
        if (next('}')) {
            return new LinkedHashMap<String, Object>();
        }
        Object first = value();
        space(true);
        if (!next(':')) {
            Set<Object> set = new LinkedHashSet<>();
            set.add(first);
            if (next(',')) {
                set.addAll(list('}'));
            } else {
                expect('}');
            }
            return set;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        Object key = first;
        while (true) {
            if (key instanceof List || key instanceof Map || key instanceof Set) {
                throw new NotALiteral("unhashable key");
            }
            map.put(PyText.str(key), value());
            space(true);
            if (!next(',')) {
                expect('}');
                return map;
            }
            space(true);
            if (next('}')) {
                return map;
            }
            key = value();
            space(true);
            expect(':');
        }
    }

    private Object number() throws NotALiteral {
        Matcher m = RADIX_INT.matcher(s).region(i, s.length());
        if (m.lookingAt()) {
            String t = m.group().replace("_", "");
            char kind = Character.toLowerCase(t.charAt(1));
            end(m);
            return integer(new BigInteger(t.substring(2), kind == 'x' ? 16 : kind == 'o' ? 8 : 2));
        }
        m = FLOAT.matcher(s).region(i, s.length());
        if (m.lookingAt() && !m.group().equals(".")) {
            end(m);
            return Double.parseDouble(m.group().replace("_", ""));
        }
        m = DECIMAL.matcher(s).region(i, s.length());
        if (!m.lookingAt()) {
            throw error();
        }
        String t = m.group().replace("_", "");
        if (t.length() > 1 && t.charAt(0) == '0' && !t.matches("0+")) {
            throw new NotALiteral("leading zeros in decimal integer literals are not permitted");
        }
        end(m);
        return integer(new BigInteger(t));
    }

    /** A number ends where no letter, digit or underscore follows (no complex, no {@code 1abc}). */
    private void end(Matcher m) throws NotALiteral {
        i = m.end();
        if (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            throw error();
        }
    }

    private static Object integer(BigInteger b) {
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    private static Object negate(Object n) {
        if (n instanceof Long l) {
            return l == Long.MIN_VALUE ? BigInteger.valueOf(l).negate() : -l;
        }
        if (n instanceof BigInteger b) {
            return integer(b.negate());
        }
        return -(Double) n;
    }

    /** One or more adjacent string literals, joined. */
    private String strings() throws NotALiteral {
        StringBuilder out = new StringBuilder();
        do {
            string(out);
            space(depth > 0);
        } while (i < s.length() && startsString());
        return out.toString();
    }

    private boolean startsString() {
        int j = i;
        while (j < s.length() && j - i < 2 && "rRuUbBfF".indexOf(s.charAt(j)) >= 0) {
            j++;
        }
        return j < s.length() && (s.charAt(j) == '\'' || s.charAt(j) == '"');
    }

    private void string(StringBuilder out) throws NotALiteral {
        int start = i;
        while ("rRuUbBfF".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        String prefix = s.substring(start, i).toLowerCase();
        if (!List.of("", "r", "u").contains(prefix)) {
            throw new NotALiteral("not read: " + prefix + "-string"); // bytes, f-strings (or a bad prefix)
        }
        boolean raw = prefix.equals("r");
        char q = s.charAt(i);
        boolean triple = s.startsWith(String.valueOf(q).repeat(3), i);
        i += triple ? 3 : 1;
        while (true) {
            if (i >= s.length()) {
                throw new NotALiteral("unterminated string literal");
            }
            char c = s.charAt(i);
            if (c == q && (!triple || s.startsWith(String.valueOf(q).repeat(3), i))) {
                i += triple ? 3 : 1;
                return;
            }
            if (c == '\n' && !triple) {
                throw new NotALiteral("unterminated string literal");
            }
            if (c == '\\' && i + 1 < s.length()) {
                if (raw) {
                    out.append(c).append(s.charAt(i + 1));
                    i += 2;
                } else {
                    escape(out);
                }
                continue;
            }
            out.append(c);
            i++;
        }
    }

    /** One backslash escape at i; unknown ones stay as written, as in Python. */
    private void escape(StringBuilder out) throws NotALiteral {
        char e = s.charAt(i + 1);
        i += 2;
        switch (e) {
            case '\n' -> { }
            case '\\', '\'', '"' -> out.append(e);
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case 'x' -> out.appendCodePoint(hex(2));
            case 'u' -> out.appendCodePoint(hex(4));
            case 'U' -> out.appendCodePoint(hex(8));
            case 'N' -> out.appendCodePoint(named());
            default -> {
                if (e >= '0' && e <= '7') {
                    int v = e - '0';
                    for (int k = 0; k < 2 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7'; k++) {
                        v = v * 8 + s.charAt(i++) - '0';
                    }
                    out.append((char) v);
                } else {
                    out.append('\\').append(e);
                }
            }
        }
    }

    private int hex(int n) throws NotALiteral {
        if (i + n > s.length() || !s.substring(i, i + n).matches("[0-9a-fA-F]+")) {
            throw new NotALiteral("truncated \\x, \\u or \\U escape");
        }
        long v = Long.parseLong(s.substring(i, i + n), 16);
        i += n;
        if (v > Character.MAX_CODE_POINT) {
            throw new NotALiteral("illegal Unicode character");
        }
        return (int) v;
    }

    private int named() throws NotALiteral {
        int close = s.indexOf('}', i);
        if (i >= s.length() || s.charAt(i) != '{' || close < 0) {
            throw new NotALiteral("malformed \\N character escape");
        }
        String name = s.substring(i + 1, close);
        i = close + 1;
        try {
            return Character.codePointOf(name);
        } catch (IllegalArgumentException e) {
            throw new NotALiteral("unknown Unicode character name");
        }
    }

    /** Skips blanks and comments; newlines only inside brackets (or at the end, when lines is set). */
    private void space(boolean lines) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\f' || (lines && (c == '\n' || c == '\r'))) {
                i++;
            } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                i += 2;
            } else if (c == '#') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else {
                return;
            }
        }
    }

    private boolean next(char c) {
        if (i < s.length() && s.charAt(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws NotALiteral {
        if (!next(c)) {
            throw error();
        }
    }

    private NotALiteral error() {
        return new NotALiteral("invalid syntax at " + i);
    }
}
