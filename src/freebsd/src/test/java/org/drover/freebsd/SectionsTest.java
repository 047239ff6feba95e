package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SectionsTest {
    /** Runs the fragments with the local /bin/sh: the framing is shell text, so test it with a shell. */
    private static String sh(String script) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    @Test
    void exact_bytes_status_and_stderr_per_section() throws Exception {
        String script = Sections.section("a", "printf 'one\\ntwo\\n'")
                + Sections.section("b", "printf 'no newline'")
                + Sections.section("c", "echo oops >&2; exit 3")
                + Sections.section("d", "true")
                + Sections.section("e", "printf '\\n\\n'");
        Map<String, Sections.Section> s = Sections.parse(sh(script));
        assertThat(s.keySet()).containsExactly("a", "b", "c", "d", "e");
        assertThat(s.get("a").output()).isEqualTo("one\ntwo\n");
        assertThat(s.get("a").ok()).isTrue();
        assertThat(s.get("b").output()).isEqualTo("no newline");
        assertThat(s.get("c").output()).isEqualTo("oops\n");
        assertThat(s.get("c").status()).isEqualTo(3);
        assertThat(s.get("d").output()).isEmpty();
        assertThat(s.get("e").output()).isEqualTo("\n\n");
    }

    @Test
    void frame_is_what_the_script_prints() throws Exception {
        String printed = sh(Sections.section("x", "printf 'hello\\n'; exit 1"));
        assertThat(printed).isEqualTo(Sections.frame("x", "hello\n", 1));
    }

    @Test
    void a_section_cut_short_is_missing() {
        var s = Sections.parse(Sections.frame("a", "x", 0) + Sections.MARK + " begin b\npartial");
        assertThat(s).containsOnlyKeys("a");
        assertThat(Sections.get(s, "b").status()).isEqualTo(-1);
    }
}
