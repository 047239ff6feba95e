package org.drover.freebsd;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks of the names and paths FreeBSD commands take: each returns what is wrong, or null. The FreeBSD modules
 * run them when the playbook is loaded, so a bad name or an injection attempt fails before anything connects.
 */
public final class Names {
    private static final Pattern RC_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern JAIL_PARAM = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    private Names() {}

    /** An rc.conf variable name: {@code [A-Za-z_][A-Za-z0-9_]*}. */
    public static String rcVarProblem(String v) {
        return v != null && RC_VAR.matcher(v).matches() && v.length() <= 128 ? null
                : "'" + printable(v) + "' is not an rc.conf variable name (letters, digits and '_')";
    }

    /** An rc.d script name, as {@code service NAME} takes it. */
    public static String serviceProblem(String v) {
        return v != null && SERVICE.matcher(v).matches() && v.length() <= 64 ? null
                : "'" + printable(v) + "' is not a service name (letters, digits, '_', '.', '-')";
    }

    /** A jail(8) parameter name, e.g. {@code allow.raw_sockets}, {@code sysvshm}, {@code exec.start}. */
    public static String jailParamProblem(String v) {
        return v != null && JAIL_PARAM.matcher(v).matches() && v.length() <= 64 ? null
                : "'" + printable(v) + "' is not a jail parameter name (lower-case words joined by '.')";
    }

    /** An absolute path without control characters (quoted with Sh.quote when used). */
    public static String absolutePathProblem(String v) {
        if (v == null || !v.startsWith("/")) {
            return "'" + printable(v) + "' is not an absolute path";
        }
        if (v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "path '" + printable(v) + "' contains control characters";
        }
        if (List.of(v.split("/")).contains("..")) {
            return "path '" + printable(v) + "' contains '..'";
        }
        return null;
    }

    /** The value with control characters made visible, for error messages (a newline must not break a report). */
    public static String printable(String v) {
        if (v == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (char c : v.toCharArray()) {
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
