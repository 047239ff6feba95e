package org.drover.module.wait;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.drover.engine.LocalConnection;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.Outcome;
import org.drover.template.JinjavaTemplater;
import org.drover.template.Templater;
import org.drover.transport.ExecRequest;
import org.drover.transport.ExecResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaitForModuleTest {
    @TempDir
    Path dir;

    /** Runs the scripts on this machine's /bin/sh, as a host would. */
    final class Local implements ModuleContext {
        final List<String> scripts = new ArrayList<>();
        final boolean check;
        final LocalConnection conn;

        Local(boolean check) {
            this.check = check;
            this.conn = new LocalConnection("local", dir, Duration.ofSeconds(30));
        }

        @Override public String host() { return "local"; }
        @Override public ExecResult exec(String script) throws IOException { return exec(script, null); }
        @Override public ExecResult exec(String script, byte[] stdin) throws IOException {
            scripts.add(script);
            return conn.exec(ExecRequest.of(script));
        }
        @Override public boolean check() { return check; }
        @Override public boolean diff() { return false; }
        @Override public Map<String, Object> vars() { return Map.of(); }
        @Override public Templater templater() { return new JinjavaTemplater(); }
        @Override public Path resolveLocal(String name, String kind) { return dir.resolve(name); }
        @Override public boolean probeNewConnection(Duration timeout) { return false; }
        @Override public boolean local() { return true; }
    }

    private Outcome run(Module m, Local ctx, Map<String, Object> raw) throws Exception {
        List<String> errors = new ArrayList<>();
        Args a = Args.bind(m.spec(), raw, false, errors);
        assertThat(errors).isEmpty();
        return m.run(ctx, a);
    }

    @Test
    void aFileThatAppearsIsWaitedForAndItsGroupsReturned() throws Exception {
        Path flag = dir.resolve("flag");
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(1500);
                Files.writeString(flag, "boot\nstate=up pid=42\n");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        Local ctx = new Local(false);
        Outcome o = run(new WaitForModule(), ctx, Map.of("path", flag.toString(),
                "search_regex", "state=(?P<s>[a-z]+) pid=([0-9]+)", "timeout", 30));
        writer.join();
        assertThat(o.status()).isEqualTo(Outcome.Status.OK);
        assertThat(o.result()).containsEntry("match_groups", List.of("up", "42"))
                .containsEntry("match_groupdict", Map.of("s", "up")).containsEntry("path", flag.toString())
                .containsEntry("state", "started");
        assertThat(ctx.scripts).hasSize(1);
    }

    @Test
    void aTimeoutFailsWithAnsiblesMessage() throws Exception {
        Path none = dir.resolve("never");
        Outcome o = run(new WaitForModule(), new Local(false), Map.of("path", none.toString(), "timeout", 1));
        assertThat(o.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(o.message()).isEqualTo("Timeout when waiting for file " + none);
        assertThat(o.result()).containsKey("elapsed");
        Outcome custom = run(new WaitForModule(), new Local(false), Map.of("path", none.toString(), "timeout", 0,
                "msg", "no flag"));
        assertThat(custom.message()).isEqualTo("no flag");
    }

    @Test
    void absentIsAtOnceWhenTheFileIsGone() throws Exception {
        Outcome o = run(new WaitForModule(), new Local(false), Map.of("path", dir.resolve("gone").toString(),
                "state", "absent", "timeout", 30));
        assertThat(o.status()).isEqualTo(Outcome.Status.OK);
        assertThat(o.result()).containsEntry("state", "absent").containsEntry("match_groups", List.of());
    }

    @Test
    void ansiblesArgumentRulesAndRefusals() throws Exception {
        Local ctx = new Local(false);
        assertThat(run(new WaitForModule(), ctx, Map.of("path", "/tmp/x", "port", 22)).message())
                .isEqualTo("port and path parameter can not both be passed to wait_for");
        assertThat(run(new WaitForModule(), ctx, Map.of("path", "/tmp/x", "state", "stopped")).message())
                .isEqualTo("state=stopped should only be used for checking a port in the wait_for module");
        assertThat(ctx.scripts).isEmpty();
        List<String> errors = new ArrayList<>();
        Args.bind(new WaitForModule().spec(), Map.of("port", 80, "state", "drained"), false, errors);
        Args.bind(new WaitForModule().spec(), Map.of("port", 80, "host", "-oProxyCommand=x"), false, errors);
        assertThat(errors).hasSize(2).anySatisfy(e -> assertThat(e).contains("state=drained"))
                .anySatisfy(e -> assertThat(e).contains("host must be a host name"));
    }

    @Test
    void searchRegexMustReadAlikeInPythonAndGrep() {
        assertThat(Regexes.problem("ready v([0-9]+)")).isNull();
        assertThat(Regexes.problem("(?P<v>[a-z]+)=\\.x$")).isNull();
        assertThat(Regexes.problem("v\\d+")).contains("[0-9] for \\d");
        assertThat(Regexes.problem("a.*?b")).contains("lazy");
        assertThat(Regexes.problem("(?=x)")).contains("not supported");
        assertThat(Regexes.problem("a(b")).startsWith("Invalid regular expression");
        assertThat(Regexes.toEre("(?P<v>[a-z]+)")).isEqualTo("([a-z]+)");
    }

    @Test
    void rebootRefusesTheControllerAndOnlyReportsInCheckMode() throws Exception {
        Local local = new Local(false);
        Outcome o = run(new RebootModule(), local, Map.of());
        assertThat(o.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(o.message()).isEqualTo("Running reboot with local connection would reboot the control node.");
        assertThat(local.scripts).isEmpty();
    }
}
