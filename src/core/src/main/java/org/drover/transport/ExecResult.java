package org.drover.transport;

/**
 * What a remote script did.
 *
 * @param exitStatus exit status, or -1 when none was received (killed, timed out)
 * @param signal     the signal name that ended it, or null
 * @param timedOut   true when the deadline closed the channel
 */
public record ExecResult(int exitStatus, String stdout, String stderr, String signal, boolean timedOut) {
    public static ExecResult of(int exitStatus, String stdout, String stderr) {
        return new ExecResult(exitStatus, stdout, stderr, null, false);
    }

    public boolean ok() {
        return exitStatus == 0 && !timedOut && signal == null;
    }
}
