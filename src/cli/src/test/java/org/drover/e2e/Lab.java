package org.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.drover.cli.Main;
import org.drover.testbed.Backend;
import org.drover.testbed.Fleet;
import org.drover.testbed.FleetSpec;
import org.drover.testbed.HostStats;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A simulated fleet ready for the lab playbooks, and {@code drover play --output json} run against it as an operator
 * would type it (in this JVM, so a run costs no JVM start-up). Each run records the JSON events, the exit code, how
 * long it took and what every host's SSH server counted during it.
 */
final class Lab implements AutoCloseable {
    /** What the lab playbooks need on every host and do not create themselves: the jail template (as src/testbed/demo.sh). */
    static final String TEMPLATE = """
            set -e
            zfs list zroot/jails >/dev/null 2>&1 || zfs create -o mountpoint=/jails zroot/jails
            zfs create -p zroot/jails/templates/14.3-RELEASE
            t=/jails/templates/14.3-RELEASE
            mkdir -p $t/bin $t/etc $t/dev $t/tmp $t/var/run $t/usr/sbin $t/root
            cp /bin/sh $t/bin/sh
            echo "FreeBSD 14.3-RELEASE userland (simulated)" > $t/etc/motd
            """;
    static final Path VNET_LAB = Path.of(System.getProperty("drover.root", "../.."), "playbooks/vnet-lab.yml");
    static final Path TEARDOWN = Path.of(System.getProperty("drover.root", "../.."), "playbooks/teardown.yml");
    static final Path DMZ = Path.of(System.getProperty("drover.root", "../.."), "playbooks/dmz.yml");

    final Fleet fleet;
    final Backend backend;
    final List<String> hosts;
    private Path inventory;

    private Lab(Fleet fleet, Backend backend) {
        this.fleet = fleet;
        this.backend = backend;
        this.hosts = fleet.hosts().stream().map(h -> h.name()).toList();
        this.inventory = fleet.inventory();
    }

    /** From now on the runs use a copy of the fleet's inventory whose group is GROUP instead of labs. */
    void group(String group) throws IOException {
        String text = Files.readString(fleet.inventory(), StandardCharsets.UTF_8);
        assertThat(text).contains("\n    labs:\n");
        inventory = fleet.baseDir().resolve("inventory-" + group + ".yml");
        Files.writeString(inventory, text.replace("\n    labs:\n", "\n    " + group + ":\n"), StandardCharsets.UTF_8);
    }

    /** From now on the runs use the fleet's inventory as EDIT rewrites it (identity: the fleet's own again). */
    void editInventory(String name, java.util.function.UnaryOperator<String> edit) throws IOException {
        String text = Files.readString(fleet.inventory(), StandardCharsets.UTF_8);
        inventory = fleet.baseDir().resolve("inventory-" + name + ".yml");
        Files.writeString(inventory, edit.apply(text), StandardCharsets.UTF_8);
    }

    /** From now on the runs use a copy of the fleet's inventory with YAML appended (more groups under all.children). */
    void addToInventory(String name, String yaml) throws IOException {
        String text = Files.readString(inventory, StandardCharsets.UTF_8);
        inventory = fleet.baseDir().resolve("inventory-" + name + ".yml");
        Files.writeString(inventory, text + yaml, StandardCharsets.UTF_8);
    }

    /** Starts HOSTS simulated FreeBSD 14.3 hosts behind BACKEND and prepares the jail template on each. */
    static Lab start(Backend backend, int hosts) throws IOException {
        return start(FleetSpec.builder().hosts(hosts).backend(backend).versions("14.3").build());
    }

    /** Starts the fleet SPEC describes, as it is (no jail template): for playbooks that are not the lab's. */
    static Lab plain(FleetSpec spec) throws IOException {
        return new Lab(Fleet.start(spec), spec.backend());
    }

    /** Starts the fleet SPEC describes and prepares the jail template on each host. */
    static Lab start(FleetSpec spec) throws IOException {
        Backend backend = spec.backend();
        Fleet fleet = Fleet.start(spec);
        Lab lab = new Lab(fleet, backend);
        try {
            for (String h : lab.hosts) {
                lab.on(h, TEMPLATE);
            }
            return lab;
        } catch (IOException | RuntimeException | AssertionError e) {
            fleet.close();
            throw e;
        }
    }

    @Override
    public void close() {
        fleet.close();
    }

    /** Runs SCRIPT as root inside HOST (no SSH) and insists it succeeds. */
    String on(String host, String script) throws IOException {
        Fleet.Result r = fleet.exec(host, script);
        assertThat(r.status()).as("on %s: %s%n%s", host, script, r.output()).isZero();
        return r.output();
    }

    /** What an operator would look at to see the lab on HOST: interfaces, bridge members, jails, datasets, pf, rc.conf. */
    String state(String host) throws IOException {
        return on(host, """
                echo '# ifconfig -l'; ifconfig -l
                echo '# ifconfig bridge0'; ifconfig bridge0 2>&1 || true
                echo '# jls'; jls -N name path 2>&1 || true
                echo '# zfs'; zfs list -H -t all -o name,origin,mountpoint -r zroot 2>&1 || true
                echo '# pf'; pfctl -s Running 2>&1 || true; pfctl -s nat 2>&1 || true; pfctl -s rules 2>&1 || true
                echo '# rc.conf'; cat /etc/rc.conf 2>&1 || true
                """);
    }

