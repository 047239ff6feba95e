package org.drover.runlock;

import java.util.Arrays;
import java.util.List;

/** What taking the lock came to, read from the take script's exit status and output. */
public sealed interface LockReply {
    /** The lock is ours. {@code broken}: the stale lock we removed first, or null; {@code why}: why it was stale. */
    record Acquired(Holder broken, String why) implements LockReply {}

    /** A live run holds it and the wait ran out. */
    record Busy(Holder holder) implements LockReply {}

    /** A stale lock we cannot remove. */
    record Stuck(Holder holder, String why) implements LockReply {}

    /** The script did not run as expected (no sh, killed, unexpected output). */
    record Failed(String message) implements LockReply {}

    static LockReply parse(int exitStatus, String stdout, String stderr) {
        List<String> lines = Arrays.asList(stdout.split("\n"));
        String first = lines.get(0).strip();
        List<String> rest = lines.subList(1, lines.size());
        if (exitStatus == 0 && first.equals("acquired")) {
            if (!rest.isEmpty() && rest.get(0).startsWith("broke=")) {
                return new Acquired(Holder.parse(rest.subList(1, rest.size())),
                        Holder.printable(rest.get(0).substring("broke=".length())));
            }
            return new Acquired(null, null);
        }
        if (exitStatus == LockScript.BUSY && first.equals("busy")) {
            return new Busy(Holder.parse(rest));
        }
        if (exitStatus == LockScript.STUCK && first.startsWith("stuck=")) {
            return new Stuck(Holder.parse(rest), Holder.printable(first.substring("stuck=".length())));
        }
        String err = Holder.printable(stderr.strip());
        return new Failed("exit " + exitStatus + (err.isEmpty() ? "" : ": " + err));
    }
}
