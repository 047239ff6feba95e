package org.drover.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.drover.engine.HostContext.HostUnreachable;
import org.drover.runlock.LockReply;
import org.drover.runlock.LockScript;
import org.drover.runlock.RunIds;
import org.drover.runlock.RunLock;
import org.drover.transport.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's locks on its hosts ({@link org.drover.runlock}): taken before the first exec of a task that is not in
 * check mode (one round trip), released when the run ends (one round trip), on failure too. A host whose lock
 * cannot be had is unreachable for the run; the others go on.
 */
final class HostLocks {
    private static final Logger log = LoggerFactory.getLogger(HostLocks.class);

    private final String runId = RunIds.create();
    /** How long a live holder is waited for; null: no locking (embedding code and tests that fake connections). */
    private final Duration wait;
    private final RunListener listener;
    private volatile LockScript.Me me;

    HostLocks(Duration wait, RunListener listener) {
        this.wait = wait;
        this.listener = listener;
    }

    String runId() {
        return runId;
    }

    /** Takes the host's lock once per run; throws {@link HostUnreachable} when another run has it. */
    void take(HostState hs, Connection c, boolean local) throws IOException {
        if (wait == null || hs.locked) {
            return;
        }
        synchronized (hs.lockGuard) {
            if (hs.locked) {
                return;
            }
            if (hs.lockRefused != null) {
                throw new HostUnreachable(hs.lockRefused, null);
            }
            LockReply r;
            try {
                r = RunLock.take(c, me(), wait, local ? ProcessHandle.current().pid() : -1);
            } finally {
                hs.countExecs(1);
            }
            if (r instanceof LockReply.Acquired a) {
                hs.locked = true;
                if (a.broken() != null) {
                    listener.warning(hs.name() + ": broke a stale run lock (" + a.why() + "): " + a.broken().describe());
                }
                return;
            }
            String why;
            if (r instanceof LockReply.Busy b) {
                why = "locked by " + b.holder().describe() + "; gave up after " + wait.toSeconds()
                        + " s (--lock-timeout)";
            } else if (r instanceof LockReply.Stuck s) {
                why = "a stale run lock of " + s.holder().describe() + " is in the way (" + s.why()
                        + "): remove it as root";
            } else {
                why = "could not take the run lock " + LockScript.DIR + ": " + ((LockReply.Failed) r).message();
            }
            hs.lockRefused = why;
            hs.unreachable = true;
            throw new HostUnreachable(why, null);
        }
    }

    /** Releases every lock this run holds, on the hosts' workers; a host whose connection broke keeps a stale lock. */
    void releaseAll(Collection<HostState> hosts, Workers workers) {
        List<Runnable> jobs = new ArrayList<>();
        for (HostState hs : hosts) {
            if (hs.locked) {
                jobs.add(() -> release(hs));
            }
        }
        if (!jobs.isEmpty()) {
            workers.runAll(jobs);
        }
    }

    private void release(HostState hs) {
        Connection c;
        synchronized (hs) {
            c = hs.connection;
        }
        if (c == null) {
            return;
        }
        try {
            if (!RunLock.release(c, runId)) {
                listener.warning(hs.name() + ": could not remove the run lock " + LockScript.DIR);
            }
            hs.locked = false;
        } catch (IOException | RuntimeException e) {
            log.debug("releasing the run lock on {}", hs.name(), e);
        } finally {
            hs.countExecs(1);
        }
    }

    private LockScript.Me me() {
        LockScript.Me m = me;
        if (m == null) {
            m = new LockScript.Me(runId, controllerName(), System.getProperty("user.name", "?"),
                    ProcessHandle.current().pid());
            me = m;
        }
        return m;
    }

    /** The kernel's host name where Linux shows it (no DNS round trip), else Java's. */
    private static String controllerName() {
        try {
            Path p = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(p)) {
                return Files.readString(p, StandardCharsets.UTF_8).strip();
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "?";
        }
    }
}
