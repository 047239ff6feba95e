package org.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.drover.cli.ExitCodes;
import org.drover.cli.Main;
import org.drover.runlock.LockScript;
import org.drover.testbed.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two controllers at once on one simulated host behind real OpenSSH: the first is a separate {@code drover} process
 * (so it can be killed), the second runs in this JVM. The run lock keeps them apart: the second waits, or fails that
 * host naming the holder; a killed controller's lock is broken with a warning; {@code --check} takes none. Two
 * controllers on several hosts, and the pf lock-out case, are in {@link FaultMatrixIT}.
 */
class RunLockIT {
    @TempDir
    Path dir;

    /** The first controller: {@code drover play PLAYBOOK} in its own JVM, output in a file. */
    private Process controller(Lab lab, Path playbook, String... more) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "play", playbook.toString(),
                "-i", lab.fleet.inventory().toString(), "--known-hosts", lab.fleet.knownHosts().toString(),
                "--no-color"));
        cmd.addAll(List.of(more));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile())
                .start();
    }

    private String firstLog() throws IOException {
        return Files.readString(dir.resolve("first.log"));
    }

    private void awaitLock(Lab lab, String h, Process first) throws IOException {
        assertThat(Lab.eventually(Duration.ofSeconds(60), () -> held(lab, h) || !first.isAlive()))
                .as("the first run takes the lock").isTrue();
        assertThat(first.isAlive()).as("first run still going: %s", firstLog()).isTrue();
    }

    private static boolean held(Lab lab, String h) {
        try {
            return lab.fleet.exec(h, "test -f " + LockScript.DIR + "/holder").status() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private Path playbook(String name, String host, String task) throws IOException {
        Path p = dir.resolve(name + ".yml");
        Files.writeString(p, """
                - hosts: %s
                  gather_facts: false
                  tasks:
                    - name: work
                      %s
                """.formatted(host, task));
        return p;
    }

    @Test
    void theSecondRunFailsNamingTheHolderThenWaitsAndProceeds() throws Exception {
        try (Lab lab = Lab.start(Backend.OPENSSH, 2)) {
            String h = lab.hosts.get(0);
            Process first = controller(lab, playbook("slow", h, "command: sleep 6"));
            awaitLock(lab, h, first);
            Path touch = playbook("touch", "labs", "command: touch /var/db/second");

            Lab.Run refused = lab.play(touch, "--lock-timeout", "1");
            assertThat(refused.exit()).as("%s", refused).isEqualTo(ExitCodes.UNREACHABLE);
            Lab.HostResult r = refused.result(h, "work");
            assertThat(r.status()).isEqualTo("unreachable");
            assertThat(r.msg()).matches("locked by run \\S+ of user \\S+ on controller \\S+ \\(pid " + first.pid()
                    + "\\) since 20\\d\\d-\\S+Z; gave up after 1 s \\(--lock-timeout\\)");
            assertThat(refused.result(lab.hosts.get(1), "work").status()).as("the other host goes on").isEqualTo("changed");
            assertThat(lab.on(h, "ls /var/db")).doesNotContain("second");

            Lab.Run waited = lab.play(touch);
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as(firstLog()).isZero();
            assertThat(waited.exit()).as("%s", waited).isEqualTo(ExitCodes.CHANGED);
            assertThat(waited.result(h, "work").status()).isEqualTo("changed");
            assertThat(waited.recap(h, "execs")).as("lock + task + release").isEqualTo(3);
            assertThat(lab.on(h, "ls -a /tmp")).as("released").doesNotContain("drover-run.lock");
        }
    }

    @Test
    void aKilledControllersLockIsBrokenWithAWarningAndCheckTakesNone() throws Exception {
        try (Lab lab = Lab.start(Backend.OPENSSH, 1)) {
            String h = lab.hosts.get(0);
            Process first = controller(lab, playbook("slow", h, "command: sleep 30"));
            awaitLock(lab, h, first);
            String holder = lab.on(h, "cat " + LockScript.DIR + "/holder");
            assertThat(holder).as("anchored to the per-connection sshd").containsPattern("(?m)^anchor=[0-9]+$")
                    .containsPattern("(?m)^comm=sshd(-session)?$").contains("pid=" + first.pid() + "\n");

            Lab.Run check = lab.play(playbook("look", h, "copy: { content: \"x\\n\", dest: /var/db/checked }"),
                    "--check", "--lock-timeout", "0");
            assertThat(check.exit()).as("--check takes no lock: %s", check).isEqualTo(ExitCodes.CHANGED);
            assertThat(check.recap(h, "execs")).as("the copy's read, no lock").isEqualTo(1);

            first.destroyForcibly().waitFor();
            Lab.Run after = lab.play(playbook("touch", h, "command: touch /var/db/second"), "--lock-timeout", "30");
            assertThat(after.exit()).as("%s", after).isEqualTo(ExitCodes.CHANGED);
            List<String> warnings = after.events().stream().filter(e -> "warning".equals(e.get("event")))
                    .map(e -> String.valueOf(e.get("msg"))).toList();
            assertThat(warnings).as("%s", after).anySatisfy(w -> assertThat(w).startsWith(h
                    + ": broke a stale run lock (its SSH session on the host (pid ").contains(") is gone): run ")
                    .contains("(pid " + first.pid() + ")"));
            assertThat(lab.on(h, "ls -a /tmp")).doesNotContain("drover-run.lock");
        }
    }
}
