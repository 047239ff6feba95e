package org.drover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTest {
    @Test
    void the_three_clients_run_the_same_remote_commands() throws Exception {
        List<String> commands = Files.readAllLines(Path.of(System.getProperty("drover.root", "../.."), "src/bench/generic/commands.txt")).stream()
                .filter(l -> !l.isBlank()).toList();
        assertThat(commands).hasSize(Bench.GENERIC_TASKS);
        for (String playbook : List.of("drover.yml", "ansible.yml")) {
            List<String> lines = Files.readAllLines(Path.of(System.getProperty("drover.root", "../.."), "src/bench/generic", playbook));
            List<String> run = lines.stream().map(String::strip)
                    .filter(l -> l.startsWith("command: ") || l.startsWith("shell: "))
                    .map(l -> l.substring(l.indexOf(": ") + 2)).toList();
            assertThat(run).as(playbook).isEqualTo(commands);
            assertThat(lines.stream().filter(l -> l.contains("changed_when: false")).count()).isEqualTo(5);
            assertThat(lines).contains("  gather_facts: false");
        }
    }

    @Test
    void options_default_and_quick() {
        BenchOptions full = BenchOptions.parse(new String[0]);
        assertThat(full.hosts()).containsExactly(10, 50);
        assertThat(full.reps()).isEqualTo(3);
        assertThat(full.labHosts()).containsExactly(10, 50);
        assertThat(full.scaleHosts()).isEqualTo(1000);
        BenchOptions quick = BenchOptions.parse(new String[] {"--quick", "--no-ansible"});
        assertThat(quick.reps()).isEqualTo(1);
        assertThat(quick.hosts()).containsExactly(10);
        assertThat(quick.scaleHosts()).isZero();
        assertThat(quick.profileHosts()).isZero();
        assertThat(quick.ansible()).isFalse();
        assertThat(BenchOptions.parse(new String[] {"--lab", "none"}).labHosts()).isEmpty();
        assertThat(BenchOptions.parse(new String[] {"--bogus"})).isNull();
    }

    @Test
    void ansible_recap_must_show_every_host_with_the_expected_changes(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("a.log");
        Files.writeString(log, """
                PLAY RECAP *********************************************************************
                lab01                      : ok=10   changed=5    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0
                lab02                      : ok=10   changed=5    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0
                """);
        Bench.Measured ok = new Bench.Measured(0, 1, 1, 1, 1, 0, java.util.Map.of(), log);
        assertThat(Bench.checkAnsible(ok, 2, 5)).isNull();
        assertThat(Bench.checkAnsible(ok, 2, 0)).contains("0/2 hosts with changed=0");
        assertThat(Bench.checkAnsible(ok, 3, 5)).contains("2/3");
        Bench.Measured failed = new Bench.Measured(2, 1, 1, 1, 1, 0, java.util.Map.of(), log);
        assertThat(Bench.checkAnsible(failed, 2, 5)).startsWith("exit 2");
    }

    @Test
    void floor_output_is_checked_against_hosts_and_changes(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("f.log");
        Files.writeString(log, "floor: 3 hosts, 30 commands, 15 created, 0 failed\n");
        Bench.Measured m = new Bench.Measured(0, 1, 1, 1, 1, 0, java.util.Map.of(), log);
        assertThat(Bench.checkFloor(m, 3, 15)).isNull();
        assertThat(Bench.checkFloor(m, 3, 0)).contains("expected 30 commands, 0 created");
    }

    @Test
    void medians() {
        assertThat(BenchReport.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(BenchReport.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        assertThat(BenchReport.median(List.of())).isNaN();
    }

    @Test
    void jfr_areas() {
        assertThat(JfrSummary.area("org.drover.engine.Engine")).isEqualTo("org.drover.engine");
        assertThat(JfrSummary.area("net.schmizz.sshj.SSHClient")).isEqualTo("net.schmizz");
        assertThat(JfrSummary.area("java.util.HashMap")).isEqualTo("java.util");
    }
}
