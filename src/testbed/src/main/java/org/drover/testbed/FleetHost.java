package org.drover.testbed;

import java.nio.file.Path;

/**
 * One running simulated host as tests and scripts see it.
 *
 * @param name      the host's name (its inventory name, hostname and {@code $FAKEBSD_STATE/hostname})
 * @param port      its SSH port on 127.0.0.1
 * @param version   the simulated release, e.g. {@code 14.3-RELEASE}
 * @param holderPid the process holding the host's mount namespace
 * @param dir       the host's directory on the machine (only sshd.log, with OpenSSH; its files live in its namespace)
 */
public record FleetHost(String name, int port, String version, long holderPid, Path dir) {
    public static final String ADDRESS = "127.0.0.1";
    /** {@code $FAKEBSD_STATE} inside every host. */
    public static final String STATE_DIR = "/var/db/fakebsd";

    /** The host's file system seen from the machine ({@code /proc/PID/root}): reads and writes go through its mounts. */
    public Path root() {
        return Path.of("/proc", Long.toString(holderPid), "root");
    }

    /** A path inside the host, e.g. {@code file("/etc/pf.conf")}, reachable from the machine. */
    public Path file(String absolutePath) {
        if (!absolutePath.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + absolutePath);
        }
        return root().resolve(absolutePath.substring(1));
    }

    /** The host's {@code $FAKEBSD_STATE} directory, reachable from the machine. */
    public Path stateDir() {
        return file(STATE_DIR);
    }
}
