package org.drover.text;

/**
 * Shell-style wildcards as host patterns and OpenSSH's known_hosts use them: {@code *} matches any run of
 * characters (none included), {@code ?} exactly one; every other character matches itself. The whole string must
 * match. No character classes, no escapes.
 */
public final class Glob {
    private Glob() {}

    /** True when {@code s} holds a wildcard, i.e. is a pattern rather than a plain name. */
    public static boolean isPattern(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    /** True when {@code pattern} matches all of {@code s}; linear backtracking on the last {@code *} only. */
    public static boolean matches(String pattern, String s) {
        int p = 0;
        int i = 0;
        int starP = -1;
        int starI = 0;
        while (i < s.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == s.charAt(i))) {
                p++;
                i++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starI = i;
            } else if (starP >= 0) {
                p = starP + 1;
                i = ++starI;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
