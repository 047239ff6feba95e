package org.drover.module.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.drover.module.Outcome;
import org.drover.module.Outcome.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** script against the local /bin/sh: one round trip, arguments literal, guards, check mode, failures. */
class ScriptModuleTest {
    @TempDir
    Path dir;

    private void script(String name, String text) throws Exception {
        Files.createDirectories(dir.resolve("controller"));
        Files.writeString(dir.resolve("controller").resolve(name), text);
    }

    @Test
    void runs_once_with_literal_arguments_in_a_private_directory_then_removes_it() throws Exception {
        script("hello.sh", "#!/bin/sh\necho \"args: $1|$2\"\necho \"dir: $(dirname \"$0\")\"\ntouch \"$PWD/ran\"\n");
        ShContext ctx = new ShContext(dir, false, false);
        Outcome o = ctx.run(new ScriptModule(), Map.of("cmd", "hello.sh 'a b' c", "chdir", dir.toString()));
        assertThat(o.status()).as(o.message() + o.result()).isEqualTo(Status.CHANGED);
        assertThat(ctx.scripts).hasSize(1);
        assertThat(o.result().get("stdout_lines")).asList().first().isEqualTo("args: a b|c");
        String tmp = String.valueOf(o.result().get("stdout")).lines().toList().get(1).substring("dir: ".length());
        assertThat(Path.of(tmp)).doesNotExist();
        assertThat(dir.resolve("ran")).exists();
    }

    @Test
    void creates_and_removes_skip_in_the_same_round_trip() throws Exception {
        script("s.sh", "#!/bin/sh\necho ran\n");
        Files.writeString(dir.resolve("done"), "");
        ShContext ctx = new ShContext(dir, false, false);
        Outcome o = ctx.run(new ScriptModule(), Map.of("cmd", "s.sh", "creates", dir.resolve("done").toString()));
        assertThat(o.status()).isEqualTo(Status.OK);
        assertThat(o.message()).isEqualTo("skipped, since " + dir.resolve("done") + " exists");
        assertThat(ctx.scripts).hasSize(1);
        Outcome r = new ShContext(dir, false, false).run(new ScriptModule(), Map.of("cmd", "s.sh", "removes",
                dir.resolve("gone").toString()));
        assertThat(r.message()).isEqualTo("skipped, since " + dir.resolve("gone") + " does not exist");
    }

    @Test
    void check_mode_as_ansible_skipped_unless_creates_or_removes_decide() throws Exception {
        script("s.sh", "#!/bin/sh\ntouch \"$HOME/never\"\n");
        ShContext plain = new ShContext(dir, true, false);
        assertThat(plain.run(new ScriptModule(), Map.of("cmd", "s.sh")).status()).isEqualTo(Status.SKIPPED);
        assertThat(plain.scripts).isEmpty();
        ShContext guarded = new ShContext(dir, true, false);
        Outcome g = guarded.run(new ScriptModule(), Map.of("cmd", "s.sh", "creates", dir.resolve("x").toString()));
        assertThat(g.status()).isEqualTo(Status.CHANGED);
        assertThat(guarded.scripts).hasSize(1).allMatch(s -> !s.contains("cat >"));
    }

    @Test
    void a_failing_script_fails_as_ansible_words_it_and_executable_is_used() throws Exception {
        script("f.sh", "echo oops >&2\nexit 3\n");
        Outcome o = new ShContext(dir, false, false).run(new ScriptModule(), Map.of("cmd", "f.sh", "executable",
                "/bin/sh"));
        assertThat(o.status()).isEqualTo(Status.FAILED);
        assertThat(o.message()).isEqualTo("non-zero return code");
        assertThat(o.result()).containsEntry("rc", 3).containsEntry("stderr", "oops");
        Outcome missing = new ShContext(dir, false, false).run(new ScriptModule(), Map.of("cmd", "nope.sh"));
        assertThat(missing.status()).isEqualTo(Status.FAILED);
        assertThat(missing.message()).startsWith("Could not find or access 'nope.sh'");
    }

    @Test
    void shell_syntax_in_arguments_is_refused_with_what_to_do() {
        for (String cmd : List.of("s.sh $HOME", "s.sh a; reboot", "s.sh > /etc/x", "s.sh *", "s.sh `id`")) {
            assertThatThrownBy(() -> ScriptModule.call(cmd, null)).as(cmd).hasMessageContaining("use the shell");
        }
        assertThat(ScriptModule.call("s.sh --name='a b' c", "/usr/local/bin/python3 -u")).isEqualTo(
                new ScriptModule.Call("s.sh", List.of("--name=a b", "c"), List.of("/usr/local/bin/python3", "-u")));
    }
}
