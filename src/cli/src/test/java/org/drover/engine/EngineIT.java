package org.drover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.drover.inventory.Inventory;
import org.drover.inventory.InventoryLoader;
import org.drover.module.ModuleRegistry;
import org.drover.playbook.Playbook;
import org.drover.playbook.PlaybookLoader;
import org.drover.report.ConsoleReporter;
import org.drover.cli.SshTransport;
import org.drover.ssh.HostKeyPolicy;
import org.drover.ssh.PassphraseSource;
import org.drover.ssh.SshSettings;
import org.drover.template.JinjavaTemplater;
import org.drover.testbed.Backend;
import org.drover.testbed.Fleet;
import org.drover.testbed.FleetSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine over the real SSH transport against simulated FreeBSD hosts behind real OpenSSH sshd: facts, command,
 * shell, copy and template converge, a second run changes nothing (one round trip per file), drift is found on the
 * one host that has it, and a host that refuses connections does not hold up the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineIT {
    private Fleet fleet;
    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        fleet = Fleet.start(FleetSpec.builder().hosts(3).backend(Backend.OPENSSH).versions("14.3", "15.0").build());
    }

    @AfterAll
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @AfterEach
    void reset() throws Exception {
        fleet.acceptConnections("lab02");
        fleet.reset();
    }

    private record Run(RunSummary summary, String output) {}

    private Run play(String yaml) throws Exception {
        Files.writeString(dir.resolve("site.yml"), yaml);
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates/app.conf.j2"),
                "# managed by drover\nhost={{ inventory_hostname }}\nrelease={{ ansible_distribution_release }}\n");
        ModuleRegistry modules = ModuleRegistry.load();
        Playbook pb = PlaybookLoader.of(modules).load(dir.resolve("site.yml"));
        Inventory inv = InventoryLoader.load(List.of(fleet.inventory()));
        RunOptions opts = new RunOptions(new RunOptions.Execution(10, Duration.ofSeconds(60), 0),
                new RunOptions.Mode(false, true), RunOptions.Selection.ALL, RunOptions.BecomeDefaults.OFF, Map.of());
        SshSettings settings = new SshSettings(null, HostKeyPolicy.STRICT, fleet.knownHosts(), fleet.clientKey(),
                Duration.ofSeconds(10), Duration.ofSeconds(60), org.drover.ssh.config.SshConfig.empty(), null);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (SshTransport ssh = new SshTransport(settings, PassphraseSource.NONE)) {
            RunSummary s = new Engine(modules, new JinjavaTemplater(), ssh, opts,
                    new ConsoleReporter(new PrintStream(buf, true, StandardCharsets.UTF_8), false, false, 0, false))
                    .run(List.of(pb), inv);
            return new Run(s, buf.toString(StandardCharsets.UTF_8));
        }
    }

    private static final String SITE = """
            - name: configure
              hosts: labs
              tasks:
                - name: is FreeBSD 14 or 15
                  assert:
                    that:
                      - ansible_system == 'FreeBSD'
                      - ansible_distribution_major_version in ['14', '15']
                      - ansible_facts.hostname == inventory_hostname
                - name: kernel
                  command: uname -r
                  register: uname
                  changed_when: false
                - name: directory
                  command: mkdir -p /usr/local/etc/app
                  args:
                    creates: /usr/local/etc/app
                - name: static file
                  copy:
                    content: "static {{ uname.stdout }}\\n"
                    dest: /usr/local/etc/app/static.conf
                    mode: "0640"
                - name: rendered file
                  template:
                    src: app.conf.j2
                    dest: /usr/local/etc/app/app.conf
                - name: count files
                  shell: ls /usr/local/etc/app | wc -l
                  register: n
                  changed_when: false
                  failed_when: n.stdout | trim != '2'
            """;

    @Test
    void convergesThenChangesNothingThenFindsDrift() throws Exception {
        Run first = play(SITE);
        assertThat(first.summary().anyFailed()).as(first.output()).isFalse();
        assertThat(first.summary().anyUnreachable()).as(first.output()).isFalse();
        assertThat(first.summary().hosts()).hasSize(3);
        assertThat(first.summary().hosts().values()).allSatisfy(h -> assertThat(h.changed()).isEqualTo(3));
        assertThat(fleet.exec("lab02", "cat /usr/local/etc/app/app.conf").output())
                .isEqualTo("# managed by drover\nhost=lab02\nrelease=" + fleet.host("lab02").version() + "\n");

        Run second = play(SITE);
        assertThat(second.summary().anyChanged()).as(second.output()).isFalse();
        for (RunSummary.TaskStats t : second.summary().tasks()) {
            if (t.task().module().equals("copy") || t.task().module().equals("template")) {
                assertThat(t.execsPerHost()).as(t.task().name()).isEqualTo(1.0);
            }
        }

        fleet.exec("lab03", "echo tampered >> /usr/local/etc/app/static.conf");
        Run third = play(SITE);
        assertThat(third.summary().hosts().get("lab03").changed()).as(third.output()).isEqualTo(1);
        assertThat(third.summary().hosts().get("lab01").changed()).isZero();
        assertThat(third.output()).contains("changed: [lab03]").contains("-tampered");
    }

    @Test
    void aHostThatRefusesConnectionsIsUnreachableAndTheOthersFinish() throws Exception {
        fleet.refuseConnections("lab02");
        Run r = play(SITE);
        assertThat(r.summary().hosts().get("lab02").unreachable()).as(r.output()).isEqualTo(1);
        assertThat(r.summary().hosts().get("lab01").failed()).isZero();
        assertThat(r.summary().hosts().get("lab03").changed()).isEqualTo(3);
        assertThat(r.output()).contains("unreachable: [lab02]");
    }
}
