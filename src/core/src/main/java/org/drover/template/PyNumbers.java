package org.drover.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Python's arithmetic on Jinja values: integers are exact at any size ({@code 2**64}), {@code /} always gives a
 * float, {@code //} and {@code %} round toward negative infinity ({@code -7 % 3} is 2), and a string or list times
 * an integer repeats it. Returns null where Python would not apply a numeric rule, so the caller keeps Jinjava's.
 */
final class PyNumbers {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private PyNumbers() {}

    /** Python int: int, long, BigInteger and bool (True is 1). */
    static boolean isInt(Object o) {
        return o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte
                || o instanceof BigInteger || o instanceof Boolean;
    }

    static boolean isFloat(Object o) {
        return o instanceof Double || o instanceof Float || o instanceof BigDecimal;
    }

    static boolean isNumber(Object o) {
        return isInt(o) || isFloat(o);
    }

    static BigInteger big(Object o) {
        if (o instanceof BigInteger b) {
            return b;
        }
        if (o instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        return BigInteger.valueOf(((Number) o).longValue());
    }

    static double dbl(Object o) {
        if (o instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Number) o).doubleValue();
    }

    /** The integer as a Long when it fits, else the BigInteger. */
    static Number narrow(BigInteger b) {
        return b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0 ? (Number) b.longValue() : b;
    }

    static Object add(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            return narrow(big(a).add(big(b)));
        }
        return isNumber(a) && isNumber(b) ? (Object) (dbl(a) + dbl(b)) : null;
    }

    static Object sub(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            return narrow(big(a).subtract(big(b)));
        }
        return isNumber(a) && isNumber(b) ? (Object) (dbl(a) - dbl(b)) : null;
    }

    static Object mul(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            return narrow(big(a).multiply(big(b)));
        }
        if (isNumber(a) && isNumber(b)) {
            return dbl(a) * dbl(b);
        }
        if (isInt(b) && (a instanceof String || a instanceof Collection)) {
            return repeat(a, big(b).intValue());
        }
        if (isInt(a) && (b instanceof String || b instanceof Collection)) {
            return repeat(b, big(a).intValue());
        }
        return null;
    }

    private static Object repeat(Object seq, int times) {
        if (seq instanceof String s) {
            return s.repeat(Math.max(0, times));
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.addAll((Collection<?>) seq);
        }
        return out;
    }

    static Object div(Object a, Object b) {
        if (!(isNumber(a) && isNumber(b))) {
            return null;
        }
        if (dbl(b) == 0) {
            throw zero();
        }
        if (isInt(a) && isInt(b)) {
            return new BigDecimal(big(a)).divide(new BigDecimal(big(b)), java.math.MathContext.DECIMAL64).doubleValue();
        }
        return dbl(a) / dbl(b);
    }

    static Object floorDiv(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            BigInteger d = big(b);
            if (d.signum() == 0) {
                throw zero();
            }
            BigInteger[] qr = big(a).divideAndRemainder(d);
            return narrow(qr[1].signum() != 0 && qr[1].signum() != d.signum() ? qr[0].subtract(BigInteger.ONE) : qr[0]);
        }
        if (!(isNumber(a) && isNumber(b))) {
            return null;
        }
        if (dbl(b) == 0) {
            throw zero();
        }
        return Math.floor(dbl(a) / dbl(b));
    }

    static Object mod(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            BigInteger d = big(b);
            if (d.signum() == 0) {
                throw zero();
            }
            BigInteger r = big(a).mod(d.abs());
            return narrow(d.signum() < 0 && r.signum() != 0 ? r.add(d) : r);
        }
        if (!(isNumber(a) && isNumber(b))) {
            return null;
        }
        double x = dbl(a);
        double y = dbl(b);
        if (y == 0) {
            throw zero();
        }
        double r = x % y;
        return r != 0 && (r < 0) != (y < 0) ? r + y : r;
    }

    static Object pow(Object a, Object b) {
        if (isInt(a) && isInt(b) && big(b).signum() >= 0) {
            if (big(b).bitLength() > 31) {
                throw new TemplateException("exponent too large: " + b, null);
            }
            return narrow(big(a).pow(big(b).intValue()));
        }
        if (isNumber(a) && isNumber(b)) {
            if (dbl(a) == 0 && dbl(b) < 0) {
                throw new TemplateException("0.0 cannot be raised to a negative power", null);
            }
            return Math.pow(dbl(a), dbl(b));
        }
        return null;
    }

    private static TemplateException zero() {
        return new TemplateException("division by zero", null);
    }
}
