package org.drover.ssh;

import java.util.Collection;
import java.util.stream.Collectors;

/** POSIX sh quoting. Every value that reaches a remote shell goes through here or a validated name type. */
public final class Sh {
    private Sh() {}

    /** Quotes s as one sh word: single quotes, each embedded quote as {@code '\''}. */
    public static String quote(String s) {
        if (!s.isEmpty() && s.chars().allMatch(Sh::safe)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Quotes each word and joins them with spaces. */
    public static String join(Collection<String> words) {
        return words.stream().map(Sh::quote).collect(Collectors.joining(" "));
    }

    public static String join(String... words) {
        return join(java.util.List.of(words));
    }

    private static boolean safe(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.' || c == '/' || c == ':' || c == ',' || c == '@'
                || c == '%' || c == '+' || c == '=';
    }
}
