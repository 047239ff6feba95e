package org.drover.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.drover.ssh.agent.Agent;
import org.drover.transport.UnreachableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Authentication through a real OpenSSH ssh-agent (its keys only: the target names no key file) to a real sshd. */
class AgentIT {
    @TempDir
    Path dir;
    Process agent;
    Path socket;

    @BeforeEach
    void startAgent() throws Exception {
        socket = dir.resolve("agent.sock");
        agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true).start();
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(50);
        }
        assertThat(socket).exists();
    }

    @AfterEach
    void stopAgent() throws Exception {
        agent.destroy();
        agent.waitFor(10, TimeUnit.SECONDS);
    }

    void add(String key) throws Exception {
        ProcessBuilder p = new ProcessBuilder("ssh-add", TestKeys.key(key).toString()).redirectErrorStream(true);
        p.environment().put("SSH_AUTH_SOCK", socket.toString());
        Process run = p.start();
        String out = new String(run.getInputStream().readAllBytes());
        assertThat(run.waitFor()).as(out).isZero();
    }

    SshTarget target(Sshd sshd, Path knownHosts) {
        return new SshTarget("agent-host", "127.0.0.1", sshd.port(), "root", List.of(), null, null, List.of(),
                HostKeyPolicy.STRICT, knownHosts, Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30),
                0, socket);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id_ed25519", "id_ecdsa", "id_rsa"})
    void logsInWithTheAgentsKey(String key) throws Exception {
        add("id_ecdsa".equals(key) ? "id_ed25519" : "id_ecdsa"); // another key first: the server refuses it, then
        add(key);                                                // drover offers the next one
        assertThat(new Agent(socket).identities()).hasSize(2);
        try (Sshd sshd = Sshd.in(dir.resolve("sshd")).hostKeys("ed25519").authorize("root", TestKeys.pub(key)).start()) {
            Path kh = dir.resolve("known_hosts");
            Files.writeString(kh, sshd.knownHostsLine("ed25519") + "\n");
            try (SshConnection c = new SshConnectionFactory().open(target(sshd, kh))) {
                assertThat(c.exec("echo via agent").stdout()).isEqualTo("via agent\n");
            }
            String fp = Sshd.run("ssh-keygen", "-lf", TestKeys.key(key) + ".pub").split("\\s+")[1];
            assertThat(sshd.logText()).contains("Accepted publickey for root").contains(fp);
        }
    }

    @Test
    void anAgentWithoutTheRightKeyFailsNamingWhatWasTried() throws Exception {
        add("id_ecdsa");
        try (Sshd sshd = Sshd.in(dir.resolve("sshd")).hostKeys("ed25519").authorize("root", TestKeys.pub("id_rsa"))
                .start()) {
            Path kh = dir.resolve("known_hosts");
            Files.writeString(kh, sshd.knownHostsLine("ed25519") + "\n");
            assertThatThrownBy(() -> new SshConnectionFactory().open(target(sshd, kh)))
                    .isInstanceOf(UnreachableException.class)
                    .hasMessageContaining("authentication failed")
                    .hasMessageContaining("agent key t-ecdsa");
        }
    }
}
