package org.drover.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.drover.inventory.Host;
import org.drover.transport.Connection;
import org.drover.transport.ConnectionFactory;
import org.drover.transport.ExecRequest;
import org.drover.transport.ExecResult;
import org.drover.transport.UnreachableException;

/**
 * Connections that answer from a function instead of a network, and record every request in order.
 * Hosts listed as unreachable fail to open; hosts listed as dropping throw on their first exec.
 */
final class FakeConnections implements ConnectionFactory {
    /** One recorded request. */
    record Call(String host, String script, ExecRequest request, long startNanos, long endNanos) {}

    interface Responder {
        ExecResult answer(String host, ExecRequest request) throws Exception;
    }

    final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    final Set<String> dropping = ConcurrentHashMap.newKeySet();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    private final Responder responder;

    FakeConnections(Responder responder) {
        this.responder = responder;
    }

    /** Every script succeeds with empty output. */
    FakeConnections() {
        this((h, r) -> ExecResult.of(0, "", ""));
    }

    @Override
    public Connection open(Host host) throws IOException {
        if (unreachable.contains(host.name())) {
            throw new UnreachableException(host.name() + ": connection refused");
        }
        opened.incrementAndGet();
        return new Connection() {
            @Override
            public ExecResult exec(ExecRequest request) throws IOException {
                if (dropping.contains(host.name())) {
                    throw new IOException("connection reset");
                }
                long t0 = System.nanoTime();
                try {
                    ExecResult r = responder.answer(host.name(), request);
                    calls.add(new Call(host.name(), request.script(), request, t0, System.nanoTime()));
                    return r;
                } catch (IOException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }

            @Override
            public String host() {
                return host.name();
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    List<String> scripts(String host) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.host().equals(host)).map(Call::script).toList();
        }
    }

    List<String> hostsInOrder() {
        synchronized (calls) {
            return calls.stream().map(Call::host).toList();
        }
    }
}
