package org.drover.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.engine.HostStats;
import org.drover.engine.RunSummary;
import org.drover.engine.TaskInfo;
import org.drover.text.JsonText;

/**
 * {@code drover report merge}: the {@code --output json} streams of several runs (the shards of one fleet) as one
 * run: one recap (a host's counts summed if it ran in several), one task table, the JUnit cases of all. A stream
 * without its recap line (a run that was killed) is an error: its hosts cannot be accounted for.
 */
public final class RunMerge {
    private final Map<String, HostStats> hosts = new LinkedHashMap<>();
    private final Map<String, RunSummary.TaskStats> tasks = new LinkedHashMap<>();
    private final List<JunitReporter.Case> cases = new ArrayList<>();
    private boolean interrupted;
    private long elapsedMs;

    /** Reads every file; a line that is not one of drover's events, or a missing recap, throws naming file:line. */
    public static RunMerge read(List<Path> files) throws IOException {
        RunMerge m = new RunMerge();
        for (Path f : files) {
            m.add(f);
        }
        return m;
    }

    public RunSummary summary() {
        return new RunSummary(hosts, interrupted, Duration.ofMillis(elapsedMs), new ArrayList<>(tasks.values()));
    }

    public List<JunitReporter.Case> cases() {
        return List.copyOf(cases);
    }

    private void add(Path file) throws IOException {
        Map<Object, String> plays = new HashMap<>();
        boolean recap = false;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Map<String, Object> e = event(file, i + 1, lines.get(i));
            switch (String.valueOf(e.get("event"))) {
                case "task_start" -> plays.put(e.get("task_id"), String.valueOf(e.get("play")));
                case "host_result" -> cases.add(testCase(e, plays));
                case "recap" -> {
                    recap(e);
                    recap = true;
                }
                default -> { }
            }
        }
        if (!recap) {
            throw new IOException(file + ": no recap: the run did not finish, so its hosts are not accounted for");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(Path file, int line, String text) throws IOException {
        try {
            if (JsonText.parse(text) instanceof Map<?, ?> m && m.get("event") instanceof String) {
                return (Map<String, Object>) m;
            }
        } catch (IOException e) {
            // reported below with the place
        }
        throw new IOException(file + ":" + line + ": not an event of drover's --output json");
    }

    private static JunitReporter.Case testCase(Map<String, Object> e, Map<Object, String> plays) {
        String status = String.valueOf(e.get("status"));
        boolean failure = status.equals("unreachable") || status.equals("failed")
                && !Boolean.TRUE.equals(e.get("ignored")) && !Boolean.TRUE.equals(e.get("rescued"));
        Object msg = e.get("msg");
        return new JunitReporter.Case(plays.getOrDefault(e.get("task_id"), ""), String.valueOf(e.get("host")),
                String.valueOf(e.get("task")), status, msg == null ? null : String.valueOf(msg), failure,
                num(e.get("duration_ms")) * 1_000_000L, e.get("result"));
    }

    @SuppressWarnings("unchecked")
    private void recap(Map<String, Object> e) {
        interrupted |= Boolean.TRUE.equals(e.get("interrupted"));
        elapsedMs = Math.max(elapsedMs, num(e.get("duration_ms")));
        ((Map<String, Map<String, Object>>) e.get("hosts")).forEach((host, st) -> hosts.merge(host, stats(st),
                RunMerge::sum));
        for (Map<String, Object> t : (List<Map<String, Object>>) e.get("tasks")) {
            String play = String.valueOf(t.get("play"));
            String name = String.valueOf(t.get("task"));
            int id = (int) num(t.get("task_id"));
            RunSummary.TaskStats mine = new RunSummary.TaskStats(new TaskInfo(id, play, name, null, false,
                    (int) num(t.get("hosts")), null), (int) num(t.get("hosts")), (int) num(t.get("execs")),
                    Duration.ofMillis(num(t.get("duration_ms"))));
            tasks.merge(id + "\u0000" + play + "\u0000" + name, mine, (a, b) -> new RunSummary.TaskStats(a.task(),
                    a.hosts() + b.hosts(), a.execs() + b.execs(), a.elapsed().compareTo(b.elapsed()) >= 0
                            ? a.elapsed() : b.elapsed()));
        }
    }

    private static HostStats stats(Map<String, Object> m) {
        return new HostStats((int) num(m.get("ok")), (int) num(m.get("changed")), (int) num(m.get("unreachable")),
                (int) num(m.get("failed")), (int) num(m.get("skipped")), (int) num(m.get("rescued")),
                (int) num(m.get("ignored")), (int) num(m.get("execs")));
    }

    private static HostStats sum(HostStats a, HostStats b) {
        return new HostStats(a.ok() + b.ok(), a.changed() + b.changed(), a.unreachable() + b.unreachable(),
                a.failed() + b.failed(), a.skipped() + b.skipped(), a.rescued() + b.rescued(),
                a.ignored() + b.ignored(), a.execs() + b.execs());
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
