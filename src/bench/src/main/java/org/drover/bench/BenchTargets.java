package org.drover.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.drover.bench.Bench.Run;
import org.drover.bench.BenchReport.Group;

/** The benchmark's targets, each met or missed with what was measured. */
final class BenchTargets {
    static final double TARGET_VS_ANSIBLE = 15;
    static final double TARGET_VS_FLOOR = 1.25;
    static final double TARGET_STARTUP_S = 0.6;
    static final long TARGET_SCALE_RSS = 1L << 30;

    private BenchTargets() {}

    /** All targets: the ratios' (generic, 50 hosts and more), each drover group's, and start-up's. */
    static List<Map<String, Object>> of(Map<Group, List<Run>> groups, List<Map<String, Object>> ratios,
                                        Map<String, Object> startup) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : ratios) {
            if (r.get("workload").equals("generic") && (int) r.get("hosts") >= 50) {
                out.add(ratioTarget(r));
            }
        }
        for (var e : groups.entrySet()) {
            Group g = e.getKey();
            // the targets are about workload (a); the lab's pf guard opens a second connection on purpose
            if (g.tool().equals("drover") && !g.workload().equals("lab") && !g.workload().equals("profile")) {
                out.addAll(runTargets(g, e.getValue()));
            }
        }
        if (startup != null) {
            out.addAll(startupTargets(startup));
        }
        return out;
    }

    private static Map<String, Object> ratioTarget(Map<String, Object> r) {
        double med = (double) r.get("median");
        String what = r.get("hosts") + " hosts " + r.get("phase");
        if (r.get("ratio").equals("drover/ansible")) {
            double speedup = 1 / med;
            return target("generic " + what + ": drover >= " + TARGET_VS_ANSIBLE + "x faster than Ansible",
                    speedup >= TARGET_VS_ANSIBLE, String.format(Locale.ROOT, "%.1fx%s", speedup,
                            speedup >= TARGET_VS_ANSIBLE ? "" : String.format(Locale.ROOT, " (short by %.0f%%)",
                                    (1 - speedup / TARGET_VS_ANSIBLE) * 100)));
        }
        return target("generic " + what + ": drover within " + TARGET_VS_FLOOR + "x of the floor",
                med <= TARGET_VS_FLOOR, String.format(Locale.ROOT, "%.2fx%s", med, med <= TARGET_VS_FLOOR
                        ? "" : String.format(Locale.ROOT, " (over by %.0f%%)", (med / TARGET_VS_FLOOR - 1) * 100)));
    }

    /** One SSH connection per host, few exec channels per task; the scale run completes within its memory. */
    private static List<Map<String, Object>> runTargets(Group g, List<Run> rs) {
        List<Map<String, Object>> out = new ArrayList<>();
        long conns = rs.stream().mapToLong(Run::connsPerHostMax).max().orElse(0);
        double perTask = rs.stream().mapToDouble(Run::execsPerHostTask).max().orElse(0);
        String what = g.workload() + " " + g.hosts() + " hosts " + g.phase();
        out.add(target(what + ": 1 SSH connection per host", conns == 1, conns + " per host (max)"));
        double limit = g.phase().equals("nochange") ? 1 : 2;
        out.add(target(what + ": exec channels per host and task <= " + (int) limit, perTask <= limit,
                String.format(Locale.ROOT, "%.2f", perTask)));
        if (g.workload().equals("scale") && g.phase().equals("nochange")) {
            long rss = rs.stream().mapToLong(Run::peakRssKb).max().orElse(0) * 1024;
            out.add(target(what + ": completes", rs.stream().allMatch(Run::ok),
                    rs.stream().allMatch(Run::ok) ? "yes" : rs.get(0).note()));
            out.add(target(what + ": controller peak RSS < 1 GiB", rss < TARGET_SCALE_RSS,
                    (rss >> 20) + " MiB" + (rss < TARGET_SCALE_RSS ? "" : " (over by " + ((rss - TARGET_SCALE_RSS) >> 20)
                            + " MiB)")));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> startupTargets(Map<String, Object> s) {
        Object med = ((Map<String, Object>) s.get("plain")).get("median_s");
        Object cds = ((Map<String, Object>) s.get("cds")).get("median_s");
        if (med == null) {
            return List.of();
        }
        double m = (double) med;
        return List.of(target("start-up: drover --version < " + TARGET_STARTUP_S + " s", m < TARGET_STARTUP_S,
                String.format(Locale.ROOT, "%.3f s%s; with a CDS archive %s", m, m < TARGET_STARTUP_S ? ""
                        : String.format(Locale.ROOT, " (over by %.0f%%)", (m / TARGET_STARTUP_S - 1) * 100),
                        cds == null ? "n/a" : String.format(Locale.ROOT, "%.3f s", (double) cds))));
    }

    private static Map<String, Object> target(String what, boolean met, String measured) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", what);
        m.put("met", met);
        m.put("measured", measured);
        return m;
    }
}
