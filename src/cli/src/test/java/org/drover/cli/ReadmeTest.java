package org.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drover.module.Module;
import org.drover.module.ModuleRegistry;
import org.junit.jupiter.api.Test;

/** Keeps the README true: its module table is exactly what the module declarations generate. */
class ReadmeTest {
    @Test
    void module_table_matches_the_declarations() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("drover.root", "../.."), "README.md"));
        int start = readme.indexOf('\n', readme.indexOf("<!-- modules:start")) + 1;
        int end = readme.indexOf("<!-- modules:end -->");
        StringWriter generated = new StringWriter();
        try (PrintWriter out = new PrintWriter(generated)) {
            DocCommand.markdownTable(ModuleRegistry.load().all().stream().map(Module::spec).toList(), out);
        }
        assertThat(readme.substring(start, end)).as("README module table; regenerate with ./drover doc --markdown")
                .isEqualTo(generated.toString());
    }
}
