package org.drover.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every SSH back end of the fleet must do, run once per back end: isolation between hosts and from the
 * machine, sessions landing in their host, shells and become, fault knobs, counters, reset and a clean stop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FleetContract {
    static final String FREEBSD_PATH = "PATH=/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin; export PATH; ";
    final String marker = "drover-test-" + UUID.randomUUID();
    Fleet fleet;

    abstract Backend backend();

    static Path standins() throws Exception {
        return Path.of(FleetContract.class.getResource("fakesim/bin").toURI()).getParent();
    }

    FleetSpec.Builder spec() throws Exception {
        return FleetSpec.builder().backend(backend()).simDir(standins());
    }

    @BeforeAll
    void startFleet() throws Exception {
        fleet = Fleet.start(spec().hosts(2).versions("13.4", "15.0").seedState("zfs", "zroot\nzroot/jails\n").build());
    }

    @AfterAll
    void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    SshRun.Out ssh(String host, String command) throws IOException {
        return SshRun.once(fleet, host, command);
    }

    @Test
    void filesWrittenOnOneHostStayThere() throws Exception {
        String write = "set -e; echo " + marker + " > /etc/pf.conf; echo " + marker + " > /etc/jail.conf.d/x.conf; "
                + "echo 'x_enable=\"" + marker + "\"' >> /etc/rc.conf; mkdir -p /jails/x /usr/jails/y; "
                + "echo " + marker + " > /jails/x/f; echo " + marker + " > /usr/jails/y/f; echo " + marker + " > /tmp/f; "
                + "echo " + marker + " > /root/f";
        assertThat(ssh("lab01", write).status()).isZero();
        List<String> files = List.of("/etc/pf.conf", "/etc/jail.conf.d/x.conf", "/jails/x/f", "/usr/jails/y/f", "/tmp/f",
                "/root/f");
        try {
            for (String f : files) {
                assertThat(ssh("lab01", "cat " + f).stdout()).as("%s on lab01", f).contains(marker);
                assertThat(fleet.host("lab01").file(f)).as("%s on lab01, seen from the machine", f).content().contains(marker);
                SshRun.Out other = ssh("lab02", "cat " + f);
                assertThat(other.stdout()).as("%s on lab02", f).doesNotContain(marker);
                assertThat(other.status()).as("%s on lab02", f).isNotZero();
                assertThat(onMachine(Path.of(f))).as("%s on the machine", f).doesNotContain(marker);
            }
            assertThat(ssh("lab01", "cat /etc/rc.conf").stdout()).contains(marker).contains("hostname=\"lab01\"");
            assertThat(ssh("lab02", "cat /etc/rc.conf").stdout()).doesNotContain(marker).contains("hostname=\"lab02\"");
            assertThat(onMachine(Path.of("/etc/rc.conf"))).doesNotContain(marker);
        } finally {
            fleet.reset();
        }
    }

    private static String onMachine(Path p) throws IOException {
        return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
    }

    @Test
    void eachSessionLandsInItsHost() throws Exception {
        for (FleetHost h : fleet.hosts()) {
            SshRun.Out o = ssh(h.name(), FREEBSD_PATH + "uname -n; cat /var/db/fakebsd/hostname; hostname; "
                    + "freebsd-version; command -v ifconfig; ifconfig; grep hostname= /etc/rc.conf");
            assertThat(o.status()).isZero();
            assertThat(o.stdout().lines().toList()).containsExactly(h.name(), h.name(), h.name(), h.version(),
                    "/sbin/ifconfig", "standin-ifconfig on " + h.name(), "hostname=\"" + h.name() + "\"");
        }
        assertThat(fleet.host("lab01").version()).isEqualTo("13.4-RELEASE");
        assertThat(fleet.host("lab02").version()).isEqualTo("15.0-RELEASE");
        // the simulations are wrappers at FreeBSD's paths; the machine's own ifconfig (if any) is not them
        assertThat(ssh("lab01", "cat /usr/sbin/ifconfig").stdout()).contains("/usr/libexec/fakebsd/bin/ifconfig");
        assertThat(onMachine(Path.of("/usr/sbin/ifconfig"))).doesNotContain("fakebsd");
        // other simulated commands are installed too, in place of the machine's (route: a real one would touch its routes)
        assertThat(ssh("lab01", "/sbin/route add default 10.0.0.1").stdout()).isEqualTo("standin-route on lab01\n");
        // seed state files are passed through to every host
        assertThat(ssh("lab02", FREEBSD_PATH + "zfs list").stdout()).isEqualTo("zroot\nzroot/jails\n");
    }

    /** Embedded sessions enter the host's network namespace; OpenSSH sessions share sshd's, the machine's. */
    abstract boolean sessionsHavePrivateNetwork();

    @Test
    void networkNamespaceOfSessions() throws Exception {
        String machine = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        String session = ssh("lab01", "readlink /proc/self/ns/net").stdout().strip();
        String other = ssh("lab02", "readlink /proc/self/ns/net").stdout().strip();
        assertThat(session).startsWith("net:[");
        if (sessionsHavePrivateNetwork()) {
            assertThat(session).isNotEqualTo(machine).isNotEqualTo(other);
        } else {
            assertThat(session).isEqualTo(machine);
        }
        // Fleet.exec always runs in the host's own network namespace
        assertThat(fleet.exec("lab01", "readlink /proc/self/ns/net").output().strip()).isNotEqualTo(machine);
    }

    @Test
    void relativePathsResolveInsideTheHost() throws Exception {
        // the session's working directory must be the host's home, not a directory of the machine's namespace
        assertThat(ssh("lab01", "pwd; echo " + marker + " > ./rel; cat /root/rel; rm rel").stdout())
                .isEqualTo("/root\n" + marker + "\n");
        assertThat(Path.of("/root/rel")).doesNotExist();
    }

    @Test
    void stdinIsStreamedAndExitStatusReturned() throws Exception {
        try (SshRun r = new SshRun(fleet, fleet.host("lab01"), "root")) {
            SshRun.Out o = r.exec("tr a-z A-Z; echo err >&2; exit 7", "hello\n", 30);
            assertThat(o).isEqualTo(new SshRun.Out(7, "HELLO\n", "err\n"));
        }
    }

    @Test
    void countsConnectionsAndExecsServerSide() throws Exception {
        HostStats before = fleet.stats("lab02");
        try (SshRun a = new SshRun(fleet, fleet.host("lab02"), "root");
             SshRun b = new SshRun(fleet, fleet.host("lab02"), "root");
             SshRun c = new SshRun(fleet, fleet.host("lab02"), "root")) {
            for (int i = 0; i < 5; i++) {
                assertThat(a.exec("echo " + i, null, 30).stdout()).isEqualTo(i + "\n");
            }
            assertThat(b.exec("true", null, 30).status()).isZero();
        }
        // the server may count a moment after the client saw the answer
        Eventually.awaitEqual(Duration.ofSeconds(5), "connections and execs counted by lab02",
                () -> fleet.stats("lab02").minus(before), new HostStats(3, 6));
    }

    /** The command lines of the processes inside HOST of FLEET (its mount namespace), by pid. */
    static Map<Long, String> processes(Fleet fleet, String host) {
        String ns = Procs.mountNamespace(fleet.host(host).holderPid());
        Map<Long, String> found = new TreeMap<>();
        if (ns == null) {
            return found;
        }
        for (long pid : Procs.processesIn(Set.of(ns)).getOrDefault(ns, List.of())) {
            try {
                found.put(pid, new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                        StandardCharsets.UTF_8).replace('\0', ' ').strip());
            } catch (IOException gone) {
                // ended while we looked
            }
        }
        return found;
    }

    /** Waits until COMMAND (a whole command line) runs inside HOST of FLEET. */
    static void awaitRunning(Fleet fleet, String host, String command) throws Exception {
        Eventually.await(Duration.ofSeconds(20), () -> "'" + command + "' is not running in " + host + ": "
                + processes(fleet, host), () -> processes(fleet, host).containsValue(command));
    }

    @Test
    void faultKnobsMakeCommandsSlowFailOrHang() throws Exception {
        try {
            fleet.setFault("lab01", "zfs", new Fault.Fail(3, "zfs: pool I/O is currently suspended"));
            SshRun.Out failed = ssh("lab01", FREEBSD_PATH + "zfs list");
            assertThat(failed.status()).isEqualTo(3);
            assertThat(failed.stderr()).isEqualTo("zfs: pool I/O is currently suspended\n");
            assertThat(ssh("lab02", FREEBSD_PATH + "zfs list").status()).as("other hosts unaffected").isZero();

            fleet.setFault("lab01", "zfs", new Fault.Slow(1.5));
            long t0 = System.nanoTime();
            assertThat(ssh("lab01", FREEBSD_PATH + "zfs list").status()).isZero();
            assertThat(System.nanoTime() - t0).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(1500));

            fleet.setFault("lab01", "zfs", new Fault.Hang());
            try (SshRun r = new SshRun(fleet, fleet.host("lab01"), "root")) {
                SshRun.Out hung = r.exec(FREEBSD_PATH + "zfs list", null, 2);
                assertThat(hung.status()).as("no exit status: still running").isEqualTo(-1);
            }
            fleet.clearFault("lab01", "zfs");
            assertThat(ssh("lab01", FREEBSD_PATH + "zfs list").status()).isZero();
        } finally {
            fleet.clearFault("lab01", "zfs");
        }
    }

    @Test
    void refusedHostsRefuseAndComeBack() throws Exception {
        fleet.refuseConnections("lab02");
        try {
            assertThatThrownBy(() -> ssh("lab02", "true")).isInstanceOf(ConnectException.class);
            assertThat(ssh("lab01", "true").status()).isZero();
        } finally {
            fleet.acceptConnections("lab02");
        }
        assertThat(ssh("lab02", "echo back").stdout()).isEqualTo("back\n");
    }

    @Test
    void droppedConnectionsBreakAndNewOnesWork() throws Exception {
        SshRun r = new SshRun(fleet, fleet.host("lab01"), "root");
        CompletableFuture<SshRun.Out> running = CompletableFuture.supplyAsync(() -> {
            try {
                return r.exec("sleep 60; echo finished", null, 90);
            } catch (IOException e) {
                return new SshRun.Out(-2, "", e.toString());
            }
        });
        awaitRunning(fleet, "lab01", "sleep 60");
        long t0 = System.nanoTime();
        fleet.dropConnections("lab01");
        SshRun.Out o = running.get(20, TimeUnit.SECONDS);
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(20));
        assertThat(o.stdout()).doesNotContain("finished");
        assertThat(o.status()).isNotZero();
        r.close();
        assertThat(ssh("lab01", "echo again").stdout()).isEqualTo("again\n");
    }

    @Test
    void resetRestoresTheSeed() throws Exception {
        HostStats before = fleet.stats("lab02");
        assertThat(ssh("lab02", "set -e; echo pass > /etc/pf.conf; echo 'x=1' >> /etc/rc.conf; mkdir -p /jails/j/etc; "
                + "touch /tmp/t /usr/jails/u; echo changed > /var/db/fakebsd/zfs; echo 9.9-RELEASE > /var/db/fakebsd/version")
                .status()).isZero();
        fleet.setFault("lab02", "uname", new Fault.Fail(1, "x"));
        fleet.reset();
        SshRun.Out o = ssh("lab02", FREEBSD_PATH + "ls /etc/pf.conf /jails/j /tmp/t /usr/jails/u /var/db/fakebsd/faults/uname 2>&1 | "
                + "grep -c 'No such'; cat /etc/rc.conf; zfs list; uname -r");
        assertThat(o.stdout()).isEqualTo("5\nhostname=\"lab02\"\nzroot\nzroot/jails\n15.0-RELEASE\n");
        assertThat(fleet.stats("lab02").minus(before).connections()).as("counters survive reset").isEqualTo(2);
    }

    @Test
    void closeLeavesNoProcessMountOrFile() throws Exception {
        Fleet f = Fleet.start(spec().hosts(2).build());
        Set<String> namespaces = f.namespaces();
        List<Long> pids = f.pids();
        Path base = f.baseDir();
        assertThat(namespaces).hasSize(2);
        // a session still running when the fleet stops
        SshRun r = new SshRun(f, f.host("lab02"), "root");
        CompletableFuture.runAsync(() -> {
            try {
                r.exec("sleep 600", null, 700);
            } catch (IOException ignored) {
                // the fleet goes away under it
            }
        });
        awaitRunning(f, "lab02", "sleep 600");
        assertThat(Procs.processesIn(namespaces).values().stream().mapToInt(List::size).sum()).isGreaterThanOrEqualTo(3);
        f.close();
        r.close();
        assertThat(Procs.processesIn(namespaces)).isEmpty();
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d", pid).isFalse();
        }
        assertThat(base).doesNotExist();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(base.toString());
    }
}
