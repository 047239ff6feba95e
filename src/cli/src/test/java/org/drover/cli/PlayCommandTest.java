package org.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.drover.yaml.LoadException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code drover play} up to the point where it would connect: validation, exit codes, listings. */
class PlayCommandTest {
    @TempDir
    Path dir;
    Path site;
    Path inventory;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void files() throws IOException {
        site = dir.resolve("site.yml");
        Files.writeString(site, """
                - name: base
                  hosts: all
                  tags: [base]
                  tasks:
                    - name: who
                      command: id
                    - name: slow one
                      command: sleep 1
                      tags: [slow]
                    - name: only on demand
                      debug: msg=never
                      tags: [never, debug]
                - name: web
                  hosts: web
                  tasks:
                    - name: hello
                      debug: msg="hello {{ inventory_hostname }}"
                """);
        inventory = dir.resolve("hosts.yml");
        Files.writeString(inventory, """
                all:
                  hosts:
                    db01:
                  children:
                    web:
                      hosts:
                        web01:
                        web02:
                """);
    }

    int run(String... args) {
        err.getBuffer().setLength(0);
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        ((PlayCommand) cl.getSubcommands().get("play").getCommand()).workDir = dir;
        return cl.execute(args);
    }

    @Test
    void syntax_check_loads_without_an_inventory() {
        assertThat(run("play", site.toString(), "--syntax-check")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("playbook: " + site);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void every_error_of_playbooks_and_inventory_is_printed_and_nothing_runs() throws IOException {
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "- hosts: all\n  taks:\n    - ping:\n");
        Path badInv = dir.resolve("inv.yml");
        Files.writeString(badInv, "all:\n  hostz:\n    a:\n");
        Files.writeString(site, "- hosts: all\n  tasks:\n    - comand: id\n");
        int code = run("play", site.toString(), bad.toString(), "-i", badInv.toString(), "-e", "a=1 b");
        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        String e = err.toString();
        assertThat(e).contains(site + ":3:7: unknown module 'comand' (did you mean 'command'?)");
        assertThat(e).contains(bad + ":2:3: unknown play keyword 'taks' (did you mean 'tasks'?)");
        assertThat(e).contains(badInv + ":2:");
        assertThat(e).contains("--extra-vars:1:1: expected key=value pairs, got 'b'");
        assertThat(e).contains("4 errors; nothing ran");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void list_hosts_applies_the_play_pattern_and_the_limit() throws IOException {
        Path limitFile = dir.resolve("limit.txt");
        Files.writeString(limitFile, "# hosts to work on\nweb02\n\ndb01\n");
        assertThat(run("play", site.toString(), "-i", inventory.toString(), "--list-hosts", "-l", "@" + limitFile))
                .isEqualTo(ExitCodes.OK);
        String o = out.toString();
        assertThat(o).contains("play #1 (all): base\tTAGS: [base]\n    pattern: ['all']\n    hosts (2):\n      db01\n      web02\n");
        assertThat(o).contains("play #2 (web): web\tTAGS: []\n    pattern: ['web']\n    hosts (1):\n      web02\n");
    }

    @Test
    void a_limit_that_matches_no_host_fails_like_ansible_and_nothing_runs() {
        for (List<String> extra : List.of(List.<String>of(), List.of("--list-hosts"), List.of("--check"))) {
            List<String> args = new java.util.ArrayList<>(List.of("play", site.toString(), "-i", inventory.toString(),
                    "-l", "nosuchhost"));
            args.addAll(extra);
            out.getBuffer().setLength(0);
            assertThat(run(args.toArray(String[]::new))).as(String.join(" ", extra)).isEqualTo(ExitCodes.ERROR);
            assertThat(err.toString()).isEqualTo("drover play: --limit 'nosuchhost' leaves no hosts to target: "
                    + "it matches no host in the inventory" + System.lineSeparator());
            assertThat(out.toString()).isEmpty();
        }
        // a limit that matches a host keeps working, even when one play's own pattern then matches none
        assertThat(run("play", site.toString(), "-i", inventory.toString(), "-l", "db01", "--list-hosts"))
                .isEqualTo(ExitCodes.OK);
    }

    @Test
    void list_tasks_follows_tags_like_ansible() {
        assertThat(run("play", site.toString(), "--list-tasks", "--skip-tags", "slow")).isEqualTo(ExitCodes.OK);
        String o = out.toString();
        assertThat(o).contains("      who\tTAGS: [base]\n").doesNotContain("slow one").doesNotContain("only on demand");
        assertThat(o).contains("      hello\tTAGS: []\n");
        out.getBuffer().setLength(0);
        assertThat(run("play", site.toString(), "--list-tasks", "-t", "debug")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("only on demand\tTAGS: [base, debug, never]").doesNotContain("who")
                .doesNotContain("hello");
    }

    @Test
    void list_tags() {
        assertThat(run("play", site.toString(), "--list-tags")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("TASK TAGS: [base, slow]").contains("TASK TAGS: []");
    }

    @Test
    void usage_errors_exit_with_usage() {
        assertThat(run("play", site.toString(), "--host-key-checking", "maybe", "--syntax-check")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--host-key-checking must be one of strict, accept-new, off, got 'maybe'");
        assertThat(run("play", site.toString(), "--no-such-option")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("play")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("play", site.toString(), "--become-method", "pfexec")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("play", site.toString(), "-f", "0")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void a_run_needs_an_inventory() {
        assertThat(run("play", site.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no inventory");
        assertThat(run("play", site.toString(), "--list-hosts")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void inventory_defaults_to_the_inventory_next_to_where_drover_runs() throws IOException {
        Files.createDirectories(dir.resolve("inventory"));
        Files.copy(inventory, dir.resolve("inventory/hosts.yml"));
        assertThat(run("play", site.toString(), "--list-hosts")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("hosts (3):");
    }

    @Test
    void help_documents_every_exit_code() {
        assertThat(run("play", "--help")).isEqualTo(ExitCodes.OK);
        String o = out.toString();
        for (int code : List.of(ExitCodes.OK, ExitCodes.ERROR, ExitCodes.FAILED, ExitCodes.UNREACHABLE,
                ExitCodes.BAD_INPUT, ExitCodes.USAGE, ExitCodes.CHANGED, ExitCodes.INTERRUPTED)) {
            assertThat(o).containsPattern("(?m)^  " + code + " +\\S");
        }
    }

    @Test
    void options_reach_run_options() throws Exception {
        PlayCommand c = new PlayCommand();
        new CommandLine(c).parseArgs("x.yml", "-C", "-D", "-f", "7", "-u", "admin", "-b", "--become-method", "su", "--become-user", "postgres", "--start-at-task", "routing*",
                "-t", "a,b", "--skip-tags", "c", "-vvvvvv", "--output", "json", "--timeout", "3",
                "--command-timeout", "60", "--host-key-checking", "accept-new", "--no-color", "--profile");
        var o = c.options("web", Map.of("k", "v"), "pw".toCharArray());
        var ssh = c.sshSettings();
        var report = c.reportOptions();
        assertThat(o.mode().check()).isTrue();
        assertThat(o.mode().diff()).isTrue();
        assertThat(o.execution().forks()).isEqualTo(7);
        assertThat(ssh.user()).isEqualTo("admin");
        assertThat(o.become().enabled()).isTrue();
        assertThat(o.become().method()).isEqualTo(org.drover.transport.Become.Method.SU);
        assertThat(o.become().user()).isEqualTo("postgres");
        assertThat(o.selection().startAtTask()).isEqualTo("routing*");
        assertThat(o.selection().tags()).containsExactly("a", "b");
        assertThat(o.selection().skipTags()).containsExactly("c");
        assertThat(o.execution().verbosity()).isEqualTo(4);
        assertThat(report.verbosity()).isEqualTo(4);
        assertThat(report.format()).isEqualTo(org.drover.report.ReportOptions.Format.JSON);
        assertThat(ssh.connectTimeout()).hasSeconds(3);
        assertThat(o.execution().commandTimeout()).hasSeconds(60);
        assertThat(ssh.commandTimeout()).hasSeconds(60);
        assertThat(ssh.hostKeyPolicy()).isEqualTo(org.drover.ssh.HostKeyPolicy.ACCEPT_NEW);
        assertThat(report.color()).isFalse();
        assertThat(report.profile()).isTrue();
        assertThat(o.selection().limit()).isEqualTo("web");
        assertThat(o.extraVars()).containsEntry("k", "v");
        assertThat(new String(o.become().password())).isEqualTo("pw");
    }

    static org.drover.engine.RunSummary summary(boolean interrupted, org.drover.engine.HostStats... hosts) {
        Map<String, org.drover.engine.HostStats> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < hosts.length; i++) {
            m.put("h" + i, hosts[i]);
        }
        return new org.drover.engine.RunSummary(m, interrupted, java.time.Duration.ZERO, List.of());
    }

    @Test
    void the_recap_decides_the_exit_code_worst_first() {
        var ok = new org.drover.engine.HostStats(3, 0, 0, 0, 0, 0, 0, 3);
        var changed = new org.drover.engine.HostStats(3, 1, 0, 0, 0, 0, 0, 4);
        var failed = new org.drover.engine.HostStats(1, 0, 0, 1, 0, 0, 0, 2);
        var unreachable = new org.drover.engine.HostStats(0, 0, 1, 0, 0, 0, 0, 0);
        assertThat(PlayCommand.exitCode(summary(false, ok, changed), false)).isEqualTo(ExitCodes.OK);
        assertThat(PlayCommand.exitCode(summary(false, ok, changed), true)).isEqualTo(ExitCodes.CHANGED);
        assertThat(PlayCommand.exitCode(summary(false, ok), true)).isEqualTo(ExitCodes.OK);
        assertThat(PlayCommand.exitCode(summary(false, changed, unreachable), true)).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(PlayCommand.exitCode(summary(false, unreachable, failed), true)).isEqualTo(ExitCodes.FAILED);
        assertThat(PlayCommand.exitCode(summary(true, failed), true)).isEqualTo(ExitCodes.INTERRUPTED);
    }

    @Test
    void extra_vars_in_every_form_later_ones_win() throws IOException {
        Path f = dir.resolve("vars.yml");
        Files.writeString(f, "a: from-file\nlist: [1, 2]\n");
        Map<String, Object> v = ExtraVars.parse(List.of("@" + f, "{\"b\": 2, \"a\": \"json\"}", "c='x y' d=1"));
        assertThat(v).containsEntry("a", "json").containsEntry("list", List.of(1L, 2L)).containsEntry("b", 2L)
                .containsEntry("c", "x y").containsEntry("d", "1");
        try {
            ExtraVars.parse(List.of("[1, 2]"));
            throw new AssertionError("a list is not variables");
        } catch (LoadException e) {
            assertThat(e.errors().get(0).toString()).isEqualTo("--extra-vars:1:1: extra vars must be a mapping of variables, got a list");
        }
    }
}
