package org.drover.ssh;

import org.drover.transport.Become;
import org.drover.transport.BecomeCommand;
import org.drover.transport.BoundedOutput;
import org.drover.transport.Connection;
import org.drover.transport.ExecRequest;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;
import org.drover.transport.StopSignal;
import org.drover.transport.UnreachableException;


import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.PTYMode;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One persistent connection to a host. Each request gets its own session channel, at most
 * {@link #MAX_CHANNELS} at once (OpenSSH allows 10 per connection), always closed afterwards.
 */
public final class SshConnection implements Connection {
    /** Channels open at once on one connection. */
    public static final int MAX_CHANNELS = 4;
    /**
     * The longest command line sent: the login shell gets it as one argument, and Linux refuses an argument over
     * 128 KiB (FreeBSD's ARG_MAX, all arguments and the environment, is 256 KiB); OpenSSH drops the connection on
     * a request over 256 KiB. Quoting grows a value with quotes in it several times over.
     */
    public static final int MAX_COMMAND_LINE = 120 * 1024;

    private static final Logger log = LoggerFactory.getLogger(SshConnection.class);
    private static final Logger cmdLog = LoggerFactory.getLogger("org.drover.ssh.commands");
    /** What the command log shows instead of a no_log task's script (Ansible's words for hidden output). */
    static final String NO_LOG_SCRIPT =
            "(the script has been hidden due to the fact that 'no_log: true' was specified for this task)";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Deadline of the command that signals the running ones (plus the grace, after TERM). */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** How long commands have to end after TERM before the host KILLs them. */
    public static final Duration GRACE = Duration.ofSeconds(5);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Stream pumps: stdout, stderr and stdin of every request run concurrently so none can block another. */
    private static final ExecutorService IO = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "drover-ssh-io-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private static final Map<PTYMode, Integer> PTY_MODES = Map.of(
            PTYMode.ECHO, 0, PTYMode.ECHOE, 0, PTYMode.ECHOK, 0, PTYMode.ECHONL, 0,
            PTYMode.OPOST, 0, PTYMode.ONLCR, 0);

    private final SshTarget target;
    private final List<SSHClient> chain;
    private final SSHClient client;
    private final Semaphore channels = new Semaphore(MAX_CHANNELS, true);
    /** Commands running now, by the tag their script carries on the host. */
    private final Map<String, Job> running = new ConcurrentHashMap<>();
    /** Commands that TERM is stopping (the script on the host waits for them, then KILLs what is left). */
    private final Map<String, Job> stopping = new ConcurrentHashMap<>();
    /** Commands an interrupt signalled, and how: their result says so. */
    private final Map<String, StopSignal> stopped = new ConcurrentHashMap<>();
    private volatile boolean closed;

    SshConnection(SshTarget target, List<SSHClient> chain) {
        this.target = target;
        this.chain = List.copyOf(chain);
        this.client = chain.get(chain.size() - 1);
    }

    @Override
    public String host() {
        return target.name();
    }

    public SshTarget target() {
        return target;
    }

    /** Whether the transport is still up (keep-alive drops it when the host stops answering). */
    public boolean isAlive() {
        return !closed && client.isConnected() && client.isAuthenticated();
    }

    @Override
    public ExecResult exec(ExecRequest req) throws IOException {
        Duration timeout = req.timeout() != null ? req.timeout() : target.commandTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!channels.tryAcquire(SshConnectionFactory.remaining(deadline), TimeUnit.MILLISECONDS)) {
                return new ExecResult(-1, "", "deadline passed while waiting for a free channel", null, true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        try {
            return execute(req, timeout, deadline, true);
        } finally {
            channels.release();
        }
    }

    /** One command on its own channel; a tracked one can be stopped by {@link #stopRunning} while it runs. */
    private ExecResult execute(ExecRequest req, Duration timeout, long deadline, boolean tracked) throws IOException {
        long remoteSeconds = Math.max(1, (timeout.toMillis() + 999) / 1000) + 1; // the client gives up first
        String tag = nonce();
        String script = Sh.withDeadline(Sh.exports(req.env()) + req.script(), remoteSeconds,
                BecomeCommand.needsPty(req.become()), tag);
        byte[] stdin = req.stdin();
        BecomeCommand bc = BecomeCommand.build(script, req.become(), stdin == null ? -1 : stdin.length, nonce());
        if (cmdLog.isDebugEnabled()) {
            cmdLog.debug("{}{}: {}", host(), req.become() == null ? "" : " (" + req.become() + ")",
                    req.noLog() ? NO_LOG_SCRIPT : req.script());
        }
        // not the command line itself: it carries the env values, which may be secrets
        int size = bc.commandLine().getBytes(StandardCharsets.UTF_8).length;
        log.trace("{}: command line of {} bytes{}", host(), size, bc.pty() ? ", on a PTY" : "");
        if (size > MAX_COMMAND_LINE) {
            return new ExecResult(-1, "", "the command line is " + size + " bytes long, more than the "
                    + MAX_COMMAND_LINE + " a remote shell takes: pass big values as data (the stdin argument of "
                    + "command/shell, copy content or src), not inside the command", null, false);
        }
        long t0 = System.nanoTime();
        if (!isAlive()) {
            throw new UnreachableException(host() + ": the connection to " + target.endpoint() + " is "
                    + (closed ? "closed" : "lost (the host stopped answering)"));
        }
        if (tracked) {
            running.put(tag, new Job(req.become()));
        }
        ExecResult r;
        try {
            r = run(bc, req, deadline);
        } catch (UnreachableException e) {
            throw e;
        } catch (IOException e) {
            // the transport may still look up for a moment after failing the channels: trust the reason
            boolean lost = e instanceof net.schmizz.sshj.common.SSHException sx
                    && sx.getDisconnectReason() != net.schmizz.sshj.common.DisconnectReason.UNKNOWN;
            if (closed || (!lost && client.isConnected())) {
                throw e;
            }
            throw new UnreachableException(host() + ": the connection to " + target.endpoint() + " was lost: "
                    + e.getMessage(), e);
        } finally {
            running.remove(tag);
        }
        log.trace("{}: exit {} in {} ms", host(), r.exitStatus(), (System.nanoTime() - t0) / 1_000_000);
        StopSignal stop = stopped.remove(tag);
        return stop == null ? r : new ExecResult(r.exitStatus(), r.stdout(), r.stderr()
                + (r.stderr().isEmpty() || r.stderr().endsWith("\n") ? "" : "\n") + "drover: interrupted (Ctrl-C): "
                + "the command was stopped (SIG" + stop + ")\n", r.signal(), r.timedOut());
    }

    /** A command running now: what it became, so that the signal is sent as the same user. */
    private record Job(Become become) {}

    @Override
    public int running() {
        return running.size() + stopping.size();
    }

    /**
     * Signals the running commands' process groups through a channel of its own (outside the {@link #MAX_CHANNELS}
     * the commands hold: OpenSSH allows 10): as their deadline would, but at once. After TERM the script on the host
     * waits {@link #GRACE} and KILLs what is left (see {@link Sh#stopScript}); KILL also reaches the commands that
     * TERM is still stopping. The SSH "signal" request is no use: OpenSSH refuses it on root sessions, and it could
     * not reach a command run through become.
     */
    @Override
    public int stopRunning(StopSignal signal) {
        Map<String, Job> now = new LinkedHashMap<>(running);
        if (signal == StopSignal.KILL) {
            now.putAll(stopping);
        }
        Map<Become, List<String>> byBecome = new LinkedHashMap<>();
        now.forEach((tag, job) -> byBecome.computeIfAbsent(job.become(), b -> new ArrayList<>()).add(tag));
        int n = 0;
        for (Map.Entry<Become, List<String>> e : byBecome.entrySet()) {
            Duration limit = STOP_TIMEOUT.plus(GRACE);
            ExecRequest stop = new ExecRequest(Sh.stopScript(signal, e.getValue(), (int) GRACE.toSeconds()), null,
                    limit, e.getKey(), Map.of());
            e.getValue().forEach(tag -> {
                stopped.put(tag, signal);
                if (signal == StopSignal.TERM) {
                    stopping.put(tag, now.get(tag));
                }
            });
            try {
                if (isAlive()) {
                    execute(stop, limit, System.nanoTime() + limit.toNanos(), false);
                    n += e.getValue().size();
                }
            } catch (IOException | RuntimeException x) {
                log.debug("{}: could not signal the running commands: {}", host(), x.toString());
            } finally {
                e.getValue().forEach(stopping::remove);
            }
        }
        return n;
    }

    private ExecResult run(BecomeCommand bc, ExecRequest req, long deadline) throws IOException {
        byte[] stdin = req.stdin();
        Become become = req.become();
        Session session = client.startSession();
        Future<?> fo = null;
        Future<?> fe = null;
        Future<?> fi = null;
        try {
            if (bc.pty()) {
                session.allocatePTY("dumb", 200, 50, 0, 0, PTY_MODES);
            }
            Session.Command cmd = session.exec(bc.commandLine());
            Capture out = new Capture(req.maxOutput());
            Capture err = new Capture(req.maxOutput());
            Feed feed = new Feed(cmd, new Feed.Exec(bc, stdin, become, deadline), bc.markerOnStderr() ? err : out);
            fo = IO.submit(() -> pump(cmd.getInputStream(), out));
            fe = IO.submit(() -> pump(cmd.getErrorStream(), err));
            fi = IO.submit(feed);
            boolean timedOut = awaitEnd(cmd, fo, fe, deadline);
            if (timedOut) {
                kill(session, cmd, fo, fe);
            }
            fi.cancel(true);
            Integer status = cmd.getExitStatus();
            Signal sig = cmd.getExitSignal();
            Output o = clean(bc, out.toByteArray(), err.toByteArray(), become, feed);
            return new ExecResult(timedOut || status == null ? -1 : status,
                    o.stdout + BoundedOutput.note(out.dropped()), o.stderr + BoundedOutput.note(err.dropped()),
                    sig == null ? null : sig.name(), timedOut);
        } finally {
            if (fi != null) {
                fi.cancel(true);
            }
            try {
                session.close();
            } catch (IOException | RuntimeException e) {
                log.trace("{}: closing session: {}", host(), e.toString());
            }
        }
    }

    /** Waits for both outputs and the exit; true when the deadline passed first. */
    private static boolean awaitEnd(Session.Command cmd, Future<?> fo, Future<?> fe, long deadline) throws IOException {
        try {
            fo.get(SshConnectionFactory.remaining(deadline), TimeUnit.MILLISECONDS);
            fe.get(SshConnectionFactory.remaining(deadline), TimeUnit.MILLISECONDS);
            cmd.join(Math.max(1, SshConnectionFactory.remaining(deadline)), TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException e) {
            return true;
        } catch (net.schmizz.sshj.connection.ConnectionException e) {
            if (System.nanoTime() - deadline >= 0) {
                return true;
            }
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** After the deadline: kill the command, close the channel, let the pumps finish. */
    private void kill(Session session, Session.Command cmd, Future<?> fo, Future<?> fe) {
        log.debug("{}: deadline passed, closing the channel", host());
        try {
            cmd.signal(Signal.KILL);
        } catch (IOException | RuntimeException ignored) {
            // the server may not support signals; closing the channel is what counts
        }
        try {
            session.close(); // returns once the remote timeout has killed the command
        } catch (IOException | RuntimeException e) {
            log.debug("{}: channel did not close after the deadline: {}", host(), e.toString());
        }
        awaitQuietly(fo);
        awaitQuietly(fe);
    }

    private record Output(String stdout, String stderr) {}

    /** Removes the become tool's talk (prompt, marker) and anything that looks like the password. */
    private static Output clean(BecomeCommand bc, byte[] out, byte[] err, Become become, Feed feed) {
        if (!bc.answersPrompt()) {
            return new Output(utf8(out), utf8(err));
        }
        byte[] watched = bc.markerOnStderr() ? err : out;
        String text = new String(watched, StandardCharsets.ISO_8859_1);
        int m = text.indexOf(bc.marker());
        String pre;
        String post;
        if (m >= 0) {
            int end = m + bc.marker().length();
            if (text.startsWith("\r\n", end)) {
                end += 2;
            } else if (text.startsWith("\n", end)) {
                end += 1;
            }
            pre = "";
            post = text.substring(end);
        } else {
            pre = withoutPrompts(bc, text);
            if (feed.rejected) {
                pre = pre + (pre.isEmpty() || pre.endsWith("\n") ? "" : "\n")
                        + "become: the " + become.method().name().toLowerCase() + " password was rejected\n";
            }
            post = "";
        }
        String stdout;
        String stderr;
        if (bc.markerOnStderr()) {
            stdout = utf8(out);
            stderr = latin1ToUtf8(pre + post);
        } else {
            stdout = latin1ToUtf8(post);
            stderr = latin1ToUtf8(pre) + utf8(err);
        }
        String pw = become.password() == null ? null : new String(become.password());
        if (pw != null && !pw.isEmpty()) {
            stdout = stdout.replace(pw, "********");
            stderr = stderr.replace(pw, "********");
        }
        return new Output(stdout, stderr);
    }

    private static String withoutPrompts(BecomeCommand bc, String text) {
        if (bc.prompt() != null) {
            return text.replace(bc.prompt(), "");
        }
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("(?<=\n)")) {
            if (!BecomeCommand.looksLikePrompt(line.replace("\r", "").replace("\n", ""))) {
                sb.append(line);
            }
        }
        return sb.toString();
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String latin1ToUtf8(String s) {
        return new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static void awaitQuietly(Future<?> f) {
        try {
            f.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            f.cancel(true);
        }
    }

    private static Void pump(InputStream in, Capture into) throws IOException {
        byte[] buf = new byte[32 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                into.append(buf, n);
            }
        } catch (IOException e) {
            if (!into.isEmptyAfterClose()) {
                log.trace("stream ended: {}", e.toString());
            }
        } finally {
            into.finish();
        }
        return null;
    }

    /** A growing byte buffer, bounded (the excess is counted), that a waiting thread can watch. */
    static final class Capture {
        private final BoundedOutput bytes;
        private boolean finished;

        Capture(long limit) {
            bytes = new BoundedOutput(limit);
        }

        synchronized void append(byte[] b, int n) {
            bytes.write(b, 0, n);
            notifyAll();
        }

        synchronized long dropped() {
            return bytes.dropped();
        }

        synchronized void finish() {
            finished = true;
            notifyAll();
        }

        synchronized boolean isEmptyAfterClose() {
            return bytes.size() == 0;
        }

        synchronized byte[] toByteArray() {
            return bytes.bytes();
        }

        /** Waits until more than seen bytes arrived or the stream ended; returns the text so far. */
        synchronized String awaitMore(int seen, long deadline) throws InterruptedException {
            while (bytes.size() <= seen && !finished) {
                long ms = SshConnectionFactory.remaining(deadline);
                if (ms <= 0) {
                    break;
                }
                wait(ms);
            }
            return new String(bytes.bytes(), StandardCharsets.ISO_8859_1);
        }

        synchronized boolean finished() {
            return finished;
        }
    }

    private static String nonce() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            log.debug("{}: closing connection", host());
            SshConnectionFactory.closeAll(chain);
        }
    }
}
