package org.drover.cli;

import org.drover.engine.Engine;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during a run. The first SIGINT asks the engine to start no new task and to stop the commands running on the
 * hosts (SIGTERM to their process groups, SIGKILL to what still runs a few seconds later); the run then ends with
 * the recap and {@link ExitCodes#INTERRUPTED}. A second SIGINT kills the running commands' process groups (SIGKILL)
 * and exits at once. A shutdown hook could not do this: the JVM would already be on its way out, without the recap.
 */
final class Interrupts implements AutoCloseable {
    /** After the second Ctrl-C, how long the recap may take before drover exits without it. */
    private static final java.time.Duration RECAP_WAIT = java.time.Duration.ofSeconds(2);
    private final SignalHandler previous;
    private final Signal signal;

    private Interrupts(Signal signal, SignalHandler previous) {
        this.signal = signal;
        this.previous = previous;
    }

    static Interrupts install(Engine engine) {
        Signal sigint = new Signal("INT");
        boolean[] seen = {false};
        SignalHandler previous;
        try {
            previous = Signal.handle(sigint, s -> {
                if (seen[0]) {
                    System.err.println("drover: interrupted again: killing the running commands (SIGKILL), exiting");
                    engine.kill();
                    engine.awaitEnd(RECAP_WAIT); // the killed tasks end at once: their recap, when it comes quickly
                    System.out.flush();
                    Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
                }
                seen[0] = true;
                System.err.println("drover: interrupted: no new task starts; stopping the " + commands(engine.running())
                        + " still running (SIGTERM), then the recap. Ctrl-C again stops at once (SIGKILL)");
                engine.interrupt();
            });
        } catch (IllegalArgumentException e) {
            return new Interrupts(null, null); // no SIGINT on this platform or it is reserved: default handling
        }
        return new Interrupts(sigint, previous);
    }

    private static String commands(int n) {
        return n == 1 ? "1 command" : n + " commands";
    }

    @Override
    public void close() {
        if (signal != null) {
            Signal.handle(signal, previous);
        }
    }
}
