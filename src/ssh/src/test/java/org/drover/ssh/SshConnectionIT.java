package org.drover.ssh;

import org.drover.transport.Connection;
import org.drover.transport.ExecRequest;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;
import org.drover.transport.UnreachableException;
import org.drover.transport.RemoteFiles;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The transport against a real OpenSSH sshd on loopback (root login; users and become: {@link BecomeIT}). */
class SshConnectionIT {
    static Path base;
    static Sshd sshd;
    static Path knownHosts;
    static SshConnectionFactory factory;

    @BeforeAll
    static void start() throws Exception {
        TestLogging.quiet();
        base = Files.createTempDirectory("drover-ssh-it");
        Sshd.Builder b = Sshd.in(base.resolve("main")).hostKeys("ed25519", "ecdsa", "rsa");
        for (String k : List.of("id_ed25519", "id_ecdsa", "id_rsa", "id_encrypted")) {
            b.authorize("root", TestKeys.pub(k));
        }
        sshd = b.start();
        knownHosts = base.resolve("known_hosts");
        Files.writeString(knownHosts, sshd.knownHostsLine("ed25519") + "\n");
        factory = new SshConnectionFactory();
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
        Sshd.deleteTree(base);
    }

    static SshTarget target(Sshd s, String key, Path kh, HostKeyPolicy policy) throws Exception {
        return new SshTarget("host" + s.port(), "127.0.0.1", s.port(), "root", List.of(TestKeys.key(key)), null,
                null, List.of(), policy, kh, Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(60),
                2, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id_ed25519", "id_ecdsa", "id_rsa"})
    void authenticatesWithEachKeyType(String key) throws Exception {
        try (SshConnection c = factory.open(target(sshd, key, knownHosts, HostKeyPolicy.STRICT))) {
            ExecResult r = c.exec("id -u; echo \"$LC_ALL\"; echo \"$PATH\"");
            assertThat(r.ok()).as(r.stderr()).isTrue();
            assertThat(r.stdout()).isEqualTo("0\nC\n" + Sh.PATH + "\n");
        }
        String fp = Sshd.run("ssh-keygen", "-lf", TestKeys.key(key) + ".pub").split("\\s+")[1];
        assertThat(sshd.logText()).contains("Accepted publickey for root").contains(fp);
    }

    @Test
    void encryptedKeyWithPassphraseFromSource() throws Exception {
        SshTarget t = target(sshd, "id_encrypted", knownHosts, HostKeyPolicy.STRICT);
        t = new SshTarget(t.name(), t.address(), t.port(), t.user(), t.identityFiles(), null,
                PassphraseSource.standard(Map.of(PassphraseSource.ENV, TestKeys.PASSPHRASE), null), t.jumps(),
                t.hostKeyPolicy(), t.knownHosts(), t.connectTimeout(), t.keepAlive(), t.commandTimeout(), 0, null);
        try (SshConnection c = factory.open(t)) {
            assertThat(c.exec("echo hi").stdout()).isEqualTo("hi\n");
        }
        SshTarget wrong = new SshTarget(t.name(), t.address(), t.port(), t.user(), t.identityFiles(), null,
                key -> "nope".toCharArray(), t.jumps(), t.hostKeyPolicy(), t.knownHosts(), t.connectTimeout(),
                t.keepAlive(), t.commandTimeout(), 0, null);
        assertThatThrownBy(() -> new SshConnectionFactory().open(wrong))
                .isInstanceOf(UnreachableException.class).hasMessageContaining("id_encrypted")
                .hasMessageContaining("the passphrase from the passphrase source does not decrypt it");
        SshTarget none = new SshTarget(t.name(), t.address(), t.port(), t.user(), t.identityFiles(), null,
                PassphraseSource.standard(Map.of(), null), t.jumps(), t.hostKeyPolicy(), t.knownHosts(),
                t.connectTimeout(), t.keepAlive(), t.commandTimeout(), 0, null);
        assertThatThrownBy(() -> new SshConnectionFactory().open(none))
                .isInstanceOf(UnreachableException.class)
                .hasMessageContaining("the key is encrypted and no passphrase was supplied")
                .hasMessageContaining("here: neither DROVER_KEY_PASSPHRASE nor DROVER_KEY_PASSPHRASE_FILE set, and "
                        + "no terminal to ask on")
                .hasMessageNotContaining("may be incorrect");
    }

    @Test
    void changedHostKeyIsRefusedWithBothFingerprints(@TempDir Path tmp) throws Exception {
        Sshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", tmp.resolve("other").toString());
        String other = Files.readString(tmp.resolve("other.pub")).strip().split("\\s+")[1];
        Path kh = tmp.resolve("known_hosts");
        Files.writeString(kh, "[127.0.0.1]:" + sshd.port() + " ssh-ed25519 " + other + "\n");
        String offered = Sshd.run("ssh-keygen", "-lf", sshd.dir().resolve("ssh_host_ed25519_key.pub").toString())
                .split("\\s+")[1];
        String known = Sshd.run("ssh-keygen", "-lf", tmp.resolve("other.pub").toString()).split("\\s+")[1];
        assertThat(offered).isNotEqualTo(known).startsWith("SHA256:");
        for (HostKeyPolicy p : List.of(HostKeyPolicy.STRICT, HostKeyPolicy.ACCEPT_NEW)) {
            int mark = sshd.logMark();
            assertThatThrownBy(() -> factory.open(target(sshd, "id_ed25519", kh, p)))
                    .isInstanceOf(UnreachableException.class)
                    .hasMessageContaining("MISMATCH").hasMessageContaining(offered).hasMessageContaining(known);
            // no retries (the target allows 2): the server saw exactly one connection, and no login
            sshd.awaitConnectionsEnded(mark);
            assertThat(sshd.connectionsSince(mark)).as("connections, log:\n%s", sshd.logSince(mark)).hasSize(1);
            assertThat(sshd.countSince(mark, "Accepted")).isZero();
        }
        assertThat(Files.readString(kh).lines()).hasSize(1);
    }

    @Test
    void unknownHostRefusedUnderStrictAndLearntUnderAcceptNew(@TempDir Path tmp) throws Exception {
        Path kh = tmp.resolve("sub").resolve("known_hosts");
        assertThatThrownBy(() -> factory.open(target(sshd, "id_ed25519", kh, HostKeyPolicy.STRICT)))
                .isInstanceOf(UnreachableException.class).hasMessageContaining("not known")
                .hasMessageContaining("SHA256:");
        assertThat(kh).doesNotExist();
        SshConnectionFactory fresh = new SshConnectionFactory();
        try (SshConnection c = fresh.open(target(sshd, "id_ed25519", kh, HostKeyPolicy.ACCEPT_NEW))) {
            assertThat(c.exec("echo learnt").stdout()).isEqualTo("learnt\n");
        }
        String line = Files.readString(kh).strip();
        assertThat(line).startsWith("[127.0.0.1]:" + sshd.port() + " ");
        // whatever type was negotiated, it is one of the server's keys; a new factory now trusts it strictly
        assertThat(List.of(sshd.knownHostsLine("ed25519"), sshd.knownHostsLine("ecdsa"), sshd.knownHostsLine("rsa")))
                .contains(line);
        try (SshConnection c = new SshConnectionFactory()
                .open(target(sshd, "id_ed25519", kh, HostKeyPolicy.STRICT))) {
            assertThat(c.exec("echo again").stdout()).isEqualTo("again\n");
        }
    }

    @Test
    void hostKeyCheckingOffAcceptsAnything(@TempDir Path tmp) throws Exception {
        try (SshConnection c = factory.open(target(sshd, "id_ed25519", tmp.resolve("none"), HostKeyPolicy.OFF))) {
            assertThat(c.exec("echo off").stdout()).isEqualTo("off\n");
        }
        assertThat(tmp.resolve("none")).doesNotExist();
    }

    @Test
    void hashedKnownHostsEntryIsHonoured(@TempDir Path tmp) throws Exception {
        Path kh = tmp.resolve("known_hosts");
        Files.writeString(kh, sshd.knownHostsLine("ecdsa") + "\n");
        Sshd.run("ssh-keygen", "-q", "-H", "-f", kh.toString());
        assertThat(Files.readString(kh)).startsWith("|1|").doesNotContain("127.0.0.1");
        try (SshConnection c = new SshConnectionFactory()
                .open(target(sshd, "id_ed25519", kh, HostKeyPolicy.STRICT))) {
            assertThat(c.exec("echo hashed").stdout()).isEqualTo("hashed\n");
        }
    }

    @Test
    void revokedKeyIsRefusedEvenWhenAlsoListed(@TempDir Path tmp) throws Exception {
        Path kh = tmp.resolve("known_hosts");
        Files.writeString(kh, sshd.knownHostsLine("ed25519") + "\n@revoked * " + sshd.hostKey("ed25519") + "\n");
        for (HostKeyPolicy p : HostKeyPolicy.values()) {
            assertThatThrownBy(() -> new SshConnectionFactory()
                    .open(target(sshd, "id_ed25519", kh, p)))
                    .as(p.label()).isInstanceOf(UnreachableException.class).hasMessageContaining("REVOKED")
                    .hasMessageContaining(":2");
        }
    }

    @Test
    void certificateSignedByTrustedCaIsAccepted(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("certd");
        Files.createDirectories(dir);
        Sshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", tmp.resolve("ca").toString());
        Sshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "h", "-f",
                dir.resolve("ssh_host_ed25519_key").toString());
        Sshd.run("ssh-keygen", "-q", "-s", tmp.resolve("ca").toString(), "-I", "testhost", "-h", "-n", "127.0.0.1",
                "-V", "-1h:+1h", dir.resolve("ssh_host_ed25519_key.pub").toString());
        try (Sshd s = Sshd.in(dir).hostKeys("ed25519").authorize("root", TestKeys.pub("id_ed25519"))
                .config("HostCertificate " + dir.resolve("ssh_host_ed25519_key-cert.pub")).start()) {
            String ca = Files.readString(tmp.resolve("ca.pub")).strip();
            Path kh = tmp.resolve("known_hosts");
            Files.writeString(kh, "@cert-authority [127.0.0.1]:* " + ca + "\n");
            try (SshConnection c = new SshConnectionFactory()
                    .open(target(s, "id_ed25519", kh, HostKeyPolicy.STRICT))) {
                assertThat(c.exec("echo cert").stdout()).isEqualTo("cert\n");
            }
            Files.writeString(kh, "@cert-authority [127.0.0.1]:* " + ca + "\n@revoked * " + ca + "\n");
            assertThatThrownBy(() -> new SshConnectionFactory()
                    .open(target(s, "id_ed25519", kh, HostKeyPolicy.STRICT)))
                    .isInstanceOf(UnreachableException.class).hasMessageContaining("REVOKED");
        }
    }

    @Test
    void hostThatIsDownFailsFast() throws Exception {
        int port = Sshd.freePort(); // nothing listens there
        SshTarget t = new SshTarget("down", "127.0.0.1", port, "root", List.of(TestKeys.key("id_ed25519")), null,
                null, List.of(), HostKeyPolicy.STRICT, knownHosts, Duration.ofSeconds(3), Duration.ofSeconds(15),
                Duration.ofSeconds(60), 2, null);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> factory.open(t)).isInstanceOf(UnreachableException.class)
                .hasMessageContaining("down").hasMessageContaining("refused");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void silentHostTimesOutWithinTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SshTarget t = new SshTarget("silent", "127.0.0.1", silent.getLocalPort(), "root",
                    List.of(TestKeys.key("id_ed25519")), null, null, List.of(), HostKeyPolicy.STRICT, knownHosts,
                    Duration.ofSeconds(2), Duration.ofSeconds(15), Duration.ofSeconds(60), 2, null);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> factory.open(t)).isInstanceOf(UnreachableException.class)
                    .hasMessageContaining("silent");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(4000));
        }
    }

    @Test
    void hangingCommandIsKilledAtItsDeadline() throws Exception {
        try (SshConnection c = factory.open(target(sshd, "id_ed25519", knownHosts, HostKeyPolicy.STRICT))) {
            long t0 = System.nanoTime();
            CompletableFuture<ExecResult> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return c.exec(ExecRequest.of("echo started; exec sleep 300").withTimeout(Duration.ofSeconds(2)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            // the sleeper is seen among this server's processes (so its absence below means something)
            Eventually.await(Duration.ofSeconds(5), () -> "no 'sleep 300' in the server's processes: "
                    + sleepers(), () -> !sleepers().isEmpty());
            ExecResult r = running.get(30, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(r.timedOut()).isTrue();
            assertThat(r.ok()).isFalse();
            assertThat(r.stdout()).isEqualTo("started\n");
            assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(8));
            // the connection survives and the sleeper was killed by the signal
            assertThat(c.exec("echo still here").stdout()).isEqualTo("still here\n");
            Eventually.await(Duration.ofSeconds(5), () -> "the sleeper outlived its deadline: " + sleepers(),
                    () -> sleepers().isEmpty());
        }
    }

    /** The 'sleep 300' processes inside the test's sshd (its mount namespace), wherever their parent is. */
    static Map<Long, String> sleepers() {
        try {
            Map<Long, String> found = new java.util.TreeMap<>(sshd.processes());
            found.values().removeIf(cmd -> !cmd.equals("sleep 300"));
            return found;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void bigOutputOnBothStreamsDoesNotHang() throws Exception {
        try (SshConnection c = factory.open(target(sshd, "id_ed25519", knownHosts, HostKeyPolicy.STRICT))) {
            ExecResult r = c.exec(ExecRequest.of("head -c 1048576 /dev/zero | tr '\\0' e >&2 &\n"
                    + "head -c 10485760 /dev/zero | tr '\\0' o\nwait").withTimeout(Duration.ofSeconds(60)));
            assertThat(r.timedOut()).isFalse();
            assertThat(r.exitStatus()).isZero();
            // beyond the default bound (8 MiB) the rest of stdout is counted, not kept
            assertThat(r.stdout()).hasSize(8 * 1024 * 1024 + 48).startsWith("ooo")
                    .endsWith("o\n... 2097152 bytes more not kept (--max-output)\n");
            assertThat(r.stderr()).hasSize(1024 * 1024).matches("e+");
            ExecResult whole = c.exec(ExecRequest.of("head -c 10485760 /dev/zero | tr '\\0' o")
                    .withMaxOutput(16 << 20).withTimeout(Duration.ofSeconds(60)));
            assertThat(whole.stdout()).hasSize(10 * 1024 * 1024).matches("o+");
        }
    }

    @Test
    void stdinExitStatusSignalAndEnv() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 7];
        new Random(42).nextBytes(data);
        try (SshConnection c = factory.open(target(sshd, "id_ed25519", knownHosts, HostKeyPolicy.STRICT))) {
            ExecResult r = c.exec(ExecRequest.of("sha256sum | cut -d ' ' -f 1").withStdin(data));
            assertThat(r.stdout().strip()).isEqualTo(sha256(data));
            assertThat(c.exec("exit 3").exitStatus()).isEqualTo(3);
            ExecResult killed = c.exec("kill -TERM $$");
            assertThat(killed.signal()).isEqualTo("TERM");
            assertThat(killed.ok()).isFalse();
            String tricky = "it's \"quoted\" $HOME `date` \\ ; rm -rf / !x\nsecond line";
            ExecResult env = c.exec(ExecRequest.of("printf '%s' \"$TRICKY\"").withEnv(Map.of("TRICKY", tricky)));
            assertThat(env.stdout()).isEqualTo(tricky);
            assertThatThrownBy(() -> c.exec(ExecRequest.of("true").withEnv(Map.of("A;rm", "x"))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void remoteFilesWriteAtomicallyAndReportTheDigest(@TempDir Path tmp) throws Exception {
        Path dest = tmp.resolve("dir with space").resolve("it's.conf");
        Files.createDirectories(dest.getParent());
        byte[] content = "line 1\nline 'two' $x\n".getBytes(StandardCharsets.UTF_8);
        try (SshConnection c = factory.open(target(sshd, "id_ed25519", knownHosts, HostKeyPolicy.STRICT))) {
            ExecResult before = c.exec(RemoteFiles.sha256Script(dest.toString()));
            assertThat(RemoteFiles.parseSha256(before.stdout())).isEmpty();
            ExecResult w = c.exec(ExecRequest.of(RemoteFiles.writeScript(dest.toString(), "0640", "root", "daemon"))
                    .withStdin(content));
            assertThat(w.ok()).as(w.stderr()).isTrue();
            assertThat(RemoteFiles.parseSha256(w.stdout())).contains(sha256(content));
            assertThat(Files.readAllBytes(dest)).isEqualTo(content);
            assertThat(Sshd.run("stat", "-c", "%a %U %G", dest.toString()).strip()).isEqualTo("640 root daemon");
            try (var s = Files.list(dest.getParent())) {
                assertThat(s.map(p -> p.getFileName().toString())).containsExactly("it's.conf");
            }
            // no mode given: the existing file's mode is kept
            ExecResult again = c.exec(ExecRequest.of(RemoteFiles.writeScript(dest.toString(), null, null, null))
                    .withStdin(new byte[0]));
            assertThat(again.ok()).as(again.stderr()).isTrue();
            assertThat(Sshd.run("stat", "-c", "%a %s", dest.toString()).strip()).isEqualTo("640 0");
            ExecResult fail = c.exec(ExecRequest.of(RemoteFiles.writeScript("/nonexistent/dir/f", null, null, null))
                    .withStdin(content));
            assertThat(fail.ok()).isFalse();
        }
    }

    @Test
    void oneConnectionServesManyExecs() throws Exception {
        int mark = sshd.logMark();
        long t0 = System.nanoTime();
        try (SshConnection c = factory.open(target(sshd, "id_ed25519", knownHosts, HostKeyPolicy.STRICT))) {
            long connectMs = (System.nanoTime() - t0) / 1_000_000;
            for (int i = 0; i < 100; i++) {
                assertThat(c.exec("echo " + i).stdout()).isEqualTo(i + "\n");
            }
            long[] ms = new long[200];
            for (int i = 0; i < ms.length; i++) {
                long s = System.nanoTime();
                c.exec("true");
                ms[i] = System.nanoTime() - s;
            }
            java.util.Arrays.sort(ms);
            System.out.printf("MEASURE connect %d ms; exec median %.2f ms (p90 %.2f ms) over 200%n", connectMs,
                    ms[100] / 1e6, ms[180] / 1e6);
            // parallel requests on the one connection: capped channels, none refused by MaxSessions
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try {
                List<Future<ExecResult>> fs = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    int n = i;
                    fs.add(pool.submit(() -> c.exec("sleep 0.05; echo " + n)));
                }
                for (int i = 0; i < fs.size(); i++) {
                    assertThat(fs.get(i).get().stdout()).isEqualTo(i + "\n");
                }
            } finally {
                pool.shutdownNow();
            }
        }
        sshd.awaitConnectionsEnded(mark);
        assertThat(sshd.connectionsSince(mark)).hasSize(1);
        assertThat(sshd.countSince(mark, "Accepted publickey")).isEqualTo(1);
    }

    @Test
    void fiftyHostsInParallel() throws Exception {
        List<Sshd> servers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            Path kh = base.resolve("known_hosts_fleet");
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                Sshd s = Sshd.in(base.resolve("fleet" + i)).hostKeysFrom(sshd.dir()).hostKeys("ed25519")
                        .authorize("root", TestKeys.pub("id_ed25519")).start();
                servers.add(s);
                lines.append(s.knownHostsLine("ed25519")).append('\n');
            }
            Files.writeString(kh, lines);
            SshConnectionFactory f = new SshConnectionFactory();
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Sshd s = servers.get(i % servers.size());
                int n = i;
                Callable<String> job = () -> {
                    try (SshConnection c = f.open(target(s, "id_ed25519", kh, HostKeyPolicy.STRICT))) {
                        return c.exec("echo host " + n).stdout();
                    }
                };
                results.add(pool.submit(job));
            }
            for (int i = 0; i < 50; i++) {
                assertThat(results.get(i).get()).isEqualTo("host " + i + "\n");
            }
            long accepted = 0;
            for (Sshd s : servers) {
                accepted += s.acceptedPublickey();
            }
            assertThat(accepted).isEqualTo(50);
        } finally {
            pool.shutdownNow();
            servers.forEach(Sshd::close);
        }
    }

    @Test
    void jumpHostChain() throws Exception {
        try (Sshd inner = Sshd.in(base.resolve("inner")).hostKeys("ecdsa")
                .authorize("root", TestKeys.pub("id_ed25519")).start()) {
            Path kh = base.resolve("known_hosts_jump");
            Files.writeString(kh, sshd.knownHostsLine("ed25519") + "\n" + inner.knownHostsLine("ecdsa") + "\n");
            // two hops through the main server, then the inner one
            List<JumpHost> chain = JumpHost.parseChain("root@127.0.0.1:" + sshd.port() + ",127.0.0.1:" + sshd.port());
            SshTarget t = target(inner, "id_ed25519", kh, HostKeyPolicy.STRICT).withJumps(chain);
            long jumpBefore = sshd.acceptedPublickey();
            try (SshConnection c = factory.open(t)) {
                assertThat(c.exec("echo through").stdout()).isEqualTo("through\n");
            }
            assertThat(sshd.acceptedPublickey() - jumpBefore).isEqualTo(2);
            assertThat(inner.logText()).contains("Accepted publickey");
            // the inner host down: the jump host reports it
            SshTarget down = new SshTarget("gone", "127.0.0.1", Sshd.freePort(), "root",
                    List.of(TestKeys.key("id_ed25519")), null, null, chain.subList(0, 1), HostKeyPolicy.STRICT, kh,
                    Duration.ofSeconds(3), Duration.ofSeconds(15), Duration.ofSeconds(60), 0, null);
            assertThatThrownBy(() -> factory.open(down)).isInstanceOf(UnreachableException.class)
                    .hasMessageContaining("gone");
        }
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
