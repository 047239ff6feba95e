package org.drover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.engine.Fixtures.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.drover.engine.HostResult.Status;
import org.drover.module.ModuleRegistry;
import org.drover.playbook.Play;
import org.drover.runlock.LockScript;
import org.drover.template.JinjavaTemplater;
import org.drover.transport.ExecResult;
import org.junit.jupiter.api.Test;

/** When the engine takes and releases the run lock; the scripts themselves are tested in LockScriptTest. */
class RunLockEngineTest {
    private static final ModuleRegistry MODULES = ModuleRegistry.load();
    private static final JinjavaTemplater TEMPLATER = new JinjavaTemplater();
    private final Recorder rec = new Recorder();

    /** Host b is held by another run; a's lock is free; every other script echoes. */
    private final FakeConnections fake = new FakeConnections((host, req) -> {
        String s = req.script();
        if (s.contains(LockScript.DIR) && s.contains("mkdir")) {
            return host.equals("b")
                    ? ExecResult.of(LockScript.BUSY, "busy\nrun=other\ncontroller=c2\nuser=bob\npid=7\nsince=0\n", "")
                    : ExecResult.of(0, "acquired\n", "");
        }
        return ExecResult.of(0, s.startsWith("echo ") ? s.substring(5) : "", "");
    });

    private RunSummary run(boolean check, Play play) {
        RunOptions d = RunOptions.defaults();
        RunOptions opts = new RunOptions(new RunOptions.Execution(50, Duration.ofSeconds(20), 0, false, 0, Duration.ofSeconds(5)),
                new RunOptions.Mode(check, false), RunOptions.Selection.ALL, d.become(), Map.of());
        return new Engine(MODULES, TEMPLATER, fake, opts, rec).run(List.of(playbook(play)), inventory("a", "b"));
    }

    /** The host's scripts, lock scripts named. */
    private List<String> scripts(String host) {
        return fake.scripts(host).stream().map(s -> !s.contains(LockScript.DIR) ? s.strip()
                : s.contains("mkdir") ? "<take>" : "<release>").toList();
    }

    @Test
    void takenBeforeTheFirstChangingTaskReleasedAfterHandlersAndAHeldHostIsUnreachable() {
        RunSummary s = run(false, play("all").tasks(
                debug("no exec").name("quiet"),
                shell("echo one").name("one").notify("h"),
                shell("echo two").name("two")).handlers(shell("echo handled").name("h")).build());
        assertThat(scripts("a")).containsExactly("<take>", "echo one", "echo two", "echo handled", "<release>");
        assertThat(s.hosts().get("a").execs()).as("the lock's round trips count").isEqualTo(5);
        assertThat(scripts("b")).as("nothing runs on a host another run holds").containsExactly("<take>");
        HostResult b = rec.of("one", "b");
        assertThat(b.status()).isEqualTo(Status.UNREACHABLE);
        assertThat(b.message()).isEqualTo("locked by run other of user bob on controller c2 (pid 7) since "
                + "1970-01-01T00:00:00Z; gave up after 5 s (--lock-timeout)");
        assertThat(rec.of("two")).extracting(HostResult::host).containsExactly("a");
        assertThat(s.hosts().get("b").unreachable()).isEqualTo(1);
    }

    @Test
    void checkRunsTakeNoneUnlessATaskIsForcedOutOfCheckMode() {
        run(true, play("a").tasks(shell("echo looked").name("look")).build());
        assertThat(fake.calls).isEmpty();
        run(true, play("a").tasks(shell("echo looked").name("look"),
                shell("echo runs").name("forced").checkMode(false)).build());
        assertThat(scripts("a")).containsExactly("<take>", "echo runs", "<release>");
    }
}
