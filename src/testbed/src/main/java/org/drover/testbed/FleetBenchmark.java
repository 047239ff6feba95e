package org.drover.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * Starts a large fleet per back end and reports how long that takes and how much memory it holds, then checks every
 * host answers over SSH (strict host keys) from inside its own namespace. Budget: start under 30 s, resident memory of
 * everything started (plus this JVM, which hosts the embedded server) under 2 GiB.
 * <pre>
 * java -cp target/drover.jar org.drover.testbed.FleetBenchmark [--hosts 100] [--backend embedded|openssh|both]
 * </pre>
 */
public final class FleetBenchmark {
    private static final double START_BUDGET_S = 30;
    private static final long MEMORY_BUDGET = 2L << 30;

    private FleetBenchmark() {}

    public static void main(String[] args) throws Exception {
        int hosts = 100;
        String which = "both";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--hosts" -> hosts = Integer.parseInt(args[++i]);
                case "--backend" -> which = args[++i];
                default -> {
                    System.err.println("usage: FleetBenchmark [--hosts N] [--backend embedded|openssh|both]");
                    System.exit(5);
                }
            }
        }
        EmbeddedSshBackend.quietLibraryLogging("net.schmizz", "com.hierynomus");
        List<Backend> backends = which.equals("both") ? List.of(Backend.EMBEDDED, Backend.OPENSSH)
                : List.of(Backend.parse(which));
        boolean ok = true;
        for (Backend b : backends) {
            ok &= run(b, hosts);
        }
        System.exit(ok ? 0 : 1);
    }

    private static boolean run(Backend backend, int n) throws Exception {
        String name = backend.name().toLowerCase();
        long t0 = System.nanoTime();
        Fleet fleet = Fleet.start(FleetSpec.builder().hosts(n).backend(backend).versions("13.4", "14.3", "15.0").build());
        double startS = (System.nanoTime() - t0) / 1e9;
        try {
            Map<String, List<Long>> inside = Procs.processesIn(fleet.namespaces());
            long processes = inside.values().stream().mapToLong(List::size).sum();
            long fleetRss = inside.values().stream().flatMap(List::stream).mapToLong(Procs::rss).sum();
            long jvmRss = Procs.rss(ProcessHandle.current().pid());
            long total = fleetRss + jvmRss;

            long t1 = System.nanoTime();
            int answered = checkAll(fleet);
            double checkS = (System.nanoTime() - t1) / 1e9;
            HostStats stats = fleet.totalStats();

            long t2 = System.nanoTime();
            fleet.close();
            double stopS = (System.nanoTime() - t2) / 1e9;
            boolean gone = Procs.processesIn(fleet.namespaces()).isEmpty();

            System.out.printf("%-8s %d hosts: start %.1f s; memory %d MiB (%d fleet processes %d MiB + this JVM %d MiB); "
                            + "%d/%d hosts answered over SSH in %.1f s (server counted %d connections, %d execs); "
                            + "stop %.1f s, %s%n",
                    name, n, startS, total >> 20, processes, fleetRss >> 20, jvmRss >> 20, answered, n, checkS,
                    stats.connections(), stats.execs(), stopS, gone ? "nothing left" : "PROCESSES LEFT");
            boolean ok = startS < START_BUDGET_S && total < MEMORY_BUDGET && answered == n && gone;
            System.out.printf("%-8s %s (budget: start < %.0f s, memory < %d MiB)%n", name, ok ? "PASS" : "FAIL",
                    START_BUDGET_S, MEMORY_BUDGET >> 20);
            return ok;
        } finally {
            fleet.close();
        }
    }

    /** Every host, over SSH with strict host keys, must name itself from its own /var. */
    private static int checkAll(Fleet fleet) throws Exception {
        DefaultConfig config = new DefaultConfig();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (FleetHost h : fleet.hosts()) {
                answers.add(pool.submit(() -> {
                    try (SSHClient c = new SSHClient(config)) {
                        c.loadKnownHosts(fleet.knownHosts().toFile());
                        c.connect(FleetHost.ADDRESS, h.port());
                        c.authPublickey(fleet.loginUser(), c.loadKeys(fleet.clientKey().toString()));
                        try (Session s = c.startSession()) {
                            Session.Command cmd = s.exec("cat " + FleetHost.STATE_DIR + "/hostname");
                            String out = new String(cmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                            cmd.join();
                            return out.strip().equals(h.name()) && Integer.valueOf(0).equals(cmd.getExitStatus());
                        }
                    } catch (IOException e) {
                        System.err.println(h.name() + ": " + e);
                        return false;
                    }
                }));
            }
            int ok = 0;
            for (Future<Boolean> f : answers) {
                ok += f.get() ? 1 : 0;
            }
            return ok;
        } finally {
            pool.shutdownNow();
        }
    }
}
