package org.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
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
    }
}
