package org.drover.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.drover.text.PyText;

/** Conversions and numbers: bool, int, float, string, round, abs, ternary, type_debug, mandatory. */
final class ValueFilters {
    private static final Pattern PY_INT = Pattern.compile("[+-]?(0[xob])?[0-9a-z]+(_[0-9a-z]+)*", Pattern.CASE_INSENSITIVE);
    private static final Pattern PY_FLOAT = Pattern.compile(
            "[+-]?((\\d+(_\\d+)*)?\\.?\\d+(_\\d+)*|\\d+(_\\d+)*\\.)([eE][+-]?\\d+)?|[+-]?(inf|infinity|nan)",
            Pattern.CASE_INSENSITIVE);

    private ValueFilters() {}

    static void register(Registrar r) {
        r.filter("bool", (v, a) -> v == null ? null : toBool(v));
        r.filter("int", (v, a) -> toInt(v, a.get(0, "default", 0L), a.get(1, "base", 10L)));
        r.filter("float", (v, a) -> toFloat(v, a.get(0, "default", 0.0)));
        r.filter("string", (v, a) -> PyText.str(v));
        r.filter("round", (v, a) -> round(v, a.get(0, "precision", 0L), a.string(1, "method", "common")));
        r.filter("abs", (v, a) -> abs(v));
        r.filter("type_debug", (v, a) -> NativeText.marked(v) ? "NativeJinjaText" : PyTreeBuilder.typeName(v));
        r.filter("ternary", (v, a) -> {
            Object none = a.get(2, "none_val", null);
            if (v == null && none != null) {
                return none;
            }
            return JinjavaTemplater.truthy(v) ? a.required(0, "true_val", "ternary") : a.required(1, "false_val", "ternary");
        });
        r.filter("mandatory", (v, a) -> {
            Object msg = a.get(0, "msg", null);
            if (v instanceof Undefined u) {
                Undefined.excuse(u);
                throw new TemplateException(msg != null ? String.valueOf(msg) : "Mandatory variable '" + u.name() + "' not defined.",
                        u.name());
            }
            return v;
        });
    }

    /** Ansible's to_bool (None stays None): True for True, 1 (and 1.0) and the strings yes, on, 1, true in any case; False otherwise. */
    static boolean toBool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof CharSequence s) {
            String x = s.toString().toLowerCase(Locale.ROOT);
            return x.equals("yes") || x.equals("on") || x.equals("1") || x.equals("true");
        }
        return PyNumbers.isNumber(v) && PyValues.equal(v, 1L);
    }

    /** Jinja2's int(value, default=0, base=10): int(str, base), else int(float(value)), else the default. */
    static Object toInt(Object v, Object fallback, Object base) {
        if (PyNumbers.isInt(v)) {
            return PyNumbers.narrow(PyNumbers.big(v));
        }
        if (PyNumbers.isFloat(v)) {
            return truncate(PyNumbers.dbl(v));
        }
        if (v instanceof CharSequence s) {
            BigInteger parsed = parseInt(s.toString(), (int) PyNumbers.big(base).longValue());
            if (parsed != null) {
                return PyNumbers.narrow(parsed);
            }
            Double f = parseFloat(s.toString());
            if (f != null && !f.isNaN() && !f.isInfinite()) {
                return truncate(f);
            }
        }
        return fallback;
    }

    private static Number truncate(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new TemplateException("cannot convert float " + PyText.floatRepr(d) + " to integer", null);
        }
        return PyNumbers.narrow(new BigDecimal(d).toBigInteger());
    }

    /** Python's int(text, base): surrounding blanks, a sign, a 0x/0o/0b prefix matching the base, underscores. */
    static BigInteger parseInt(String text, int base) {
        String s = text.strip();
        if (!PY_INT.matcher(s).matches()) {
            return null;
        }
        boolean negative = s.startsWith("-");
        s = s.replaceFirst("^[+-]", "");
        String prefix = s.length() > 1 ? s.substring(0, 2).toLowerCase(Locale.ROOT) : "";
        int prefixBase = switch (prefix) {
            case "0x" -> 16;
            case "0o" -> 8;
            case "0b" -> 2;
            default -> 0;
        };
        if (prefixBase != 0 && (base == prefixBase || base == 0)) {
            s = s.substring(2).replaceFirst("^_", "");
            base = prefixBase;
        } else if (base == 0) {
            base = 10;
        }
        try {
            BigInteger b = new BigInteger(s.replace("_", ""), base);
            return negative ? b.negate() : b;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Python's float(text), or null. */
    static Double parseFloat(String text) {
        String s = text.strip();
        if (!PY_FLOAT.matcher(s).matches()) {
            return null;
        }
        String lower = s.toLowerCase(Locale.ROOT).replace("_", "");
        if (lower.endsWith("inf") || lower.endsWith("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return lower.endsWith("nan") ? Double.NaN : Double.parseDouble(lower);
    }

    /** Jinja2's float(value, default=0.0). */
    static Object toFloat(Object v, Object fallback) {
        if (PyNumbers.isNumber(v)) {
            return PyNumbers.dbl(v);
        }
        if (v instanceof CharSequence s) {
            Double d = parseFloat(s.toString());
            return d != null ? d : fallback;
        }
        return fallback;
    }

    /**
     * Jinja2's round(value, precision=0, method='common'): Python's round (half to even on the exact binary value;
     * an int stays an int), or floor/ceil, which always give a float.
     */
    static Object round(Object v, Object precision, String method) {
        if (!PyNumbers.isNumber(v)) {
            throw new TemplateException("type " + PyTreeBuilder.typeName(v) + " doesn't define __round__ method", null);
        }
        int digits = (int) PyNumbers.big(precision).longValue();
        if (method.equals("common")) {
            if (PyNumbers.isInt(v)) {
                BigDecimal r = new BigDecimal(PyNumbers.big(v)).setScale(digits, RoundingMode.HALF_EVEN);
                return PyNumbers.narrow(r.setScale(0, RoundingMode.UNNECESSARY).toBigInteger());
            }
            double d = PyNumbers.dbl(v);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return d;
            }
            return new BigDecimal(d).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
        }
        if (!method.equals("floor") && !method.equals("ceil")) {
            throw new TemplateException("method must be common, ceil or floor", null);
        }
        double scale = Math.pow(10, digits);
        double x = PyNumbers.dbl(v) * scale;
        return (method.equals("floor") ? Math.floor(x) : Math.ceil(x)) / scale;
    }

    static Object abs(Object v) {
        if (PyNumbers.isInt(v)) {
            return PyNumbers.narrow(PyNumbers.big(v).abs());
        }
        if (PyNumbers.isFloat(v)) {
            return Math.abs(PyNumbers.dbl(v));
        }
        throw new TemplateException("bad operand type for abs(): '" + PyTreeBuilder.typeName(v) + "'", null);
    }

    /** Python's len(). */
    static long length(Object v) {
        if (v instanceof CharSequence s) {
            return s.toString().codePointCount(0, s.length());
        }
        if (v instanceof Collection<?> c) {
            return c.size();
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        throw new TemplateException("object of type '" + PyTreeBuilder.typeName(v) + "' has no len()", null);
    }

    static List<Object> asList(Object v) {
        return PyValues.iterate(v);
    }
}
