package org.drover.freebsd;

/**
 * FreeBSD fetch(1)'s failures (usr.bin/fetch/fetch.c; warnx prefixes {@code fetch: }): a transfer that did not start
 * prints {@code fetch: URL: REASON} (libfetch's text: the HTTP reason phrase such as {@code Not Found}, a resolver
 * error such as {@code No address record}, or the errno text such as {@code Connection refused}); an output file
 * that cannot be opened {@code fetch: PATH: open(): ERRNO TEXT}; the -T alarm {@code fetch: transfer timed out}.
 * Exit status 1 for all of them.
 */
public final class FetchErrors {
    private FetchErrors() {}

    /** libfetch's reason for url from fetch's stderr, or the first non-blank line when it is another failure. */
    public static String reason(String stderr, String url) {
        String prefix = "fetch: " + url + ": ";
        String first = null;
        for (String line : stderr.split("\n")) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).strip();
            }
            if (first == null && !line.isBlank()) {
                first = line.strip();
            }
        }
        if (first == null) {
            return "fetch failed without a message";
        }
        return first.startsWith("fetch: ") ? first.substring("fetch: ".length()) : first;
    }

    /** True for fetch's -T alarm. */
    public static boolean timedOut(String stderr) {
        return stderr.lines().anyMatch(l -> l.equals("fetch: transfer timed out"));
    }
}
