package org.drover.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.drover.engine.HostContext.HostUnreachable;
import org.drover.inventory.Host;
import org.drover.transport.Connection;
import org.drover.transport.ConnectionFactory;
import org.drover.transport.ExecRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection per host, opened by the first command that needs it and closed at the end of the run. A host
 * whose connection cannot be opened, or breaks, is marked unreachable and gets no second attempt.
 */
final class ConnectionPool implements HostContext.Connector {
    private static final Logger log = LoggerFactory.getLogger(ConnectionPool.class);

    private final ConnectionFactory factory;
    private final Duration commandTimeout;
    /** {@code delegate_to: localhost}: the controller itself. */
    private final LocalConnection controller;

    private final HostLocks locks;

    ConnectionPool(ConnectionFactory factory, Duration commandTimeout, HostLocks locks) {
        this.factory = factory;
        this.commandTimeout = commandTimeout;
        this.locks = locks;
        this.controller = new LocalConnection("localhost", null, commandTimeout);
    }

    Connection controller() {
        return controller;
    }

    @Override
    public Connection connect(HostState hs) throws IOException {
        if (hs.jailProblem != null) {
            hs.unreachable = true;
            throw new HostUnreachable(hs.jailProblem, null);
        }
        if (hs.physical != null) { // a jail target shares its host's connection
            try {
                return connect(hs.physical);
            } catch (HostUnreachable e) {
                hs.unreachable = true;
                throw new HostUnreachable(e.getMessage() + " (the host of jail target " + hs.name() + ")", e);
            }
        }
        synchronized (hs) { // per host: two tasks of one host never open two connections
            if (hs.unreachable) {
                throw new HostUnreachable("host is unreachable", null);
            }
            if (hs.connection == null) {
                long t0 = System.nanoTime();
                try {
                    hs.connection = isLocal(hs.host)
                            ? new LocalConnection(hs.name(), null, commandTimeout)
                            : factory.open(hs.host);
                } catch (IOException | RuntimeException e) {
                    hs.unreachable = true;
                    throw new HostUnreachable(e.getMessage() == null ? e.toString() : e.getMessage(), e);
                }
                log.debug("connected to {} in {} ms", hs.name(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            }
            return hs.connection;
        }
    }

    @Override
    public void broken(HostState hs, Connection c) {
        if (hs.physical != null) {
            hs.unreachable = true;
            broken(hs.physical, c);
            return;
        }
        synchronized (hs) {
            hs.unreachable = true;
            if (hs.connection == c) {
                hs.connection = null;
            }
        }
        try {
            c.close();
        } catch (RuntimeException e) {
            log.debug("closing the broken connection to {}", hs.name(), e);
        }
    }

    @Override
    public void lock(HostState hs, Connection c) throws IOException {
        try {
            locks.take(hs, c, isLocal(hs.host));
        } catch (HostUnreachable e) {
            throw e;
        } catch (IOException e) {
            broken(hs, c);
            throw new HostUnreachable("connection lost: " + e.getMessage(), e);
        }
    }

    /** Opens a second, short-lived connection (a reboot's wait): on its own thread, so a hung handshake times out. */
    @Override
    public boolean probe(HostState hs, Duration timeout) {
        if (hs.physical != null) {
            return probe(hs.physical, timeout);
        }
        FutureTask<Boolean> probe = new FutureTask<>(() -> {
            try (Connection c = factory.open(hs.host)) {
                return c.exec(ExecRequest.of("true").withTimeout(timeout)).ok();
            }
        });
        Thread t = new Thread(probe, "drover-probe-" + hs.name());
        t.setDaemon(true);
        t.start();
        try {
            return probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            probe.cancel(true);
            return false;
        }
    }

    /**
     * Closes the host's connection and opens a new one (proven by {@code true}) within TIMEOUT, each attempt on its
     * own thread so a hung handshake cannot outlast it. A jail target reconnects its host.
     */
    @Override
    public boolean reconnect(HostState hs, Duration timeout) {
        if (hs.physical != null) {
            boolean ok = reconnect(hs.physical, timeout);
            if (ok) {
                hs.unreachable = false;
            }
            return ok;
        }
        if (isLocal(hs.host)) {
            return false;
        }
        Connection old;
        synchronized (hs) {
            old = hs.connection;
            hs.connection = null;
        }
        if (old != null) {
            try {
                old.close();
            } catch (RuntimeException e) {
                log.debug("closing the connection to {}", hs.name(), e);
            }
        }
        FutureTask<Connection> open = new FutureTask<>(() -> {
            Connection c = factory.open(hs.host);
            if (!c.exec(ExecRequest.of("true").withTimeout(timeout)).ok()) {
                c.close();
                throw new IOException("the new connection does not run commands");
            }
            return c;
        });
        Thread t = new Thread(open, "drover-reconnect-" + hs.name());
        t.setDaemon(true);
        t.start();
        try {
            Connection c = open.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            synchronized (hs) {
                hs.connection = c;
                hs.unreachable = false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            open.cancel(true);
            log.debug("reconnecting to {}: {}", hs.name(), e.toString());
            return false;
        }
    }

    @Override
    public boolean isLocal(HostState hs) {
        return isLocal((hs.physical != null ? hs.physical : hs).host);
    }

    /** Closes every host's connection, then the factory. */
    void closeAll(Collection<HostState> hosts) {
        for (HostState hs : hosts) {
            Connection c;
            synchronized (hs) {
                c = hs.connection;
                hs.connection = null;
            }
            if (c != null) {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    log.debug("closing the connection to {}", hs.name(), e);
                }
            }
        }
        try {
            factory.close();
        } catch (RuntimeException e) {
            log.debug("closing the connection factory", e);
        }
    }

    /** {@code drover_connection} (or {@code ansible_connection}) {@code local}: run on the controller. */
    private static boolean isLocal(Host h) {
        Object c = h.vars().get("drover_connection");
        if (c == null) {
            c = h.vars().get("ansible_connection");
        }
        return c != null && String.valueOf(c).trim().equals("local");
    }
}
