package org.drover.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the benchmark runs: hosts, repetitions, workloads; parsed from its command line (see {@link #usage()}). */
record BenchOptions(List<Integer> hosts, int reps, boolean ansible, List<Integer> labHosts, int labReps,
                    int profileHosts, int scaleHosts, boolean startup, Path root, Path out, List<String> droverJvm) {
    BenchOptions {
        droverJvm = List.copyOf(droverJvm);
    }

    static String usage() {
        return """
                usage: Bench [--hosts 10,50] [--reps 3] [--no-ansible] [--lab 10,50|none] [--lab-reps N] [--profile 100|0]
                             [--scale 1000|0] [--no-startup] [--quick] [--out target/bench]
                             [--drover-jvm "-XX:+UseSerialGC ..."]  (JVM options for drover's runs, to try levers)
                  --quick   1 repetition, 10 hosts, lab on 10 hosts, no profile, no scale run""";
    }

    static BenchOptions parse(String[] args) {
        List<Integer> hosts = List.of(10, 50);
        List<Integer> lab = null;
        int reps = 3;
        int labReps = -1;
        int profile = 100;
        int scale = 1000;
        boolean ansible = true;
        boolean startup = true;
        boolean quick = false;
        Path out = Path.of("target/bench");
        List<String> jvm = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--hosts" -> hosts = ints(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--no-ansible" -> ansible = false;
                case "--lab" -> lab = ints(args[++i]);
                case "--lab-reps" -> labReps = Integer.parseInt(args[++i]);
                case "--profile" -> profile = Integer.parseInt(args[++i]);
                case "--scale" -> scale = Integer.parseInt(args[++i]);
                case "--no-startup" -> startup = false;
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--drover-jvm" -> jvm = List.of(args[++i].trim().split("\\s+"));
                default -> {
                    return null;
                }
            }
        }
        if (quick) {
            reps = 1;
            if (!List.of(args).contains("--hosts")) {
                hosts = List.of(10);
            }
            if (!List.of(args).contains("--profile")) {
                profile = 0;
            }
            if (!List.of(args).contains("--scale")) {
                scale = 0;
            }
        }
        if (lab == null) {
            lab = hosts;
        }
        return new BenchOptions(hosts, reps, ansible, lab, labReps < 0 ? reps : labReps, profile, scale, startup, Path.of("").toAbsolutePath(),
                out.toAbsolutePath(), jvm);
    }

    private static List<Integer> ints(String s) {
        if (s.equals("none") || s.isBlank()) {
            return List.of();
        }
        List<Integer> l = new ArrayList<>();
        for (String p : s.split(",")) {
            l.add(Integer.parseInt(p.trim()));
        }
        return l;
    }
}
