package org.drover.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.drover.module.ModuleContext;
import org.drover.transport.Become;
import org.drover.transport.Connection;
import org.drover.transport.ExecRequest;
import org.drover.transport.ExecResult;
import org.drover.template.Templater;

/**
 * The {@link ModuleContext} of one task on one host: applies the task's become, environment and deadline, and
 * counts the round trips it makes. Not shared between threads.
 */
final class HostContext implements ModuleContext {
    /** The host could not be reached, or its connection broke: the host is reported unreachable. */
    static final class HostUnreachable extends IOException {
        HostUnreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Opens (once) and returns the host's connection; the engine implements it. */
    interface Connector {
        Connection connect(HostState host) throws IOException;

        void broken(HostState host, Connection c);

        boolean probe(HostState host, Duration timeout);
    }

    private final Connector connector;
    private final HostState host;
    private final Connection delegate; // non-null: run on this connection instead (delegate_to: localhost)
    private final Become become;
    private final Map<String, String> env;
    private final Duration commandTimeout;
    private final long deadlineNanos; // 0 = none
    private final boolean check;
    private final boolean diff;
    private final Map<String, Object> vars;
    private final Templater templater;
    private final List<Path> searchDirs;
    private final boolean trace;
    private int execs;
    private final List<ExecTrace> traces = new ArrayList<>();

    HostContext(Connector connector, HostState host, Connection delegate, Become become, Map<String, String> env,
                Duration commandTimeout, long deadlineNanos, boolean check, boolean diff, Map<String, Object> vars,
                Templater templater, List<Path> searchDirs, boolean trace) {
        this.connector = connector;
        this.host = host;
        this.delegate = delegate;
        this.become = become;
        this.env = env;
        this.commandTimeout = commandTimeout;
        this.deadlineNanos = deadlineNanos;
        this.check = check;
        this.diff = diff;
        this.vars = java.util.Collections.unmodifiableMap(vars);
        this.templater = templater;
        this.searchDirs = searchDirs;
        this.trace = trace;
    }

    @Override
    public String host() {
        return host.name();
    }

    @Override
    public ExecResult exec(String script) throws IOException {
        return exec(script, null);
    }

    @Override
    public ExecResult exec(String script, byte[] stdin) throws IOException {
        Duration timeout = commandTimeout;
        if (deadlineNanos != 0) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return new ExecResult(-1, "", "task timed out", null, true);
            }
            timeout = timeout == null || Duration.ofNanos(left).compareTo(timeout) < 0 ? Duration.ofNanos(left) : timeout;
        }
        Connection c = delegate != null ? delegate : connector.connect(host);
        ExecRequest req = new ExecRequest(script, stdin, timeout, become, env);
        long t0 = System.nanoTime();
        ExecResult r;
        try {
            r = c.exec(req);
        } catch (HostUnreachable e) {
            throw e;
        } catch (IOException e) {
            if (delegate == null) {
                connector.broken(host, c);
                throw new HostUnreachable("connection lost: " + e.getMessage(), e);
            }
            throw e;
        } finally {
            execs++;
        }
        if (trace) {
            traces.add(new ExecTrace(script, become == null ? null : become.method().name().toLowerCase()
                    + " -> " + become.user(), r.exitStatus(), r.stdout(), r.stderr(), r.timedOut(),
                    Duration.ofNanos(System.nanoTime() - t0)));
        }
        return r;
    }

    @Override
    public boolean check() {
        return check;
    }

    @Override
    public boolean diff() {
        return diff;
    }

    @Override
    public Map<String, Object> vars() {
        return vars;
    }

    @Override
    public Templater templater() {
        return templater;
    }

    @Override
    public Path resolveLocal(String name, String kind) {
        Path p = Path.of(name);
        if (p.isAbsolute()) {
            return p;
        }
        for (Path dir : searchDirs) {
            for (Path candidate : kind == null ? List.of(dir.resolve(p)) : List.of(dir.resolve(kind).resolve(p), dir.resolve(p))) {
                if (Files.exists(candidate)) {
                    return candidate;
                }
            }
        }
        return searchDirs.isEmpty() ? p : searchDirs.get(searchDirs.size() - 1).resolve(p);
    }

    @Override
    public boolean probeNewConnection(Duration timeout) {
        return connector.probe(host, timeout);
    }

    int execs() {
        return execs;
    }

    List<ExecTrace> traces() {
        return traces;
    }
}
