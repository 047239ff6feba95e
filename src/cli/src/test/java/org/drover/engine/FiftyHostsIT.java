package org.drover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.cli.ExitCodes;
import org.drover.cli.Main;
import org.drover.testbed.Backend;
import org.drover.testbed.Fleet;
import org.drover.testbed.FleetSpec;
import org.drover.testbed.HostStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code drover play} of command, shell, copy and template tasks on 50 simulated hosts behind real OpenSSH sshd
 * (forks 50): the first run converges every host, the second changes nothing; each run opens exactly one SSH
 * connection per host (counted by the servers), and a copy or template that changes nothing costs one round trip.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FiftyHostsIT {
    private static final int HOSTS = 50;

    private Fleet fleet;
    private final List<String> hosts = new ArrayList<>();

    @BeforeAll
    void start() throws IOException {
        long t0 = System.nanoTime();
        fleet = Fleet.start(FleetSpec.builder().hosts(HOSTS).backend(Backend.OPENSSH).build());
        fleet.hosts().forEach(h -> hosts.add(h.name()));
        System.out.printf("FiftyHostsIT: %d-host OpenSSH fleet started in %d ms%n", HOSTS,
                Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }

    @AfterAll
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    /** One host_result event of {@code --output json}. */
    private record Result(String task, String host, String status, long execs) {}

    /** One run: exit code, recap per host, results, server-side counts per host during the run, wall time. */
    private record Run(int exit, Map<String, Map<String, Object>> recap, List<Result> results,
                       Map<String, HostStats> server, Duration elapsed, String output) {
        long recap(String host, String field) {
            return ((Number) recap.get(host).get(field)).longValue();
        }

        List<Result> of(String task) {
            return results.stream().filter(r -> r.task().equals(task)).toList();
        }
    }

    /** {@code drover play fifty/site.yml -i inventory --forks 50 --output json}, in this JVM. */
    private Run play(String label) throws IOException, URISyntaxException {
        Path site = Path.of(getClass().getResource("/fifty/site.yml").toURI());
        String[] args = {"play", site.toString(), "-i", fleet.inventory().toString(), "--known-hosts",
                fleet.knownHosts().toString(), "--forks", Integer.toString(HOSTS), "--no-color",
                "--detailed-exitcode", "--output", "json"};
        Map<String, HostStats> before = serverStats();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintStream saved = System.out;
        int code;
        long t0 = System.nanoTime();
        // the reporters write to System.out, as they do for an operator: capture it for the run
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            var cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            cl.setOut(new PrintWriter(err, true));
            code = cl.execute(args);
        } finally {
            System.setOut(saved);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        Map<String, HostStats> after = serverStats();
        Map<String, HostStats> during = new LinkedHashMap<>();
        after.forEach((h, s) -> during.put(h, s.minus(before.get(h))));
        String out = stdout.toString(StandardCharsets.UTF_8);

        Map<String, Map<String, Object>> recap = null;
        List<Result> results = new ArrayList<>();
        Load load = new Load(LoadSettings.builder().build());
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) load.loadFromString(line);
            switch ((String) e.get("event")) {
                case "host_result" -> results.add(new Result((String) e.get("task"), (String) e.get("host"),
                        (String) e.get("status"), ((Number) e.get("execs")).longValue()));
                case "recap" -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Map<String, Object>> h = (Map<String, Map<String, Object>>) e.get("hosts");
                    recap = h;
                }
                default -> { }
            }
        }
        long serverExecs = during.values().stream().mapToLong(HostStats::execs).sum();
        // the CI log shows how long 50 hosts take
        System.out.printf("FiftyHostsIT: %s run on %d hosts: %d ms wall, exit %d, %d execs (server-side)%n", label,
                HOSTS, elapsed.toMillis(), code, serverExecs);
        assertThat(recap).as("a recap event in:%n%s%n%s", out, err).isNotNull();
        return new Run(code, recap, results, during, elapsed, out + err);
    }

    private Map<String, HostStats> serverStats() throws IOException {
        Map<String, HostStats> m = new LinkedHashMap<>();
        for (String h : hosts) {
            m.put(h, fleet.stats(h));
        }
        return m;
    }

    @Test
    void fiftyHostsConvergeThenChangeNothingOverOneConnectionEach() throws Exception {
        Run first = play("first");
        assertThat(first.exit()).as(first.output()).isEqualTo(ExitCodes.CHANGED);
        assertThat(first.recap()).as(first.output()).containsOnlyKeys(hosts);
        for (String h : hosts) {
            assertThat(first.recap(h, "failed")).as("%s failed%n%s", h, first.output()).isZero();
            assertThat(first.recap(h, "unreachable")).as("%s unreachable", h).isZero();
            // the shell that makes the directory, the copy and the template
            assertThat(first.recap(h, "changed")).as("%s changed", h).isEqualTo(3);
        }
        assertOneConnectionPerHost(first);
        assertThat(fleet.exec("lab07", "cat /usr/local/etc/fifty/host.conf").output())
                .startsWith("# managed by drover\nhost=lab07\nkernel=" + fleet.host("lab07").version());
        assertThat(fleet.exec("lab42", "cat /usr/local/etc/fifty/host.conf").output())
                .contains("host=lab42\n").doesNotContain("lab07");

        Run second = play("second");
        assertThat(second.exit()).as(second.output()).isEqualTo(ExitCodes.OK);
        assertThat(second.recap()).containsOnlyKeys(hosts);
        for (String h : hosts) {
            assertThat(second.recap(h, "failed")).as("%s failed%n%s", h, second.output()).isZero();
            assertThat(second.recap(h, "changed")).as("%s changed", h).isZero();
        }
        assertOneConnectionPerHost(second);
        for (String task : List.of("static file", "host file")) {
            List<Result> rs = second.of(task);
            assertThat(rs).as(task).hasSize(HOSTS);
            assertThat(rs).as("%s: one round trip per host when nothing changes", task)
                    .allSatisfy(r -> {
                        assertThat(r.status()).as(r.host()).isEqualTo("ok");
                        assertThat(r.execs()).as(r.host()).isEqualTo(1);
                    });
        }
        assertThat(second.of("app directory")).as("creates: is checked in the same round trip")
                .allSatisfy(r -> assertThat(r.execs()).isEqualTo(1));
    }

    /** Each host's server accepted exactly one connection during the run and saw every round trip drover counted. */
    private void assertOneConnectionPerHost(Run run) {
        for (String h : hosts) {
            HostStats s = run.server().get(h);
            assertThat(s.connections()).as("connections to %s", h).isEqualTo(1);
            assertThat(s.execs()).as("exec channels on %s", h).isEqualTo(run.recap(h, "execs"));
        }
    }
}
