package org.drover.ssh;

import java.util.Locale;

/** What to do with a server's host key. */
public enum HostKeyPolicy {
    /** Only keys already in known_hosts (the default). */
    STRICT,
    /** Trust on first use: a host not yet in known_hosts is learnt and appended; a changed key is refused. */
    ACCEPT_NEW,
    /** No check at all (a loud warning per host): only for throw-away labs. */
    OFF;

    /** Parses {@code strict}, {@code accept-new}, {@code off} (and OpenSSH's {@code yes}/{@code no}); null = strict. */
    public static HostKeyPolicy parse(String s) {
        if (s == null || s.isBlank()) {
            return STRICT;
        }
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "strict", "yes", "true" -> STRICT;
            case "accept-new", "accept_new", "tofu" -> ACCEPT_NEW;
            case "off", "no", "false", "none" -> OFF;
            default -> throw new IllegalArgumentException(
                    "unknown host key policy '" + s + "' (expected strict, accept-new or off)");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
