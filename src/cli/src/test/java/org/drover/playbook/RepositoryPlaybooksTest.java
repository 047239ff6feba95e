package org.drover.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.drover.module.ModuleRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The example playbooks shipped in {@code playbooks/} validate against the declarations of every module drover ships. */
class RepositoryPlaybooksTest {
    static Stream<Path> playbooks() throws IOException {
        Path dir = Path.of(System.getProperty("drover.root", "../.."), "playbooks");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("playbooks")
    void loads_and_validates(Path file) {
        ModuleRegistry registry = ModuleRegistry.load();
        Playbook pb = PlaybookLoader.of(registry).load(file);
        assertThat(pb.plays()).isNotEmpty();
        assertThat(pb.plays()).allSatisfy(p -> assertThat(p.hosts()).isNotBlank());
    }
}
