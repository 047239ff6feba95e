package org.drover.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The version schemes of Ansible's version test: loose (LooseVersion), strict (StrictVersion), semver. */
final class Versions {
    private static final Pattern LOOSE_PART = Pattern.compile("\\d+|[a-z]+|\\.");
    private static final Pattern STRICT = Pattern.compile("^(\\d+)\\.(\\d+)(\\.(\\d+))?([ab](\\d+))?$");
    private static final Pattern SEMVER = Pattern.compile("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    private Versions() {}

    static int compare(String kind, String a, String b) {
        return switch (kind) {
            case "loose" -> compareLoose(loose(a), loose(b));
            case "strict" -> compareStrict(a, b);
            case "semver", "semantic" -> compareSemver(a, b);
            default -> throw new TemplateException("Invalid version type (" + kind + "). Must be one of 'loose', 'strict', "
                    + "'semver', 'semantic'" + (kind.equals("pep440") ? " (pep440 is not supported by drover)" : ""), null);
        };
    }

    /** LooseVersion's components: runs of digits as numbers, the rest as text between them, dots dropped. */
    static List<Object> loose(String v) {
        List<Object> out = new ArrayList<>();
        Matcher m = LOOSE_PART.matcher(v);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                out.add(v.substring(last, m.start()));
            }
            String part = m.group();
            if (!part.equals(".")) {
                out.add(Character.isDigit(part.charAt(0)) ? (Object) PyNumbers.narrow(new java.math.BigInteger(part)) : part);
            }
            last = m.end();
        }
        if (last < v.length()) {
            out.add(v.substring(last));
        }
        return out;
    }

    private static int compareLoose(List<Object> a, List<Object> b) {
        try {
            return PyValues.compare(a, b);
        } catch (TemplateException e) {
            throw new TemplateException("Version comparison failed: " + e.getMessage(), null);
        }
    }

    private static int compareStrict(String a, String b) {
        return compareLoose(strict(a), strict(b));
    }

    /** StrictVersion as a comparable list: major, minor, patch, then 1 for a release or 0, a|b, n for a pre-release. */
    private static List<Object> strict(String v) {
        Matcher m = STRICT.matcher(v);
        if (!m.matches()) {
            throw new TemplateException("Version comparison failed: invalid version number '" + v + "'", null);
        }
        List<Object> out = new ArrayList<>(List.of(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                m.group(4) == null ? 0L : Long.parseLong(m.group(4))));
        if (m.group(5) == null) {
            out.add(1L);
        } else {
            out.add(0L);
            out.add(m.group(5).substring(0, 1));
            out.add(Long.parseLong(m.group(6)));
        }
        return out;
    }

    private static int compareSemver(String a, String b) {
        Matcher x = semver(a);
        Matcher y = semver(b);
        for (int i = 1; i <= 3; i++) {
            int c = new java.math.BigInteger(x.group(i)).compareTo(new java.math.BigInteger(y.group(i)));
            if (c != 0) {
                return c;
            }
        }
        if (x.group(4) == null || y.group(4) == null) {
            return Boolean.compare(x.group(4) == null, y.group(4) == null);
        }
        String[] p = x.group(4).split("\\.");
        String[] q = y.group(4).split("\\.");
        for (int i = 0; i < Math.min(p.length, q.length); i++) {
            boolean pn = p[i].matches("\\d+");
            boolean qn = q[i].matches("\\d+");
            int c = pn && qn ? new java.math.BigInteger(p[i]).compareTo(new java.math.BigInteger(q[i]))
                    : pn != qn ? (pn ? -1 : 1) : p[i].compareTo(q[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(p.length, q.length);
    }

    private static Matcher semver(String v) {
        Matcher m = SEMVER.matcher(v);
        if (!m.matches()) {
            throw new TemplateException("Version comparison failed: invalid semantic version '" + v + "'", null);
        }
        return m;
    }
}
