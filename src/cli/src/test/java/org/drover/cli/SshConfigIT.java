package org.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.drover.inventory.Host;
import org.drover.ssh.PassphraseSource;
import org.drover.ssh.SshSettings;
import org.drover.ssh.Sshd;
import org.drover.ssh.TestKeys;
import org.drover.ssh.config.SshConfig;
import org.drover.transport.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host reached only through what ~/.ssh/config and ansible_ssh_common_args say, against a real OpenSSH sshd. */
class SshConfigIT {
    @Test
    void anInventoryNameIsResolvedThroughSshConfigAndOptions(@TempDir Path base) throws Exception {
        try (Sshd sshd = Sshd.in(base.resolve("sshd")).hostKeys("ed25519").authorize("root", TestKeys.pub("id_ecdsa"))
                .start()) {
            Path ssh = Files.createDirectories(base.resolve("home/.ssh"));
            Files.writeString(ssh.resolve("known_hosts_lab"), sshd.knownHostsLine("ed25519") + "\n");
            Files.writeString(ssh.resolve("config"), """
                    Host web*
                        HostName 127.0.0.1
                        User root
                        IdentityFile %s
                        IdentitiesOnly yes
                        UserKnownHostsFile %s
                    Host web2
                        Port 1
                    Host *
                        Port %d
                    """.formatted(TestKeys.key("id_ecdsa"), ssh.resolve("known_hosts_lab"), sshd.port()));
            SshSettings settings = new SshSettings(null, null, null, null, Duration.ofSeconds(5),
                    Duration.ofSeconds(30), SshConfig.load(ssh.resolve("config"), ssh), null);
            Host web1 = new Host("web1", List.of("all"), Map.of());
            // web2's file port is wrong; its -o option comes first, as ssh -o would
            Host web2 = new Host("web2", List.of("all"), Map.of("ansible_ssh_common_args",
                    "-o Port=" + sshd.port() + " -o ControlMaster=auto -o Ciphers=aes128-ctr -C"));
            try (SshTransport t = new SshTransport(settings, PassphraseSource.NONE)) {
                for (Host h : List.of(web1, web2)) {
                    try (Connection c = t.open(h)) {
                        assertThat(c.exec("echo $((6*7))").stdout()).isEqualTo("42\n");
                    }
                }
            }
            assertThat(SshTransport.warnings(settings, List.of(web1, web2))).containsExactly(
                    "web2: ansible_ssh_common_args: '-C' is not honoured by drover (only -o options and -J are read)",
                    "web2: ssh option 'Ciphers=aes128-ctr' is not honoured by drover");
        }
    }
}
