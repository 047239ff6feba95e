package org.drover.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * One output stream of a command, kept up to a bound: the bytes beyond it are counted, not held, so a command
 * that prints gigabytes costs a counter, not the controller's memory. Not thread-safe: the caller guards it.
 */
public final class BoundedOutput {
    /** Bytes kept per stream of one command unless {@code --max-output} says otherwise. */
    public static final long DEFAULT_LIMIT = 8L << 20;

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final long limit;
    private long dropped;

    public BoundedOutput(long limit) {
        this.limit = limit > 0 ? limit : DEFAULT_LIMIT;
    }

    public void write(byte[] b, int off, int n) {
        int keep = (int) Math.max(0, Math.min(n, limit - kept.size()));
        kept.write(b, off, keep);
        dropped += n - keep;
    }

    /** Reads in to its end. */
    public BoundedOutput drain(InputStream in) throws IOException {
        byte[] buf = new byte[32 * 1024];
        for (int n; (n = in.read(buf)) >= 0; ) {
            write(buf, 0, n);
        }
        return this;
    }

    /** Bytes kept so far. */
    public int size() {
        return kept.size();
    }

    /** Bytes seen beyond the bound. */
    public long dropped() {
        return dropped;
    }

    public byte[] bytes() {
        return kept.toByteArray();
    }

    /** The kept bytes as UTF-8, then the count of the others when there were any. */
    public String text() {
        return kept.toString(StandardCharsets.UTF_8) + note(dropped);
    }

    /** What follows cut output: empty when nothing was dropped. */
    public static String note(long dropped) {
        return dropped == 0 ? "" : "\n... " + dropped + " bytes more not kept (--max-output)\n";
    }

    /** 65536, 512K, 8M, 1G (powers of 1024) in bytes; -1 when s is not a size. */
    public static long parseSize(String s) {
        var m = Pattern.compile("([0-9]{1,12})([KMG]?)I?B?").matcher(s.strip().toUpperCase());
        if (!m.matches()) {
            return -1;
        }
        int shift = switch (m.group(2)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }
}
