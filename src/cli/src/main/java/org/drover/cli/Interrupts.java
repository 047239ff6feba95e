package org.drover.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during a run: the first SIGINT asks the engine to stop starting tasks (it drains and prints the recap,
 * and drover exits with {@link ExitCodes#INTERRUPTED}); a second one exits at once. A shutdown hook could not
 * do this: the JVM would already be on its way out, without the recap.
 */
final class Interrupts implements AutoCloseable {
    private final SignalHandler previous;
    private final Signal signal;

    private Interrupts(Signal signal, SignalHandler previous) {
        this.signal = signal;
        this.previous = previous;
    }

    static Interrupts install(Runnable onFirst) {
        Signal sigint = new Signal("INT");
        boolean[] seen = {false};
        SignalHandler previous;
        try {
            previous = Signal.handle(sigint, s -> {
                if (seen[0]) {
                    System.err.println("drover: interrupted again: exiting now");
                    Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
                }
                seen[0] = true;
                System.err.println("drover: interrupted: no new task starts; waiting for the commands still running,"
                        + " then the recap (Ctrl-C again exits at once)");
                onFirst.run();
            });
        } catch (IllegalArgumentException e) {
            return new Interrupts(null, null); // no SIGINT on this platform or it is reserved: default handling
        }
        return new Interrupts(sigint, previous);
    }

    @Override
    public void close() {
        if (signal != null) {
            Signal.handle(signal, previous);
        }
    }
}
