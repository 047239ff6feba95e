package org.drover.module.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.Outcome;
import org.drover.module.Outcome.Status;
import org.drover.text.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandModuleTest {
    @TempDir
    Path dir;

    private Outcome run(Module m, LocalContext ctx, Map<String, Object> raw) throws Exception {
        List<String> errors = new ArrayList<>();
        Args args = Args.bind(m.spec(), raw, false, errors);
        assertThat(errors).isEmpty();
        return m.run(ctx, args);
    }

    private LocalContext ctx() {
        return new LocalContext(dir, false, false, Map.of());
    }

    @Test
    void commandPassesEveryWordLiterally() throws Exception {
        Outcome o = run(new CommandModule(), ctx(), Map.of("cmd", "printf '%s|' \"a b\" '$HOME' ; `id` *"));
        assertThat(o.status()).isEqualTo(Status.CHANGED);
        assertThat(o.result().get("stdout")).isEqualTo("a b|$HOME|;|`id`|*|");
        Outcome argv = run(new CommandModule(), ctx(), Map.of("argv", List.of("printf", "%s", "it's > here")));
        assertThat(argv.result().get("stdout")).isEqualTo("it's > here");
    }

    @Test
    void nonZeroExitFailsWithRcAndStderr() throws Exception {
        Outcome o = run(new CommandModule(), ctx(), Map.of("cmd", "ls /no/such/dir"));
        assertThat(o.status()).isEqualTo(Status.FAILED);
        assertThat(o.result().get("rc")).isNotEqualTo(0);
        assertThat(o.message()).startsWith("non-zero return code");
        assertThat((List<?>) o.result().get("stderr_lines")).isNotEmpty();
    }

    @Test
    void createsRemovesAndChdir() throws Exception {
        Files.writeString(dir.resolve("marker"), "");
        Files.createDirectories(dir.resolve("sub"));
        Outcome skipped = run(new CommandModule(), ctx(), Map.of("cmd", "touch made", "creates", "marker"));
        assertThat(skipped.status()).isEqualTo(Status.OK);
        assertThat(skipped.message()).contains("marker exists");
        Outcome ran = run(new CommandModule(), ctx(), Map.of("cmd", "touch made", "chdir", dir.resolve("sub").toString(), "creates", "made"));
        assertThat(ran.status()).isEqualTo(Status.CHANGED);
        assertThat(dir.resolve("sub/made")).exists();
        Outcome removes = run(new CommandModule(), ctx(), Map.of("cmd", "true", "removes", "absent"));
        assertThat(removes.status()).isEqualTo(Status.OK);
    }

    @Test
    void checkModeDoesNotRun() throws Exception {
        LocalContext c = new LocalContext(dir, true, false, Map.of());
        Outcome o = run(new ShellModule(), c, Map.of("cmd", "touch x"));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(c.execs()).isZero();
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void shellHasPipesAndVariables() throws Exception {
        Outcome o = run(new ShellModule(), ctx(), Map.of("cmd", "x=3; printf 'a\\nb\\nc\\n' | wc -l | tr -d ' '; echo $x", "stdin", "ignored"));
        assertThat(o.result().get("stdout_lines")).isEqualTo(List.of("3", "3"));
    }

    @Test
    void wordsSplitLikeAShell() {
        assertThat(Tokenizer.SHELL.words("a 'b c' \"d \\\"e\\\"\" f\\ g")).containsExactly("a", "b c", "d \"e\"", "f g");
        assertThat(Tokenizer.SHELL.words("  ")).isEmpty();
        assertThatThrownBy(() -> Tokenizer.SHELL.words("a 'b")).hasMessageContaining("unterminated");
    }

    @Test
    void debugAssertFailSetFactNeverTouchTheHost() throws Exception {
        LocalContext c = new LocalContext(dir, false, false, Map.of("x", 3, "drover_verbosity", 0));
        assertThat(run(new DebugModule(), c, Map.of("var", "x + 1")).result()).isEqualTo(Map.of("x + 1", "4")); // Ansible 2.14: '4'
        assertThat(run(new DebugModule(), c, Map.of("var", "x")).result()).isEqualTo(Map.of("x", 3)); // a number var: 3
        assertThat(run(new DebugModule(), c, Map.of("msg", "hi", "verbosity", 2)).status()).isEqualTo(Status.SKIPPED);
        assertThat(run(new AssertModule(), c, Map.of("that", List.of("x > 1", "x < 2"), "fail_msg", "too big")).message()).isEqualTo("too big");
        assertThat(run(new AssertModule(), c, Map.of("that", "x > 1")).status()).isEqualTo(Status.OK);
        assertThat(run(new FailModule(), c, Map.of()).status()).isEqualTo(Status.FAILED);
        assertThat(run(new SetFactModule(), c, Map.of("a", 1, "b", List.of("x"))).facts()).isEqualTo(Map.of("a", 1, "b", List.of("x")));
        assertThat(c.execs()).isZero();
    }

    @Test
    void pingRunsOneScript() throws Exception {
        LocalContext c = ctx();
        Outcome o = run(new PingModule(), c, Map.of());
        assertThat(o.result().get("ping")).isEqualTo("pong");
        assertThat(c.execs()).isEqualTo(1);
    }

    @Test
    void everyCoreModuleHasDocumentation() {
        assertThat(new CoreModules().modules()).extracting(m -> m.spec().name()).containsExactly(
                "command", "shell", "raw", "ping", "debug", "set_fact", "include_vars", "assert", "fail", "copy",
                "template", "meta", "lineinfile");
        for (Module m : new CoreModules().modules()) {
            assertThat(m.spec().summary()).as(m.spec().name()).isNotBlank();
            assertThat(m.spec().examples()).as(m.spec().name()).isNotEmpty();
            assertThat(m.spec().args()).as(m.spec().name()).allSatisfy(a -> assertThat(a.description()).isNotBlank());
        }
    }

    @Test
    void chdirCreatesAndRemovesMayNotBeOptions() {
        for (String arg : List.of("chdir", "creates", "removes")) {
            List<String> errors = new ArrayList<>();
            Args.bind(new ShellModule().spec(), Map.of("cmd", "true", arg, "-P"), false, errors);
            assertThat(errors).as(arg).singleElement().asString().contains("starts with '-'");
        }
        List<String> errors = new ArrayList<>();
        Args.bind(new CommandModule().spec(), Map.of("cmd", "true", "chdir", "/tmp/a\nb"), false, errors);
        assertThat(errors).singleElement().asString().contains("control characters");
    }
}
