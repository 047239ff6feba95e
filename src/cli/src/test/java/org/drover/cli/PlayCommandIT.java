package org.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drover.testbed.Backend;
import org.drover.testbed.Fleet;
import org.drover.testbed.FleetSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code drover play} end to end against two simulated FreeBSD hosts (embedded SSH server): the exit codes
 * of a converging run, an idempotent rerun, check mode, a failing host and an unreachable one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlayCommandIT {
    Fleet fleet;
    @TempDir
    Path dir;

    @BeforeAll
    void start() throws IOException {
        fleet = Fleet.start(FleetSpec.builder().hosts(2).backend(Backend.EMBEDDED).build());
    }

    @AfterAll
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    int play(String playbook, String... more) throws IOException {
        Path f = dir.resolve("site-" + System.nanoTime() + ".yml");
        Files.writeString(f, playbook);
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        String[] base = {"play", f.toString(), "-i", fleet.inventory().toString(), "--known-hosts",
                fleet.baseDir().resolve("known_hosts").toString(), "--no-color"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        int code = cl.execute(args);
        System.err.print(err);
        return code;
    }

    static final String GATEWAY = """
            - hosts: labs
              gather_facts: false
              tasks:
                - name: who am I
                  command: id -u
                  register: who
                  changed_when: false
                  check_mode: false
                - assert:
                    that: ["who.stdout == '0'"]
                - name: routing at boot
                  sysrc: name=gateway_enable value=%s
            """;

    @Test
    void converge_then_rerun_then_check_mode() throws IOException {
        assertThat(play(GATEWAY.formatted("YES"), "--detailed-exitcode")).isEqualTo(ExitCodes.CHANGED);
        assertThat(play(GATEWAY.formatted("YES"), "--detailed-exitcode")).isEqualTo(ExitCodes.OK);
        assertThat(play(GATEWAY.formatted("NO"), "--detailed-exitcode", "--check")).isEqualTo(ExitCodes.CHANGED);
        // check mode changed nothing: the same check still finds the change to make
        assertThat(play(GATEWAY.formatted("NO"), "--detailed-exitcode", "-C")).isEqualTo(ExitCodes.CHANGED);
        assertThat(play(GATEWAY.formatted("YES"), "--detailed-exitcode", "-C")).isEqualTo(ExitCodes.OK);
    }

    @Test
    void a_failing_host_exits_with_failed() throws IOException {
        assertThat(play("""
                - hosts: labs
                  gather_facts: false
                  tasks:
                    - fail: msg="not this one"
                      when: inventory_hostname == 'lab02'
                """)).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void an_unreachable_host_exits_with_unreachable() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path inv = dir.resolve("gone.yml");
        Files.writeString(inv, "all:\n  hosts:\n    gone:\n      drover_host: 127.0.0.1\n      drover_port: " + closedPort + "\n");
        Path f = dir.resolve("ping.yml");
        Files.writeString(f, "- hosts: all\n  gather_facts: false\n  tasks:\n    - ping:\n");
        int code = Main.commandLine().execute("play", f.toString(), "-i", inv.toString(), "--timeout", "2", "--no-color",
                "--private-key", fleet.baseDir().resolve("id_ed25519").toString());
        assertThat(code).isEqualTo(ExitCodes.UNREACHABLE);
    }

    @Test
    void ctrl_c_stops_before_the_next_task_prints_the_recap_and_exits_99() throws Exception {
        Path f = dir.resolve("slow.yml");
        Files.writeString(f, """
                - hosts: labs
                  gather_facts: false
                  tasks:
                    - name: slow
                      command: sleep 3
                    - name: never started
                      command: /usr/bin/true
                """);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "play",
                f.toString(), "-i", fleet.inventory().toString(), "--known-hosts",
                fleet.baseDir().resolve("known_hosts").toString(), "--no-color")
                .redirectErrorStream(true).start();
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    out.append(line).append('\n');
                }
            } catch (IOException e) {
                out.append(e);
            }
        });
        reader.start();
        long deadline = System.currentTimeMillis() + 60_000;
        // wait until the slow task has started, then interrupt as a terminal's Ctrl-C would
        while (!out.toString().contains("TASK [slow]") && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(500);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        reader.join();
        assertThat(p.exitValue()).as(out.toString()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(out.toString()).contains("TASK [slow]").doesNotContain("TASK [never started]").contains("PLAY RECAP");
    }

    @Test
    void roles_includes_blocks_handlers_and_local_actions_run_as_loaded() throws Exception {
        Files.createDirectories(dir.resolve("roles/gw/tasks"));
        Files.createDirectories(dir.resolve("roles/gw/handlers"));
        Files.createDirectories(dir.resolve("roles/gw/defaults"));
        Files.writeString(dir.resolve("roles/gw/defaults/main.yml"), "gw_value: 'YES'\nmarker: from-defaults\n");
        Files.writeString(dir.resolve("roles/gw/tasks/main.yml"), """
                - name: forwarding at boot
                  sysrc: name=drover_role_test value={{ gw_value }}
                  notify: "gw : note"
                - import_tasks: extra.yml
                  vars:
                    marker: from-import
                """);
        Files.writeString(dir.resolve("roles/gw/tasks/extra.yml"), "- name: extra\n  debug: msg=\"marker={{ marker }}\"\n");
        Files.writeString(dir.resolve("roles/gw/handlers/main.yml"), "- name: note\n  debug: msg=handler-ran\n");
        Path site = dir.resolve("roles-site.yml");
        Files.writeString(site, """
                - hosts: labs
                  gather_facts: false
                  roles:
                    - role: gw
                      gw_value: 'NO'
                  tasks:
                    - meta: flush_handlers
                    - name: guarded
                      block:
                        - command: /bin/false-not-there
                      rescue:
                        - name: rescued
                          local_action: command echo rescued-locally
                          register: local
                        - debug: msg="{{ local.stdout }}"
                      always:
                        - debug: msg=always-ran
                """);
        java.io.PrintStream saved = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        int code;
        System.setOut(new java.io.PrintStream(buf, true));
        try {
            code = Main.commandLine().execute("play", site.toString(), "-i", fleet.inventory().toString(),
                    "--known-hosts", fleet.baseDir().resolve("known_hosts").toString(), "--no-color", "-v");
        } finally {
            System.setOut(saved);
        }
        String out = buf.toString();
        System.out.print(out);
        assertThat(code).as(out).isEqualTo(ExitCodes.OK);
        assertThat(out).contains("marker=from-import").contains("handler-ran").contains("rescued-locally")
                .contains("always-ran");
        assertThat(fleet.host("lab01").file("/etc/rc.conf")).content().contains("drover_role_test=\"NO\"");
    }
}
