package org.drover.testbed;

/**
 * What one host's SSH server saw, counted server-side since the fleet started.
 *
 * @param connections TCP connections the server accepted (whether or not they authenticated)
 * @param execs       exec channel requests (one per remote command; shells and subsystems are not counted)
 */
public record HostStats(long connections, long execs) {
    /** The difference since an earlier reading, for "this run opened N connections" assertions. */
    public HostStats minus(HostStats before) {
        return new HostStats(connections - before.connections, execs - before.execs);
    }

    public HostStats plus(HostStats other) {
        return new HostStats(connections + other.connections, execs + other.execs);
    }
}
