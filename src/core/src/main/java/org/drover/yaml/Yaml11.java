package org.drover.yaml;

import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * The YAML 1.1 implicit types of PyYAML's resolver, which Ansible's loader uses: {@code yes/no/on/off} (and
 * true/false, in three spellings each) are booleans, {@code 017} is octal, {@code 0b101} binary, {@code 1_000} a
 * thousand, {@code 1:30} the sexagesimal 90; {@code 1e3} (no dot, unsigned exponent) and {@code 0o17} stay text.
 * Timestamps stay text: Ansible's date objects write the same text into templates.
 */
final class Yaml11 implements Schema {
    private static final Pattern BOOL = Pattern.compile(
            "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
            + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
            + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
            + "|[-+]?\\.(?:inf|Inf|INF)"
            + "|\\.(?:nan|NaN|NAN)");
    private static final Pattern INT = Pattern.compile("[-+]?0b[0-1_]+"
            + "|[-+]?0[0-7_]+"
            + "|[-+]?(?:0|[1-9][0-9_]*)"
            + "|[-+]?0x[0-9a-fA-F_]+"
            + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");

    static final Yaml11 SCHEMA = new Yaml11();

    private Yaml11() {}

    /** Plain scalars by PyYAML's rules, in its order (bool, float, int, merge, null); quoted ones are strings. */
    private static final ScalarResolver RESOLVER = (value, implicit) -> {
        if (!implicit) {
            return Tag.STR;
        }
        if (BOOL.matcher(value).matches()) {
            return Tag.BOOL;
        }
        if (FLOAT.matcher(value).matches()) {
            return Tag.FLOAT;
        }
        if (INT.matcher(value).matches()) {
            return Tag.INT;
        }
        if (value.equals("<<")) {
            return Tag.MERGE;
        }
        return NULL.matcher(value).matches() ? Tag.NULL : Tag.STR;
    };

    @Override
    public ScalarResolver getScalarResolver() {
        return RESOLVER;
    }

    @Override
    public Map<Tag, ConstructNode> getSchemaTagConstructors() {
        return Map.of(); // drover builds values itself (Yaml.toValue)
    }

    static boolean bool(String v) {
        String l = v.toLowerCase();
        return l.equals("yes") || l.equals("true") || l.equals("on");
    }

    /** PyYAML's construct_yaml_int: Long, or BigInteger past 64 bits. */
    static Object integer(String text) {
        String v = text.replace("_", "");
        BigInteger sign = v.startsWith("-") ? BigInteger.ONE.negate() : BigInteger.ONE;
        if (v.startsWith("-") || v.startsWith("+")) {
            v = v.substring(1);
        }
        BigInteger n;
        if (v.equals("0")) {
            n = BigInteger.ZERO;
        } else if (v.startsWith("0b")) {
            n = new BigInteger(v.substring(2), 2);
        } else if (v.startsWith("0x")) {
            n = new BigInteger(v.substring(2), 16);
        } else if (v.startsWith("0")) {
            n = new BigInteger(v, 8);
        } else if (v.contains(":")) {
            n = BigInteger.ZERO;
            for (String part : v.split(":")) {
                n = n.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
            }
        } else {
            n = new BigInteger(v);
        }
        n = n.multiply(sign);
        return n.bitLength() < 64 ? (Object) n.longValue() : n;
    }

    /** PyYAML's construct_yaml_float. */
    static double floating(String text) {
        String v = text.replace("_", "").toLowerCase();
        double sign = v.startsWith("-") ? -1 : 1;
        if (v.startsWith("-") || v.startsWith("+")) {
            v = v.substring(1);
        }
        if (v.equals(".inf")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (v.equals(".nan")) {
            return Double.NaN;
        }
        if (v.contains(":")) {
            double n = 0;
            for (String part : v.split(":")) {
                n = n * 60 + Double.parseDouble(part);
            }
            return sign * n;
        }
        return sign * Double.parseDouble(v);
    }
}
