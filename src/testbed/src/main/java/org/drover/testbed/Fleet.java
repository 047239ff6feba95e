package org.drover.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A fleet of simulated FreeBSD hosts on loopback, for tests, the demo and benchmarks. Each host is a real SSH server
 * whose sessions land in the host's own mount namespace, where FreeBSD's commands are the Python simulations of
 * {@code src/testbed/sim}. Needs root (mount namespaces and overlayfs).
 *
 * <pre>{@code
 * try (Fleet fleet = Fleet.start(FleetSpec.builder().hosts(3).backend(Backend.OPENSSH).build())) {
 *     // drover play site.yml -i fleet.inventory() ...
 *     HostStats s = fleet.stats("lab01");
 * }
 * }</pre>
 *
 * Files written in {@link #baseDir()}: {@code inventory.yml} (group {@code labs}), {@code known_hosts},
 * {@code id_ed25519} (+ {@code .pub}), the client key every host accepts for root (and the admin user), and, with
 * OpenSSH, {@code hosts/NAME/sshd.log}. A host's own files (its overlay layers, /tmp, /jails) live in a tmpfs inside
 * its namespace: nothing of them touches the disk, and they vanish with the host. From the machine they are
 * reachable through {@link FleetHost#file(String)}.
 */
public final class Fleet implements AutoCloseable {
    private static final Pattern COMMAND = Pattern.compile("[a-z0-9][a-z0-9_.-]*");
    private static final Path JAILS = Path.of("/jails");

    private final FleetSpec spec;
    private final Path baseDir;
    private final boolean ownsBaseDir;
    private final SshBackend backend;
    private final Map<String, HostFs> fs = new LinkedHashMap<>();
    private final Map<String, FleetHost> hosts = new LinkedHashMap<>();
    private final Thread shutdownHook = new Thread(this::closeQuietly, "fleet-shutdown");
    private volatile boolean closed;
    /** shutdown -r on a host: see {@link Reboots}. */
    private Reboots reboots;

    private Fleet(FleetSpec spec, Path baseDir, boolean ownsBaseDir, SshBackend backend) {
        this.spec = spec;
        this.baseDir = baseDir;
        this.ownsBaseDir = ownsBaseDir;
        this.backend = backend;
    }

    /** Starts every host and its SSH server; on any failure stops what it started and throws. */
    public static Fleet start(FleetSpec spec) throws IOException {
        checkPrerequisites(spec);
        boolean owns = spec.baseDir() == null;
        Path base = owns ? Files.createTempDirectory("drover-fleet-") : Files.createDirectories(spec.baseDir());
        base = base.toRealPath();
        Path sim = (spec.simDir() != null ? spec.simDir() : locateSimDir()).toAbsolutePath().normalize();
        if (!Files.isDirectory(sim.resolve("bin"))) {
            throw new IOException("no simulated commands in " + sim + "/bin");
        }
        ensureJailsMountPoint();

        KeyPair client = Keys.ed25519();
        Keys.write(base.resolve("id_ed25519"), client, "drover-testbed");
        String clientLine = Keys.publicLine(client.getPublic(), "drover-testbed");
        HostFs.Admin admin = spec.adminUser() == null ? null : pickAdmin(spec);
        SshBackend backend = spec.backend() == Backend.OPENSSH ? new OpenSshBackend()
                : new EmbeddedSshBackend(client.getPublic());
        Fleet fleet = new Fleet(spec, base, owns, backend);
        Runtime.getRuntime().addShutdownHook(fleet.shutdownHook);
        try {
            Path hostsDir = Files.createDirectories(base.resolve("hosts"));
            HostFs.Common common = new HostFs.Common(spec, sim, clientLine, admin);
            for (int i = 0; i < spec.hosts(); i++) {
                String name = spec.hostName(i);
                String version = spec.versions().get(i % spec.versions().size());
                fleet.fs.put(name, new HostFs(name, version, hostsDir.resolve(name), common));
            }
            Map<String, Integer> ports = Collections.synchronizedMap(new LinkedHashMap<>());
            fleet.parallel(h -> {
                h.start();
                ports.put(h.name, backend.start(h));
            });
            for (HostFs h : fleet.fs.values()) {
                fleet.hosts.put(h.name, new FleetHost(h.name, ports.get(h.name), h.version, h.holderPid(), h.dir));
            }
            fleet.writeClientFiles();
            fleet.reboots = new Reboots(fleet.fs, backend);
            return fleet;
        } catch (IOException | RuntimeException e) {
            fleet.closeQuietly();
            throw e;
        }
    }

    public FleetSpec spec() {
        return spec;
    }

    public List<FleetHost> hosts() {
        return List.copyOf(hosts.values());
    }

    public FleetHost host(String name) {
        FleetHost h = hosts.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no host " + name + " in this fleet (" + hosts.keySet() + ")");
        }
        return h;
    }

    public Path baseDir() {
        return baseDir;
    }

    /** {@code inventory.yml}: group {@code labs} with drover_host, drover_port, drover_user, drover_private_key_file. */
    public Path inventory() {
        return baseDir.resolve("inventory.yml");
    }

    /** {@code known_hosts} with every host's ed25519 and ECDSA keys as {@code [127.0.0.1]:PORT}. */
    public Path knownHosts() {
        return baseDir.resolve("known_hosts");
    }

    /** The client's private key (OpenSSH format, ed25519); {@code .pub} next to it. */
    public Path clientKey() {
        return baseDir.resolve("id_ed25519");
    }

    /** The user the inventory logs in as: the admin user when the spec has one, else root. */
    public String loginUser() {
        return spec.loginUser();
    }

    /** Connections and exec channels HOST's server has counted since the fleet started (see {@link HostStats}). */
    public HostStats stats(String host) throws IOException {
        return backend.stats(fs(host));
    }

    public HostStats stats(FleetHost host) throws IOException {
        return stats(host.name());
    }

    /** The sum over all hosts. */
    public HostStats totalStats() throws IOException {
        HostStats sum = new HostStats(0, 0);
        for (HostFs h : fs.values()) {
            sum = sum.plus(backend.stats(h));
        }
        return sum;
    }

    /**
     * Puts every host back to its seed: /etc, /usr, /var and /root lose everything written since the start, /tmp,
     * /jails and /usr/jails are emptied, fault knobs set since the start are gone. SSH servers keep running and
     * counting. Commands still running at that moment keep the old files.
     */
    public void reset() throws IOException {
        parallel(HostFs::reset);
    }

    /** Makes COMMAND slow, hang or fail on HOST (the knob lives in the host's own /var). */
    public void setFault(String host, String command, Fault fault) throws IOException {
        Path f = faultFile(host, command);
        Files.createDirectories(f.getParent());
        Files.writeString(f, fault.fileText(), StandardCharsets.UTF_8);
    }

    public void clearFault(String host, String command) throws IOException {
        Files.deleteIfExists(faultFile(host, command));
    }

    /** HOST stops listening: new connections are refused until {@link #acceptConnections}. */
    public void refuseConnections(String host) throws IOException {
        backend.refuse(fs(host));
    }

    public void acceptConnections(String host) throws IOException {
        backend.accept(fs(host));
    }

    /** Breaks HOST's established connections, killing whatever their sessions run; it keeps listening. */
    public void dropConnections(String host) throws IOException {
        backend.drop(fs(host));
    }

    /** HOST's SSH server and its sessions stop (SIGSTOP): connections go silent, sockets open. Not for embedded. */
    public void freeze(String host) throws IOException {
        backend.freeze(fs(host), true);
    }

    public void thaw(String host) throws IOException {
        backend.freeze(fs(host), false);
    }

    /**
     * HOST's process table: the command line (arguments joined by spaces) of every process in the host's mount
     * namespace, the fleet's own (namespace holder, sshd) included.
     */
    public List<String> processes(String host) {
        List<String> out = new ArrayList<>();
        for (List<Long> pids : Procs.processesIn(Set.of(fs(host).namespace())).values()) {
            for (long pid : pids) {
                try {
                    byte[] b = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
                    out.add(new String(b, StandardCharsets.UTF_8).replace('\0', ' ').strip());
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        }
        return out;
    }

    /** What a command run directly inside a host printed (stdout and stderr together) and its exit status. */
    public record Result(int status, String output) {}

    /** Runs {@code /bin/sh -c SCRIPT} as root inside HOST, without SSH: for tests and the demo to look around. */
    public Result exec(String host, String script) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("env", "-i", "PATH=" + HostFs.PATH, "HOME=/root"));
        cmd.addAll(fs(host).enterWithNetwork(List.of("/bin/sh", "-c", script)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            return new Result(p.waitFor(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Long-lived processes the fleet started and that are alive: namespace holders and sshd listeners. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (HostFs h : fs.values()) {
            pids.add(h.holderPid());
        }
        pids.addAll(backend.pids());
        return pids;
    }

    /** The mount namespaces of the hosts ({@code mnt:[inode]}), to check that nothing is left after close. */
    public Set<String> namespaces() {
        Set<String> ns = new HashSet<>();
        fs.values().forEach(h -> ns.add(h.namespace()));
        ns.remove(null);
        return ns;
    }

    /** Stops the servers, kills every process left inside the hosts, lets the namespaces (and mounts) go, deletes files. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (reboots != null) {
            reboots.close();
        }
        long t0 = System.nanoTime();
        backend.close();
        long t1 = System.nanoTime();
        fs.values().forEach(HostFs::release);
        Set<String> namespaces = namespaces();
        for (int round = 0; round < 250; round++) {
            Map<String, List<Long>> inside = Procs.processesIn(namespaces);
            if (inside.isEmpty()) {
                break;
            }
            // every process in these namespaces was started by this fleet: the holders, sshd and their sessions
            inside.values().forEach(pids -> pids.forEach(Procs::kill));
            sleep(20);
        }
        fs.values().forEach(HostFs::close);
        long t2 = System.nanoTime();
        if (System.getenv("FLEET_DEBUG_CLOSE") != null) {
            System.err.printf("close: backend %.1f s, processes %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        }
        try {
            HostFs.deleteTree(baseDir.resolve("hosts"));
            if (ownsBaseDir) {
                HostFs.deleteTree(baseDir);
            } else {
                for (String f : List.of("inventory.yml", "known_hosts", "id_ed25519", "id_ed25519.pub")) {
                    Files.deleteIfExists(baseDir.resolve(f));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("fleet: could not remove " + baseDir + ": " + e.getMessage());
        }
        if (System.getenv("FLEET_DEBUG_CLOSE") != null) {
            System.err.printf("close: files %.1f s%n", (System.nanoTime() - t2) / 1e9);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down: this is the hook
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("fleet: stopping failed: " + e);
        }
    }

    private HostFs fs(String host) {
        HostFs h = fs.get(host);
        if (h == null) {
            throw new IllegalArgumentException("no host " + host + " in this fleet (" + fs.keySet() + ")");
        }
        return h;
    }

    private Path faultFile(String host, String command) {
        return host(host).stateDir().resolve("faults").resolve(commandName(command));
    }

    static String commandName(String command) {
        if (!COMMAND.matcher(command).matches()) {
            throw new IllegalArgumentException("invalid command name '" + command + "'");
        }
        return command;
    }

    private interface HostTask {
        void run(HostFs h) throws IOException;
    }

    /** Runs TASK for every host on a few threads: starting is mostly waiting for processes. */
    private void parallel(HostTask task) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, fs.size()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (HostFs h : fs.values()) {
                futures.add(pool.submit(() -> {
                    task.run(h);
                    return null;
                }));
            }
            IOException first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeClientFiles() throws IOException {
        StringBuilder known = new StringBuilder();
        StringBuilder inv = new StringBuilder();
        inv.append("# Simulated FreeBSD hosts of the drover testbed (").append(spec.backend().name().toLowerCase())
                .append(" SSH back end); written by org.drover.testbed.Fleet, removed when the fleet stops.\n")
                .append("# Host keys: known_hosts next to this file.\n")
                .append("all:\n  children:\n    labs:\n      hosts:\n");
        for (FleetHost h : hosts.values()) {
            HostFs f = fs.get(h.name());
            String pattern = "[" + FleetHost.ADDRESS + "]:" + h.port();
            known.append(pattern).append(' ').append(Keys.publicLine(f.hostEd25519.getPublic(), "")).append('\n');
            known.append(pattern).append(' ').append(Keys.publicLine(f.hostEcdsa.getPublic(), "")).append('\n');
            inv.append("        ").append(h.name()).append(":\n")
                    .append("          drover_host: ").append(FleetHost.ADDRESS).append('\n')
                    .append("          drover_port: ").append(h.port()).append('\n')
                    .append("          drover_user: ").append(spec.loginUser()).append('\n')
                    .append("          drover_private_key_file: ").append(yamlString(clientKey().toString())).append('\n');
            if (spec.adminUser() != null) {
                inv.append("          drover_become: true\n")
                        .append("          drover_become_method: ").append(spec.become()).append('\n');
            }
            inv.append("          freebsd_version: ").append(yamlString(h.version())).append('\n');
        }
        Files.writeString(knownHosts(), known.toString(), StandardCharsets.UTF_8);
        Files.writeString(inventory(), inv.toString(), StandardCharsets.UTF_8);
    }

    private static String yamlString(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static HostFs.Admin pickAdmin(FleetSpec spec) throws IOException {
        Set<Integer> uids = ids("/etc/passwd");
        Set<Integer> gids = ids("/etc/group");
        int id = 2001;
        while (uids.contains(id) || gids.contains(id)) {
            id++;
        }
        return new HostFs.Admin(spec.adminUser(), id, id, "/usr/home/" + spec.adminUser(), spec.adminShell());
    }

    private static Set<Integer> ids(String file) throws IOException {
        Set<Integer> ids = new HashSet<>();
        for (String line : Files.readAllLines(Path.of(file))) {
            String[] f = line.split(":");
            if (f.length > 2 && f[2].matches("\\d+")) {
                ids.add(Integer.parseInt(f[2]));
            }
        }
        return ids;
    }

    private static void checkPrerequisites(FleetSpec spec) throws IOException {
        String uid = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElse("Uid: -1").split("\\s+")[1];
        if (!uid.equals("0")) {
            throw new IOException("the simulated fleet needs root (mount namespaces and overlayfs); run as root");
        }
        List<String> need = new ArrayList<>(List.of("/usr/bin/unshare", "/usr/bin/nsenter", "/usr/bin/python3"));
        if (spec.backend() == Backend.OPENSSH) {
            need.add(OpenSshBackend.SSHD);
        } else {
            need.add("/usr/bin/setpriv");
        }
        need.add(spec.rootShell());
        if (spec.adminUser() != null) {
            need.add(spec.adminShell());
            need.add(spec.become().equals("sudo") ? "/usr/bin/sudo" : "/usr/bin/doas");
        }
        List<String> missing = need.stream().filter(p -> !Files.isExecutable(Path.of(p))).toList();
        if (!missing.isEmpty()) {
            throw new IOException("missing on this machine: " + missing + " (bash .ci/install-deps installs them)");
        }
    }

    /** /jails is not under a covered directory, so its mount point must exist on the machine (it stays empty). */
    private static synchronized void ensureJailsMountPoint() throws IOException {
        if (!Files.isDirectory(JAILS)) {
            Files.createDirectories(JAILS);
            System.err.println("fleet: created the empty directory /jails on this machine, as a mount point for "
                    + "the simulated hosts' /jails (it stays empty)");
        }
    }

    /**
     * Where the simulated commands are: system property {@code drover.testbed.sim}, environment variable
     * {@code DROVER_SIM_DIR}, else {@code src/testbed/sim} above the working directory or above drover.jar.
     */
    static Path locateSimDir() throws IOException {
        String configured = System.getProperty("drover.testbed.sim", System.getenv("DROVER_SIM_DIR"));
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured);
        }
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        try {
            starts.add(Path.of(Fleet.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception ignored) {
            // no code source: only the working directory is searched
        }
        for (Path start : starts) {
            for (Path p = start; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("src/testbed/sim/bin"))) {
                    return p.resolve("src/testbed/sim");
                }
            }
        }
        throw new IOException("cannot find src/testbed/sim (set -Ddrover.testbed.sim=DIR or DROVER_SIM_DIR)");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
