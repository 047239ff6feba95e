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

import org.drover.ssh.Sh;

/**
 * One simulated host's file systems: a holder process in its own mount namespace (and UTS namespace, for its
 * hostname) with overlays over the machine's /etc, /usr, /var and /root (the machine's directories stay untouched
 * below; every write lands in this host's upper layer) and private directories bound on /tmp, /jails, /usr/jails and
 * /run. The simulated FreeBSD commands are bound read-only on /usr/libexec/fakebsd and reached through small
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

    HostFs(String name, String version, Path dir, FleetSpec spec, Path simDir, String clientPublicLine, Admin admin) {
        this.name = name;
        this.version = version;
        this.dir = dir;
        this.spec = spec;
        this.simDir = simDir;
        this.clientPublicLine = clientPublicLine;
        this.admin = admin;
        this.hostEd25519 = Keys.ed25519();
        this.hostEcdsa = Keys.ecdsa();
    }

    private static Map<String, String> commands() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String c : List.of("ifconfig", "zfs", "zpool", "pfctl", "sysctl", "kldload", "kldstat", "sha256", "jail",
                "jls", "jexec", "service", "sysrc")) {
            m.put(c, "sbin");
        }
        m.put("freebsd-version", "bin");
        m.put("uname", "bin");
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

    Path outside(String sub) {
        return dir.resolve(sub);
    }

    /** Lays out the host's directories, writes the seed and starts the holder with every mount in place. */
    void start() throws IOException {
        for (String d : List.of("tmp", "jails", "usrjails", "run")) {
            Files.createDirectories(dir.resolve(d));
        }
        Files.setAttribute(dir.resolve("tmp"), "unix:mode", 01777);
        Files.createDirectories(dir.resolve("run/sshd"));
        for (String d : List.of("host", "sim", "new", "lower/etc", "lower/usr", "lower/var", "lower/root")) {
            Files.createDirectories(dir.resolve("run" + KEEP.substring(4)).resolve(d));
        }
        prepareGeneration(0);
        holder = new ProcessBuilder("unshare", "-m", "-u", "--propagation", "private", "--", "/bin/sh", "-c",
                mountScript(0, true))
                .directory(Path.of("/").toFile())
                .redirectErrorStream(true)
                .start();
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.equals("ready")) {
                        return null;
                    }
                    seen.append(line).append('\n');
                }
            } catch (IOException e) {
                seen.append(e);
            }
            return seen.toString();
        });
        String failure;
        try {
            failure = ready.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            failure = "no answer within 30 s";
        }
        if (failure != null) {
            Procs.killTree(holder.toHandle());
            throw new IOException("cannot build the file systems of host " + name + " (needs root, unshare and "
                    + "overlayfs): " + failure.strip());
        }
        namespace = Procs.mountNamespace(holder.pid());
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
            deleteTree(dir.resolve(o + "/upper-" + old));
            deleteTree(dir.resolve(o + "/work-" + old));
        }
        for (String d : List.of("tmp", "jails", "usrjails")) {
            emptyDir(dir.resolve(d));
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

    /** Stops the holder; the namespace (and every mount in it) goes away once no process is left inside. */
    @Override
    public void close() {
        if (holder != null) {
            try {
                holder.getOutputStream().close();
            } catch (IOException ignored) {
                // the holder exits either way
            }
            if (!Procs.awaitExit(holder.pid(), 500)) {
                holder.destroyForcibly();
            }
        }
    }

    void deleteFiles() {
        deleteTree(dir);
    }

    /**
     * The mounts of generation GEN. The first time the holder runs it (it still sees the machine's paths); a reset
     * runs it through nsenter, where overlayfs and bind mounts only accept sources from the namespace's own mount
     * tree: hence the host directory, the simulations and the machine's directories (read-only) are kept reachable
     * under {@code /run/.fleet} (this host's private /run). A reset mounts each new overlay aside, then swaps it in,
     * so a failure never leaves the machine's own directory in a host's place.
     */
    private String mountScript(int gen, boolean initial) {
        StringBuilder s = new StringBuilder("set -e\n");
        String k = KEEP;
        if (initial) {
            String h = dir.toString();
            s.append("mount -n --bind ").append(Sh.quote(h + "/run")).append(" /run\n");
            s.append("mount -n --bind ").append(Sh.quote(h)).append(' ').append(k).append("/host\n");
            s.append("mount -n --bind ").append(Sh.quote(simDir.toString())).append(' ').append(k).append("/sim\n");
            s.append("mount -n -o remount,bind,ro ").append(k).append("/sim\n");
            for (String o : OVERLAYS) {
                s.append("mount -n --bind /").append(o).append(' ').append(k).append("/lower/").append(o).append('\n');
                s.append("mount -n -o remount,bind,ro ").append(k).append("/lower/").append(o).append('\n');
            }
        }
        for (String o : OVERLAYS) {
            String target = initial ? "/" + o : k + "/new";
            s.append("mount -n -t overlay overlay -o ")
                    .append(Sh.quote("lowerdir=" + k + "/lower/" + o + ",upperdir=" + k + "/host/" + o + "/upper-" + gen
                            + ",workdir=" + k + "/host/" + o + "/work-" + gen))
                    .append(' ').append(target).append('\n');
            if (o.equals("usr")) {
                s.append("mount -n --bind ").append(k).append("/sim ").append(target).append(SIM_MOUNT.substring(4)).append('\n');
                s.append("mount -n -o remount,bind,ro ").append(target).append(SIM_MOUNT.substring(4)).append('\n');
                s.append("mount -n --bind ").append(k).append("/host/usrjails ").append(target).append("/jails\n");
            }
            if (!initial) {
                s.append("umount -n -l /").append(o).append('\n');
                s.append("mount -n --move ").append(target).append(" /").append(o).append('\n');
            }
        }
        if (initial) {
            s.append("mount -n --bind ").append(k).append("/host/jails /jails\n");
            s.append("mount -n --bind ").append(k).append("/host/tmp /tmp\n");
            s.append("hostname ").append(Sh.quote(name)).append('\n');
            s.append("echo ready\n");
            s.append("read _ || true\n");
        }
        return s.toString();
    }

    /** Creates the upper and work layers of generation GEN with the seed in them. */
    private void prepareGeneration(int gen) throws IOException {
        Map<String, Path> up = new LinkedHashMap<>();
        for (String o : OVERLAYS) {
            Path upper = dir.resolve(o + "/upper-" + gen);
            deleteTree(upper);
            deleteTree(dir.resolve(o + "/work-" + gen));
            Files.createDirectories(upper);
            Files.createDirectories(dir.resolve(o + "/work-" + gen));
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
