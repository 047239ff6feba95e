package org.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.drover.testbed.Backend;
import org.drover.testbed.Fleet;
import org.drover.testbed.FleetSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safety promises end to end, drover in its own process against a simulated host behind a real OpenSSH
 * sshd: no_log hides values from every output, remote control characters reach the terminal escaped, output
 * is bounded, big scripts get through, and hostile values are refused or arrive as data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SafetyIT {
    static final String SECRET = "hunter2-s3cr3t";
    Fleet fleet;
    @TempDir
    Path dir;

    @BeforeAll
    void start() throws IOException {
        fleet = Fleet.start(FleetSpec.builder().hosts(1).backend(Backend.OPENSSH).build());
    }

    @AfterAll
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    record Run(int code, String stdout, String stderr) {}

    Run play(String playbook, String... more) throws Exception {
        Path f = dir.resolve("site-" + System.nanoTime() + ".yml");
        Files.writeString(f, playbook);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "play", f.toString(),
                "-i", fleet.inventory().toString(), "--known-hosts", fleet.knownHosts().toString(), "--no-color"));
        cmd.addAll(List.of(more));
        Path out = dir.resolve("out-" + System.nanoTime());
        Path err = dir.resolve("err-" + System.nanoTime());
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void no_log_hides_the_secret_from_console_log_file_json_junit_and_diff() throws Exception {
        String book = """
                - hosts: labs
                  gather_facts: false
                  vars: {secret: %s}
                  tasks:
                    - name: secret command
                      shell: "echo {{ secret }}; echo {{ secret }} >&2; exit 3"
                      no_log: true
                      ignore_errors: true
                    - name: secret file
                      copy: {content: "{{ secret }}\\n", dest: /tmp/drover-nolog.txt}
                      no_log: true
                    - name: secret in rc.conf
                      sysrc: {name: drover_secret, value: "{{ secret }}"}
                      no_log: true
                """.formatted(SECRET);
        Path log = dir.resolve("drover.log");
        Path junit = dir.resolve("junit.xml");
        Run console = play(book, "-vvvv", "--diff", "--log-file", log.toString(), "--junit", junit.toString());
        assertThat(console.code()).as(console.stdout() + console.stderr()).isEqualTo(ExitCodes.OK);
        assertThat(console.stdout()).contains("the output has been hidden due to the fact that 'no_log: true' was "
                + "specified for this result").doesNotContain(SECRET);
        assertThat(console.stderr()).doesNotContain(SECRET);
        assertThat(Files.readString(log)).contains("org.drover.ssh.commands").doesNotContain(SECRET)
                .contains("'no_log: true' was specified");
        assertThat(Files.readString(junit)).doesNotContain(SECRET);
        Run json = play(book, "--output", "json", "-vvv", "--diff");
        assertThat(json.stdout()).contains("\"censored\"").doesNotContain(SECRET);
        assertThat(json.stderr()).doesNotContain(SECRET);
    }

    @Test
    void remote_escape_sequences_reach_the_terminal_escaped_and_json_keeps_them() throws Exception {
        String book = """
                - hosts: labs
                  gather_facts: false
                  tasks:
                    - name: hostile output
                      shell: "printf 'a\\\\033]0;owned\\\\007b\\\\033[2J\\\\n'; printf 'e\\\\033[31m\\\\n' >&2; exit 4"
                """;
        Run console = play(book, "-v");
        assertThat(console.stdout()).doesNotContain("\u001b").doesNotContain("\u0007")
                .contains("a\\x1b]0;owned\\x07b\\x1b[2J").contains("e\\x1b[31m");
        Run json = play(book, "--output", "json");
        assertThat(json.stdout()).contains("a\\u001b]0;owned\\u0007b\\u001b[2J").doesNotContain("\u001b");
    }

    @Test
    void output_beyond_max_output_is_counted_not_kept() throws Exception {
        Run r = play("""
                - hosts: labs
                  gather_facts: false
                  tasks:
                    - shell: "head -c 50000000 /dev/zero | tr '\\\\0' a"
                      register: big
                    - assert:
                        that:
                          - big.stdout | length < 1100000
                          - big.stdout is search('\\.\\.\\. 48951424 bytes more not kept')
                """, "--max-output", "1M");
        assertThat(r.code()).as(r.stdout() + r.stderr()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void a_100_kB_value_gets_through() throws Exception {
        Run r = play("""
                - hosts: labs
                  gather_facts: false
                  vars:
                    big: "%s"
                  tasks:
                    - shell: "printf %%s '{{ big }}' | wc -c"
                      register: n
                    - assert:
                        that: ["n.stdout | int == 100000"]
                """.formatted(("x".repeat(99) + "\\n").repeat(1000)));
        assertThat(r.code()).as(r.stdout() + r.stderr()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void a_command_line_too_long_for_ssh_fails_the_task_clearly_and_the_host_stays_reachable() throws Exception {
        Run r = play("""
                - hosts: labs
                  gather_facts: false
                  vars:
                    quotes: "%s"
                  tasks:
                    - shell: "printf %%s {{ quotes | quote }} | wc -c"
                      ignore_errors: true
                    - ping:
                """.formatted("'".repeat(100_000)));
        assertThat(r.code()).as(r.stdout() + r.stderr()).isEqualTo(ExitCodes.OK);
        assertThat(r.stdout()).contains("bytes long, more than").contains("ok=2").doesNotContain("unreachable=1")
                .doesNotContain("Exception");
    }

    @Test
    void hostile_values_from_variables_are_refused_or_stay_data_on_the_host() throws Exception {
        Run r = play("""
                - hosts: labs
                  gather_facts: false
                  vars:
                    newline: "YES\\ntouch /tmp/drover-pwned"
                    subst: "$(touch /tmp/drover-pwned)"
                    dash: "-rf"
                  tasks:
                    - sysrc: {name: drover_hostile, value: "{{ newline }}"}
                      register: a
                      ignore_errors: true
                    - copy: {content: x, dest: "{{ dash }}"}
                      register: b
                      ignore_errors: true
                    - shell: pwd
                      args: {chdir: "{{ dash }}"}
                      register: c
                      ignore_errors: true
                    - command:
                        argv: [echo, "{{ subst }}"]
                      register: d
                    - sysrc: {name: drover_hostile, value: "{{ subst }}"}
                    - command: sysrc -n drover_hostile
                      register: e
                    - command: test -e /tmp/drover-pwned
                      register: f
                      failed_when: false
                    - assert:
                        that:
                          - a.failed and 'control characters' in a.msg
                          - b.failed and 'starts with' in b.msg
                          - c.failed and 'starts with' in c.msg
                          - d.stdout == '$(touch /tmp/drover-pwned)'
                          - e.stdout == '$(touch /tmp/drover-pwned)'
                          - f.rc == 1
                """);
        assertThat(r.code()).as(r.stdout() + r.stderr()).isEqualTo(ExitCodes.OK);
    }
}
