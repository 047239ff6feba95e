package org.drover.runlock;

import java.io.IOException;
import java.time.Duration;
import org.drover.transport.Connection;
import org.drover.transport.ExecRequest;
import org.drover.transport.ExecResult;

/** Runs the lock's scripts on a connection, as the login user (never through become: one owner per login). */
public final class RunLock {
    /** A lock older than this is stale even if its anchor seems alive (or none was found). */
    public static final Duration MAX_AGE = Duration.ofHours(12);
    /** Beyond the wait: time for the round trip itself. */
    private static final Duration SLACK = Duration.ofSeconds(30);

    private RunLock() {}

    /** One round trip, however long the wait. */
    public static LockReply take(Connection c, LockScript.Me me, Duration wait, long anchor) throws IOException {
        ExecResult r = c.exec(ExecRequest.of(LockScript.take(me, wait, MAX_AGE, anchor)).withTimeout(wait.plus(SLACK)));
        if (r.timedOut()) {
            return new LockReply.Failed("timed out after " + wait.plus(SLACK).toSeconds() + " s");
        }
        return LockReply.parse(r.exitStatus(), r.stdout(), r.stderr());
    }

    /** Removes the lock if {@code runId} holds it; true when the script ran. */
    public static boolean release(Connection c, String runId) throws IOException {
        return c.exec(ExecRequest.of(LockScript.release(runId)).withTimeout(SLACK)).ok();
    }
}
