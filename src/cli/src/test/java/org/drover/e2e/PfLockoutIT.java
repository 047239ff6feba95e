package org.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.drover.cli.ExitCodes;
import org.drover.testbed.Backend;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pf module's lock-out guard on a simulated host: a ruleset that blocks SSH fails the task with a clear message,
 * and the host puts the previous rules back by itself within rollback_after.
 *
 * <p>What is emulated: the simulated pfctl filters no packets, and the hosts' SSH servers listen on random loopback
 * ports, not 22. {@link SshGate} stands in for the kernel: it wraps the host's pfctl so that after every command
 * that loads, flushes, enables or disables rules, the host's SSH listener refuses new connections exactly while pf
 * is enabled and the loaded main ruleset has a {@code block ... quick ... port = ssh} (or 22) rule; established
 * connections go on, as pf's state table keeps them. The wrapper returns only once the listener follows, so the
 * block starts the instant the rules are loaded, as in the kernel (no race with drover's probe).
 */
class PfLockoutIT {
    static final int ROLLBACK = 3;
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRulesetThatBlocksSshFailsAndTheHostRollsItBack(Backend backend) throws Exception {
        try (Lab lab = Lab.start(backend, 1); SshGate gate = SshGate.install(lab, lab.hosts.get(0))) {
            String h = lab.hosts.get(0);
            Path good = dir.resolve("pf-good.yml");
            Files.writeString(good, playbook(h, "pass in proto tcp from any to any port 22"));
            Lab.Run first = lab.play(good);
            assertThat(first.exit()).as("%s", first).isEqualTo(ExitCodes.CHANGED);
            assertThat(first.connections(h)).as("the guard proved a new connection: %s", first).isEqualTo(2);
            assertThat(gate.transitions()).as("these rules keep SSH open").isEmpty();
            String look = "cat /etc/pf.conf; pfctl -s Running; pfctl -s nat; pfctl -s rules; sysrc -n pf_enable";
            String before = lab.on(h, look);

            Path bad = dir.resolve("pf-lockout.yml");
            Files.writeString(bad, playbook(h, "block in quick proto tcp from any to any port 22"));
            Lab.Run locked = lab.play(bad);
            assertThat(locked.exit()).as("%s", locked).isEqualTo(ExitCodes.FAILED);
            Lab.HostResult r = locked.result(h, "rules");
            assertThat(r.status()).isEqualTo("failed");
            assertThat(r.msg()).contains("new SSH connections to " + h + " failed after the new pf rules were loaded")
                    .contains("restores the previous rules and file by itself " + ROLLBACK + " s after loading")
                    .contains("it did: new connections work again");

            // the block really happened, and the host lifted it by itself within the window
            List<SshGate.Transition> t = gate.transitions();
            assertThat(t).extracting(SshGate.Transition::state).containsExactly("refuse", "accept");
            long blockedMs = t.get(1).atMs() - t.get(0).atMs();
            System.err.printf("%s: SSH blocked for %d ms (rollback_after %d s)%n", backend, blockedMs, ROLLBACK);
            assertThat(blockedMs).as("time SSH stayed blocked").isBetween(ROLLBACK * 1000L - 500, ROLLBACK * 1000L + 4000);
            assertThat(lab.on(h, look)).as("previous rules and file are back").isEqualTo(before);
            assertThat(lab.on(h, "ls -a /etc | grep drover || true")).as("guard files left").isEmpty();

            // and drover can work with the host again: the good rules are in place, nothing to do
            Lab.Run after = lab.play(good);
            assertThat(after.exit()).as("%s", after).isEqualTo(ExitCodes.OK);
            assertThat(after.connections(h)).isEqualTo(1);
        }
    }

    static String playbook(String host, String sshRule) {
        return """
                - hosts: %s
                  gather_facts: false
                  tasks:
                    - name: rules
                      pf:
                        rules: |
                          set skip on lo0
                          block in all
                          pass out all keep state
                          %s
                          pass inet proto icmp all
                        rollback_after: %d
                        boot: true
                """.formatted(host, sshRule, ROLLBACK);
    }

    /** The stand-in for the kernel described on the class. */
    static final class SshGate implements AutoCloseable {
        record Transition(String state, long atMs) {}

        static final String WRAPPER = """
                set -e
                mv /usr/sbin/pfctl /usr/sbin/pfctl.sim
                cat > /usr/sbin/pfctl <<'EOF'
                #!/bin/sh
                # PfLockoutIT: after a load, flush, enable or disable, tell the test whether pf now blocks SSH, and
                # return only once the host's SSH listener follows (or after 10 s).
                /usr/sbin/pfctl.sim "$@"; rc=$?
                act=
                for a; do case $a in -*n*) exit $rc;; -*[fedF]*) act=1;; esac; done
                [ -n "$act" ] || exit $rc
                want=accept
                if /usr/sbin/pfctl.sim -s Running 2>/dev/null | grep -q Enabled &&
                   /usr/sbin/pfctl.sim -s rules 2>/dev/null | grep -Eq '^block .*quick.*port = (ssh|22)( |$)'; then
                    want=refuse
                fi
                if [ "$(cat /var/db/e2e-sshd 2>/dev/null || echo accept)" != "$want" ]; then
                    echo "$want" > /var/db/e2e-sshd.want
                    i=0
                    while [ "$(cat /var/db/e2e-sshd 2>/dev/null || echo accept)" != "$want" ] && [ $i -lt 200 ]; do
                        sleep 0.05; i=$((i + 1))
                    done
                fi
                exit $rc
                EOF
                chmod 0755 /usr/sbin/pfctl
                """;

        private final Lab lab;
        private final String host;
        private final Path want;
        private final Path is;
        private final List<Transition> transitions = Collections.synchronizedList(new ArrayList<>());
        private final long t0 = System.nanoTime();
        private final Thread thread;
        private volatile boolean stop;
        private volatile Throwable failure;

        private SshGate(Lab lab, String host) {
            this.lab = lab;
            this.host = host;
            this.want = lab.fleet.host(host).file("/var/db/e2e-sshd.want");
            this.is = lab.fleet.host(host).file("/var/db/e2e-sshd");
            this.thread = new Thread(this::loop, "ssh-gate-" + host);
            thread.setDaemon(true);
        }

        static SshGate install(Lab lab, String host) throws IOException {
            lab.on(host, WRAPPER);
            SshGate g = new SshGate(lab, host);
            g.thread.start();
            return g;
        }

        private void loop() {
            String applied = "accept";
            try {
                while (!stop) {
                    String w = Files.exists(want) ? Files.readString(want, StandardCharsets.UTF_8).strip() : "accept";
                    if (!w.equals(applied) && (w.equals("refuse") || w.equals("accept"))) {
                        if (w.equals("refuse")) {
                            lab.fleet.refuseConnections(host);
                        } else {
                            lab.fleet.acceptConnections(host);
                        }
                        applied = w;
                        transitions.add(new Transition(w, (System.nanoTime() - t0) / 1_000_000));
                        Files.writeString(is, w + "\n", StandardCharsets.UTF_8);
                    }
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                failure = e;
            }
        }

        List<Transition> transitions() {
            assertThat(failure).as("the SSH gate failed").isNull();
            return List.copyOf(transitions);
        }

        @Override
        public void close() throws Exception {
            stop = true;
            thread.join(Duration.ofSeconds(10).toMillis());
            lab.fleet.acceptConnections(host);
        }
    }
}
