package org.drover.freebsd;

import java.util.regex.Pattern;

/**
 * Package names as pkg(8) and the ports tree use them: a name ({@code nginx}, {@code postgresql17-server},
 * {@code py311-setuptools}, {@code libstdc++}) or an origin ({@code www/nginx}). No version suffix, no glob, no
 * leading dash: the name is compared with {@code pkg query}'s {@code %n} (or {@code %o}), so it must be exact.
 */
public final class PkgName {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");
    private static final Pattern ORIGIN = Pattern.compile("[a-z0-9][a-z0-9_-]*/" + NAME.pattern());

    private PkgName() {}

    /** Null when {@code v} is a package name or origin, else why not. */
    public static String problem(String v) {
        if (v == null || v.isEmpty()) {
            return "a package name cannot be empty";
        }
        if (v.length() > 255) {
            return "package name '" + Names.printable(v.substring(0, 40)) + "...' is longer than 255 characters";
        }
        if (v.chars().anyMatch(c -> c == '*' || c == '?' || c == '[')) {
            return "'" + Names.printable(v) + "': glob patterns are not supported (name each package)";
        }
        if (NAME.matcher(v).matches() || ORIGIN.matcher(v).matches()) {
            return null;
        }
        return "'" + Names.printable(v) + "' is not a package name (letters, digits and . _ + -, starting with a "
                + "letter or digit) nor an origin (category/name)";
    }

    public static boolean isOrigin(String v) {
        return v.indexOf('/') > 0;
    }

    /** A jail for {@code pkg -j}: a jail name or a JID. */
    public static String jailProblem(String v) {
        if (v != null && v.matches("[1-9][0-9]{0,9}")) {
            return null;
        }
        return JailName.problem(v);
    }

    /** A repository name for {@code pkg -r} (the name in /usr/local/etc/pkg/repos/*.conf). */
    public static String repositoryProblem(String v) {
        return v != null && v.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}") ? null
                : "'" + Names.printable(v) + "' is not a repository name (letters, digits and _ . -)";
    }
}
