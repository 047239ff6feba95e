package org.drover.architecture;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's top, from the system property the build sets. */
final class Root {
    private Root() {
    }

    static Path get() {
        String root = System.getProperty("drover.root");
        if (root == null) {
            throw new IllegalStateException("system property drover.root is not set (the build sets it)");
        }
        Path p = Path.of(root).toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("src"))) {
            throw new IllegalStateException(p + " has no src/ directory");
        }
        return p;
    }
}
