package org.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** main's short cut for the version prints exactly what picocli prints for it. */
class VersionTest {

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void the_short_cut_prints_what_picocli_prints(String option) {
        StringWriter picocli = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(picocli, true));
        assertThat(cl.execute(option)).isZero();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Main.main(new String[] {option}); // returns: the short cut never reaches System.exit
        } finally {
            System.setOut(saved);
        }
        assertThat(out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"))
                .isEqualTo(picocli.toString().replace(System.lineSeparator(), "\n"))
                .startsWith("drover ");
    }
}
