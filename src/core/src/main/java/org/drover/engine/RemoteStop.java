package org.drover.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.drover.transport.Connection;
import org.drover.transport.StopSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-C on the hosts: the commands running now, on every open connection, are signalled all hosts at once. The
 * first Ctrl-C sends SIGTERM (the transport KILLs what is left {@link #GRACE} later), then SIGKILL to commands whose
 * channel is still open, then gives up on connections that still cannot end a command (a frozen host: the task ends
 * unreachable); the second sends SIGKILL at once.
 */
final class RemoteStop {
    private static final Logger log = LoggerFactory.getLogger(RemoteStop.class);
    /** How long commands have to end after SIGTERM (the transports' own grace, on the hosts). */
    static final Duration GRACE = Duration.ofSeconds(5);
    /** How long signalling every host may take (a frozen host never answers; TERM waits out the grace). */
    static final Duration BOUND = GRACE.plusSeconds(7);

    private final Collection<HostState> hosts;

    RemoteStop(Collection<HostState> hosts) {
        this.hosts = hosts;
    }

    /** The open connections (a jail target shares its host's: counted once). */
    private List<Connection> connections() {
        Map<Connection, Boolean> seen = new IdentityHashMap<>();
        for (HostState hs : hosts) {
            Connection c;
            synchronized (hs) {
                c = hs.connection;
            }
            if (c != null) {
                seen.put(c, true);
            }
        }
        return new ArrayList<>(seen.keySet());
    }

    /** Commands running now over every connection. */
    int running() {
        return connections().stream().mapToInt(Connection::running).sum();
    }

    /** Signals every running command, all hosts in parallel; returns how many were signalled within the bound. */
    int signal(StopSignal signal) {
        List<Connection> busy = connections().stream().filter(c -> c.running() > 0).toList();
        if (busy.isEmpty()) {
            return 0;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, busy.size()), r -> {
            Thread t = new Thread(r, "drover-stop");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            busy.forEach(c -> sent.add(pool.submit(() -> c.stopRunning(signal))));
            long deadline = System.nanoTime() + BOUND.toNanos();
            int n = 0;
            for (Future<Integer> f : sent) {
                try {
                    n += f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    log.debug("signalling the running commands: {}", e.toString());
                }
            }
            return n;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Closes the connections whose commands outlived SIGKILL: their tasks end, the hosts unreachable. */
    void abandon() {
        for (Connection c : connections()) {
            if (c.running() > 0) {
                log.debug("{}: commands still running after SIGKILL: closing the connection", c.host());
                try {
                    c.close();
                } catch (RuntimeException e) {
                    log.debug("closing {}", c.host(), e);
                }
            }
        }
    }
}
