package org.drover.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The interrupt's stop script against real processes of this machine, started as the SSH transport starts them: a
 * tagged script under the deadline wrapper, with children in the background. Whatever the command does with TERM,
 * nothing of it is left; another command's processes are untouched.
 */
class ShStopTest {
    private static final String TAG = "0123456789abcdef";
    private static final String OTHER = "fedcba9876543210";

    /** The command as SshConnection runs it: /bin/sh -c wrapper, the script tagged; not waited for. */
    private static Process start(String tag, String script) throws IOException {
        return new ProcessBuilder("/bin/sh", "-c", Sh.withDeadline(script, 300, false, tag))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static int run(String script) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    /** Processes of this machine whose arguments carry TAG's unique marker. */
    private static List<ProcessHandle> tagged(String marker) {
        return ProcessHandle.allProcesses().filter(h -> h.info().arguments().map(a -> String.join(" ", a))
                .orElse("").contains(marker)).toList();
    }

    private static boolean eventually(java.util.function.BooleanSupplier c) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (c.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return c.getAsBoolean();
    }

    @Test
    void termStopsTheWholeGroupAndKillsWhatIgnoresIt() throws Exception {
        String polite = "sleep 301 & sleep 302; : marker-polite";
        String deaf = "trap '' TERM; sleep 303 & sleep 304; : marker-deaf";
        String bystander = "sleep 305; : marker-bystander";
        Process a = start(TAG, polite);
        Process b = start(TAG, deaf);
        Process c = start(OTHER, bystander);
        try {
            assertThat(eventually(() -> tagged("marker-polite").size() >= 2 && tagged("marker-deaf").size() >= 2
                    && !tagged("marker-bystander").isEmpty())).isTrue();
            List<ProcessHandle> children = ProcessHandle.allProcesses()
                    .filter(h -> h.info().commandLine().orElse("").matches(".*sleep 30[1-4].*")).toList();
            assertThat(run(Sh.stopScript(StopSignal.TERM, List.of(TAG), 1))).isZero();
            assertThat(eventually(() -> tagged("marker-polite").isEmpty() && tagged("marker-deaf").isEmpty()))
                    .as("the tagged commands are gone").isTrue();
            assertThat(eventually(() -> children.stream().noneMatch(ProcessHandle::isAlive)))
                    .as("and their children, the one that ignores TERM included").isTrue();
            assertThat(tagged("marker-bystander")).as("another command goes on").isNotEmpty();
            assertThat(run(Sh.stopScript(StopSignal.KILL, List.of(OTHER), 1))).isZero();
            assertThat(eventually(() -> tagged("marker-bystander").isEmpty())).isTrue();
        } finally {
            for (Process p : List.of(a, b, c)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    @Test
    void tagsAreHexOnlyAndTheScriptCannotMatchItself() {
        assertThatThrownBy(() -> Sh.stopScript(StopSignal.TERM, List.of("abc'; reboot"), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sh.withDeadline("true", 5, false, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Sh.withDeadline("true", 5, false, TAG)).contains("# drover-job " + TAG + "\n");
        assertThat(Sh.stopScript(StopSignal.KILL, List.of(TAG, OTHER), 1))
                .contains("pgrep -f 'drover-jo[b] (" + TAG + "|" + OTHER + ")'")
                .doesNotContain("drover-job").doesNotContain("sleep");
    }
}
