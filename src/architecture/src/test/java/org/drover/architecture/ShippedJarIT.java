package org.drover.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** What target/drover.jar ships: the command, never the test fleet nor its SSH server. */
class ShippedJarIT {

    @Test
    void drover_jar_holds_neither_the_testbed_nor_the_embedded_sshd() throws IOException {
        Path jar = Root.get().resolve("target/drover.jar");
        if (!Files.isRegularFile(jar)) {
            fail(jar + " is missing: it is built by drover-cli's package phase, before this IT");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("org/drover/cli/Main.class", "META-INF/MANIFEST.MF");
            assertThat(names).filteredOn(n -> n.startsWith("org/apache/sshd/")).as("the embedded sshd").isEmpty();
            assertThat(names).filteredOn(n -> n.startsWith("org/drover/testbed/")).as("the testbed").isEmpty();
            // The build excludes the second YAML library that Jinjava would bring (see NoSnakeYamlTest).
            assertThat(names).filteredOn(n -> n.startsWith("org/yaml/snakeyaml/")).as("SnakeYAML").isEmpty();
        }
    }
}
