package org.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** --syntax-check checks the inventory it is given, a flood of errors is printed capped, files are regular. */
class SyntaxCheckTest {
    @TempDir
    Path dir;
    Path site;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void files() throws IOException {
        site = dir.resolve("site.yml");
        Files.writeString(site, "- hosts: all\n  tasks:\n    - debug: msg=hi\n");
    }

    int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        ((PlayCommand) cl.getSubcommands().get("play").getCommand()).workDir = dir;
        return cl.execute(args);
    }

    @Test
    void a_missing_inventory_given_with_i_is_an_error() {
        // The syntax check passed before: -i was ignored.
        Path missing = dir.resolve("nope.ini");
        assertThat(run("play", site.toString(), "-i", missing.toString(), "--syntax-check")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains(missing + ":0:0: inventory source not found");
    }

    @Test
    void a_broken_inventory_given_with_i_is_reported() throws IOException {
        Path inv = Files.writeString(dir.resolve("hosts"), "[web]\nweb01:99999999\n");
        assertThat(run("play", site.toString(), "-i", inv.toString(), "--syntax-check")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains(inv + ":2:1: bad port in 'web01:99999999'");
    }

    @Test
    void a_good_inventory_passes_and_none_is_still_fine() throws IOException {
        Path inv = Files.writeString(dir.resolve("hosts"), "[web]\nweb01\n");
        assertThat(run("play", site.toString(), "-i", inv.toString(), "--syntax-check")).isEqualTo(ExitCodes.OK);
        assertThat(run("play", site.toString(), "--syntax-check")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("playbook: " + site);
    }

    @Test
    void the_first_100_errors_are_printed_and_the_rest_counted() throws IOException {
        StringBuilder s = new StringBuilder("- hosts: all\n  tasks:\n");
        for (int i = 0; i < 250; i++) {
            s.append("    - comand: id\n");
        }
        Files.writeString(site, s.toString());
        assertThat(run("play", site.toString(), "--syntax-check")).isEqualTo(ExitCodes.BAD_INPUT);
        String e = err.toString();
        assertThat(e.lines().filter(l -> l.contains("unknown module 'comand'"))).hasSize(100);
        assertThat(e).contains("... and 150 more (the first 100 are shown)").contains("250 errors; nothing ran");
    }

    @Test
    void a_fifo_as_the_limit_file_is_refused_unread() throws Exception {
        Path inv = Files.writeString(dir.resolve("hosts"), "[web]\nweb01\n");
        Path fifo = dir.resolve("limit");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThat(run("play", site.toString(), "-i", inv.toString(), "-l", "@" + fifo, "--list-hosts"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains(fifo + ":0:0: cannot read the --limit file: not a regular file");
    }
}
