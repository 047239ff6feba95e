package org.drover.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.drover.transport.Become;
import org.drover.transport.Connection;
import org.drover.transport.ExecRequest;
import org.drover.transport.BoundedOutput;
import org.drover.transport.ExecResult;

/**
 * Runs scripts on the controller with the local {@code /bin/sh}: {@code delegate_to: localhost} and hosts whose
 * {@code drover_connection} (or {@code ansible_connection}) is {@code local}. Same contract as the SSH transport:
 * {@code /bin/sh -c}, {@code LC_ALL=C}, deadline per request, stdout and stderr read concurrently.
 */
public final class LocalConnection implements Connection {
    /** Readers of the pipes: blocking I/O, so not the common fork-join pool. */
    private static final java.util.concurrent.ExecutorService PIPES = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "drover-local-pipe");
        t.setDaemon(true);
        return t;
    });

    private final String host;
    private final Path workDir;
    private final Duration defaultTimeout;
    private final java.util.Set<Process> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** @param workDir where scripts start (null: the controller's current directory) */
    public LocalConnection(String host, Path workDir, Duration defaultTimeout) {
        this.host = host;
        this.workDir = workDir;
        this.defaultTimeout = defaultTimeout;
    }

    @Override
    public ExecResult exec(ExecRequest request) throws IOException {
        List<String> command = new ArrayList<>();
        Become b = request.become();
        if (b != null) {
            switch (b.method()) {
                case SUDO -> command.addAll(List.of("sudo", "-n", "-u", b.user(), "--"));
                case DOAS -> command.addAll(List.of("doas", "-n", "-u", b.user()));
                case SU -> throw new IOException("become method su is not supported for local commands");
            }
        }
        command.addAll(List.of("/bin/sh", "-c", request.script()));
        ProcessBuilder pb = new ProcessBuilder(command);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Map<String, String> env = pb.environment();
        env.put("LC_ALL", "C");
        env.putAll(request.env());
        Process p = pb.start();
        running.add(p);
        try {
            return await(p, request);
        } finally {
            running.remove(p);
        }
    }

    private ExecResult await(Process p, ExecRequest request) throws IOException {
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream(), request), PIPES);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream(), request), PIPES);
        try (OutputStream in = p.getOutputStream()) {
            if (request.stdin() != null) {
                in.write(request.stdin());
            }
        } catch (IOException e) {
            // the script did not read its input (exited early): its exit status tells the story
        }
        Duration timeout = request.timeout() != null ? request.timeout() : defaultTimeout;
        boolean timedOut;
        try {
            timedOut = !p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (timedOut) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String stdout = out.join();
        String stderr = err.join();
        if (timedOut) {
            return new ExecResult(-1, stdout, stderr, null, true);
        }
        return ExecResult.of(p.exitValue(), stdout, stderr);
    }

    private static String drain(InputStream in, ExecRequest request) {
        try (in) {
            return new BoundedOutput(request.maxOutput()).drain(in).text();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int running() {
        return running.size();
    }

    /** The script and everything below it: TERM with destroy(), KILL with destroyForcibly(). */
    @Override
    public int stopRunning(org.drover.transport.StopSignal signal) {
        List<Process> now = List.copyOf(running);
        for (Process p : now) {
            List<ProcessHandle> below = p.descendants().toList();
            boolean kill = signal == org.drover.transport.StopSignal.KILL;
            below.forEach(h -> {
                if (kill) {
                    h.destroyForcibly();
                } else {
                    h.destroy();
                }
            });
            if (kill) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
        }
        return now.size();
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public void close() {
    }
}
