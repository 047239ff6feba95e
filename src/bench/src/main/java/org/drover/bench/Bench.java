package org.drover.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drover.testbed.Backend;
import org.drover.testbed.Fleet;
import org.drover.testbed.FleetHost;
import org.drover.testbed.FleetSpec;
import org.drover.testbed.HostStats;

/**
 * drover against Ansible and against the floor ({@link Floor}), side by side, on a simulated fleet: started by
 * {@code src/bench/run.sh}, which builds drover and installs Ansible first. Per run it records wall time,
 * controller CPU and peak RSS ({@code src/bench/measure.py}), fleet CPU (the SSH servers and everything below them,
 * from /proc) and the SSH connections and exec channels every host's server counted; it prints medians with min/max,
 * the ratios drover/Ansible and drover/floor pair by pair, the targets, and writes all of it to
 * {@code target/bench/summary.json}.
 *
 * <p>Workloads: {@code generic} (src/bench/generic: 10 tasks, converge after a reset, then the no-change run),
 * {@code lab} (playbooks/vnet-lab.yml with drover), {@code scale} (generic no-change with drover on many hosts of the
 * embedded back end), {@code profile} (generic with drover under Java Flight Recorder, summarized).
 */
public final class Bench {
    static final int GENERIC_TASKS = 10;
    static final int GENERIC_CHANGES = 5;
    /** drover's run lock: taken and released once per host per run that changes anything (not per task). */
    static final int RUN_LOCK_EXECS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One measured run. Per-host figures are from the servers' own counts (max over hosts, and the mean). */
    record Run(String workload, String tool, int hosts, String phase, int rep, double wallS, double cpuS,
               long peakRssKb, long maxProcessRssKb, double fleetCpuS, long connsPerHostMax, long execsPerHostMax,
               double execsPerHostMean, int tasks, boolean ok, String note) {
        /** Exec channels per task, the run lock's fixed cost per host left out. */
        double execsPerHostTask() {
            long perRun = tool.startsWith("drover") ? RUN_LOCK_EXECS : 0;
            return tasks == 0 ? 0 : (double) Math.max(0, execsPerHostMax - perRun) / tasks;
        }
    }

    private final BenchOptions o;
    private final Path jar;
    /** This benchmark's own jar: the floor client runs from it (sshj and nothing of drover's). */
    private final Path benchJar;
    private final List<Run> runs = new ArrayList<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private final PrintStream log = System.out;

    Bench(BenchOptions o) {
        this.o = o;
        this.jar = o.root().resolve("target/drover.jar");
        this.benchJar = o.root().resolve("target/drover-bench.jar");
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o = BenchOptions.parse(args);
        if (o == null) {
            System.err.println(BenchOptions.usage());
            System.exit(5);
        }
        Bench b = new Bench(o);
        b.runAll();
        System.exit(0);
    }

    void runAll() throws Exception {
        Files.createDirectories(o.out());
        if (o.startup()) {
            startup();
        }
        // most wanted first; the summary is rewritten after each workload, so an interrupted run still reports
        for (int n : o.hosts()) {
            generic(n);
            report();
        }
        if (o.profileHosts() > 0) {
            profile(o.profileHosts());
            report();
        }
        if (o.scaleHosts() > 0) {
            scale(o.scaleHosts());
            report();
        }
        for (int n : o.labHosts()) {
            lab(n);
            report();
        }
        if (o.hosts().isEmpty() && o.profileHosts() <= 0 && o.scaleHosts() <= 0 && o.labHosts().isEmpty()) {
            report();
        }
    }

