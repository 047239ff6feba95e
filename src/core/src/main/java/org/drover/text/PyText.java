package org.drover.text;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Python's {@code str()} and {@code repr()} of plain values, as Jinja2 writes a value into text in Ansible:
 * {@code True}, {@code None}, {@code 3.0}, {@code [1, 'two']}, {@code {'k': 'v'}}. Values are maps, collections,
 * strings, numbers, booleans and null; anything else is written as its {@code toString()}.
 */
public final class PyText {
    private PyText() {}

    /** Python's {@code str(v)}: a string as it is, anything else as {@link #repr}. */
    public static String str(Object v) {
        if (v instanceof CharSequence s) {
            return s.toString();
        }
        return repr(v);
    }

    /** Python's {@code repr(v)}: strings quoted, containers with their items' repr. */
    public static String repr(Object v) {
        StringBuilder out = new StringBuilder();
        repr(v, out);
        return out.toString();
    }

    private static void repr(Object v, StringBuilder out) {
        if (v == null) {
            out.append("None");
        } else if (v instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (v instanceof Double || v instanceof Float) {
            out.append(floatRepr(((Number) v).doubleValue()));
        } else if (v instanceof CharSequence s) {
            quote(s.toString(), out);
        } else if (v instanceof Map<?, ?> m) {
            out.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.append(sep);
                repr(e.getKey(), out);
                out.append(": ");
                repr(e.getValue(), out);
                sep = ", ";
            }
            out.append('}');
        } else if (v instanceof Set<?> s && s.isEmpty()) {
            out.append("set()");
        } else if (v instanceof Collection<?> c) {
            boolean set = v instanceof Set;
            out.append(set ? '{' : '[');
            for (Iterator<?> i = c.iterator(); i.hasNext();) {
                repr(i.next(), out);
                if (i.hasNext()) {
                    out.append(", ");
                }
            }
            out.append(set ? '}' : ']');
        } else {
            out.append(v);
        }
    }

    /** A float's repr: {@code 3.0}, {@code 1e+16}, {@code inf}, {@code nan}. */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return JsonText.pythonFloat(d);
    }

    /**
     * A string's repr: single quotes unless the text has a single quote and no double one; backslash, the quote,
     * and characters Python does not print (controls, separators, unassigned) escaped; other Unicode as it is.
     */
    public static void quote(String s, StringBuilder out) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(q);
        for (int i = 0; i < s.length();) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == q) {
                        out.append('\\').append(q);
                    } else if (printable(c)) {
                        out.appendCodePoint(c);
                    } else if (c <= 0xff) {
                        out.append(String.format("\\x%02x", c));
                    } else if (c <= 0xffff) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append(String.format("\\U%08x", c));
                    }
                }
            }
        }
        out.append(q);
    }

    /** Python's {@code str.isprintable()} for one character: not Cc, Cf, Cs, Co, Cn, Zl, Zp, nor Zs but space. */
    private static boolean printable(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /**
     * Python's {@code splitlines(True)} for \n-ended text (what {@code readlines()} gives): each line keeps its \n,
     * the last one may have none.
     */
    public static java.util.List<String> linesKeepingEnds(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }
}
