package org.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.drover.inventory.Host;
import org.drover.ssh.HostKeyPolicy;
import org.drover.ssh.JumpHost;
import org.drover.ssh.SshSettings;
import org.drover.ssh.SshTarget;
import org.drover.ssh.config.SshConfig;
import org.junit.jupiter.api.Test;

class SshTargetsTest {
    static SshSettings options(String user, Path key, String policy, Path knownHosts) {
        return new SshSettings(user, HostKeyPolicy.parse(policy), knownHosts, key, Duration.ofSeconds(7),
                Duration.ofSeconds(90), org.drover.ssh.config.SshConfig.empty(), null);
    }

    @Test
    void defaultsComeFromTheNameAndTheCurrentUser() {
        SshTarget t = SshTargets.of(new Host("jail1.lab", List.of("all"), Map.of()), SshSettings.defaults(), null);
        assertThat(t.address()).isEqualTo("jail1.lab");
        assertThat(t.port()).isEqualTo(22);
        assertThat(t.user()).isEqualTo(System.getProperty("user.name"));
        assertThat(t.hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
        assertThat(t.knownHosts()).isEqualTo(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
        assertThat(t.jumps()).isEmpty();
        assertThat(t.identityFiles()).allSatisfy(p -> assertThat(p.getFileName().toString()).isIn(
                "id_ed25519", "id_ecdsa", "id_rsa"));
    }

    @Test
    void hostVariablesWinOverOptionsAndAnsibleNamesWork() {
        Host h = new Host("web1", List.of("all"), Map.of("ansible_host", "10.0.0.5", "ansible_port", 2222,
                "ansible_user", "admin", "ansible_ssh_private_key_file", "~/keys/lab", "ansible_password", "s3cret",
                "ansible_ssh_common_args", "-o StrictHostKeyChecking=no -o ProxyJump=ops@bastion:2200,gw"));
        SshTarget t = SshTargets.of(h, options("someone", Path.of("/k"), "accept-new", Path.of("/tmp/kh")), null);
        assertThat(t.endpoint()).isEqualTo("admin@10.0.0.5:2222");
        assertThat(t.identityFiles()).containsExactly(Path.of(System.getProperty("user.home"), "keys", "lab"));
        assertThat(new String(t.password())).isEqualTo("s3cret");
        assertThat(t.toString()).doesNotContain("s3cret");
        assertThat(t.jumps()).containsExactly(new JumpHost("ops", "bastion", 2200), new JumpHost(null, "gw", 22));
        assertThat(t.hostKeyPolicy()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
        assertThat(t.knownHosts()).isEqualTo(Path.of("/tmp/kh"));
        assertThat(t.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(t.commandTimeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void optionsApplyWhenTheHostSaysNothing() {
        Host h = new Host("db", List.of("all"), Map.of("drover_ssh_jump", "root@[::1]:2022", "drover_port", "2200"));
        SshTarget t = SshTargets.of(h, options("ops", Path.of("/keys/id"), "off", null), null);
        assertThat(t.user()).isEqualTo("ops");
        assertThat(t.port()).isEqualTo(2200);
        assertThat(t.identityFiles()).containsExactly(Path.of("/keys/id"));
        assertThat(t.jumps()).containsExactly(new JumpHost("root", "::1", 2022));
        assertThat(t.hostKeyPolicy()).isEqualTo(HostKeyPolicy.OFF);
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> SshTargets.of(new Host("x", List.of(), Map.of("drover_port", "ssh")),
                SshSettings.defaults(), null)).hasMessageContaining("port");
        assertThatThrownBy(() -> HostKeyPolicy.parse("maybe")).hasMessageContaining("accept-new");
        assertThat(HostKeyPolicy.parse("no")).isEqualTo(HostKeyPolicy.OFF);
        assertThat(HostKeyPolicy.parse(null)).isEqualTo(HostKeyPolicy.STRICT);
        assertThatThrownBy(() -> JumpHost.parse("host:notaport")).hasMessageContaining("port");
        assertThat(JumpHost.parseChain("none")).isEmpty();
        assertThat(JumpHost.parse("ssh://u@h:2").toString()).isEqualTo("u@h:2");
    }

    @Test
    void sshConfigFillsWhatTheHostAndTheCommandLineLeaveOpen() {
        SshConfig cfg = SshConfig.parse("config", List.of("Host 10.0.0.*", "  HostName ignored-after-first",
                "Host lab-*", "  HostName %h.example.net", "  User cfguser", "  Port 2022",
                "  StrictHostKeyChecking accept-new", "  ProxyJump gw.example.net", "  ConnectTimeout 4",
                "  ServerAliveInterval 5", "  UserKnownHostsFile ~/lab_known_hosts"));
        SshSettings settings = new SshSettings(null, null, null, null, null, Duration.ofSeconds(90), cfg, null);

        SshTarget t = SshTargets.of(new Host("lab-1", List.of("all"), Map.of()), settings, null);
        assertThat(t.endpoint()).isEqualTo("cfguser@lab-1.example.net:2022");
        assertThat(t.hostKeyPolicy()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
        assertThat(t.jumps()).containsExactly(new JumpHost(null, "gw.example.net", 22));
        assertThat(t.connectTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(t.keepAlive()).isEqualTo(Duration.ofSeconds(5));
        assertThat(t.knownHosts()).isEqualTo(Path.of(System.getProperty("user.home"), "lab_known_hosts"));

        // host variables and the command line win; patterns match ansible_host, as `ssh ADDRESS` would
        Host pinned = new Host("lab-2", List.of("all"), Map.of("ansible_user", "admin", "ansible_port", 22,
                "drover_ssh_jump", "none"));
        SshSettings cli = new SshSettings(null, HostKeyPolicy.STRICT, null, null, Duration.ofSeconds(9),
                Duration.ofSeconds(90), cfg, null);
        SshTarget p = SshTargets.of(pinned, cli, null);
        assertThat(p.endpoint()).isEqualTo("admin@lab-2.example.net:22");
        assertThat(p.hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
        assertThat(p.jumps()).isEmpty();
        assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(9));
        SshTarget byAddress = SshTargets.of(new Host("db", List.of("all"), Map.of("ansible_host", "lab-db")), cli, null);
        assertThat(byAddress.address()).isEqualTo("lab-db.example.net");
    }

    @Test
    void identitiesOnlyTurnsTheAgentOffAndStrictHostKeyCheckingNoIsOff() {
        SshConfig cfg = SshConfig.parse("config", List.of("Host a", "  IdentitiesOnly yes",
                "  StrictHostKeyChecking no", "Host b", "  IdentityAgent /run/agent.sock", "  StrictHostKeyChecking yes",
                "  ProxyCommand nc %h %p"));
        SshSettings settings = new SshSettings(null, null, null, null, null, Duration.ofSeconds(90), cfg, null);
        SshTarget a = SshTargets.of(new Host("a", List.of("all"), Map.of()), settings, null);
        assertThat(a.agent()).isNull();
        assertThat(a.hostKeyPolicy()).isEqualTo(HostKeyPolicy.OFF);
        SshTarget b = SshTargets.of(new Host("b", List.of("all"), Map.of()), settings, null);
        assertThat(b.agent()).isEqualTo(Path.of("/run/agent.sock"));
        assertThat(b.hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
        assertThat(SshTargets.resolve(new Host("b", List.of("all"), Map.of()), settings, null).warnings())
                .containsExactly("b: ssh option 'proxycommand' (config:7) is not honoured by drover");
    }

    @Test
    void theAskedPasswordServesHostsThatSetNone() {
        SshSettings asked = new SshSettings(null, null, null, null, null, Duration.ofSeconds(90), SshConfig.empty(),
                "typed".toCharArray());
        assertThat(new String(SshTargets.of(new Host("a", List.of("all"), Map.of()), asked, null).password()))
                .isEqualTo("typed");
        assertThat(new String(SshTargets.of(new Host("b", List.of("all"), Map.of("ansible_password", "own")), asked,
                null).password())).isEqualTo("own");
        assertThat(asked.toString()).doesNotContain("typed");
    }
}
