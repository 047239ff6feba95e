package org.drover.freebsd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The FreeBSD output samples in test resources, with their {@code # } provenance header removed. */
public final class Samples {
    private Samples() {}

    /** The exact bytes the command printed: every leading line starting with "# " is header. */
    public static String load(String file) {
        try (InputStream in = Samples.class.getResourceAsStream("/freebsd-samples/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + file);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int pos = 0;
            while (text.startsWith("# ", pos)) {
                int nl = text.indexOf('\n', pos);
                pos = nl < 0 ? text.length() : nl + 1;
            }
            return text.substring(pos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
