package org.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tarball `mvn package` leaves under target/, unpacked and used as an installed tool would be. */
class DistributionIT {
    static final Path ROOT = Path.of(System.getProperty("drover.root", "../.."));

    @TempDir
    Path dir;

    record Run(int exit, String out) {}

    static Run run(Path cwd, List<String> command) throws IOException, InterruptedException {
        return run(cwd, command, Map.of("DROVER_STARTUP_CACHE", "0"));
    }

    static Run run(Path cwd, List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    static Path tarball() throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve("target"))) {
            return s.filter(p -> p.getFileName().toString().matches("drover-.*\\.tar\\.gz")).findFirst().orElseThrow();
        }
    }

    @Test
    void theUnpackedDistributionRunsFromAnywhereThroughASymlinkOnPath() throws Exception {
        Path tar = tarball();
        assertThat(run(dir, List.of("tar", "xzf", tar.toAbsolutePath().toString())).exit()).isZero();
        String name = tar.getFileName().toString().replace(".tar.gz", "");
        Path home = dir.resolve(name);
        assertThat(home.resolve("bin/drover")).isExecutable();
        assertThat(home.resolve("lib/drover.jar")).isRegularFile();
        assertThat(Files.readString(home.resolve("share/man/man1/drover.1"))).startsWith(".TH DROVER 1 ")
                .contains(".SH \"DROVER PLAY\"");
        assertThat(Files.readString(home.resolve("share/bash-completion/completions/drover")))
                .contains("complete -F");

        Path onPath = Files.createDirectories(dir.resolve("path"));
        Files.createSymbolicLink(onPath.resolve("drover"), home.resolve("bin/drover"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

        Run version = run(elsewhere, List.of(onPath.resolve("drover").toString(), "--version"));
        assertThat(version.exit()).isZero();
        assertThat(version.out()).isEqualTo("drover " + name.substring("drover-".length()) + "\n");
        // nothing was built or written beside the installed copy
        try (Stream<Path> s = Files.list(home)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("CHANGELOG.md", "LICENSE", "README.md", "bin", "lib", "share");
        }

        // the start-up cache: recorded beside the jar from the training run, then used (strictly: a cache the JVM
        // could not map would fail this run instead of being skipped)
        Run recorded = run(elsewhere, List.of(onPath.resolve("drover").toString(), "--version"),
                Map.of("DROVER_STARTUP_CACHE", "sync"));
        assertThat(recorded.out()).isEqualTo(version.out());
        List<Path> caches;
        try (Stream<Path> s = Files.list(home.resolve("lib"))) {
            caches = s.filter(p -> p.getFileName().toString().matches("drover\\.jdk[0-9.]+\\.(aot|jsa)")).toList();
        }
        assertThat(caches).hasSize(1);
        assertThat(Files.size(caches.get(0))).isGreaterThan(1_000_000);
        String strict = caches.get(0).toString().endsWith(".aot") ? "-XX:AOTMode=on" : "-Xshare:on";
        // (--version alone is answered without it: it loads too few classes for the mapping to pay)
        Run cached = run(elsewhere, List.of(onPath.resolve("drover").toString(), "--help"),
                Map.of("DROVER_JAVA_OPTS", strict));
        assertThat(cached.exit()).isZero();
        assertThat(cached.out()).startsWith("Usage: drover ");
    }
}
