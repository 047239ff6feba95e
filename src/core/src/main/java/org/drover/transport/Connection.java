package org.drover.transport;

import java.io.IOException;

/**
 * One persistent connection to one host. Every script runs as {@code /bin/sh -c} (never the login shell),
 * with {@code LC_ALL=C} and FreeBSD's standard PATH, become applied as the request asks.
 * Implementations are safe for use by several threads, but cap the channels open at once.
 */
public interface Connection extends AutoCloseable {
    /** Runs one script and waits for it (or its deadline). Never throws for a non-zero exit. */
    ExecResult exec(ExecRequest request) throws IOException;

    default ExecResult exec(String script) throws IOException {
        return exec(ExecRequest.of(script));
    }

    /** Commands running now through this connection (for the interrupt's message). */
    default int running() {
        return 0;
    }

    /**
     * Ctrl-C: signals the process groups of the commands running now (as their deadline would), and returns how
     * many were signalled. Commands started afterwards are not affected. Never throws; bounded in time.
     */
    default int stopRunning(StopSignal signal) {
        return 0;
    }

    /** The inventory name of the host this connection reaches. */
    String host();

    @Override
    void close();
}
