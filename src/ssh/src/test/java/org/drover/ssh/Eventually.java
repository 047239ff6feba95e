package org.drover.ssh;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for something the server does a moment after the client saw it: polls a condition until a deadline. */
final class Eventually {
    private Eventually() {}

    interface Condition {
        boolean holds() throws Exception;
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
}
