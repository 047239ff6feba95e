package org.drover.engine;

/** The recap line of one host, plus the round trips its tasks made. */
public record HostStats(int ok, int changed, int unreachable, int failed, int skipped, int rescued, int ignored,
                        int execs) {
    public static final HostStats ZERO = new HostStats(0, 0, 0, 0, 0, 0, 0, 0);
}
