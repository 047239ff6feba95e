package org.drover.testbed;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

/** The SSH server side of the fleet: serves each host's port and lands every session in that host's namespace. */
sealed interface SshBackend extends AutoCloseable permits EmbeddedSshBackend, OpenSshBackend {

    /** Starts serving HOST on a free loopback port and returns that port. Safe to call from several threads. */
    int start(HostFs host) throws IOException;

    /** Connections and exec channels counted by the server for HOST since the fleet started. */
    HostStats stats(HostFs host) throws IOException;

    /** Stops listening on HOST's port: new connections are refused, established ones go on. */
    void refuse(HostFs host) throws IOException;

    /** Listens on HOST's port again after {@link #refuse}. */
    void accept(HostFs host) throws IOException;

    /** Breaks every established connection of HOST (and kills what its sessions were running). */
    void drop(HostFs host) throws IOException;

    /**
     * Freezes (SIGSTOP) or thaws (SIGCONT) HOST's SSH server and everything its sessions run: established connections
     * go silent with their TCP sockets open, new ones hang after the kernel's handshake.
     */
    default void freeze(HostFs host, boolean frozen) throws IOException {
        throw new UnsupportedOperationException("only the OpenSSH back end can be frozen");
    }

    /** Long-lived processes this back end started and that are still alive (for memory accounting). */
    List<Long> pids();

    @Override
    void close();

    /** A port that was free a moment ago; callers retry when someone else takes it first. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(FleetHost.ADDRESS))) {
            return s.getLocalPort();
        }
    }
}
