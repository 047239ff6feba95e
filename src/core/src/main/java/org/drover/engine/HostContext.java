package org.drover.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.drover.module.ModuleContext;
import org.drover.transport.Become;
import org.drover.transport.Connection;
import org.drover.transport.ExecRequest;
import org.drover.transport.ExecResult;
import org.drover.transport.JailConnection;
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

    /** Opens (once) and returns the host's connection; the {@link ConnectionPool} implements it. */
    interface Connector {
        Connection connect(HostState host) throws IOException;

        void broken(HostState host, Connection c);

        boolean probe(HostState host, Duration timeout);

        /** Drops the host's connection and opens a new one within TIMEOUT (see ModuleContext.reconnect). */
        boolean reconnect(HostState host, Duration timeout);

        /** Whether the host is the controller itself (drover_connection: local). */
        boolean isLocal(HostState host);

        /** Takes the run's lock on the host before the first command that may change it. */
        void lock(HostState host, Connection c) throws IOException;
    }

    /**
     * How the task's commands run.
     *
     * @param delegate       non-null: run on this connection instead (delegate_to: localhost)
     * @param deadlineNanos  the task's timeout as a {@link System#nanoTime()} deadline, 0 for none
     * @param jail           non-null: run inside this jail of the host ({@link JailConnection})
     * @param noLog          the task's no_log: transports keep its scripts out of their logs
     * @param maxOutput      bytes of each output stream kept ({@code --max-output}), 0 = default
     */
    record ExecSettings(Connection delegate, Become become, Map<String, String> env, Duration commandTimeout,
                        long deadlineNanos, String jail, boolean noLog, long maxOutput) {
    }

    /**
     * What the module sees of the task besides its commands.
     *
     * @param trace record each round trip for {@code -v}
     * @param runId the run's id, for names on the host
     */
    record ModuleView(boolean check, boolean diff, Map<String, Object> vars, List<Path> searchDirs, boolean trace,
                      String runId) {
        ModuleView {
            vars = Collections.unmodifiableMap(vars);
        }
    }

    private final Connector connector;
    private final HostState host;
    private final ExecSettings exec;
    private final ModuleView view;
    private final Templater templater;
    private int execs;
    private final List<ExecTrace> traces = new ArrayList<>();

    HostContext(Connector connector, HostState host, ExecSettings exec, ModuleView view, Templater templater) {
        this.connector = connector;
        this.host = host;
        this.exec = exec;
        this.view = view;
        this.templater = templater;
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
        Duration timeout = exec.commandTimeout();
        if (exec.deadlineNanos() != 0) {
            long left = exec.deadlineNanos() - System.nanoTime();
            if (left <= 0) {
                return new ExecResult(-1, "", "task timed out", null, true);
            }
            timeout = timeout == null || Duration.ofNanos(left).compareTo(timeout) < 0 ? Duration.ofNanos(left) : timeout;
        }
        Connection delegate = exec.delegate();
        Connection c = delegate != null ? delegate : connector.connect(host);
        if (delegate == null && !view.check()) {
            connector.lock(host, c);
        }
        Connection via = delegate == null && exec.jail() != null ? new JailConnection(c, exec.jail()) : c;
        Become become = exec.become();
        ExecRequest req = new ExecRequest(script, stdin, timeout, become, exec.env(), exec.noLog(),
                exec.maxOutput());
        long t0 = System.nanoTime();
        ExecResult r;
        try {
            r = via.exec(req);
        } catch (HostUnreachable | JailConnection.JailUnavailableException e) {
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
        if (view.trace()) {
            traces.add(new ExecTrace(script, become == null ? null : become.method().name().toLowerCase()
                    + " -> " + become.user(), r.exitStatus(), r.stdout(), r.stderr(), r.timedOut(),
                    Duration.ofNanos(System.nanoTime() - t0)));
        }
        return r;
    }

    @Override
    public boolean check() {
        return view.check();
    }

    @Override
    public boolean diff() {
        return view.diff();
    }

    @Override
    public Map<String, Object> vars() {
        return view.vars();
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
        List<Path> searchDirs = view.searchDirs();
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
    public Path controllerDir() {
        List<Path> dirs = view.searchDirs(); // the play's directory comes last
        return dirs.isEmpty() ? Path.of("").toAbsolutePath() : dirs.get(dirs.size() - 1).toAbsolutePath();
    }

    @Override
    public String runId() {
        return view.runId();
    }

    @Override
    public boolean probeNewConnection(Duration timeout) {
        return connector.probe(host, timeout);
    }

    @Override
    public boolean reconnect(Duration timeout) {
        return exec.delegate() == null && connector.reconnect(host, timeout);
    }

    @Override
    public boolean local() {
        return exec.delegate() != null || connector.isLocal(host);
    }

    int execs() {
        return execs;
    }

    List<ExecTrace> traces() {
        return traces;
    }
}
