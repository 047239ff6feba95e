package org.drover.freebsd;

import java.util.regex.Pattern;

/**
 * A FreeBSD network interface name that is safe to put on a command line unquoted: 1 to 15 characters
 * (IFNAMSIZ - 1) of {@code [A-Za-z0-9_.]}, starting with a letter (the cloner's driver name comes first).
 */
public record InterfaceName(String value) {
    public static final int MAX_LENGTH = 15;
    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");

    public InterfaceName {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public static InterfaceName of(String value) {
        return new InterfaceName(value);
    }

    /** Why value is not an interface name, or null when it is one. */
    public static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "an interface name may not be empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "interface name '" + Names.printable(value) + "' is longer than " + MAX_LENGTH + " characters";
        }
        if (!SYNTAX.matcher(value).matches()) {
            return "'" + Names.printable(value) + "' is not an interface name (letters, digits, '_' and '.', "
                    + "starting with a letter)";
        }
        return null;
    }

    /** Why value is not a name of the cloner {@code kind} with a unit number (bridge0, epair12), or null. */
    public static String clonedProblem(String value, String kind) {
        String p = problem(value);
        if (p != null) {
            return p;
        }
        if (!value.matches(Pattern.quote(kind) + "(0|[1-9][0-9]{0,4})")) {
            return "'" + value + "' is not a " + kind + " name (" + kind + " followed by a unit number, e.g. "
                    + kind + "0)";
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
