package org.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigFileTest {
    @TempDir
    Path dir;

    static final String ANSIBLE_CFG = """
            [defaults]
            inventory = ./hosts.yml
            remote_user = admin ; inline comments start with ' ;'
            forks: 7
            host_key_checking = False
            timeout = 3
            stdout_callback = yaml
            hash_behaviour = merge
            # a comment
            [privilege_escalation]
            become = True
            become_method = doas
            become_user = operator
            """;

    PlayCommand parsed(ConfigFile config, String... args) {
        PlayCommand c = new PlayCommand();
        CommandLine cl = new CommandLine(c);
        cl.setDefaultValueProvider(config);
        cl.parseArgs(args);
        return c;
    }

    @Test
    void keysThatMapBecomeDefaultsAndTheCommandLineWins() throws Exception {
        Path cfg = dir.resolve("ansible.cfg");
        Files.writeString(cfg, ANSIBLE_CFG);
        ConfigFile config = ConfigFile.parse(cfg, Files.readAllLines(cfg));

        PlayCommand c = parsed(config, "site.yml");
        var o = c.options(null, Map.of(), null);
        var ssh = c.sshSettings();
        assertThat(c.inventorySources()).containsExactly(dir.resolve("hosts.yml"));
        assertThat(ssh.user()).isEqualTo("admin");
        assertThat(o.execution().forks()).isEqualTo(7);
        assertThat(ssh.hostKeyPolicy()).isEqualTo(org.drover.ssh.HostKeyPolicy.OFF);
        assertThat(ssh.connectTimeout()).hasSeconds(3);
        assertThat(o.become().enabled()).isTrue();
        assertThat(o.become().method()).isEqualTo(org.drover.transport.Become.Method.DOAS);
        assertThat(o.become().user()).isEqualTo("operator");

        PlayCommand given = parsed(config, "site.yml", "-f", "9", "-u", "root", "--host-key-checking", "strict");
        assertThat(given.options(null, Map.of(), null).execution().forks()).isEqualTo(9);
        assertThat(given.sshSettings().user()).isEqualTo("root");
        assertThat(given.sshSettings().hostKeyPolicy()).isEqualTo(org.drover.ssh.HostKeyPolicy.STRICT);

        assertThat(config.warnings()).containsExactly(cfg + ": [defaults] hash_behaviour is not honoured by drover");
    }

    @Test
    void theFirstFileFoundIsUsedAsAnsibleSearches() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path cwd = Files.createDirectories(dir.resolve("project"));
        Files.writeString(home.resolve(".ansible.cfg"), "[defaults]\nremote_user = from-home\n");
        assertThat(ConfigFile.find(Map.of(), cwd, home).file()).contains(home.resolve(".ansible.cfg"));

        Files.writeString(cwd.resolve("ansible.cfg"), "[defaults]\nremote_user = from-cwd\n");
        assertThat(ConfigFile.find(Map.of(), cwd, home).file()).contains(cwd.resolve("ansible.cfg"));
        Files.writeString(cwd.resolve("drover.cfg"), "[defaults]\nremote_user = drover\n");
        assertThat(ConfigFile.find(Map.of(), cwd, home).file()).contains(cwd.resolve("drover.cfg"));

        Path named = dir.resolve("named.cfg");
        Files.writeString(named, "[defaults]\n");
        assertThat(ConfigFile.find(Map.of("ANSIBLE_CONFIG", named.toString()), cwd, home).file()).contains(named);

        // as Ansible: a world-writable current directory is not trusted
        Files.setPosixFilePermissions(cwd, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(ConfigFile.find(Map.of(), cwd, home).file()).contains(home.resolve(".ansible.cfg"));
    }

    @Test
    void continuationLinesAndBadLinesAsConfigparser() {
        ConfigFile c = ConfigFile.parse(Path.of("x.cfg"), List.of("[defaults]", "inventory = a,b", "nonsense",
                "[ssh_connection]", "ssh_args = -C", "   -o ControlMaster=auto"));
        assertThat(c.warnings()).containsExactly("x.cfg:3: not a 'key = value' line in a [section]; ignored",
                "x.cfg: [defaults] inventory lists several sources; drover reads one from here, give the others with -i");
    }

    @Test
    void ansibleBooleans() {
        for (String t : List.of("yes", "True", "on", "1", "y", "t")) {
            assertThat(ConfigFile.truthy(t)).as(t).isTrue();
        }
        for (String f : List.of("no", "False", "off", "0", "n", "")) {
            assertThat(ConfigFile.truthy(f)).as(f).isFalse();
        }
    }
}
