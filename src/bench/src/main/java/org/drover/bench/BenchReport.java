package org.drover.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.drover.bench.Bench.Run;

/**
 * The benchmark's summary: the table of runs (medians with min/max), the drover/Ansible and drover/floor ratios
 * pair by pair, the targets ({@link BenchTargets}); printed, and written to {@code summary.txt} and
 * {@code summary.json}.
 */
final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The runs of one tool on one workload, size and phase. */
    record Group(String workload, int hosts, String phase, String tool) {}

    private final BenchOptions o;
    private final List<Run> runs;
    private final Map<String, Object> extra;
    private final PrintStream log;

    BenchReport(BenchOptions o, List<Run> runs, Map<String, Object> extra, PrintStream log) {
        this.o = o;
        this.runs = runs;
        this.extra = extra;
        this.log = log;
    }

    void write() throws IOException {
        Map<Group, List<Run>> groups = new LinkedHashMap<>();
        for (Run r : runs) {
            groups.computeIfAbsent(new Group(r.workload(), r.hosts(), r.phase(), r.tool()), g -> new ArrayList<>()).add(r);
        }
        StringBuilder t = new StringBuilder();
        List<Map<String, Object>> rows = table(groups, t);
        List<Map<String, Object>> ratios = ratios(groups, t);
        @SuppressWarnings("unchecked")
        Map<String, Object> startup = (Map<String, Object>) extra.get("startup");
        List<Map<String, Object>> targets = BenchTargets.of(groups, ratios, startup);
        t.append(String.format("%ntargets%n"));
        for (Map<String, Object> tg : targets) {
            t.append(String.format("  %-4s %s: %s%n", tg.get("met") == null ? "n/a" : (Boolean) tg.get("met") ? "MET"
                    : "MISS", tg.get("target"), tg.get("measured")));
        }
        log.print(t);
        Files.writeString(o.out().resolve("summary.txt"), t.toString());

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("machine", machine());
        summary.put("options", Map.of("hosts", o.hosts(), "reps", o.reps(), "ansible", o.ansible(),
                "lab_hosts", o.labHosts(), "lab_reps", o.labReps(), "drover_jvm_options", o.droverJvm(), "profile_hosts", o.profileHosts(), "scale_hosts", o.scaleHosts()));
        summary.put("table", rows);
        summary.put("ratios", ratios);
        summary.put("targets", targets);
        summary.putAll(extra);
        summary.put("runs", runs);
        JSON.writeValue(o.out().resolve("summary.json").toFile(), summary);
        log.println("\nwritten: " + o.out().resolve("summary.json") + " and summary.txt");
    }

    /** One row per group: medians with min/max, connections and exec channels per host. */
    private static List<Map<String, Object>> table(Map<Group, List<Run>> groups, StringBuilder t) {
        t.append(String.format(Locale.ROOT, "%n%-8s %5s %-8s %-10s %3s  %-22s %-9s %-9s %-10s %6s %10s %s%n",
                "workload", "hosts", "phase", "tool", "n", "wall s median [min-max]", "cpu s", "rss MiB",
                "fleet cpu", "conn/h", "exec/h/task", "ok"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var e : groups.entrySet()) {
            Group g = e.getKey();
            List<Run> rs = e.getValue();
            double wall = median(rs, Run::wallS);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workload", g.workload());
            row.put("hosts", g.hosts());
            row.put("phase", g.phase());
            row.put("tool", g.tool());
            row.put("runs", rs.size());
            row.put("wall_s", stat(rs, Run::wallS));
            row.put("controller_cpu_s", stat(rs, Run::cpuS));
            row.put("controller_peak_rss_mib", stat(rs, r -> r.peakRssKb() / 1024.0));
            row.put("fleet_cpu_s", stat(rs, Run::fleetCpuS));
            row.put("connections_per_host_max", rs.stream().mapToLong(Run::connsPerHostMax).max().orElse(0));
            row.put("execs_per_host_max", rs.stream().mapToLong(Run::execsPerHostMax).max().orElse(0));
            row.put("execs_per_host_task_max", rs.stream().mapToDouble(Run::execsPerHostTask).max().orElse(0));
            row.put("all_ok", rs.stream().allMatch(Run::ok));
            rows.add(row);
            t.append(String.format(Locale.ROOT, "%-8s %5d %-8s %-10s %3d  %7.2f [%6.2f-%6.2f] %9.2f %9.0f %10.2f %6d %10.2f %s%n",
                    g.workload(), g.hosts(), g.phase(), g.tool(), rs.size(), wall, min(rs, Run::wallS),
                    max(rs, Run::wallS), median(rs, Run::cpuS), median(rs, r -> r.peakRssKb() / 1024.0),
                    median(rs, Run::fleetCpuS), rs.stream().mapToLong(Run::connsPerHostMax).max().orElse(0),
                    rs.stream().mapToDouble(Run::execsPerHostTask).max().orElse(0),
                    rs.stream().allMatch(Run::ok) ? "yes" : "NO"));
        }
        return rows;
    }

    /** Ratios of wall time, drover against Ansible and the floor, pair by pair (same repetition). */
    private static List<Map<String, Object>> ratios(Map<Group, List<Run>> groups, StringBuilder t) {
        List<Map<String, Object>> ratios = new ArrayList<>();
        t.append(String.format("%nratios of wall time, pair by pair (same repetition): median [min-max]%n"));
        for (var e : groups.entrySet()) {
            Group g = e.getKey();
            if (!g.tool().equals("drover")) {
                continue;
            }
            for (String other : List.of("ansible", "floor")) {
                List<Run> os = groups.get(new Group(g.workload(), g.hosts(), g.phase(), other));
                if (os == null) {
                    continue;
                }
                List<Double> rs = new ArrayList<>();
                for (Run d : e.getValue()) {
                    os.stream().filter(x -> x.rep() == d.rep() && x.ok() && d.ok()).findFirst()
                            .ifPresent(x -> rs.add(d.wallS() / x.wallS()));
                }
                if (!rs.isEmpty()) {
                    ratios.add(ratio(g, other, rs, t));
                }
            }
        }
        return ratios;
    }

    private static Map<String, Object> ratio(Group g, String other, List<Double> rs, StringBuilder t) {
        Map<String, Object> ratio = new LinkedHashMap<>();
        ratio.put("workload", g.workload());
        ratio.put("hosts", g.hosts());
        ratio.put("phase", g.phase());
        ratio.put("ratio", "drover/" + other);
        ratio.put("median", median(rs));
        ratio.put("min", rs.stream().min(Double::compare).get());
        ratio.put("max", rs.stream().max(Double::compare).get());
        ratio.put("pairs", rs.size());
        t.append(String.format(Locale.ROOT, "  %-8s %5d %-8s drover/%-7s %6.3f [%6.3f-%6.3f]  (%s)%n",
                g.workload(), g.hosts(), g.phase(), other, median(rs), ratio.get("min"), ratio.get("max"),
                other.equals("ansible") ? String.format(Locale.ROOT, "drover %.1fx faster", 1 / median(rs))
                        : String.format(Locale.ROOT, "%.0f%% over the floor", (median(rs) - 1) * 100)));
        return ratio;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.version"));
        try {
            m.put("loadavg_at_end", Files.readString(Path.of("/proc/loadavg")).strip());
        } catch (IOException e) {
            m.put("loadavg_at_end", null);
        }
        return m;
    }

    private static Map<String, Object> stat(List<Run> rs, ToDoubleFunction<Run> f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", median(rs, f));
        m.put("min", min(rs, f));
        m.put("max", max(rs, f));
        return m;
    }

    static double median(List<Run> rs, ToDoubleFunction<Run> f) {
        return median(rs.stream().map(r -> f.applyAsDouble(r)).toList());
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Comparator.naturalOrder());
        int n = s.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static double min(List<Run> rs, ToDoubleFunction<Run> f) {
        return rs.stream().mapToDouble(f).min().orElse(Double.NaN);
    }

    private static double max(List<Run> rs, ToDoubleFunction<Run> f) {
        return rs.stream().mapToDouble(f).max().orElse(Double.NaN);
    }
}
