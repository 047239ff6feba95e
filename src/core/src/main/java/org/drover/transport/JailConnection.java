package org.drover.transport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs every request inside a jail of the host, through {@code jexec} over the host's own connection: a jail
 * target costs no connection of its own, and a request still costs one round trip (no separate check that the
 * jail runs: jexec's own error says so, and becomes a {@link JailUnavailableException}).
 *
 * <p>jexec needs root on the host, so a request's become (if any) is applied on the host as root, and its user
 * becomes {@code jexec -U USER} (a user of the jail's own password database). The request's environment is
 * exported inside the jail; file transfer works unchanged, since {@link RemoteFiles} scripts read stdin, which
 * jexec passes through. Closing this object leaves the host's connection open: it belongs to the host.
 */
public final class JailConnection implements Connection {
    /** jexec accepts a name (dots name a child jail: {@code parent.child}) or a JID. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+([.-][A-Za-z0-9_]+|-)*");
    /** FreeBSD's limit for a jail name (MAXHOSTNAMELEN). */
    private static final int MAX_LENGTH = 255;

    private final Connection host;
    private final String jail;

    /** @throws IllegalArgumentException when jail is not a name jexec can be given safely */
    public JailConnection(Connection host, String jail) {
        String problem = nameProblem(jail);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.host = host;
        this.jail = jail;
    }

    /** Why value cannot name a jail for jexec, or null: letters, digits, '_', '-' and '.', no leading '-' or '.'. */
    public static String nameProblem(String value) {
        if (value == null || value.isEmpty()) {
            return "a jail name may not be empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "a jail name may not be longer than " + MAX_LENGTH + " characters";
        }
        if (!NAME.matcher(value).matches()) {
            return "'" + value.replaceAll("\\p{Cntrl}", "?") + "' is not a jail name (letters, digits, '_', '-' "
                    + "and '.' between words; no leading '-' or '.')";
        }
        return null;
    }

    @Override
    public ExecResult exec(ExecRequest request) throws IOException {
        ExecResult r = host.exec(wrap(request));
        if (isMissing(r, jail)) {
            throw new JailUnavailableException(jail, host.host());
        }
        return r;
    }

    /** The request as it runs on the host: {@code jexec [-U USER] JAIL /bin/sh -c 'EXPORTS SCRIPT'}. */
    ExecRequest wrap(ExecRequest request) {
        List<String> argv = new ArrayList<>(List.of("jexec"));
        Become b = request.become();
        Become onHost = null;
        if (b != null) {
            if (!b.user().equals("root")) {
                argv.addAll(List.of("-U", b.user()));
            }
            onHost = new Become(b.method(), "root", b.password());
        }
        argv.addAll(List.of(jail, "/bin/sh", "-c", Sh.exports(request.env()) + request.script()));
        return new ExecRequest(Sh.join(argv), request.stdin(), request.timeout(), onHost, Map.of());
    }

    /** {@code jexec JAIL /bin/sh -c SCRIPT}: script run as root inside jail (a valid name: {@link #nameProblem}). */
    public static String command(String jail, String script) {
        if (nameProblem(jail) != null) {
            throw new IllegalArgumentException(nameProblem(jail));
        }
        return Sh.join("jexec", jail, "/bin/sh", "-c", script);
    }

    /**
     * Whether jexec itself refused: {@code jexec: jail "NAME" not found} (libjail's jail_getid message through
     * errx, exit 1) is what a missing or stopped jail gives. With a password on a PTY stderr arrives in stdout.
     */
    public static boolean isMissing(ExecResult r, String jail) {
        if (r.exitStatus() != 1) {
            return false;
        }
        String text = "jexec: jail " + (jail.chars().allMatch(Character::isDigit) ? jail : "\"" + jail + "\"")
                + " not found";
        return r.stderr().strip().equals(text) || r.stdout().strip().equals(text);
    }

    public String jail() {
        return jail;
    }

    @Override
    public String host() {
        return host.host();
    }

    @Override
    public void close() {
        // the host's connection outlives its jails
    }

    /** The jail is not running on the host (never created, or stopped): a task failure, not a lost host. */
    public static final class JailUnavailableException extends IOException {
        private final String jail;

        public JailUnavailableException(String jail, String host) {
            super("jail " + jail + " is not running on " + host + " (jexec: jail \"" + jail + "\" not found)");
            this.jail = jail;
        }

        public String jail() {
            return jail;
        }
    }
}
