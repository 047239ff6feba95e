package org.drover.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line for shell scripts (the demo, benchmarks):
 * <pre>
 * java -cp target/drover.jar org.drover.testbed.FleetMain start --hosts 3 --backend embedded --dir DIR
 * java -cp target/drover.jar org.drover.testbed.FleetMain status --dir DIR
 * java -cp target/drover.jar org.drover.testbed.FleetMain stop --dir DIR
 * </pre>
 * {@code start} runs the fleet in a background JVM (its output in DIR/fleet.log) and returns once DIR/fleet.json,
 * DIR/inventory.yml, DIR/known_hosts and DIR/id_ed25519 are written; {@code --foreground} keeps it in this process
 * until SIGINT or SIGTERM. {@code stop} stops that JVM, which stops everything it started.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "Simulated FreeBSD hosts on loopback for drover's tests and demo (needs root).",
        subcommands = {FleetMain.Start.class, FleetMain.Stop.class, FleetMain.Status.class, FleetMain.Exec.class})
public final class FleetMain {
    static final String STATE_FILE = "fleet.json";

    public static void main(String[] args) {
        ORIGINAL_ARGS = args.clone(); // replayed, with --foreground, by the background JVM of start
        CommandLine cl = new CommandLine(new FleetMain());
        cl.setExitCodeExceptionMapper(e -> 1);
        System.exit(cl.execute(args));
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a fleet and write DIR/fleet.json.")
    static final class Start implements Callable<Integer> {
        @Option(names = "--hosts", defaultValue = "3", description = "number of hosts (default: ${DEFAULT-VALUE})")
        int hosts;
        @Option(names = "--backend", defaultValue = "embedded", description = "openssh or embedded (default: ${DEFAULT-VALUE})")
        String backend;
        @Option(names = "--dir", required = true, description = "directory for the inventory, keys and host layers")
        Path dir;
        @Option(names = "--versions", split = ",", defaultValue = "14.3", description = "FreeBSD releases, given in turn (e.g. 13.4,14.3,15.0)")
        List<String> versions;
        @Option(names = "--root-shell", defaultValue = "sh", description = "root's login shell: sh or tcsh")
        String rootShell;
        @Option(names = "--admin", description = "create this non-root user in every host; the inventory logs in as it")
        String admin;
        @Option(names = "--admin-shell", defaultValue = "sh", description = "the admin user's login shell: sh or tcsh")
        String adminShell;
        @Option(names = "--become", defaultValue = "doas", description = "how the admin user becomes root: sudo or doas")
        String become;
        @Option(names = "--prefix", defaultValue = "lab", description = "host name prefix (default: ${DEFAULT-VALUE})")
        String prefix;
        @Option(names = "--sim", description = "the simulated commands (default: src/testbed/sim of this checkout)")
        Path sim;
        @Option(names = "--foreground", description = "stay in the foreground until SIGINT/SIGTERM")
        boolean foreground;

        @Override
        public Integer call() throws Exception {
            Files.createDirectories(dir);
            Path dirReal = dir.toRealPath();
            Long running = readPid(dirReal);
            if (running != null && alive(running)) {
                System.err.println("fleet: a fleet is already running in " + dirReal + " (pid " + running + ")");
                return 1;
            }
            Files.deleteIfExists(dirReal.resolve(STATE_FILE));
            FleetSpec.Builder b = FleetSpec.builder().hosts(hosts).backend(Backend.parse(backend)).versions(versions)
                    .rootShell(rootShell).baseDir(dirReal).namePrefix(prefix).simDir(sim);
            if (admin != null) {
                b.admin(admin, adminShell, become);
            }
            FleetSpec spec = b.build();
            return foreground ? runForeground(spec, dirReal) : daemonize(dirReal);
        }

        private int runForeground(FleetSpec spec, Path d) throws IOException, InterruptedException {
            long t0 = System.nanoTime();
            Fleet fleet = Fleet.start(spec);
            CountDownLatch forever = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                fleet.close();
                try {
                    Files.deleteIfExists(d.resolve(STATE_FILE));
                } catch (IOException ignored) {
                    // nothing more to do while exiting
                }
            }, "fleet-main-stop"));
            System.out.printf("fleet: %d hosts (%s) up in %.1f s; inventory %s%n", fleet.hosts().size(),
                    spec.backend().name().toLowerCase(), (System.nanoTime() - t0) / 1e9, fleet.inventory());
            for (FleetHost h : fleet.hosts()) {
                System.out.printf("  %-10s 127.0.0.1:%-5d %s%n", h.name(), h.port(), h.version());
            }
            System.out.flush();
            writeState(fleet, d);
            forever.await();
            return 0;
        }

        /** Starts the same command with --foreground in a new session, detached, and waits for it to be ready. */
        private int daemonize(Path d) throws IOException, InterruptedException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of("setsid", java, "-cp", System.getProperty("java.class.path"),
                    FleetMain.class.getName()));
            cmd.addAll(Arrays.asList(ORIGINAL_ARGS));
            cmd.add("--foreground");
            Path log = d.resolve("fleet.log");
            Process p = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(log.toFile())
                    .redirectErrorStream(true)
                    .start();
            long end = System.nanoTime() + 300_000_000_000L;
            while (System.nanoTime() < end) {
                if (Files.exists(d.resolve(STATE_FILE))) {
                    System.out.print(Files.readString(log, StandardCharsets.UTF_8));
                    System.out.println("fleet: running as pid " + p.pid() + "; stop it with: FleetMain stop --dir " + d);
                    return 0;
                }
                if (!p.isAlive()) {
                    System.err.print(Files.readString(log, StandardCharsets.UTF_8));
                    System.err.println("fleet: failed to start (exit " + p.exitValue() + ")");
                    return 1;
                }
                Thread.sleep(50);
            }
            p.destroy();
            System.err.println("fleet: not ready after 300 s; see " + log);
            return 1;
        }
    }

    /** The arguments of this invocation, replayed by {@code start} for the background JVM. */
    private static String[] ORIGINAL_ARGS = {};

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the fleet running in DIR.")
    static final class Stop implements Callable<Integer> {
        @Option(names = "--dir", required = true)
        Path dir;

        @Override
        public Integer call() throws Exception {
            Path state = dir.resolve(STATE_FILE);
            if (!Files.exists(state)) {
                System.out.println("fleet: nothing running in " + dir);
                return 0;
            }
            String json = Files.readString(state);
            long pid = readPid(dir);
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            if (!Procs.awaitExit(pid, 60_000)) {
                System.err.println("fleet: pid " + pid + " did not stop within 60 s; killing it and the processes it started");
                Procs.kill(pid);
            }
            // if the fleet's JVM died without cleaning up, what it started may remain: the recorded processes only
            Matcher m = Pattern.compile("\"pids\": \\[([0-9, ]*)\\]").matcher(json);
            if (m.find() && !m.group(1).isBlank()) {
                for (String p : m.group(1).split(",\\s*")) {
                    Procs.kill(Long.parseLong(p.trim()));
                }
            }
            Files.deleteIfExists(state);
            System.out.println("fleet: stopped");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the fleet running in DIR (exit 3 if none).")
    static final class Status implements Callable<Integer> {
        @Option(names = "--dir", required = true)
        Path dir;

        @Override
        public Integer call() throws Exception {
            Long pid = readPid(dir);
            if (pid == null || !alive(pid)) {
                System.out.println("fleet: not running in " + dir);
                return 3;
            }
            System.out.print(Files.readString(dir.resolve(STATE_FILE)));
            return 0;
        }
    }

    @Command(name = "exec", mixinStandardHelpOptions = true,
            description = "Run a sh command as root inside hosts of the fleet in DIR, without SSH (e.g. to prepare them).")
    static final class Exec implements Callable<Integer> {
        @Option(names = "--dir", required = true)
        Path dir;
        @Option(names = "--host", description = "only this host (repeatable; default: every host)")
        List<String> only = new ArrayList<>();
        @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "COMMAND", description = "sh command line")
        List<String> command;

        @Override
        public Integer call() throws Exception {
            Long pid = readPid(dir);
            if (pid == null || !alive(pid)) {
                System.err.println("fleet: not running in " + dir);
                return 3;
            }
            Matcher m = Pattern.compile("\\{\"name\": \"([^\"]+)\".*?\"holder_pid\": (\\d+)")
                    .matcher(Files.readString(dir.resolve(STATE_FILE)));
            int worst = 0;
            while (m.find()) {
                if (!only.isEmpty() && !only.contains(m.group(1))) {
                    continue;
                }
                Process p = new ProcessBuilder("env", "-i", "PATH=" + HostFs.PATH, "HOME=/root", "nsenter", "-t",
                        m.group(2), "-m", "-u", "-n", "--", "/bin/sh", "-c", String.join(" ", command))
                        .redirectErrorStream(true).start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int status = p.waitFor();
                for (String line : out.lines().toList()) {
                    System.out.println(m.group(1) + ": " + line);
                }
                if (status != 0) {
                    System.out.println(m.group(1) + ": exit " + status);
                    worst = Math.max(worst, 2);
                }
            }
            return worst;
        }
    }

    static Long readPid(Path dir) throws IOException {
        Path state = dir.resolve(STATE_FILE);
        if (!Files.exists(state)) {
            return null;
        }
        Matcher m = Pattern.compile("\"pid\": (\\d+)").matcher(Files.readString(state));
        return m.find() ? Long.parseLong(m.group(1)) : null;
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** DIR/fleet.json: what scripts need (ports, files) and the processes stop may have to clean up. */
    static void writeState(Fleet fleet, Path dir) throws IOException {
        StringBuilder j = new StringBuilder("{\n");
        j.append("  \"pid\": ").append(ProcessHandle.current().pid()).append(",\n");
        j.append("  \"backend\": ").append(str(fleet.spec().backend().name().toLowerCase())).append(",\n");
        j.append("  \"dir\": ").append(str(fleet.baseDir().toString())).append(",\n");
        j.append("  \"inventory\": ").append(str(fleet.inventory().toString())).append(",\n");
        j.append("  \"known_hosts\": ").append(str(fleet.knownHosts().toString())).append(",\n");
        j.append("  \"private_key\": ").append(str(fleet.clientKey().toString())).append(",\n");
        j.append("  \"user\": ").append(str(fleet.loginUser())).append(",\n");
        j.append("  \"hosts\": [\n");
        List<FleetHost> hosts = fleet.hosts();
        for (int i = 0; i < hosts.size(); i++) {
            FleetHost h = hosts.get(i);
            j.append("    {\"name\": ").append(str(h.name())).append(", \"address\": ").append(str(FleetHost.ADDRESS))
                    .append(", \"port\": ").append(h.port()).append(", \"version\": ").append(str(h.version()))
                    .append(", \"holder_pid\": ").append(h.holderPid()).append(", \"dir\": ").append(str(h.dir().toString()))
                    .append('}').append(i + 1 < hosts.size() ? ",\n" : "\n");
        }
        j.append("  ],\n");
        j.append("  \"pids\": ").append(fleet.pids().toString()).append('\n');
        j.append("}\n");
        Path tmp = dir.resolve(STATE_FILE + ".tmp");
        Files.writeString(tmp, j.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(STATE_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
