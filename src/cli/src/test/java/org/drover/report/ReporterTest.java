package org.drover.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.drover.engine.ExecTrace;
import org.drover.engine.HostResult;
import org.drover.engine.HostResult.Status;
import org.drover.engine.HostStats;
import org.drover.engine.RunListener;
import org.drover.engine.RunSummary;
import org.drover.engine.TaskInfo;
import org.drover.module.Diff;
import org.drover.playbook.BecomeSpec;
import org.drover.playbook.Play;
import org.drover.yaml.SourceMark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden outputs: a scripted run fed to each reporter, compared with files under src/test/resources/report. */
class ReporterTest {
    private static final SourceMark MARK = new SourceMark("site.yml", 3, 7);

    private static Play play(String name) {
        return new Play(name, "all", Map.of(), List.of(), BecomeSpec.UNSET, List.of(), "linear", null, false, null, false, List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), null, MARK);
    }

    private static HostResult result(TaskInfo t, String host, Status s, String msg, Map<String, Object> result) {
        return new HostResult(t, host, s, msg, null, false, false, false, result, List.of(), 1, List.of(),
                Duration.ofMillis(12), null);
    }

    /** A small run with every kind of line: ok, changed with a diff, items, debug, failed, ignored, skipped, unreachable. */
    private static void smallRun(RunListener l) {
        List<String> hosts = List.of("web1", "web2", "db1");
        Play p = play("configure web");
        l.playStart(p, hosts);
        l.batchStart(p, hosts);
        TaskInfo facts = new TaskInfo(1, "configure web", "Gathering Facts", "gather_facts", false, 3, MARK);
        l.taskStart(facts);
        l.hostResult(result(facts, "web1", Status.OK, null, Map.of()));
        l.hostResult(result(facts, "web2", Status.OK, null, Map.of()));
        l.hostResult(result(facts, "db1", Status.UNREACHABLE, "db1: connection refused", Map.of()));
        l.taskEnd(facts, Duration.ofMillis(40));
        TaskInfo motd = new TaskInfo(2, "configure web", "write motd", "copy", false, 2, MARK);
        l.taskStart(motd);
        l.hostResult(new HostResult(motd, "web1", Status.CHANGED, null, null, false, false, false,
                Map.of("dest", "/etc/motd"), List.of(new Diff("/etc/motd", "hello\nold line\nbye\n", "hello\nnew line\nbye\n")),
                2, List.of(), Duration.ofMillis(30), null));
        l.hostResult(result(motd, "web2", Status.OK, null, Map.of()));
        l.handlerNotified("web1", "restart nginx");
        l.taskEnd(motd, Duration.ofMillis(35));
        TaskInfo loop = new TaskInfo(3, "configure web", "web : create users", "command", false, 2, MARK);
        l.taskStart(loop);
        for (String h : List.of("web1", "web2")) {
            HostResult a = new HostResult(loop, h, Status.CHANGED, null, "alice", false, false, false, Map.of(), List.of(), 1, List.of(), Duration.ofMillis(5), null);
            HostResult b = new HostResult(loop, h, Status.SKIPPED, null, "bob", false, false, false, Map.of(), List.of(), 0, List.of(), Duration.ofMillis(5), null);
            l.itemResult(a);
            l.itemResult(b);
            l.hostResult(new HostResult(loop, h, Status.CHANGED, null, null, false, false, false,
                    Map.of("results", List.of(Map.of(), Map.of())), List.of(), 1, List.of(), Duration.ofMillis(10), null));
        }
        l.taskEnd(loop, Duration.ofMillis(11));
        TaskInfo dbg = new TaskInfo(4, "configure web", "show version", "debug", false, 2, MARK);
        l.taskStart(dbg);
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("msg", "FreeBSD 14.3-RELEASE");
        msg.put("changed", false);
        l.hostResult(result(dbg, "web1", Status.OK, null, msg));
        l.hostResult(new HostResult(dbg, "web2", Status.SKIPPED, "Conditional result was False", null, false, false, false, Map.of(), List.of(), 0, List.of(), Duration.ZERO, null));
        l.taskEnd(dbg, Duration.ofMillis(1));
        TaskInfo chk = new TaskInfo(5, "configure web", "check config", "command", false, 2, MARK);
        l.taskStart(chk);
        l.hostResult(new HostResult(chk, "web1", Status.FAILED, "non-zero return code 1: syntax error", null, true, false, false, Map.of(), List.of(), 1, List.of(), Duration.ZERO, null));
        l.hostResult(result(chk, "web2", Status.FAILED, "non-zero return code 1: syntax error", Map.of("rc", 1)));
        l.taskEnd(chk, Duration.ofMillis(3));
        l.warning("max_fail_percentage 0% exceeded (1 of 3 hosts failed): the play stops");
        TaskInfo handler = new TaskInfo(6, "configure web", "restart nginx", "command", true, 1, MARK);
        l.taskStart(handler);
        l.hostResult(new HostResult(handler, "web1", Status.CHANGED, null, null, false, false, false, Map.of(), List.of(), 1, List.of(), Duration.ofMillis(2), "localhost"));
        l.taskEnd(handler, Duration.ofMillis(2));
        l.playEnd(p);
        Map<String, HostStats> stats = new LinkedHashMap<>();
        stats.put("web1", new HostStats(6, 3, 0, 0, 0, 0, 1, 6));
        stats.put("web2", new HostStats(3, 1, 0, 1, 1, 0, 0, 4));
        stats.put("db1", new HostStats(0, 0, 1, 0, 0, 0, 0, 0));
        l.runEnd(new RunSummary(stats, false, Duration.ofMillis(120),
                List.of(new RunSummary.TaskStats(facts, 3, 2, Duration.ofMillis(40)),
                        new RunSummary.TaskStats(motd, 2, 3, Duration.ofMillis(35)))));
    }

    private static String capture(Consumer<PrintStream> body) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            body.accept(ps);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static String golden(String name) throws IOException {
        try (var in = ReporterTest.class.getResourceAsStream("/report/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void consoleSmallFleetMatchesGolden() throws IOException {
        String out = capture(ps -> smallRun(new ConsoleReporter(ps, false, false, 0, false)));
        assertThat(out).isEqualTo(golden("console-small.txt"));
    }

    @Test
    void consoleColoursOnlyWhenAsked() {
        String plain = capture(ps -> smallRun(new ConsoleReporter(ps, false, false, 0, false)));
        String colour = capture(ps -> smallRun(new ConsoleReporter(ps, true, false, 0, false)));
        assertThat(plain).doesNotContain("\033[");
        assertThat(colour).contains("\033[33mchanged: [web1]\033[0m").contains("\033[31mfailed: [web2]");
        assertThat(colour.replaceAll("\033\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void jsonEventsMatchGolden() throws IOException {
        String out = capture(ps -> smallRun(new JsonReporter(ps, 0)));
        assertThat(out).isEqualTo(golden("events.jsonl"));
        assertThat(out.lines()).allMatch(l -> l.startsWith("{\"event\":\"") && l.endsWith("}"));
    }

    @Test
    void junitMatchesGolden(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out/junit.xml");
        smallRun(new JunitReporter(file));
        assertThat(Files.readString(file)).isEqualTo(golden("junit.xml"));
    }

    @Test
    void largeFleetPrintsOneCountLinePerTaskAndDetailOnlyForTrouble() throws IOException {
        String out = capture(ps -> {
            ConsoleReporter c = new ConsoleReporter(ps, false, false, 0, false);
            List<String> hosts = new ArrayList<>();
            for (int i = 1; i <= 25; i++) {
                hosts.add(String.format("h%02d", i));
            }
            Play p = play("fleet");
            c.playStart(p, hosts);
            TaskInfo t = new TaskInfo(1, "fleet", "create bridge", "bridge", false, 25, MARK);
            c.taskStart(t);
            for (String h : hosts) {
                Status s = h.equals("h07") ? Status.CHANGED : h.equals("h13") ? Status.FAILED
                        : h.equals("h20") ? Status.UNREACHABLE : Status.OK;
                c.hostResult(result(t, h, s, s == Status.FAILED ? "ifconfig: SIOCIFCREATE2: File exists"
                        : s == Status.UNREACHABLE ? "timed out" : null, Map.of()));
            }
            c.taskEnd(t, Duration.ofSeconds(2));
            c.playEnd(p);
        });
        assertThat(out).isEqualTo(golden("console-large.txt"));
    }

    @Test
    void largeFleetOnATerminalLeavesWhatAPipeShows() throws IOException {
        String out = capture(ps -> {
            ConsoleReporter c = new ConsoleReporter(ps, false, true, 0, false);
            List<String> hosts = new ArrayList<>();
            for (int i = 1; i <= 25; i++) {
                hosts.add(String.format("h%02d", i));
            }
            Play p = play("fleet");
            c.playStart(p, hosts);
            TaskInfo t = new TaskInfo(1, "fleet", "create bridge", "bridge", false, 25, MARK);
            c.taskStart(t);
            for (String h : hosts) {
                Status s = h.equals("h07") ? Status.CHANGED : h.equals("h13") ? Status.FAILED
                        : h.equals("h20") ? Status.UNREACHABLE : Status.OK;
                c.hostResult(result(t, h, s, s == Status.FAILED ? "ifconfig: SIOCIFCREATE2: File exists"
                        : s == Status.UNREACHABLE ? "timed out" : null, Map.of()));
            }
            c.taskEnd(t, Duration.ofSeconds(2));
            c.playEnd(p);
        });
        // what stays on the screen: each cleared line's text up to its last newline (the rest was redrawn over)
        StringBuilder screen = new StringBuilder();
        for (String seg : out.split("\r\033\\[K", -1)) {
            screen.append(seg, 0, seg.lastIndexOf('\n') + 1);
        }
        assertThat(screen.toString()).isEqualTo(golden("console-large.txt"));
    }

    @Test
    void largeFleetOnATerminalRedrawsTheCountLineInPlace() {
        String out = capture(ps -> {
            ConsoleReporter c = new ConsoleReporter(ps, false, true, 0, false);
            List<String> hosts = new ArrayList<>();
            for (int i = 1; i <= 21; i++) {
                hosts.add("h" + i);
            }
            c.playStart(play("fleet"), hosts);
            TaskInfo t = new TaskInfo(1, "fleet", "t", "ping", false, 21, MARK);
            c.taskStart(t);
            for (String h : hosts) {
                c.hostResult(result(t, h, h.equals("h3") ? Status.FAILED : Status.OK, "bad", Map.of()));
            }
            c.taskEnd(t, Duration.ofSeconds(1));
        });
        assertThat(out).contains("\r\033[KTASK [t] 1/21 ok=1 changed=0 failed=0");
        assertThat(out).contains("\r\033[Kfailed: [h3] => bad\n");
        assertThat(out).endsWith("\r\033[KTASK [t] 21/21 ok=20 changed=0 failed=1\n");
        assertThat(out).doesNotContain("ok: [h1]");
    }

    @Test
    void verboseShowsCommandsAndTheirOutput() {
        String out = capture(ps -> {
            ConsoleReporter c = new ConsoleReporter(ps, false, false, 1, false);
            c.playStart(play("p"), List.of("a"));
            TaskInfo t = new TaskInfo(1, "p", "list", "shell", false, 1, MARK);
            c.taskStart(t);
            c.hostResult(new HostResult(t, "a", Status.CHANGED, null, null, false, false, false, Map.of(), List.of(), 1,
                    List.of(new ExecTrace("ls /tmp\n", null, 0, "a\nb\n", "warn\n", false, Duration.ofMillis(3))),
                    Duration.ofMillis(4), null));
        });
        assertThat(out).contains("changed: [a]\n    $ ls /tmp\n    | a\n    | b\n    ! warn\n    rc=0\n");
    }

    @Test
    void noLogHidesTheMessage() {
        String out = capture(ps -> {
            ConsoleReporter c = new ConsoleReporter(ps, false, false, 2, false);
            c.playStart(play("p"), List.of("a"));
            TaskInfo t = new TaskInfo(1, "p", "secret", "shell", false, 1, MARK);
            c.hostResult(new HostResult(t, "a", Status.FAILED, "password=hunter2", null, false, false, true,
                    Map.of("censored", "hidden"), List.of(), 1, List.of(), Duration.ZERO, null));
        });
        assertThat(out).doesNotContain("hunter2").contains("failed: [a] => the output has been hidden");
    }

    @Test
    void profileListsTheSlowestTasksFirst() {
        String out = capture(ps -> smallRun(new ConsoleReporter(ps, false, false, 0, true)));
        String profile = out.substring(out.indexOf("TASKS BY TIME"));
        assertThat(profile.indexOf("Gathering Facts")).isLessThan(profile.indexOf("write motd"));
        assertThat(profile).contains("0.04s  0.7 execs/host").contains("total: 0.12s, 10 round trips");
    }

    @Test
    void reportersFollowTheOptions(@TempDir Path dir) {
        var d = ReportOptions.defaults();
        var json = new ReportOptions(ReportOptions.Format.JSON, 0, dir.resolve("j.xml"), false, false);
        String out = capture(ps -> smallRun(Reporters.create(json, ps)));
        assertThat(out.lines().findFirst().orElseThrow()).startsWith("{\"event\":\"play_start\"");
        assertThat(dir.resolve("j.xml")).exists();
        String console = capture(ps -> smallRun(Reporters.create(d, ps)));
        assertThat(console).startsWith("\nPLAY [configure web] ***");
    }

    @Test
    void remoteControlCharactersReachTheTerminalEscaped() {
        String evil = "a\u001b]0;pwned\u0007b\u001b[2Jc\u009bd\r";
        String out = capture(ps -> {
            ConsoleReporter c = new ConsoleReporter(ps, false, false, 2, false);
            c.playStart(play("p"), List.of("a"));
            TaskInfo t = new TaskInfo(1, "p", "t", "shell", false, 1, MARK);
            c.hostResult(new HostResult(t, "a", Status.FAILED, "failed: " + evil, evil, false, false, false,
                    Map.of("stdout", evil), List.of(new org.drover.module.Diff("/etc/motd", "x\n", evil + "\n")), 1,
                    List.of(new ExecTrace("echo hi\n", null, 1, evil + "\nline2\tx\n", evil, false, Duration.ZERO)),
                    Duration.ZERO, null));
            c.warning("w " + evil);
        });
        assertThat(out).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u009b")
                .doesNotContain("\r")
                .contains("failed: [a] (item=a\\x1b]0;pwned\\x07b\\x1b[2Jc\\x9bd\\r) => failed: a\\x1b]0;pwned")
                .contains("    | a\\x1b]0;pwned\\x07b").contains("    | line2\tx\n")
                .contains("+a\\x1b]0;pwned").contains("[WARNING]: w a\\x1b");
    }
}
