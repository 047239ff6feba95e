package org.drover.freebsd;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Messages of jail(8) and rc.d/jail worth recognising. rc.d/jail exits 0 even when a jail failed to start, so
 * its text (or, better, {@code jls}) is the only proof.
 */
public final class JailMessages {
    private static final Pattern CREATED = Pattern.compile("^(\\S+): created$", Pattern.MULTILINE);
    private static final Pattern ALREADY = Pattern.compile("^jail: \"([^\"]*)\" already exists$", Pattern.MULTILINE);
    private static final Pattern NOT_FOUND = Pattern.compile("^jail: \"([^\"]*)\" not found$", Pattern.MULTILINE);
    private static final Pattern RC_FAILED = Pattern.compile("cannot start jail {1,2}\"([^\"]*)\"");

    private JailMessages() {}

    /** Names jail(8) reported as {@code NAME: created}. */
    public static List<String> created(String text) {
        return all(CREATED, text);
    }

    /** {@code jail: "NAME" already exists}: {@code -c} of a running jail. */
    public static List<String> alreadyExists(String text) {
        return all(ALREADY, text);
    }

    /** {@code jail: "NAME" not found}: {@code -r} of a jail that is not running. */
    public static List<String> notFound(String text) {
        return all(NOT_FOUND, text);
    }

    /** Jails {@code service jail start} failed to start, although it exited 0. */
    public static List<String> rcStartFailures(String text) {
        return all(RC_FAILED, text);
    }

    private static List<String> all(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
