package org.drover.freebsd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** Loads a FreeBSD output sample from the test resources without its {@code # } provenance header. */
public final class ZfsPfSamples {
    private ZfsPfSamples() {}

    public static String load(String name) {
        try (InputStream in = ZfsPfSamples.class.getResourceAsStream("/freebsd-samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.startsWith("# ")).collect(Collectors.joining("\n", "", "\n"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
