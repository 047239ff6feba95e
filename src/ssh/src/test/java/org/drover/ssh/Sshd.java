package org.drover.ssh;

import org.drover.transport.Sh;


import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real OpenSSH sshd for one test, on a free loopback port, with its own host keys and sshd_config.
 *
 * <p>It runs in a mount namespace of its own ({@code unshare -m}) with a tmpfs on /run (sshd's privilege
 * separation directory) and, when users are asked for, an overlay over /etc holding them, their sudoers and
 * doas.conf: this machine's real /etc is never touched. Its log (LogLevel VERBOSE) is {@link #log()}.
 */
public final class Sshd implements AutoCloseable {
    /** A login for {@link Builder#user}: uid, login shell, password (may be null), home folder. */
    public record User(String name, int uid, String shell, String password) {}

    private final Path dir;
    private final Process process;
    private final int port;

    private Sshd(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    public static Builder in(Path dir) {
        return new Builder(dir);
    }

    public int port() {
        return port;
    }

    Path dir() {
        return dir;
    }

    Path log() {
        return dir.resolve("sshd.log");
    }

    public String logText() throws IOException {
        return Files.readString(log(), StandardCharsets.ISO_8859_1);
    }

    /** Connections the server accepted with a public key: one per SSH connection. */
    public long acceptedPublickey() throws IOException {
        return logText().lines().filter(l -> l.contains("Accepted publickey")).count();
    }

    /** The number of complete lines in the log now: a mark to count what the server logs after it. */
    public int logMark() throws IOException {
        return logLines().size();
    }

    /** Complete log lines (a line still being written is left out). */
    private List<String> logLines() throws IOException {
        String text = logText();
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : text.substring(0, end).lines().toList();
    }

    /** The log lines after MARK. */
    public List<String> logSince(int mark) throws IOException {
        List<String> lines = logLines();
        return lines.subList(Math.min(mark, lines.size()), lines.size());
    }

    /** Log lines after MARK that contain TEXT. */
    public long countSince(int mark, String text) throws IOException {
        return logSince(mark).stream().filter(l -> l.contains(text)).count();
    }

    /** The client ports of the TCP connections the server accepted after MARK, one per connection, in order. */
    public List<Integer> connectionsSince(int mark) throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (String l : logSince(mark)) {
            Matcher m = CONNECTION.matcher(l);
            if (m.find()) {
                ports.add(Integer.parseInt(m.group(1)));
            }
        }
        return ports;
    }

    private static final Pattern CONNECTION = Pattern.compile("Connection from \\S+ port (\\d+) on ");
    private static final Pattern ENDED = Pattern.compile(
            "(Connection closed by|Disconnected from|Connection reset by|Timeout before authentication for) .*port (\\d+)");

    /**
     * Waits until every connection accepted after MARK has been logged as ended (the server logs an
     * authentication failure, for one, only a moment after the client saw it): then the log after MARK is complete.
     */
    public void awaitConnectionsEnded(int mark) throws Exception {
        Eventually.await(Duration.ofSeconds(10), () -> {
            try {
                return "connections since the mark still open; log since the mark:\n"
                        + String.join("\n", logSince(mark));
            } catch (IOException e) {
                return e.toString();
            }
        }, () -> {
            List<String> lines = logSince(mark);
            java.util.Set<Integer> ended = new java.util.HashSet<>();
            for (String l : lines) {
                Matcher m = ENDED.matcher(l);
                if (m.find()) {
                    ended.add(Integer.parseInt(m.group(2)));
                }
            }
            return ended.containsAll(connectionsSince(mark));
        });
    }

