package org.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.drover.inventory.Host;
import org.drover.ssh.HostKeyPolicy;
import org.drover.ssh.PassphraseSource;
import org.drover.ssh.SshSettings;
import org.drover.ssh.Sshd;
import org.drover.ssh.TestKeys;
import org.drover.transport.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An inventory host reached over SSH through its connection variables, against a real OpenSSH sshd. */
class SshTransportIT {
    @Test
    void opensFromInventoryHostVariables(@TempDir Path base) throws Exception {
        try (Sshd sshd = Sshd.in(base.resolve("sshd")).hostKeys("ed25519").authorize("root", TestKeys.pub("id_ecdsa"))
                .start()) {
            Path knownHosts = base.resolve("known_hosts");
            Files.writeString(knownHosts, sshd.knownHostsLine("ed25519") + "\n");
            Host h = new Host("web1", List.of("all"), Map.of("ansible_host", "127.0.0.1", "ansible_port", sshd.port(),
                    "drover_user", "root", "ansible_ssh_private_key_file", TestKeys.key("id_ecdsa").toString()));
            SshSettings settings = new SshSettings(null, HostKeyPolicy.STRICT, knownHosts, null,
                    Duration.ofSeconds(5), Duration.ofSeconds(30), org.drover.ssh.config.SshConfig.empty(), null);
            try (SshTransport t = new SshTransport(settings, PassphraseSource.NONE); Connection c = t.open(h)) {
                assertThat(c.host()).isEqualTo("web1");
                assertThat(c.exec("echo $((6*7))").stdout()).isEqualTo("42\n");
            }
        }
    }
}
