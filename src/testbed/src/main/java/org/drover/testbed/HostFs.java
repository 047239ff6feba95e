package org.drover.testbed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.drover.transport.Sh;

/**
 * One simulated host's file systems: a holder process in its own mount namespace (and UTS namespace, for its
 * hostname) with overlays over the machine's /etc, /usr, /var and /root (the machine's directories stay untouched
 * below; every write lands in this host's upper layer, kept in a tmpfs private to the host on /run) and private
 * directories of that tmpfs bound on /tmp, /jails and /usr/jails. The simulated FreeBSD commands are bound read-only on /usr/libexec/fakebsd and reached through small
 * wrappers at their FreeBSD paths. Anything that enters the holder's namespace ({@code nsenter -t PID -m -u}) sees
 * this host.
 */
final class HostFs implements AutoCloseable {
    static final String[] OVERLAYS = {"etc", "usr", "var", "root"};
    static final String SIM_MOUNT = "/usr/libexec/fakebsd";
    /** Inside each host: its own directory, the simulations and the machine's directories, for resets. */
    static final String KEEP = "/run/.fleet";
    /** FreeBSD's standard PATH: {@code /sbin} and {@code /bin} are links into /usr on Debian, so both resolve here. */
    static final String PATH = "/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin";
    /** The simulated commands and where FreeBSD keeps them. */
    static final Map<String, String> COMMANDS = commands();

    final String name;
    final String version;
    final Path dir;
    final FleetSpec spec;
    final Path simDir;
    final KeyPair hostEd25519;
    final KeyPair hostEcdsa;
    final String clientPublicLine;
    final Admin admin;
    private int generation;
    private Process holder;
    private String namespace;

    /** The admin user's identity inside the host. */
    record Admin(String name, int uid, int gid, String home, String shell) {}

    /** What every host of a fleet shares: the spec, the simulation's files, the client's key, the admin user. */
    record Common(FleetSpec spec, Path simDir, String clientPublicLine, Admin admin) {}

    HostFs(String name, String version, Path dir, Common common) {
        this.name = name;
        this.version = version;
        this.dir = dir;
        this.spec = common.spec();
        this.simDir = common.simDir();
        this.clientPublicLine = common.clientPublicLine();
        this.admin = common.admin();
        this.hostEd25519 = Keys.ed25519();
        this.hostEcdsa = Keys.ecdsa();
    }