    /** {@code drover play PLAYBOOK -i inventory --output json [MORE...]}, in this JVM. */
    Run play(Path playbook, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("play", playbook.toString(), "-i", inventory.toString(),
                "--known-hosts", fleet.knownHosts().toString(), "--no-color", "--detailed-exitcode", "--output", "json"));
        args.addAll(List.of(more));
        Map<String, HostStats> before = stats();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        long t0 = System.nanoTime();
        int code;
        // the reporters write to System.out, as they do for an operator: capture it for the run
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            var cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            cl.setOut(new PrintWriter(err, true));
            code = cl.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(saved);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        Map<String, HostStats> during = new LinkedHashMap<>();
        Map<String, HostStats> after = stats();
        after.forEach((h, s) -> during.put(h, s.minus(before.get(h))));
        Run run = new Run(playbook.getFileName() + " " + String.join(" ", more), code,
                events(stdout.toString(StandardCharsets.UTF_8)), err.toString(), elapsed, during);
        // what an operator would see, for the test log: every result, and the diffs a --diff run shows
        System.err.println(run);
        if (args.contains("--diff")) {
            run.results().stream().filter(r -> !r.diff().isEmpty() && !r.status().equals("ok"))
                    .forEach(r -> System.err.println("--- " + r.host() + " [" + r.task() + "]\n" + r.diffText()));
        }
        return run;
    }

    /**
     * {@code drover play PLAYBOOK -i inventory --output json [MORE...]} as a controller of its own (a JVM that can be
     * interrupted or killed), stdout to OUT and stderr to ERR.
     */
    Process controller(Path playbook, Path out, Path err, List<String> jvm, String... more) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "play",
                playbook.toString(), "-i", inventory.toString(), "--known-hosts", fleet.knownHosts().toString(),
                "--no-color", "--detailed-exitcode", "--output", "json"));
        cmd.addAll(List.of(more));
        return new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    /** The JSON events of {@code --output json}, one a line. */
    static List<Map<String, Object>> events(String out) {
        List<Map<String, Object>> events = new ArrayList<>();
        Load load = new Load(LoadSettings.builder().setCodePointLimit(64 * 1024 * 1024).build());
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                Object o;
                try {
                    o = load.loadFromString(line);
                } catch (RuntimeException e) {
                    throw new AssertionError("--output json printed a line that is not JSON: " + line, e);
                }
                assertThat(o).as("a JSON event is an object: %s", line).isInstanceOf(Map.class);
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) o;
                events.add(m);
            }
        }
        return events;
    }

    private Map<String, HostStats> stats() throws IOException {
        Map<String, HostStats> m = new LinkedHashMap<>();
        for (String h : hosts) {
            m.put(h, fleet.stats(h));
        }
        return m;
    }

    /** Polls CONDITION every 100 ms until it holds or TIMEOUT passes; returns whether it held. */
    static boolean eventually(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** One host_result event of {@code --output json}. */
    record HostResult(String host, String task, String status, String msg, long execs, List<Map<String, Object>> diff) {
        /** Every diff's unified text, joined. */
        String diffText() {
            StringBuilder sb = new StringBuilder();
            for (Map<String, Object> d : diff) {
                sb.append(d.get("unified")).append('\n');
            }
            return sb.toString();
        }
    }

    /** One {@code drover play} run: exit code, JSON events, stderr, wall time, server-side counts per host. */
    record Run(String what, int exit, List<Map<String, Object>> events, String stderr, Duration elapsed,
               Map<String, HostStats> stats) {

        @SuppressWarnings("unchecked")
        List<HostResult> results() {
            List<HostResult> out = new ArrayList<>();
            for (Map<String, Object> e : events) {
                if ("host_result".equals(e.get("event"))) {
                    Object d = e.get("diff");
                    out.add(new HostResult((String) e.get("host"), (String) e.get("task"), (String) e.get("status"),
                            e.get("msg") == null ? "" : String.valueOf(e.get("msg")),
                            ((Number) e.get("execs")).longValue(),
                            d == null ? List.of() : (List<Map<String, Object>>) d));
                }
            }
            return out;
        }

        List<HostResult> results(String host) {
            return results().stream().filter(r -> r.host().equals(host)).toList();
        }

        HostResult result(String host, String task) {
            List<HostResult> r = results().stream().filter(x -> x.host().equals(host) && x.task().equals(task)).toList();
            assertThat(r).as("one result for task '%s' on %s in %s", task, host, this).hasSize(1);
            return r.get(0);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> recap() {
            List<Map<String, Object>> r = events.stream().filter(e -> "recap".equals(e.get("event"))).toList();
            assertThat(r).as("exactly one recap in %s", this).hasSize(1);
            return r.get(0);
        }

        /** The recap's counter NAME (ok, changed, failed...) for HOST. */
        @SuppressWarnings("unchecked")
        long recap(String host, String name) {
            Map<String, Object> hosts = (Map<String, Object>) recap().get("hosts");
            Map<String, Object> h = (Map<String, Object>) hosts.get(host);
            assertThat(h).as("%s in the recap of %s", host, this).isNotNull();
            return ((Number) h.get(name)).longValue();
        }

        long connections(String host) {
            return stats.get(host).connections();
        }

        String summary() {
            StringBuilder sb = new StringBuilder("drover play " + what + ": exit " + exit + " in "
                    + elapsed.toMillis() + " ms;");
            stats.forEach((h, s) -> sb.append(' ').append(h).append(" conn=").append(s.connections())
                    .append(" execs=").append(s.execs()));
            return sb.toString();
        }

        /** The events and stderr, for assertion messages. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(summary()).append('\n');
            for (HostResult r : results()) {
                sb.append("  ").append(r.host()).append(" [").append(r.task()).append("] ").append(r.status())
                        .append(" execs=").append(r.execs());
                if (!r.msg().isEmpty()) {
                    sb.append(" msg=").append(r.msg());
                }
                sb.append('\n');
            }
            if (!stderr.isBlank()) {
                sb.append("stderr:\n").append(stderr);
            }
            return sb.toString();
        }
    }
}
