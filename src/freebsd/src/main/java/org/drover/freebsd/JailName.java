package org.drover.freebsd;

import java.util.regex.Pattern;

/**
 * The name of a jail drover manages: letters, digits, '_' and '-', starting with a letter or '_', at most 64
 * characters. No dots: to the kernel a dot means hierarchy ({@code parent.child}), and rc.d/jail rewrites dots
 * to '_' when it looks up config files. Not all digits: the kernel only accepts a numeric name equal to the JID.
 * Such a name is also a bare word in jail.conf, a shell word and part of an rc.conf variable name.
 */
public record JailName(String value) {
    public static final int MAX_LENGTH = 64;
    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    public JailName {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public static JailName of(String value) {
        return new JailName(value);
    }

    /** Why value is not a managed jail name, or null when it is one. */
    public static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "a jail name may not be empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "jail name '" + Names.printable(value) + "' is longer than " + MAX_LENGTH + " characters";
        }
        if (value.indexOf('.') >= 0 && value.matches("[A-Za-z0-9_.-]+")) {
            return "jail name '" + value + "' contains a dot, which FreeBSD reads as a parent.child hierarchy; "
                    + "use '_' or '-' instead";
        }
        if (!SYNTAX.matcher(value).matches()) {
            return "'" + Names.printable(value) + "' is not a jail name (letters, digits, '_' and '-', "
                    + "starting with a letter or '_')";
        }
        return null;
    }

    /** The name as part of an rc.conf variable ({@code jail_NAME_conf}): '-' is not allowed there. */
    public String rcVarPart() {
        return value.replace('-', '_');
    }

    @Override
    public String toString() {
        return value;
    }
}