    private static Map<String, String> commands() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String c : List.of("ifconfig", "zfs", "zpool", "pfctl", "sysctl", "kldload", "kldstat", "kldunload",
                "sha256", "jail", "jls", "jexec", "service", "sysrc", "route", "pkg", "pw", "shutdown")) {
            m.put(c, "sbin");
        }
        m.put("freebsd-version", "bin");
        m.put("uname", "bin");
        m.put("crontab", "bin");
        m.put("nc", "bin");
        return Map.copyOf(m);
    }

    long holderPid() {
        return holder.pid();
    }

    String namespace() {
        return namespace;
    }

    Path sshdLog() {
        return dir.resolve("sshd.log");
    }

    /** A path inside the host, reached from the machine through the holder ({@code /proc/PID/root}). */
    Path inside(String absolutePath) {
        return Path.of("/proc", Long.toString(holder.pid()), "root", absolutePath.substring(1));
    }

    /**
     * Starts the holder, which mounts the host's private tmpfs on /run; writes the seed into that tmpfs; lets the
     * holder mount the overlays and binds. Every layer lives in the tmpfs: nothing touches the disk, and everything
     * vanishes with the namespace.
     */
    void start() throws IOException {
        Files.createDirectories(dir);
        // a network namespace of its own too: a real network command run in a session (rather than a simulated
        // one) changes nothing on the machine; sshd itself stays in the machine's, to listen on its loopback
        holder = new ProcessBuilder("unshare", "-m", "-u", "-n", "--propagation", "private", "--", "/bin/sh", "-c",
                holderScript())
                .directory(Path.of("/").toFile())
                .redirectErrorStream(true)
                .start();
        BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        try {
            awaitLine(r, "tmpfs");
            prepareGeneration(0);
            holder.getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII));
            holder.getOutputStream().flush();
            awaitLine(r, "ready");
        } catch (IOException e) {
            Procs.killTree(holder.toHandle());
            throw new IOException("cannot build the file systems of host " + name + " (needs root, unshare, tmpfs and "
                    + "overlayfs): " + e.getMessage(), e);
        }
        namespace = Procs.mountNamespace(holder.pid());
    }

    /** Reads the holder's output until WANT; anything else it printed is the reason it failed. */
    private static void awaitLine(BufferedReader r, String want) throws IOException {
        CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
            StringBuilder other = new StringBuilder();
            try {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.equals(want)) {
                        return null;
                    }
                    other.append(line).append('\n');
                }
            } catch (IOException e) {
                other.append(e);
            }
            return other.append("(exited)").toString();
        });
        String failure;
        try {
            failure = seen.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            failure = "no answer within 30 s";
        }
        if (failure != null) {
            throw new IOException(failure.strip());
        }
    }

    /**
     * Throws away everything written on the host since it started (its /etc, /usr, /var and /root layers, /tmp,
     * /jails, /usr/jails) and puts the seed back. Processes already running keep the old layers (lazily detached).
     */
    void reset() throws IOException {
        int next = generation + 1;
        prepareGeneration(next);
        Procs.run(enter(List.of("/bin/sh", "-c", mountScript(next, false))), 30);
        int old = generation;
        generation = next;
        for (String o : OVERLAYS) {
            deleteTree(inside(KEEP + "/layers/" + o + "/upper-" + old));
            deleteTree(inside(KEEP + "/layers/" + o + "/work-" + old));
        }
        for (String d : List.of("tmp", "jails", "usrjails")) {
            emptyDir(inside(KEEP + "/" + d));
        }
    }

    /**
     * A command line that runs CMD inside this host's namespaces. Entering the mount namespace sets the working
     * directory to the host's root (no --wd: nsenter would open that directory in the machine's namespace).
     */
    List<String> enter(List<String> cmd) {
        List<String> full = new ArrayList<>(List.of("nsenter", "-t", Long.toString(holder.pid()), "-m", "-u", "--"));
        full.addAll(cmd);
        return full;
    }

    /** Like {@link #enter}, and into the host's network namespace too (for sessions, not for servers). */
    List<String> enterWithNetwork(List<String> cmd) {
        List<String> full = new ArrayList<>(List.of("nsenter", "-t", Long.toString(holder.pid()), "-m", "-u", "-n", "--"));
        full.addAll(cmd);
        return full;
    }

    /** Lets the holder go (it exits when its stdin closes); the namespace lives on while any process is inside. */
    void release() {
        if (holder != null) {
            try {
                holder.getOutputStream().close();
            } catch (IOException ignored) {
                // the holder exits either way
            }
        }
    }

    /** Makes sure the holder is gone; the namespace (and every mount in it) goes once no process is left inside. */
    @Override
    public void close() {
        release();
        if (holder != null && !Procs.awaitExit(holder.pid(), 200)) {
            holder.destroyForcibly();
            Procs.awaitExit(holder.pid(), 2000);
        }
    }

    /**
     * The holder: a private tmpfs on /run keeps the layers, /tmp, /jails and /usr/jails of this host, plus (for
     * resets, since overlayfs and bind mounts only take sources from the namespace's own mount tree) the simulations
     * and the machine's directories, read-only. It then waits for the seed, mounts everything, and holds the
     * namespace until its stdin closes.
     */
    private String holderScript() {
        String k = KEEP;
        StringBuilder s = new StringBuilder("set -e\n");
        s.append("mount -n -t tmpfs -o mode=0755 tmpfs /run\n");
        s.append("mkdir -p /run/sshd ").append(k).append("/sim ").append(k).append("/new ").append(k).append("/tmp ")
                .append(k).append("/jails ").append(k).append("/usrjails\n");
        s.append("chmod 0700 ").append(k).append("; chmod 1777 ").append(k).append("/tmp\n");
        s.append("mount -n --bind ").append(Sh.quote(simDir.toString())).append(' ').append(k).append("/sim\n");
        s.append("mount -n -o remount,bind,ro ").append(k).append("/sim\n");
        for (String o : OVERLAYS) {
            s.append("mkdir -p ").append(k).append("/lower/").append(o).append(' ').append(k).append("/layers/").append(o).append('\n');
            s.append("mount -n --bind /").append(o).append(' ').append(k).append("/lower/").append(o).append('\n');
            s.append("mount -n -o remount,bind,ro ").append(k).append("/lower/").append(o).append('\n');
        }
        // before the overlays: a simulated hostname may replace the machine's once /usr is mounted
        s.append("hostname ").append(Sh.quote(name)).append('\n');
        // its own loopback, up, as a booted host has it (a new network namespace starts with lo down)
        s.append("ip link set lo up 2>/dev/null || true\n");
        s.append("echo tmpfs\n");
        s.append("read go\n");
        s.append(mountScript(0, true));
        s.append("mount -n --bind ").append(k).append("/jails /jails\n");
        s.append("mount -n --bind ").append(k).append("/tmp /tmp\n");
        s.append("echo ready\n");
        s.append("read _ || true\n");
        return s.toString();
    }

    /**
     * The overlays of generation GEN (with the binds that live on /usr). First mounted in place by the holder; on a
     * reset each new overlay is mounted aside, then swapped in, so a failure never leaves the machine's own
     * directory in a host's place.
     */
    private String mountScript(int gen, boolean initial) {
        String k = KEEP;
        StringBuilder s = new StringBuilder(initial ? "" : "set -e\n");
        for (String o : OVERLAYS) {
            String target = initial ? "/" + o : k + "/new";
            s.append("mount -n -t overlay overlay -o lowerdir=").append(k).append("/lower/").append(o)
                    .append(",upperdir=").append(k).append("/layers/").append(o).append("/upper-").append(gen)
                    .append(",workdir=").append(k).append("/layers/").append(o).append("/work-").append(gen)
                    .append(' ').append(target).append('\n');
            if (o.equals("usr")) {
                String sim = target + SIM_MOUNT.substring("/usr".length());
                s.append("mount -n --bind ").append(k).append("/sim ").append(sim).append('\n');
                s.append("mount -n -o remount,bind,ro ").append(sim).append('\n');
                s.append("mount -n --bind ").append(k).append("/usrjails ").append(target).append("/jails\n");
            }
            if (!initial) {
                s.append("umount -n -l /").append(o).append('\n');
                s.append("mount -n --move ").append(target).append(" /").append(o).append('\n');
            }
        }
        return s.toString();
    }

    /** Creates the upper and work layers of generation GEN with the seed in them. */
    private void prepareGeneration(int gen) throws IOException {
        Map<String, Path> up = new LinkedHashMap<>();
        for (String o : OVERLAYS) {
            Path upper = inside(KEEP + "/layers/" + o + "/upper-" + gen);
            Path work = inside(KEEP + "/layers/" + o + "/work-" + gen);
            deleteTree(upper);
            deleteTree(work);
            Files.createDirectories(upper);
            Files.createDirectories(work);
            copyOwnership(Path.of("/" + o), upper);
            up.put(o, upper);
        }
        new Seed(this).write(up.get("etc"), up.get("usr"), up.get("var"), up.get("root"));
    }

    static void copyOwnership(Path from, Path to) throws IOException {
        Map<String, Object> a = Files.readAttributes(from, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(to, "unix:uid", a.get("uid"));
        Files.setAttribute(to, "unix:gid", a.get("gid"));
        Files.setAttribute(to, "unix:mode", ((Integer) a.get("mode")) & 07777);
    }

    static void emptyDir(Path d) {
        try (var children = Files.list(d)) {
            children.forEach(HostFs::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    // overlayfs leaves its work/work directory mode 000; root may still need to read it
                    if (!Files.isReadable(d) || !Files.isExecutable(d)) {
                        Files.setAttribute(d, "unix:mode", 0700);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p, e);
        }
    }
}