    /** Fleet.start, tried up to three times: on a loaded machine a host's namespace holder occasionally dies early. */
    static Fleet startFleet(FleetSpec spec) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return Fleet.start(spec);
            } catch (IOException e) {
                last = e;
                System.out.println("   fleet start failed (attempt " + attempt + "): " + e.getMessage());
            }
        }
        throw last;
    }

    List<Run> runs() {
        return runs;
    }

    /** Prints the summary and (re)writes summary.txt and summary.json. */
    void report() throws IOException {
        new BenchReport(o, runs, extra, log).write();
    }

    // ---------------------------------------------------------------- workloads

    /** Workload (a): per repetition drover, Ansible, floor (A B C A B C), each a converge after a reset, then no-change. */
    void generic(int n) throws Exception {
        log.printf("%n== generic workload, %d hosts (OpenSSH), %d repetition(s)%n", n, o.reps());
        try (Fleet fleet = startFleet(FleetSpec.builder().hosts(n).backend(Backend.OPENSSH).build())) {
            Path work = Files.createDirectories(o.out().resolve("work/generic-" + n));
            Path ansibleCfg = writeAnsibleFiles(fleet, work);
            FleetCpu cpu = new FleetCpu(fleet, false);
            List<String> tools = new ArrayList<>(List.of("drover"));
            if (o.ansible()) {
                tools.add("ansible");
            }
            tools.add("floor");
            for (int rep = 1; rep <= o.reps(); rep++) {
                for (String tool : tools) {
                    fleet.reset();
                    for (String phase : List.of("converge", "nochange")) {
                        String tag = "generic-" + n + "-" + tool + "-" + phase + "-" + rep;
                        List<String> cmd = switch (tool) {
                            case "drover" -> drover(fleet, o.root().resolve("src/bench/generic/drover.yml"));
                            case "ansible" -> List.of("ansible-playbook", "-i", work.resolve("hosts.ini").toString(),
                                    o.root().resolve("src/bench/generic/ansible.yml").toString());
                            default -> floor(fleet);
                        };
                        Map<String, String> env = new LinkedHashMap<>();
                        if (tool.equals("ansible")) {
                            Path cp = Files.createDirectories(work.resolve("cp-" + phase + "-" + rep));
                            env.put("ANSIBLE_CONFIG", ansibleCfg.toString());
                            env.put("ANSIBLE_SSH_CONTROL_PATH_DIR", cp.toString());
                            env.put("ANSIBLE_NOCOLOR", "1");
                        }
                        Measured m = measure(tag, cmd, env, fleet, cpu);
                        boolean converge = phase.equals("converge");
                        String problem = switch (tool) {
                            case "drover" -> m.exit == (converge ? 8 : 0) ? null
                                    : "exit " + m.exit + ", expected " + (converge ? 8 : 0);
                            case "ansible" -> checkAnsible(m, n, converge ? GENERIC_CHANGES : 0);
                            default -> checkFloor(m, n, converge ? GENERIC_CHANGES * n : 0);
                        };
                        record(new Slot("generic", tool, n, phase, rep), m, GENERIC_TASKS, problem);
                    }
                }
            }
        }
    }

    /** Workload (b): the VNET lab with drover; every repetition resets the hosts and prepares the template first. */
    void lab(int n) throws Exception {
        log.printf("%n== lab workload (playbooks/vnet-lab.yml), %d hosts (OpenSSH), %d repetition(s)%n", n, o.labReps());
        try (Fleet fleet = startFleet(FleetSpec.builder().hosts(n).backend(Backend.OPENSSH).versions("14.3").build())) {
            FleetCpu cpu = new FleetCpu(fleet, false);
            int tasks = labTasks();
            for (int rep = 1; rep <= o.labReps(); rep++) {
                fleet.reset();
                prepareLab(fleet);
                for (String phase : List.of("converge", "nochange")) {
                    Measured m = measure("lab-" + n + "-" + phase + "-" + rep,
                            drover(fleet, o.root().resolve("playbooks/vnet-lab.yml")), Map.of(), fleet, cpu);
                    int want = phase.equals("converge") ? 8 : 0;
                    record(new Slot("lab", "drover", n, phase, rep), m, tasks, m.exit == want ? null
                            : "exit " + m.exit + ", expected " + want + " (see " + m.output + ")");
                }
            }
        }
    }

    /** Workload (c): the generic no-change run on many hosts of the embedded back end (after one converge). */
    void scale(int n) throws Exception {
        log.printf("%n== scale: generic workload, %d hosts (embedded SSH server)%n", n);
        long t0 = System.nanoTime();
        try (Fleet fleet = startFleet(FleetSpec.builder().hosts(n).backend(Backend.EMBEDDED).build())) {
            log.printf("   fleet up in %.0f s%n", (System.nanoTime() - t0) / 1e9);
            FleetCpu cpu = new FleetCpu(fleet, true);
            for (String phase : List.of("converge", "nochange")) {
                Measured m = measure("scale-" + n + "-" + phase, drover(fleet,
                        o.root().resolve("src/bench/generic/drover.yml")), Map.of(), fleet, cpu);
                int want = phase.equals("converge") ? 8 : 0;
                record(new Slot("scale", "drover", n, phase, 1), m, GENERIC_TASKS,
                        m.exit == want ? null : "exit " + m.exit + ", expected " + want);
            }
        }
    }

    /** drover's generic runs under Java Flight Recorder, summarized to where the controller's CPU goes. */
    void profile(int n) throws Exception {
        log.printf("%n== profile: generic workload with drover under JFR, %d hosts (OpenSSH)%n", n);
        try (Fleet fleet = startFleet(FleetSpec.builder().hosts(n).backend(Backend.OPENSSH).build())) {
            FleetCpu cpu = new FleetCpu(fleet, false);
            fleet.reset();
            Map<String, Object> profiles = new LinkedHashMap<>();
            for (String phase : List.of("converge", "nochange")) {
                Path jfr = o.out().resolve("profile-" + n + "-" + phase + ".jfr");
                Files.deleteIfExists(jfr);
                List<String> cmd = new ArrayList<>(List.of(java(), "-XX:StartFlightRecording=filename=" + jfr
                        + ",settings=profile", "-jar", jar.toString()));
                cmd.addAll(droverArgs(fleet, o.root().resolve("src/bench/generic/drover.yml")));
                cmd.add("--profile");
                Measured m = measure("profile-" + n + "-" + phase, cmd, Map.of(), fleet, cpu);
                int want = phase.equals("converge") ? 8 : 0;
                record(new Slot("profile", "drover+jfr", n, phase, 1), m, GENERIC_TASKS,
                        m.exit == want ? null : "exit " + m.exit + ", expected " + want);
                Map<String, Object> summary = JfrSummary.summarize(jfr);
                summary.put("drover_profile_output", tail(m.output, 40));
                profiles.put(phase, summary);
                log.println(JfrSummary.format(summary));
            }
            extra.put("profile_" + n, profiles);
        }
    }

    /** {@code drover --version}: plain, and with an application class-data sharing archive. */
    void startup() throws Exception {
        log.printf("%n== start-up: drover --version%n");
        Path jsa = o.out().resolve("drover.jsa");
        Files.deleteIfExists(jsa);
        Measured dump = measure("startup-dump-cds", List.of(java(), "-XX:ArchiveClassesAtExit=" + jsa, "-jar",
                jar.toString(), "--version"), Map.of(), null, null);
        Map<String, Object> s = new LinkedHashMap<>();
        for (String variant : List.of("plain", "cds")) {
            List<Double> walls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                List<String> cmd = new ArrayList<>(List.of(java()));
                if (variant.equals("cds")) {
                    cmd.add("-XX:SharedArchiveFile=" + jsa);
                }
                cmd.addAll(List.of("-jar", jar.toString(), "--version"));
                Measured m = measure("startup-" + variant + "-" + i, cmd, Map.of(), null, null);
                if (m.exit == 0) {
                    walls.add(m.wallS);
                }
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("median_s", walls.isEmpty() ? null : BenchReport.median(walls));
            v.put("min_s", walls.stream().min(Double::compare).orElse(null));
            v.put("max_s", walls.stream().max(Double::compare).orElse(null));
            v.put("runs", walls.size());
            s.put(variant, v);
            log.printf("   %-5s median %.3f s (min %.3f, max %.3f)%n", variant, walls.isEmpty() ? Double.NaN
                    : BenchReport.median(walls), walls.stream().min(Double::compare).orElse(Double.NaN),
                    walls.stream().max(Double::compare).orElse(Double.NaN));
        }
        s.put("cds_archive_created", dump.exit == 0 && Files.exists(jsa));
        extra.put("startup", s);
    }

    // ---------------------------------------------------------------- commands

    private String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private List<String> drover(Fleet fleet, Path playbook) {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(o.droverJvm());
        cmd.addAll(List.of("-jar", jar.toString()));
        cmd.addAll(droverArgs(fleet, playbook));
        return cmd;
    }

    private List<String> droverArgs(Fleet fleet, Path playbook) {
        return List.of("play", playbook.toString(), "-i", fleet.inventory().toString(), "--known-hosts",
                fleet.knownHosts().toString(), "--detailed-exitcode", "--no-color");
    }

    private List<String> floor(Fleet fleet) {
        return List.of(java(), "-cp", benchJar.toString(), Floor.class.getName(), fleet.inventory().toString(),
                fleet.knownHosts().toString(), fleet.clientKey().toString(), fleet.loginUser(),
                o.root().resolve("src/bench/generic/commands.txt").toString(), "50");
    }

    /** An INI inventory and an ansible.cfg for the fleet: its own known_hosts, forks 50, pipelining, python3. */
    static Path writeAnsibleFiles(Fleet fleet, Path work) throws IOException {
        StringBuilder ini = new StringBuilder("[labs]\n");
        for (FleetHost h : fleet.hosts()) {
            ini.append(h.name()).append(" ansible_host=").append(FleetHost.ADDRESS).append(" ansible_port=")
                    .append(h.port()).append('\n');
        }
        ini.append("\n[labs:vars]\nansible_user=").append(fleet.loginUser())
                .append("\nansible_ssh_private_key_file=").append(fleet.clientKey())
                .append("\nansible_python_interpreter=/usr/bin/python3\n");
        Files.writeString(work.resolve("hosts.ini"), ini);
        Path cfg = work.resolve("ansible.cfg");
        Files.writeString(cfg, """
                # Ansible's best configuration for this workload (written by org.drover.bench.Bench)
                [defaults]
                forks = 50
                gathering = explicit
                interpreter_python = /usr/bin/python3
                retry_files_enabled = False
                host_key_checking = True

                [ssh_connection]
                pipelining = True
                ssh_args = -C -o ControlMaster=auto -o ControlPersist=60s -o UserKnownHostsFile=%s -o StrictHostKeyChecking=yes
                """.formatted(fleet.knownHosts()));
        return cfg;
    }

    private static final Pattern RECAP = Pattern.compile("(?m)^(\\S+)\\s+:\\s+ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)");

    /** Every host in the recap, none failed or unreachable, each with CHANGED changes. */
    static String checkAnsible(Measured m, int hosts, int changed) throws IOException {
        String text = Files.readString(m.output);
        Matcher r = RECAP.matcher(text);
        int seen = 0;
        int right = 0;
        while (r.find()) {
            seen++;
            if (Integer.parseInt(r.group(3)) == changed && r.group(4).equals("0") && r.group(5).equals("0")) {
                right++;
            }
        }
        if (m.exit != 0 || seen != hosts || right != hosts) {
            return "exit " + m.exit + ", " + right + "/" + hosts + " hosts with changed=" + changed + " (see "
                    + m.output + ")";
        }
        return null;
    }

    private static final Pattern FLOOR = Pattern.compile("floor: (\\d+) hosts, (\\d+) commands, (\\d+) created, (\\d+) failed");

    static String checkFloor(Measured m, int hosts, int created) throws IOException {
        Matcher f = FLOOR.matcher(Files.readString(m.output));
        if (m.exit != 0 || !f.find()) {
            return "exit " + m.exit + " (see " + m.output + ")";
        }
        if (Integer.parseInt(f.group(1)) != hosts || Integer.parseInt(f.group(2)) != hosts * GENERIC_TASKS
                || Integer.parseInt(f.group(3)) != created) {
            return "floor said '" + f.group() + "', expected " + hosts * GENERIC_TASKS + " commands, " + created
                    + " created";
        }
        return null;
    }

    /** Tasks of the lab playbook, for execs per host and task: from drover's own task listing. */
    private int labTasks() throws Exception {
        Path listing = o.out().resolve("work/lab-tasks.txt");
        Files.createDirectories(listing.getParent());
        Process p = new ProcessBuilder(java(), "-jar", jar.toString(), "play", "--list-tasks",
                o.root().resolve("playbooks/vnet-lab.yml").toString(), "-i",
                o.root().resolve("inventory/lab.yml").toString())
                .redirectErrorStream(true).redirectOutput(listing.toFile()).start();
        p.waitFor();
        int n = 0;
        boolean inTasks = false;
        for (String line : Files.readAllLines(listing)) {
            if (line.strip().startsWith("tasks:")) {
                inTasks = true;
            } else if (inTasks && line.startsWith("      ") && !line.isBlank()) {
                n++;
            }
        }
        return n;
    }

    /** The template dataset every lab host needs (as src/testbed/demo.sh prepares it). */
    static void prepareLab(Fleet fleet) throws Exception {
        String script = """
                set -e
                zfs list zroot/jails >/dev/null 2>&1 || zfs create -o mountpoint=/jails zroot/jails
                zfs create -p zroot/jails/templates/14.3-RELEASE
                t=/jails/templates/14.3-RELEASE
                mkdir -p $t/bin $t/etc $t/dev $t/tmp $t/var/run $t/usr/sbin $t/root
                cp /bin/sh $t/bin/sh
                echo "FreeBSD 14.3-RELEASE userland (simulated)" > $t/etc/motd
                """;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Fleet.Result>> results = new ArrayList<>();
            for (FleetHost h : fleet.hosts()) {
                results.add(pool.submit(() -> fleet.exec(h.name(), script)));
            }
            for (int i = 0; i < results.size(); i++) {
                Fleet.Result r = results.get(i).get();
                if (r.status() != 0) {
                    throw new IOException("preparing " + fleet.hosts().get(i).name() + ": " + r.output());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- measuring

    /** What measure.py saw, plus the fleet's own figures over the same run. */
    record Measured(int exit, double wallS, double cpuS, long maxRssKb, long treePeakRssKb, double fleetCpuS,
                    Map<String, HostStats> perHost, Path output) {}

    Measured measure(String tag, List<String> cmd, Map<String, String> env, Fleet fleet, FleetCpu cpu)
            throws Exception {
        Path dir = Files.createDirectories(o.out().resolve("runs"));
        Path json = dir.resolve(tag + ".json");
        Path output = dir.resolve(tag + ".log");
        List<String> full = new ArrayList<>(List.of("python3", o.root().resolve("src/bench/measure.py").toString(),
                json.toString()));
        env.forEach((k, v) -> full.addAll(List.of("--env", k + "=" + v)));
        full.add("--");
        full.addAll(cmd);
        Map<String, HostStats> before = fleet == null ? Map.of() : stats(fleet);
        double cpu0 = cpu == null ? 0 : cpu.read();
        Process p = new ProcessBuilder(full).directory(o.root().toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        p.getOutputStream().close();
        int rc = p.waitFor();
        if (rc != 0 || !Files.exists(json)) {
            throw new IOException("measure.py failed (exit " + rc + "): " + Files.readString(output));
        }
        JsonNode j = JSON.readTree(json.toFile());
        double fleetCpu = 0;
        Map<String, HostStats> per = new LinkedHashMap<>();
        if (fleet != null) {
            cpu.settle();
            fleetCpu = cpu.read() - cpu0;
            if (cpu.embedded) {
                // the sessions run under this JVM; so did the measured controller: take that out
                fleetCpu -= j.get("cpu_s").asDouble() + j.get("measurer_cpu_s").asDouble();
            }
            Map<String, HostStats> after = stats(fleet);
            after.forEach((h, s) -> per.put(h, s.minus(before.get(h))));
        }
        Measured m = new Measured(j.get("exit").asInt(), j.get("wall_s").asDouble(), j.get("cpu_s").asDouble(),
                j.get("maxrss_kb").asLong(), j.get("tree_peak_rss_kb").asLong(), fleetCpu, per, output);
        return m;
    }

    private static Map<String, HostStats> stats(Fleet fleet) throws IOException {
        Map<String, HostStats> s = new LinkedHashMap<>();
        for (FleetHost h : fleet.hosts()) {
            s.put(h.name(), fleet.stats(h));
        }
        return s;
    }

    /** Which run a measurement is: workload, tool, fleet size, phase and repetition. */
    record Slot(String workload, String tool, int hosts, String phase, int rep) {}

    private void record(Slot slot, Measured m, int tasks, String problem) {
        String workload = slot.workload();
        String tool = slot.tool();
        String phase = slot.phase();
        int rep = slot.rep();
        long conns = m.perHost.values().stream().mapToLong(HostStats::connections).max().orElse(0);
        long execs = m.perHost.values().stream().mapToLong(HostStats::execs).max().orElse(0);
        double mean = m.perHost.values().stream().mapToLong(HostStats::execs).average().orElse(0);
        Run r = new Run(workload, tool, slot.hosts(), phase, rep, m.wallS, m.cpuS, m.treePeakRssKb, m.maxRssKb,
                m.fleetCpuS, conns, execs, mean, tasks, problem == null, problem);
        runs.add(r);
        log.printf(Locale.ROOT, "   %-8s %-8s %-10s rep %d: wall %7.2f s  cpu %7.2f s  rss %6d MiB  fleet cpu %7.2f s"
                        + "  conns/host %d  execs/host %d%s%n", workload, phase, tool, rep, r.wallS(), r.cpuS(),
                r.peakRssKb() >> 10, r.fleetCpuS(), conns, execs, problem == null ? "" : "  FAILED: " + problem);
    }

    private static String tail(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
