package org.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.drover.cli.ExitCodes;
import org.drover.runlock.LockScript;
import org.drover.testbed.Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix: a small workload (a file, an rc.conf setting, a slow command, a second file) on three simulated
 * hosts behind real OpenSSH, while one thing goes wrong: a host killed, frozen (its sshd stopped) or silent (its
 * network drops every byte) mid-run; a command past its deadline; Ctrl-C once and twice (the controller is a JVM of
 * its own, sent SIGINT), also at the pf guard's dangerous point; two controllers at once, the pf lock-out case
 * included; 50 MB of output per host; a changed host key. Every case asserts that each host is in the recap, that
 * nothing is half-applied (each file is the old or the new one, no process of the workload is left on any host), and
 * that the next runs converge: changes, then none. The figures are printed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultMatrixIT {
    /** Marks the workload's slow command in the hosts' process tables. */
    static final String SLOW = "fm-slow";
    static final String FAST = "true";

    Lab lab;
    List<String> hosts;
    Path sshConfig;
    @TempDir
    Path dir;
    private final List<Figure> figures = new ArrayList<>();
    private final long t0 = System.nanoTime();
    private int runs;

    /** One case: how each host ended the faulty run, and what the convergence run then changed. */
    record Figure(String fault, Map<String, String> outcomes, long converged, long ms) {}

    @BeforeAll
    void start() throws IOException {
        lab = Lab.start(Backend.OPENSSH, 3);
        hosts = lab.hosts;
        sshConfig = Files.createTempFile("fm-ssh-", ".conf");
        // a frozen or silent host is noticed after three unanswered keep-alives
        Files.writeString(sshConfig, "Host *\n  ServerAliveInterval 1\n");
    }

    @AfterAll
    void stop() throws IOException {
        if (lab != null) {
            lab.close();
        }
        Files.deleteIfExists(sshConfig);
        Map<String, Integer> totals = new LinkedHashMap<>();
        figures.forEach(f -> f.outcomes().values().forEach(o -> totals.merge(o, 1, Integer::sum)));
        StringBuilder sb = new StringBuilder(String.format("fault matrix: %d cases, %d host outcomes %s, %d runs, "
                        + "0 processes left, every case converged (changes, then none), %d s%n", figures.size(),
                figures.stream().mapToInt(f -> f.outcomes().size()).sum(), totals, runs,
                Duration.ofNanos(System.nanoTime() - t0).toSeconds()));
        for (Figure f : figures) {
            sb.append(String.format("  %-34s %-60s then changed %d, then 0  (%d ms)%n", f.fault(), f.outcomes(),
                    f.converged(), f.ms()));
        }
        System.out.print(sb);
    }

    @AfterEach
    void nothingLeft() {
        for (String h : hosts) {
            assertThat(Lab.eventually(Duration.ofSeconds(20), () -> workloadProcesses(h).isEmpty()))
                    .as("processes of the workload left on %s: %s", h, workloadProcesses(h)).isTrue();
        }
    }

    private List<String> workloadProcesses(String h) {
        return lab.fleet.processes(h).stream().filter(p -> p.contains(SLOW)).toList();
    }

    /** The workload; SLOW_COMMAND is the third task's shell script, EXTRA more keywords of that task. */
    Path work(String slowCommand, String extra) throws IOException {
        Path p = dir.resolve("work-" + System.nanoTime() + ".yml");
        Files.writeString(p, """
                - hosts: labs
                  gather_facts: false
                  tasks:
                    - name: config
                      copy: {content: "{{ fm_version }}\\n", dest: /var/db/fm.conf}
                    - name: setting
                      sysrc: {name: fm_setting, value: "{{ fm_version }}"}
                    - name: slow
                      shell: |
                        %s
                      changed_when: false
                      %s
                    - name: done
                      copy: {content: "done {{ fm_version }}\\n", dest: /var/db/fm.done}
                """.formatted(slowCommand.replace("\n", "\n            "), extra));
        return p;
    }

    /** A run in this JVM of the workload at a new version (what the case's faulty run installs). */
    Lab.Run play(Path book, String newVersion, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("-e", "fm_version=" + newVersion));
        args.addAll(List.of(more));
        runs++;
        return lab.play(book, args.toArray(String[]::new));
    }

    /** A faulty run in this JVM, on a thread, so that FAULT can strike once the slow command runs on HOST. */
    Lab.Run playWhileSlow(Path book, String newVersion, String host, FaultAction fault, String... more)
            throws Exception {
        CompletableFuture<Lab.Run> run = CompletableFuture.supplyAsync(() -> {
            try {
                return play(book, newVersion, more);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(Lab.eventually(Duration.ofSeconds(60), () -> !workloadProcesses(host).isEmpty() || run.isDone()))
                .as("the slow command starts on %s", host).isTrue();
        assertThat(run.isDone()).as("the run is still going").isFalse();
        fault.strike();
        return run.get(120, TimeUnit.SECONDS);
    }

    interface FaultAction {
        void strike() throws Exception;
    }

    /**
     * What every case asserts after its faulty run R at version V: every host in the recap (the expected outcome
     * where given, else changed), each file the old or the new one; then the workload at V converges and a second run
     * changes nothing. Records the case's figures.
     */
    void account(String fault, Lab.Run r, String v, Map<String, String> expected, long started) throws IOException {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String h : hosts) {
            String o = outcome(r, h);
            outcomes.put(h, o);
            assertThat(o).as("%s on %s: %s", fault, h, r).isEqualTo(expected.getOrDefault(h, "changed"));
            // each file whole: one version's, not a mix or a part
            String conf = lab.on(h, "cat /var/db/fm.conf 2>/dev/null || true");
            assertThat(conf).as("fm.conf on %s", h).matches("([a-z0-9-]+\n)?");
            String done = lab.on(h, "cat /var/db/fm.done 2>/dev/null || true");
            assertThat(done).as("fm.done on %s", h).matches("(done [a-z0-9-]+\n)?");
        }
        Path book = work(FAST, "");
        Lab.Run first = play(book, v);
        assertThat(first.exit()).as("%s", first).isIn(ExitCodes.OK, ExitCodes.CHANGED);
        long changed = 0;
        for (String h : hosts) {
            assertThat(first.recap(h, "failed") + first.recap(h, "unreachable")).as("%s", first).isZero();
            changed += first.recap(h, "changed");
        }
        Lab.Run second = play(book, v);
        assertThat(second.exit()).as("converged: %s", second).isEqualTo(ExitCodes.OK);
        for (String h : hosts) {
            assertThat(second.recap(h, "changed")).isZero();
            assertThat(lab.on(h, "cat /var/db/fm.conf /var/db/fm.done; sysrc -n fm_setting"))
                    .isEqualTo(v + "\ndone " + v + "\n" + v + "\n");
        }
        figures.add(new Figure(fault, outcomes, changed, (System.nanoTime() - started) / 1_000_000));
    }

    /** The host's line of the recap in one word: unreachable, failed, changed or ok. */
    static String outcome(Lab.Run r, String h) {
        if (r.recap(h, "unreachable") > 0) {
            return "unreachable";
        }
        if (r.recap(h, "failed") > 0) {
            return "failed";
        }
        return r.recap(h, "changed") > 0 ? "changed" : "ok";
    }

    @Test
    @Order(1)
    void aHostKilledMidRun() throws Exception {
        long t = System.nanoTime();
        String h = hosts.get(1);
        Lab.Run r = playWhileSlow(work("sleep 4; echo " + SLOW, ""), "killed", h, () -> {
            lab.fleet.dropConnections(h);
            lab.fleet.refuseConnections(h);
        });
        lab.fleet.acceptConnections(h);
        assertThat(r.exit()).as("%s", r).isEqualTo(ExitCodes.UNREACHABLE);
        account("host killed mid-run", r, "killed", Map.of(h, "unreachable"), t);
    }

    @Test
    @Order(2)
    void aHostFrozenMidRun() throws Exception {
        long t = System.nanoTime();
        String h = hosts.get(2);
        Lab.Run r;
        try {
            r = playWhileSlow(work("sleep 3; echo " + SLOW, ""), "frozen", h, () -> lab.fleet.freeze(h),
                    "--ssh-config", sshConfig.toString());
        } finally {
            lab.fleet.thaw(h);
        }
        assertThat(r.exit()).as("%s", r).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.result(h, "slow").msg()).as("%s", r).isNotBlank();
        account("host frozen mid-run (SIGSTOP sshd)", r, "frozen", Map.of(h, "unreachable"), t);
    }

    @Test
    @Order(3)
    void aHostSilentMidRun() throws Exception {
        long t = System.nanoTime();
        String h = hosts.get(0);
        int port = lab.fleet.host(h).port();
        Path known = lab.fleet.knownHosts();
        String knownBefore = Files.readString(known);
        Lab.Run r;
        try (Blackhole hole = new Blackhole(port)) {
            // the host is reached through a forwarder that can drop every byte, as a cut network would
            StringBuilder more = new StringBuilder();
            knownBefore.lines().filter(l -> l.startsWith("[127.0.0.1]:" + port + " "))
                    .forEach(l -> more.append(l.replace("]:" + port + " ", "]:" + hole.port() + " ")).append('\n'));
            Files.writeString(known, knownBefore + more);
            lab.editInventory("silent", text -> text.replaceFirst("(?s)(" + h + ":\\n.*?drover_port: )" + port,
                    "$1" + hole.port()));
            r = playWhileSlow(work("sleep 3; echo " + SLOW, ""), "silent", h, () -> hole.silent = true,
                    "--ssh-config", sshConfig.toString());
        } finally {
            lab.editInventory("labs", text -> text);
            Files.writeString(known, knownBefore);
        }
        // the network is back (the forwarder is gone: the host's session ends, and with it the run lock's anchor)
        assertThat(r.exit()).as("%s", r).isEqualTo(ExitCodes.UNREACHABLE);
        account("host silent mid-run (network drops)", r, "silent", Map.of(h, "unreachable"), t);
    }

    /** A TCP forwarder to a port that can drop every byte both ways, as a cut network would. */
    static final class Blackhole implements AutoCloseable {
        private final java.net.ServerSocket server = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress());
        private final List<java.net.Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final int target;
        volatile boolean silent;

        Blackhole(int target) throws IOException {
            this.target = target;
            daemon(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            try {
                while (true) {
                    java.net.Socket a = server.accept();
                    java.net.Socket b = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), target);
                    sockets.add(a);
                    sockets.add(b);
                    daemon(() -> pipe(a, b));
                    daemon(() -> pipe(b, a));
                }
            } catch (IOException e) {
                // closed
            }
        }

        private void pipe(java.net.Socket from, java.net.Socket to) {
            byte[] buf = new byte[16384];
            try {
                java.io.InputStream in = from.getInputStream();
                java.io.OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (!silent) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // one side is gone
            } finally {
                quietly(from);
                quietly(to);
            }
        }

        private static void daemon(Runnable r) {
            Thread t = new Thread(r, "blackhole");
            t.setDaemon(true);
            t.start();
        }

        private static void quietly(java.io.Closeable c) {
            try {
                c.close();
            } catch (IOException e) {
                // already closed
            }
        }

        @Override
        public void close() {
            quietly(server);
            sockets.forEach(Blackhole::quietly);
        }
    }

    @Test
    @Order(4)
    void aCommandPastItsDeadline() throws Exception {
        long t = System.nanoTime();
        String h = hosts.get(1);
        Lab.Run r = play(work("if [ {{ inventory_hostname }} = " + h + " ]; then sleep 300; fi; echo " + SLOW, "timeout: 3"),
                "timeout");
        assertThat(r.exit()).as("%s", r).isEqualTo(ExitCodes.FAILED);
        assertThat(r.result(h, "slow").msg()).as("%s", r).containsIgnoringCase("timed out");
        account("command timed out (timeout: 3)", r, "timeout", Map.of(h, "failed"), t);
    }

    @Test
    @Order(5)
    void ctrlCOnceStopsTheRunningCommandsAndPrintsTheRecap() throws Exception {
        long t = System.nanoTime();
        // the last host's command ignores SIGTERM: SIGKILL follows a few seconds later
        Path book = work("if [ {{ inventory_hostname }} = " + hosts.get(2) + " ]; then trap '' TERM; fi; sleep 300; echo "
                + SLOW, "");
        Interrupted run = interrupt(book, "ctrl-c-once", 1);
        assertThat(run.stderr()).contains("drover: interrupted: no new task starts; stopping the 3 commands still "
                + "running (SIGTERM), then the recap. Ctrl-C again stops at once (SIGKILL)");
        assertThat(run.run().recap().get("interrupted")).isEqualTo(true);
        for (String h : hosts) {
            assertThat(run.run().result(h, "slow").status()).isEqualTo("failed");
            assertThat(run.run().results(h)).extracting(Lab.HostResult::task).doesNotContain("done");
        }
        Map<String, String> failed = new LinkedHashMap<>();
        hosts.forEach(h -> failed.put(h, "failed"));
        account("Ctrl-C once (one command ignores TERM)", run.run(), "ctrl-c-once", failed, t);
    }

    @Test
    @Order(6)
    void ctrlCTwiceKillsTheRunningCommandsAtOnce() throws Exception {
        long t = System.nanoTime();
        Interrupted run = interrupt(work("trap '' TERM; sleep 300; echo " + SLOW, ""), "ctrl-c-twice", 2);
        assertThat(run.stderr()).contains("drover: interrupted again: killing the running commands (SIGKILL), exiting");
        Map<String, String> failed = new LinkedHashMap<>();
        hosts.forEach(h -> failed.put(h, "failed"));
        account("Ctrl-C twice (commands ignore TERM)", run.run(), "ctrl-c-twice", failed, t);
    }

    record Interrupted(Lab.Run run, String stderr) {}

    /** Runs BOOK in a controller of its own, sends it SIGINT TIMES times once the slow command runs everywhere. */
    Interrupted interrupt(Path book, String v, int times) throws Exception {
        Path out = dir.resolve(v + ".out");
        Path err = dir.resolve(v + ".err");
        Process p = lab.controller(book, out, err, List.of("-Xmx256m"), "-e", "fm_version=" + v);
        runs++;
        try {
            for (String h : hosts) {
                assertThat(Lab.eventually(Duration.ofSeconds(60), () -> !workloadProcesses(h).isEmpty() || !p.isAlive()))
                        .as("the slow command runs on %s: %s", h, Files.readString(err)).isTrue();
            }
            assertThat(p.isAlive()).as(Files.readString(err)).isTrue();
            sigint(p);
            if (times > 1) {
                assertThat(Lab.eventually(Duration.ofSeconds(10), () -> read(err).contains("drover: interrupted:")))
                        .isTrue();
                sigint(p);
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the controller exits").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String stderr = Files.readString(err);
        Lab.Run r = new Lab.Run(book.getFileName() + " (SIGINT x" + times + ")", p.exitValue(),
                Lab.events(Files.readString(out)), stderr, Duration.ZERO, Map.of());
        System.err.println(r);
        assertThat(r.exit()).as("%s", r).isEqualTo(ExitCodes.INTERRUPTED);
        for (String h : hosts) {
            assertThat(Lab.eventually(Duration.ofSeconds(10), () -> workloadProcesses(h).isEmpty()))
                    .as("no process of the interrupted command survives on %s: %s", h, workloadProcesses(h)).isTrue();
        }
        return new Interrupted(r, stderr);
    }

    static void sigint(Process p) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor()).isZero();
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    @Order(7)
    void twoControllersAtOnceOnTheSameHosts() throws Exception {
        long t = System.nanoTime();
        Path out = dir.resolve("first.out");
        Path err = dir.resolve("first.err");
        Process first = lab.controller(work("sleep 4; echo " + SLOW, ""), out, err, List.of("-Xmx256m"),
                "-e", "fm_version=first");
        runs++;
        for (String h : hosts) {
            assertThat(Lab.eventually(Duration.ofSeconds(60), () -> held(h) || !first.isAlive())).isTrue();
        }
        Path book = work(FAST, "");
        Lab.Run refused = play(book, "second", "--lock-timeout", "1");
        for (String h : hosts) {
            assertThat(refused.result(h, "config").msg()).as("%s", refused)
                    .startsWith("locked by run ").contains("(pid " + first.pid() + ")");
        }
        Lab.Run waited = play(book, "second");
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(read(err)).isEqualTo(ExitCodes.CHANGED);
        assertThat(waited.exit()).as("%s", waited).isEqualTo(ExitCodes.CHANGED);
        Map<String, String> unreachable = new LinkedHashMap<>();
        hosts.forEach(h -> unreachable.put(h, "unreachable"));
        account("two controllers at once (--lock-timeout 1)", refused, "second", unreachable, t);
    }

    private boolean held(String h) {
        try {
            return lab.fleet.exec(h, "test -f " + LockScript.DIR + "/holder").status() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    @Order(8)
    void fiftyMegabytesOfOutputPerHostStayWithinMaxOutput() throws Exception {
        long t = System.nanoTime();
        Path out = dir.resolve("big.out");
        Path err = dir.resolve("big.err");
        // on one host: the bound is per command, and three hosts' 150 MB would only cost the build time
        Process p = lab.controller(work("if [ {{ inventory_hostname }} = " + hosts.get(0) + " ]; then head -c 50000000 "
                + "/dev/zero | tr '\\000' a; fi; echo " + SLOW, ""), out, err,
                List.of("-Xmx128m"), "-e", "fm_version=big", "--max-output", "1M");
        runs++;
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Lab.Run r = new Lab.Run("50 MB", p.exitValue(), Lab.events(read(out)), read(err), Duration.ZERO, Map.of());
        assertThat(r.exit()).as("%s", r).isEqualTo(ExitCodes.CHANGED);
        account("50 MB of output (-Xmx128m)", r, "big", Map.of(), t);
    }

    @Test
    @Order(9)
    void aChangedHostKeyIsRefusedForThatHostOnly() throws Exception {
        long t = System.nanoTime();
        String h = hosts.get(1);
        int port = lab.fleet.host(h).port();
        int other = lab.fleet.host(hosts.get(0)).port();
        Path known = lab.fleet.knownHosts();
        String before = Files.readString(known);
        Lab.Run r;
        try {
            // the host now presents keys that known_hosts does not list for it (another host's are listed)
            StringBuilder swapped = new StringBuilder();
            before.lines().filter(l -> !l.startsWith("[127.0.0.1]:" + port + " ")).forEach(l -> {
                swapped.append(l).append('\n');
                if (l.startsWith("[127.0.0.1]:" + other + " ")) {
                    swapped.append(l.replace("]:" + other + " ", "]:" + port + " ")).append('\n');
                }
            });
            Files.writeString(known, swapped.toString());
            r = play(work(FAST, ""), "hostkey");
        } finally {
            Files.writeString(known, before);
        }
        assertThat(r.exit()).as("%s", r).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.result(h, "config").msg()).as("%s", r).containsIgnoringCase("host key").contains("SHA256:");
        account("host key changed", r, "hostkey", Map.of(h, "unreachable"), t);
    }

    /**
     * Ctrl-C at the pf guard's dangerous point: the new rules are loaded, the connection not yet confirmed. The
     * host's pfctl is wrapped to linger after a load, so that the interrupt lands there. Whatever stops the script
     * (SIGTERM, SIGKILL to its process group), the rollback timer lives on and puts the previous rules back.
     */
    @Test
    @Order(10)
    void ctrlCOnceAfterThePfRulesAreLoadedRollsBack() throws Exception {
        pfInterrupt(1);
    }

    @Test
    @Order(11)
    void ctrlCTwiceAfterThePfRulesAreLoadedRollsBack() throws Exception {
        pfInterrupt(2);
    }

    static final String LINGER = """
            set -e
            mv /usr/sbin/pfctl /usr/sbin/pfctl.sim
            cat > /usr/sbin/pfctl <<'EOF'
            #!/bin/sh
            # FaultMatrixIT: after the first load (-f without -n), say so and linger, so that Ctrl-C comes after it
            /usr/sbin/pfctl.sim "$@"; rc=$?
            load=
            for a; do case $a in -*n*) exit $rc;; -*f*) load=1;; esac; done
            [ -n "$load" ] && [ ! -e /var/db/fm-pf-loaded ] || exit $rc
            touch /var/db/fm-pf-loaded
            sleep 30
            exit $rc
            EOF
            chmod 0755 /usr/sbin/pfctl
            """;

    private void pfInterrupt(int times) throws Exception {
        long t0 = System.nanoTime();
        String h = hosts.get(0);
        Path good = dir.resolve("pf-good.yml");
        Files.writeString(good, PfLockoutIT.playbook(h, "pass in proto tcp from any to any port 22"));
        Path next = dir.resolve("pf-next.yml");
        Files.writeString(next, PfLockoutIT.playbook(h, "pass in proto tcp from any to any port { 22, 80 }"));
        assertThat(lab.play(good).exit()).isIn(ExitCodes.OK, ExitCodes.CHANGED);
        String look = "cat /etc/pf.conf; pfctl -s Running; pfctl -s rules; sysrc -n pf_enable";
        String before = lab.on(h, look);
        lab.on(h, LINGER);
        try {
            Path out = dir.resolve("pf" + times + ".out");
            Path err = dir.resolve("pf" + times + ".err");
            Process p = lab.controller(next, out, err, List.of("-Xmx256m"));
            runs++;
            Path loaded = lab.fleet.host(h).file("/var/db/fm-pf-loaded");
            assertThat(Lab.eventually(Duration.ofSeconds(60), () -> Files.exists(loaded) || !p.isAlive()))
                    .as("%s%n%s%n%s", read(out), read(err), lab.on(h, "ls -la /etc /var/db; ps -ef | grep -v ' \\[' "
                            + "| grep -e pfctl -e drover -e sleep")).isTrue();
            assertThat(lab.on(h, "pfctl -s rules")).as("the new rules are loaded").contains("port = http");
            for (int i = 0; i < times; i++) {
                sigint(p);
                if (i == 0 && times > 1) {
                    assertThat(Lab.eventually(Duration.ofSeconds(10), () -> read(err).contains("interrupted:")))
                            .isTrue();
                }
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            Lab.Run r = new Lab.Run("pf SIGINT x" + times, p.exitValue(), Lab.events(read(out)), read(err),
                    Duration.ZERO, Map.of());
            System.err.println(r);
            assertThat(r.exit()).as("%s", r).isEqualTo(ExitCodes.INTERRUPTED);
            // the host's own timer puts everything back within rollback_after (3 s)
            assertThat(Lab.eventually(Duration.ofSeconds(20), () -> {
                try {
                    return lab.on(h, look).equals(before) && lab.on(h, "ls -a /etc | grep drover || true").isEmpty();
                } catch (IOException e) {
                    return false;
                }
            })).as("the previous rules are back, no guard file left: %s", lab.on(h, look + "; ls -a /etc")).isTrue();
            assertThat(lab.fleet.processes(h)).noneMatch(c -> c.contains("drover-armed"));
            Map<String, String> outcomes = new LinkedHashMap<>();
            outcomes.put(h, outcome(r, h));
            assertThat(outcomes.get(h)).isEqualTo("failed");
            lab.on(h, "mv -f /usr/sbin/pfctl.sim /usr/sbin/pfctl; rm -f /var/db/fm-pf-loaded");
            Lab.Run first = lab.play(next);
            assertThat(first.exit()).as("%s", first).isEqualTo(ExitCodes.CHANGED);
            assertThat(lab.play(next).exit()).isEqualTo(ExitCodes.OK);
            runs += 3;
            figures.add(new Figure("Ctrl-C x" + times + " with pf rules loaded", outcomes,
                    first.recap(h, "changed"), (System.nanoTime() - t0) / 1_000_000));
        } finally {
            lab.fleet.reset();
        }
    }

    /**
     * The lock-out case that motivated the run lock: two controllers load a ruleset that cuts SSH on one host. One
     * after the other, each arms its own timer and is rolled back; the host ends with the good rules and no timer.
     */
    @Test
    @Order(12)
    void twoControllersWithALockOutRulesetLeaveTheGoodRules() throws Exception {
        long t0 = System.nanoTime();
        String h = hosts.get(0);
        try (PfLockoutIT.SshGate gate = PfLockoutIT.SshGate.install(lab, h)) {
            Path good = dir.resolve("pf-good.yml");
            Files.writeString(good, PfLockoutIT.playbook(h, "pass in proto tcp from any to any port 22"));
            assertThat(lab.play(good).exit()).isEqualTo(ExitCodes.CHANGED);
            String look = "cat /etc/pf.conf; pfctl -s Running; pfctl -s nat; pfctl -s rules; sysrc -n pf_enable";
            String before = lab.on(h, look);

            // a first task that holds the lock a moment, so that the second run is connected and waiting
            Path bad = dir.resolve("pf-lockout.yml");
            Files.writeString(bad, PfLockoutIT.playbook(h, "block in quick proto tcp from any to any port 22")
                    .replace("  tasks:\n", "  tasks:\n    - command: sleep 3\n"));
            Path out = dir.resolve("lockout.out");
            Path err = dir.resolve("lockout.err");
            Process first = lab.controller(bad, out, err, List.of("-Xmx256m"));
            assertThat(Lab.eventually(Duration.ofSeconds(60), () -> held(h) || !first.isAlive())).isTrue();
            Lab.Run second = lab.play(bad);
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            Lab.Run firstRun = new Lab.Run("first", first.exitValue(), Lab.events(read(out)), read(err),
                    Duration.ZERO, Map.of());
            assertThat(firstRun.exit()).as("%s", firstRun).isEqualTo(ExitCodes.FAILED);
            assertThat(firstRun.result(h, "rules").msg())
                    .contains("new SSH connections to " + h + " failed after the new pf rules were loaded");
            assertThat(second.exit()).as("%s", second).isEqualTo(ExitCodes.FAILED);
            assertThat(second.result(h, "rules").msg()).contains("it did: new connections work again");
            assertThat(gate.transitions()).extracting(PfLockoutIT.SshGate.Transition::state)
                    .as("one lock-out and its rollback per run, one after the other")
                    .containsExactly("refuse", "accept", "refuse", "accept");

            Thread.sleep(PfLockoutIT.ROLLBACK * 2000L); // a timer left behind would fire by now
            assertThat(lab.on(h, look)).as("the good rules are back").isEqualTo(before);
            assertThat(lab.on(h, "ls -a /etc /tmp | grep drover || true")).as("guard files or lock left").isEmpty();
            assertThat(lab.play(good).exit()).as("converged").isEqualTo(ExitCodes.OK);
            runs += 4;
            figures.add(new Figure("two controllers, pf lock-out rules", Map.of(h, outcome(second, h)
                    + " (first: " + outcome(firstRun, h) + ")"), 0, (System.nanoTime() - t0) / 1_000_000));
        } finally {
            lab.fleet.reset();
        }
    }
}
