package org.drover.runlock;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who holds a host's run lock, as its {@code holder} file says. Read from the host: untrusted, so every value is
 * printable text (control characters replaced) and numbers are checked.
 *
 * @param runId      the holder's run id
 * @param controller the controller's host name
 * @param user       the local user who started the run on the controller
 * @param pid        the controller's process id, or -1 when unknown
 * @param since      when the lock was taken, by the host's clock (epoch seconds), or -1 when unknown
 * @param anchor     the host process bound to the holder's SSH connection, or -1 when none was found
 * @param login      the user the holder logged in as on the host
 */
public record Holder(String runId, String controller, String user, long pid, long since, long anchor, String login) {

    /** Reads {@code key=value} lines (unknown keys ignored). */
    static Holder parse(Iterable<String> lines) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.putIfAbsent(line.substring(0, eq), printable(line.substring(eq + 1)));
            }
        }
        return new Holder(m.getOrDefault("run", "?"), m.getOrDefault("controller", "?"), m.getOrDefault("user", "?"),
                number(m.get("pid")), number(m.get("since")), number(m.get("anchor")), m.getOrDefault("login", "?"));
    }

    /** "run R of user U on controller C (pid P) since T", the words the failure and the warning use. */
    public String describe() {
        return "run " + runId + " of user " + user + " on controller " + controller + " (pid "
                + (pid < 0 ? "?" : Long.toString(pid)) + ") since "
                + (since < 0 ? "?" : Instant.ofEpochSecond(since).toString());
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 200));
        s.codePoints().limit(200).forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.toString();
    }

    private static long number(String s) {
        if (s == null || !s.matches("[0-9]{1,18}")) {
            return -1;
        }
        return Long.parseLong(s);
    }
}
