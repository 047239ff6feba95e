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

    /** The inventory name of the host this connection reaches. */
    String host();

    @Override
    void close();
}
