package org.drover.template;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Python's str(), repr(), ordering and equality for plain Java values, as Ansible's filters apply them. */
final class PyValues {
    private PyValues() {}

    /** Python's str(v): True, None, 2.0, ['a', 1], {'k': 'v'}. */
    static String str(Object v) {
        if (v instanceof CharSequence s) {
            return s.toString();
        }
        return repr(v);
    }

    static String repr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double || v instanceof Float) {
            return floatRepr(((Number) v).doubleValue());
        }
        if (v instanceof CharSequence s) {
            return stringRepr(s.toString());
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, x) -> b.append(b.length() > 1 ? ", " : "").append(repr(k)).append(": ").append(repr(x)));
            return b.append('}').toString();
        }
        if (v instanceof Collection<?> c) {
            StringBuilder b = new StringBuilder("[");
            c.forEach(x -> b.append(b.length() > 1 ? ", " : "").append(repr(x)));
            return b.append(']').toString();
        }
        return String.valueOf(v);
    }

    private static String stringRepr(String s) {
        char q = s.contains("'") && !s.contains("\"") ? '"' : '\'';
        StringBuilder b = new StringBuilder().append(q);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c == q) {
                        b.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append(q).toString();
    }

    /** Python's repr of a float: shortest digits, exponent form below 1e-4 and from 1e16. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = b.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - b.scale();
        String sign = d < 0 ? "-" : "";
        if (exp < -4 || exp >= 16) {
            String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        String plain = b.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    /** Python's ==: 1 == 1.0 == True, lists and dicts by content. */
    static boolean equal(Object a, Object b) {
        if (PyNumbers.isNumber(a) && PyNumbers.isNumber(b)) {
            if (PyNumbers.isInt(a) && PyNumbers.isInt(b)) {
                return PyNumbers.big(a).equals(PyNumbers.big(b));
            }
            return PyNumbers.dbl(a) == PyNumbers.dbl(b);
        }
        if (a instanceof CharSequence x && b instanceof CharSequence y) {
            return x.toString().equals(y.toString());
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }

    /** Python's {@code x in container}: a member of a list, a key of a dict, a substring of a string. */
    static boolean contains(Object container, Object x) {
        if (container instanceof CharSequence s) {
            if (!(x instanceof CharSequence)) {
                throw new TemplateException("'in <string>' requires string as left operand, not " + PyTreeBuilder.typeName(x), null);
            }
            return s.toString().contains(x.toString());
        }
        if (container instanceof Map<?, ?> m) {
            return m.keySet().stream().anyMatch(k -> equal(k, x));
        }
        if (container instanceof Collection<?> c) {
            return c.stream().anyMatch(e -> equal(e, x));
        }
        throw new TemplateException("argument of type '" + PyTreeBuilder.typeName(container) + "' is not iterable", null);
    }

    /** Python's ordering ({@code <}): numbers by value, strings by code point, lists element-wise. */
    static int compare(Object a, Object b) {
        if (PyNumbers.isNumber(a) && PyNumbers.isNumber(b)) {
            if (PyNumbers.isInt(a) && PyNumbers.isInt(b)) {
                return PyNumbers.big(a).compareTo(PyNumbers.big(b));
            }
            return Double.compare(PyNumbers.dbl(a), PyNumbers.dbl(b));
        }
        if (a instanceof CharSequence x && b instanceof CharSequence y) {
            return x.toString().compareTo(y.toString());
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext() && j.hasNext()) {
                Object p = i.next();
                Object q = j.next();
                if (!equal(p, q)) {
                    return compare(p, q);
                }
            }
            return Boolean.compare(i.hasNext(), j.hasNext());
        }
        throw new TemplateException("'<' not supported between instances of '" + PyTreeBuilder.typeName(a) + "' and '"
                + PyTreeBuilder.typeName(b) + "'", null);
    }

    /** The items of an iterable as Python iterates them: a list's elements, a dict's keys, a string's characters. */
    static List<Object> iterate(Object v) {
        if (v instanceof List<?> l) {
            return new java.util.ArrayList<Object>(l);
        }
        if (v instanceof Map<?, ?> m) {
            return m.keySet().stream().map(k -> (Object) k).toList();
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(x -> (Object) x).toList();
        }
        if (v instanceof CharSequence s) {
            return s.toString().codePoints().mapToObj(cp -> (Object) new String(Character.toChars(cp))).toList();
        }
        throw new TemplateException("'" + PyTreeBuilder.typeName(v) + "' object is not iterable", null);
    }
}
