package org.drover.testbed;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/** Waits for something a server or a session does a moment later: polls until a deadline, then fails. */
final class Eventually {
    private Eventually() {}

    interface Condition {
        boolean holds() throws Exception;
    }

    interface Reading<T> {
        T get() throws Exception;
    }

    /** Returns once CONDITION holds; fails with WHAT (read at the deadline, so it may show the state) when it never does. */
    static void await(Duration within, Supplier<String> what, Condition condition) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what.get());
            }
            Thread.sleep(20);
        }
    }

    /** Returns once READ gives EXPECTED; fails showing the last value read when the deadline passes first. */
    static <T> void awaitEqual(Duration within, String what, Reading<T> read, T expected) throws Exception {
        Object[] last = new Object[1];
        await(within, () -> what + ": expected " + expected + " but was " + last[0], () -> {
            last[0] = read.get();
            return Objects.equals(last[0], expected);
        });
    }
}
