package org.drover.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The front end's limits: each refusal is a LoadException with a location, never a hang or a stack trace. */
class LimitsTest {
    @TempDir
    Path tmp;

    private static LoadError errorOf(String text) {
        try {
            Yaml.compose(text, "t.yml").map(Yaml::toValue);
        } catch (LoadException e) {
            return e.errors().get(0);
        }
        throw new AssertionError("expected an error");
    }

    private static LoadError errorOf(Path file) {
        try {
            Yaml.compose(file);
        } catch (LoadException e) {
            return e.errors().get(0);
        }
        throw new AssertionError("expected an error for " + file);
    }

    @Test
    void nesting_past_the_limit_is_refused_at_the_collection_that_goes_too_deep() {
        // 3,000 levels overflowed the composer's stack before.
        LoadError e = errorOf("x: " + "[".repeat(3000) + "]".repeat(3000) + "\n");
        assertThat(e.toString()).isEqualTo("t.yml:1:" + (3 + Limits.MAX_DEPTH) + ": nested deeper than "
                + Limits.MAX_DEPTH + " levels: not loaded");
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            block.append(" ".repeat(i)).append("- \n");
        }
        assertThat(errorOf(block.toString()).message()).contains("nested deeper than");
    }

    @Test
    void nesting_up_to_the_limit_loads() {
        int levels = Limits.MAX_DEPTH - 1; // the mapping holding x is one level
        Object v = Yaml.compose("x: " + "[".repeat(levels) + "]".repeat(levels), "t.yml").map(Yaml::toValue).orElseThrow();
        assertThat(v).isInstanceOf(Map.class);
    }

    @Test
    void an_alias_bomb_is_refused_quickly_with_a_location() {
        // Nine anchors of nine aliases each: 387 million values; accepted after 80 s and 5.4 GB before.
        StringBuilder s = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            s.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }
        LoadError e = errorOf(s.toString());
        assertThat(e.message()).contains("expands to more than " + Limits.MAX_NODES + " values through its aliases");
        assertThat(e.mark().line()).isBetween(1, 10);
    }

    @Test
    void aliases_used_a_reasonable_number_of_times_load() {
        Map<?, ?> v = (Map<?, ?>) Yaml.compose("base: &b {port: 22}\nweb: *b\ndb: *b\n", "t.yml").map(Yaml::toValue).orElseThrow();
        assertThat(v.get("db")).isEqualTo(Map.of("port", 22L));
    }

    @Test
    void a_line_past_the_limit_is_refused_at_its_line() {
        LoadError e = errorOf("a: 1\nb: \"" + "x".repeat(Limits.MAX_LINE) + "\"\n");
        assertThat(e.toString()).isEqualTo("t.yml:2:" + (Limits.MAX_LINE + 1) + ": line longer than "
                + Limits.MAX_LINE + " characters: not loaded");
    }

    @Test
    void a_file_past_the_size_limit_is_refused_without_parsing() throws Exception {
        Path f = tmp.resolve("big.yml");
        String line = "# " + "x".repeat(1000) + "\n";
        Files.writeString(f, line.repeat(Limits.MAX_FILE_BYTES / line.length() + 1));
        assertThat(errorOf(f).toString()).isEqualTo(f + ":0:0: file larger than 16 MiB: not loaded");
    }

    @Test
    void only_regular_files_are_read() throws Exception {
        assertThat(errorOf(tmp).message()).isEqualTo("is a directory, not a file");
        assertThat(errorOf(Path.of("/dev/zero")).message()).startsWith("not a regular file"); // OOM before
        Path fifo = tmp.resolve("fifo.yml");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(p.waitFor()).isZero();
        assertThat(errorOf(fifo).toString()).isEqualTo(fifo + ":0:0: not a regular file (a FIFO, a device or a"
                + " socket): not read"); // a hang before: opening a FIFO blocks until a writer comes
        assertThat(errorOf(tmp.resolve("nope.yml")).message()).isEqualTo("file not found");
    }

    @Test
    void a_byte_order_mark_is_not_part_of_the_text() throws Exception {
        Path f = tmp.resolve("bom.yml");
        Files.write(f, ("\uFEFFa: 1\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Yaml.loadPlain(f)).isEqualTo(Map.of("a", 1L));
        assertThat(Limits.read(f)).isEqualTo("a: 1\n");
    }

    @Test
    void the_exception_text_shows_the_first_errors_and_counts_the_rest() {
        List<LoadError> many = java.util.stream.IntStream.rangeClosed(1, 250)
                .mapToObj(i -> new LoadError(new SourceMark("f", i, 1), "bad")).toList();
        String text = new LoadException(many).getMessage();
        assertThat(text.lines()).hasSize(Limits.MAX_ERRORS + 1);
        assertThat(text).endsWith("\n... and 150 more");
        assertThat(new LoadException(many).errors()).hasSize(250);
    }
}
