package org.drover.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command lines for each become method. Structure is asserted on the text, and behaviour by running the line
 * with fake sudo/doas/su scripts first on PATH that record their arguments and run the command.
 */
class BecomeCommandTest {
    static final String SCRIPT = "echo \"it's $(id -un)\"\n";

    @Test
    void withoutBecomeItIsJustShC() {
        BecomeCommand bc = BecomeCommand.build(SCRIPT, null, -1, "abc");
        assertThat(bc.commandLine()).isEqualTo(Sh.command(SCRIPT));
        assertThat(bc.pty()).isFalse();
        assertThat(bc.answersPrompt()).isFalse();
    }

    @Test
    void passwordlessMethodsNeverPrompt() {
        BecomeCommand sudo = BecomeCommand.build(SCRIPT, new Become(Become.Method.SUDO, null, null), -1, "n1");
        BecomeCommand doas = BecomeCommand.build(SCRIPT, new Become(Become.Method.DOAS, "www", null), -1, "n1");
        assertThat(decoded(sudo)).contains("exec sudo -n -u root -- /bin/sh -c ");
        assertThat(decoded(doas)).contains("exec doas -n -u www /bin/sh -c ");
        assertThat(sudo.pty() || doas.pty()).isFalse();
        assertThat(sudo.answersPrompt() || doas.answersPrompt()).isFalse();
    }

    @Test
    void sudoWithPasswordUsesItsOwnPromptOnStdinWithoutPty() {
        BecomeCommand bc = BecomeCommand.build(SCRIPT, new Become(Become.Method.SUDO, "root", "pw".toCharArray()),
                10, "f00d");
        assertThat(bc.pty()).isFalse();
        assertThat(bc.markerOnStderr()).isTrue();
        assertThat(bc.prompt()).isEqualTo("[drover-sudo-f00d]:");
        assertThat(bc.marker()).isEqualTo("drover-become-ok-f00d");
        assertThat(decoded(bc)).contains("exec sudo -S -p ").contains("[drover-sudo-f00d]:")
                .contains(" -u root -- /bin/sh -c ").doesNotContain("pw");
    }

    @Test
    void doasAndSuWithPasswordGetAPtyAndCountedStdin() {
        BecomeCommand doas = BecomeCommand.build(SCRIPT, new Become(Become.Method.DOAS, "root", "pw".toCharArray()),
                123, "beef");
        assertThat(doas.pty()).isTrue();
        assertThat(doas.prompt()).isNull();
        assertThat(decoded(doas)).contains("exec doas -u root /bin/sh -c ").contains("head -c 123 | /bin/sh -c")
                .contains("stty raw -echo");
        BecomeCommand su = BecomeCommand.build(SCRIPT, new Become(Become.Method.SU, "root", "pw".toCharArray()),
                -1, "beef");
        assertThat(su.pty()).isTrue();
        assertThat(decoded(su)).contains("exec su root -c ").contains("</dev/null").doesNotContain("stty");
    }

    @Test
    void refusesUsersThatAreNotNames() {
        for (String bad : new String[] {"-root", "root;id", "a b", "$(id)", "r'oot"}) {
            assertThatThrownBy(() -> BecomeCommand.build("true", new Become(Become.Method.SUDO, bad, null), -1, "n"))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> BecomeCommand.build("true", new Become(Become.Method.SUDO, "root", null), -1, "a;b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void promptDetection() {
        assertThat(BecomeCommand.looksLikePrompt("doas (bob@host) password: ")).isTrue();
        assertThat(BecomeCommand.looksLikePrompt("Password:")).isTrue();
        assertThat(BecomeCommand.looksLikePrompt("\nPassword: ")).isTrue();
        assertThat(BecomeCommand.looksLikePrompt("Password: \nsu: Authentication failure\n")).isFalse();
        assertThat(BecomeCommand.looksLikePrompt("hello")).isFalse();
    }

    /** Fake tools: print their arguments up to the command, then run the command as-is (we are not root here). */
    @Test
    void commandLinesRunThroughFakeTools(@TempDir Path tmp) throws Exception {
        Path bin = tmp.resolve("bin");
        Files.createDirectories(bin);
        // sudo -n -u U -- CMD... | doas -n -u U CMD... | su U -c CMDLINE
        fake(bin, "sudo", "while [ \"$1\" != -- ]; do printf '[%s]' \"$1\" >&2; shift; done; shift; exec \"$@\"");
        fake(bin, "doas", "while [ \"$1\" != /bin/sh ]; do printf '[%s]' \"$1\" >&2; shift; done; exec \"$@\"");
        fake(bin, "su", "printf '[%s]' \"$1\" >&2; shift; [ \"$1\" = -c ] && exec /bin/sh -c \"$2\"");
        for (Become.Method m : Become.Method.values()) {
            BecomeCommand bc = BecomeCommand.build("printf '%s|' \"$1\" 'it'\\''s'; echo \"$X\"",
                    new Become(m, "toor", null), -1, "n");
            // the outer script sets its own PATH: put the fakes first through a wrapper login shell
            String line = bc.commandLine();
            Process p = new ProcessBuilder("/bin/sh", "-c", "X=kept; export X; " + line.replace("exec ", "exec "
                    + bin + "/")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(m + ": " + out).isZero();
            assertThat(out).as(m.name()).endsWith("|it's|kept\n").contains("toor");
        }
    }

    private static void fake(Path bin, String name, String body) throws Exception {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The command line with the printf escape layer undone, to look at its structure. */
    static String decoded(BecomeCommand bc) {
        return bc.commandLine().replace("'\\''", "'").replace("\\n", "\n").replace("\\\\", "\\");
    }
}
