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

    /**
     * Writes content to path atomically (a temp file in the same directory, renamed into place) with
     * {@link RemoteFiles#writeScript}; no SFTP needed.
     *
     * @param mode   octal or symbolic, or null (0644 for a new file, the old mode for an existing one)
     * @param owner  or null; group likewise
     * @param become or null
     * @return the SHA-256 (hex) of the file now on the host
     * @throws IOException when the host could not write it (the message holds its stderr)
     */
    default String put(String path, byte[] content, String mode, String owner, String group, Become become)
            throws IOException {
        ExecResult r = exec(ExecRequest.of(RemoteFiles.writeScript(path, mode, owner, group)).withStdin(content)
                .withBecome(become));
        if (!r.ok()) {
            throw new IOException(host() + ": cannot write " + path + (r.timedOut() ? ": timed out" : ": "
                    + (r.stderr().isBlank() ? r.stdout().strip() : r.stderr().strip())));
        }
        return RemoteFiles.parseSha256(r.stdout()).orElseThrow(() -> new IOException(host() + ": " + path
                + " missing right after writing it"));
    }

    /** The inventory name of the host this connection reaches. */
    String host();

    @Override
    void close();
}
