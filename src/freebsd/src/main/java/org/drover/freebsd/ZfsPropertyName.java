package org.drover.freebsd;

import java.util.regex.Pattern;

/**
 * Checks a ZFS property name given in a playbook: a native property ({@code compression}, {@code quota},
 * {@code org.freebsd:swap} is not one) is lower-case letters, digits and {@code _}; a user property
 * ({@code com.example:role}) contains a {@code :} and uses lower-case letters, digits and {@code - _ . :}
 * ({@code zfs_prop.c zfs_prop_user}), at most 256 characters.
 */
public final class ZfsPropertyName {
    private static final Pattern NATIVE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern USER = Pattern.compile("[a-z0-9_.:-]+");

    private ZfsPropertyName() {}

    /** Why name is not a property name, or null. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "empty property name";
        }
        if (name.length() > 256) {
            return "property name longer than 256 characters";
        }
        if (name.startsWith("-")) {
            return "property name '" + DatasetName.printable(name) + "' starts with '-' (zfs would read an option)";
        }
        if (name.indexOf(':') >= 0) {
            return USER.matcher(name).matches() ? null
                    : "user property '" + DatasetName.printable(name) + "' may only contain a-z 0-9 - _ . :";
        }
        return NATIVE.matcher(name).matches() ? null
                : "'" + DatasetName.printable(name) + "' is not a ZFS property name";
    }

    public static boolean isUser(String name) {
        return name.indexOf(':') >= 0;
    }

    /** Why value cannot be given to {@code zfs set}/{@code -o}, or null (a newline would break TAB/line parsing). */
    public static String valueProblem(String value) {
        if (value == null) {
            return "missing value";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "property values may not contain control characters (newline, tab, ESC, NUL, ...)";
            }
        }
        return null;
    }
}
