package org.drover.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Quoting is checked by handing the result to a real local /bin/sh (and tcsh, the login shell we must survive). */
class ShTest {
    static final List<String> NASTY = List.of(
            "plain", "", " ", "two words", "it's", "'", "''", "'\\''", "\"dq\"", "$HOME", "${HOME}", "$(id)",
            "`id`", "a;rm -rf /tmp/x", "a && b || c", "a|b", "x > /tmp/f", "< /etc/passwd", "*", "?", "[a-z]",
            "~root", "-n", "--", "back\\slash", "trailing\\", "new\nline", "tab\there", "!", "!!", "!$", "a!b",
            "#comment", "%1", "=", "\u00e9t\u00e9 \u2603", "'; echo INJECTED; '", "\"; echo INJECTED; \"",
            "$(echo INJECTED)", "\\'", "\\n", "\\0041", "%b", "\r\n");

    static String sh(String shell, String commandLine) throws Exception {
        Process p = new ProcessBuilder(shell, "-c", commandLine).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void quoteSurvivesShUnchanged() throws Exception {
        for (String s : NASTY) {
            assertThat(sh("/bin/sh", "printf '%s' " + Sh.quote(s))).as(s).isEqualTo(s);
        }
    }

    @Test
    void safeWordsStayBareOthersAreSingleQuoted() {
        assertThat(Sh.quote("em0")).isEqualTo("em0");
        assertThat(Sh.quote("/usr/local/etc/pf.conf")).isEqualTo("/usr/local/etc/pf.conf");
        assertThat(Sh.quote("")).isEqualTo("''");
        assertThat(Sh.quote("a b")).isEqualTo("'a b'");
        assertThat(Sh.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(Sh.join("echo", "a b", "c")).isEqualTo("echo 'a b' c");
    }

    @Test
    void joinedWordsAreSeparateArguments() throws Exception {
        assertThat(sh("/bin/sh", "printf '<%s>' " + Sh.join(NASTY.subList(0, 12))))
                .isEqualTo("<" + String.join("><", NASTY.subList(0, 12)) + ">");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh", "/bin/bash", "/usr/bin/tcsh", "/bin/csh"})
    void commandRunsUnderShWhateverTheLoginShell(String login) throws Exception {
        assumeTrue(Files.isExecutable(Path.of(login)), login + " not installed");
        String script = "if [ \"$(echo x)\" = x ]; then echo \"sh: $0\"; fi\n"
                + "v='it'\\''s'; echo \"$v\"\n"
                + "echo 'bang!' \"$((1+1))\"\n"
                + "cat <<'EOF'\nhere $doc\\n\nEOF\n"
                + "printf '%s\\n' 'tab\there' \"back\\\\slash\"";
        String out = sh(login, Sh.command(script));
        assertThat(out).isEqualTo("sh: /bin/sh\nit's\nbang! 2\nhere $doc\\n\ntab\there\nback\\slash\n");
        for (String s : NASTY) {
            assertThat(sh(login, Sh.command("printf '%s' " + Sh.quote(s)))).as(login + ": " + s).isEqualTo(s);
        }
    }

    @Test
    void exportsValidateNamesAndQuoteValues() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("A", "it's $HOME");
        env.put("_B2", "x\ny");
        String script = Sh.exports(env) + "printf '%s|%s|%s|%s' \"$LC_ALL\" \"$PATH\" \"$A\" \"$_B2\"";
        assertThat(sh("/bin/sh", Sh.command(script))).isEqualTo("C|" + Sh.PATH + "|it's $HOME|x\ny");
        for (String bad : List.of("1A", "A-B", "A;rm", "", "A B", "$(id)")) {
            assertThatThrownBy(() -> Sh.exports(Map.of(bad, "v"))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Sh.validEnvName("DROVER_X")).isTrue();
    }

    @Test
    void commandLineHoldsNoNewlineNorBang() {
        String line = Sh.command("echo one\necho 'two!'\r\n");
        assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("!").startsWith("/bin/sh -c '");
        assertThat(Sh.command("echo plain")).isEqualTo("/bin/sh -c 'echo plain'");
    }
}