    /**
     * The processes living in this server's mount namespace (it and its sessions, also those a session left
     * behind): pid to command line (arguments joined by spaces). Processes of the rest of the machine are not in it.
     */
    public Map<Long, String> processes() throws IOException {
        String ns = Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "ns", "mnt")).toString();
        Map<Long, String> found = new java.util.TreeMap<>();
        try (var dir = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : dir) {
                try {
                    if (Files.readSymbolicLink(p.resolve("ns/mnt")).toString().equals(ns)) {
                        String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                                .replace('\0', ' ').strip();
                        found.put(Long.parseLong(p.getFileName().toString()), cmd);
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return found;
    }

    /** The public host key line (type and base64) of the given type, as in a known_hosts file. */
    String hostKey(String type) throws IOException {
        String[] f = Files.readString(dir.resolve("ssh_host_" + type + "_key.pub")).strip().split("\\s+");
        return f[0] + " " + f[1];
    }

    /** A known_hosts line for this server's key of the given type. */
    public String knownHostsLine(String type) throws IOException {
        return "[127.0.0.1]:" + port + " " + hostKey(type);
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static final class Builder {
        private final Path dir;
        private final List<String> hostKeyTypes = new ArrayList<>(List.of("ed25519"));
        private final Map<String, List<String>> authorized = new LinkedHashMap<>();
        private final List<User> users = new ArrayList<>();
        private final List<String> etcFiles = new ArrayList<>();
        private final List<String> config = new ArrayList<>();
        private Path hostKeysFrom;

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** Host key types to generate and offer (ed25519, ecdsa, rsa). */
        public Builder hostKeys(String... types) {
            hostKeyTypes.clear();
            hostKeyTypes.addAll(List.of(types));
            return this;
        }

        /** Reuse the host keys of another server's folder (same host, restarted). */
        public Builder hostKeysFrom(Path otherDir) {
            hostKeysFrom = otherDir;
            return this;
        }

        public Builder authorize(String user, String publicKeyLine) {
            authorized.computeIfAbsent(user, u -> new ArrayList<>()).add(publicKeyLine);
            return this;
        }

        public Builder user(User u) {
            users.add(u);
            return this;
        }

        /** A file written inside the namespace's /etc overlay (path under /etc, mode, content). */
        Builder etcFile(String path, String mode, String content) {
            if (!path.startsWith("/etc/")) {
                throw new IllegalArgumentException(path);
            }
            etcFiles.add("mkdir -p \"$(dirname " + Sh.quote(path) + ")\"\nprintf '%s' " + Sh.quote(content)
                    + " > " + Sh.quote(path) + "\nchmod " + mode + " " + Sh.quote(path) + "\n");
            return this;
        }

        public Builder config(String line) {
            config.add(line);
            return this;
        }

        public Sshd start() throws IOException, InterruptedException {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            List<String> hostKeyLines = new ArrayList<>();
            for (String t : hostKeyTypes) {
                Path key = dir.resolve("ssh_host_" + t + "_key");
                if (hostKeysFrom != null) {
                    Files.copy(hostKeysFrom.resolve(key.getFileName()), key);
                    Files.copy(hostKeysFrom.resolve(key.getFileName() + ".pub"), dir.resolve(key.getFileName()
                            + ".pub"));
                    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
                } else if (!Files.exists(key)) {
                    run("ssh-keygen", "-q", "-t", t, "-N", "", "-C", "test-host", "-f", key.toString());
                }
                hostKeyLines.add("HostKey " + key);
            }
            Path keys = dir.resolve("authorized");
            Files.createDirectories(keys);
            for (Map.Entry<String, List<String>> e : authorized.entrySet()) {
                Path f = keys.resolve(e.getKey());
                Files.write(f, e.getValue());
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
            }
            List<String> cfg = new ArrayList<>(hostKeyLines);
            cfg.addAll(List.of(
                    "ListenAddress 127.0.0.1",
                    "PidFile none",
                    "LogLevel VERBOSE",
                    "MaxStartups 200:30:400",
                    "MaxSessions 10",
                    "UsePAM no",
                    "StrictModes no",
                    "PermitRootLogin yes",
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication yes",
                    "KbdInteractiveAuthentication no",
                    "AuthorizedKeysFile " + keys + "/%u",
                    "PrintMotd no",
                    "UseDNS no",
                    "Subsystem sftp internal-sftp"));
            cfg.addAll(config);
            Path cfgFile = dir.resolve("sshd_config");
            StringBuilder setup = new StringBuilder("set -e\nmount -t tmpfs -o mode=755 tmpfs /run\n"
                    + "mkdir -m 755 /run/sshd\n");
            if (!users.isEmpty() || !etcFiles.isEmpty()) {
                Path upper = dir.resolve("etc-upper");
                Path work = dir.resolve("etc-work");
                Files.createDirectories(upper);
                Files.createDirectories(work);
                setup.append("mount -t overlay overlay -o lowerdir=/etc,upperdir=").append(upper)
                        .append(",workdir=").append(work).append(" /etc\n");
                for (User u : users) {
                    Path home = dir.resolve("home").resolve(u.name());
                    Files.createDirectories(home);
                    setup.append("echo ").append(Sh.quote(u.name() + ":x:" + u.uid() + ":" + u.uid() + "::" + home
                            + ":" + u.shell())).append(" >> /etc/passwd\n");
                    setup.append("echo ").append(Sh.quote(u.name() + ":x:" + u.uid() + ":")).append(" >> /etc/group\n");
                    setup.append("echo ").append(Sh.quote(u.name() + ":*:19000:0:99999:7:::"))
                            .append(" >> /etc/shadow\n");
                    setup.append("chown ").append(u.uid()).append(':').append(u.uid()).append(' ').append(home)
                            .append('\n');
                    if (u.password() != null) {
                        setup.append("echo ").append(Sh.quote(u.name() + ":" + u.password()))
                                .append(" | chpasswd\n");
                    }
                }
                for (String f : etcFiles) {
                    setup.append(f);
                }
            }
            for (int attempt = 0; ; attempt++) {
                int port = freePort();
                List<String> lines = new ArrayList<>(cfg);
                lines.add(0, "Port " + port);
                Files.write(cfgFile, lines);
                Path log = dir.resolve("sshd.log");
                Files.deleteIfExists(log);
                ProcessBuilder pb = new ProcessBuilder("unshare", "-m", "--propagation", "private", "/bin/sh",
                        "-c", setup + "exec /usr/sbin/sshd -D -e -f " + cfgFile + "\n");
                pb.redirectErrorStream(true);
                pb.redirectOutput(log.toFile());
                Process p = pb.start();
                long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < until) {
                    String text = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
                    if (text.contains("Server listening on")) {
                        return new Sshd(dir, p, port);
                    }
                    if (!p.isAlive()) {
                        if (text.contains("Address already in use") && attempt < 5) {
                            break;
                        }
                        throw new IllegalStateException("sshd did not start:\n" + text);
                    }
                    Thread.sleep(20);
                }
                if (p.isAlive()) {
                    p.destroyForcibly();
                    throw new IllegalStateException("sshd did not start in 20 s:\n"
                            + Files.readString(log, StandardCharsets.ISO_8859_1));
                }
            }
        }
    }

    /** Removes a test folder (temp folders of these tests hold keys and logs only). */
    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }
}
