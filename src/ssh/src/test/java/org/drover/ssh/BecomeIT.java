package org.drover.ssh;

import org.drover.transport.Become;
import org.drover.transport.ExecRequest;
import org.drover.transport.ExecResult;
import org.drover.transport.UnreachableException;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.drover.engine.RunOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Non-root users, a tcsh login shell, and become through the real sudo, doas and su. The users, sudoers and
 * doas.conf exist only inside the sshd's own mount namespace (an overlay over /etc): this machine's /etc stays as
 * it is.
 */
class BecomeIT {
    static final String BOB_PW = "b0b's pa$$ !word";
    static final String ROOT_PW = "r00t \"pw\"";
    static Path base;
    static Sshd sshd;
    static Path knownHosts;
    static final SshConnectionFactory factory = new SshConnectionFactory();

    @BeforeAll
    static void start() throws Exception {
        TestLogging.quiet();
        base = Files.createTempDirectory("drover-become-it");
        Files.setPosixFilePermissions(base, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        String key = TestKeys.pub("id_ed25519");
        sshd = Sshd.in(base.resolve("sshd")).hostKeys("ed25519")
                .user(new Sshd.User("alice", 20001, "/bin/sh", "alice-pw"))
                .user(new Sshd.User("bob", 20002, "/bin/sh", BOB_PW))
                .user(new Sshd.User("carol", 20003, "/usr/bin/tcsh", "carol-pw"))
                .authorize("alice", key).authorize("bob", key).authorize("carol", key)
                .etcFile("/etc/sudoers.d/drover-test", "0440", """
                        Defaults lecture=never
                        Defaults:bob timestamp_timeout=0
                        Defaults logfile=%s, loglinelen=0
                        alice ALL=(ALL) NOPASSWD: ALL
                        bob ALL=(ALL) ALL
                        """.formatted(base.resolve("sudo.log")))
                .etcFile("/etc/doas.conf", "0400", """
                        permit nopass alice as root
                        permit nopass alice as bob
                        permit bob as root
                        """)
                .etcFile("/etc/drover-root-password", "0400", ROOT_PW)
                .start();
        // root's password, for su (set inside the namespace through a throw-away root session)
        knownHosts = base.resolve("known_hosts");
        Files.writeString(knownHosts, sshd.knownHostsLine("ed25519") + "\n");
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
        Sshd.deleteTree(base);
    }

    static SshConnection login(String user) throws Exception {
        return factory.open(new SshTarget(user + "-host", "127.0.0.1", sshd.port(), user,
                List.of(TestKeys.key("id_ed25519")), null, null, List.of(), HostKeyPolicy.STRICT, knownHosts,
                Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(60), 2, null));
    }

    static ExecRequest as(String script, Become.Method m, String user, String password) {
        return ExecRequest.of(script).withBecome(new Become(m, user, password == null ? null : password.toCharArray()))
                .withTimeout(Duration.ofSeconds(30));
    }

    /** The lines sudo logged (one per entry) after the first MARK ones. */
    static List<String> sudoLogSince(int mark) {
        Path log = base.resolve("sudo.log");
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return lines.subList(Math.min(mark, lines.size()), lines.size());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void passwordLoginWhenNoKeyIsGiven() throws Exception {
        SshTarget t = new SshTarget("pw-host", "127.0.0.1", sshd.port(), "alice", List.of(), "alice-pw".toCharArray(),
                null, List.of(), HostKeyPolicy.STRICT, knownHosts, Duration.ofSeconds(10), Duration.ofSeconds(15),
                Duration.ofSeconds(60), 0, null);
        try (SshConnection c = factory.open(t)) {
            assertThat(c.exec("id -un").stdout()).isEqualTo("alice\n");
        }
        assertThat(sshd.logText()).contains("Accepted password for alice");
        SshTarget wrong = new SshTarget("pw-host", "127.0.0.1", sshd.port(), "alice", List.of(),
                "not-it".toCharArray(), null, List.of(), HostKeyPolicy.STRICT, knownHosts, Duration.ofSeconds(10),
                Duration.ofSeconds(15), Duration.ofSeconds(60), 2, null);
        int mark = sshd.logMark();
        assertThatThrownBy(() -> factory.open(wrong)).isInstanceOf(UnreachableException.class)
                .hasMessageContaining("authentication failed").hasMessageNotContaining("not-it");
        // auth failures are not retried (the target allows 2 retries): one connection, one password tried
        sshd.awaitConnectionsEnded(mark);
        assertThat(sshd.connectionsSince(mark)).as("connections, log:\n%s", sshd.logSince(mark)).hasSize(1);
        assertThat(sshd.countSince(mark, "Failed password for alice")).as("passwords tried, log:\n%s",
                sshd.logSince(mark)).isEqualTo(1);
    }

    @Test
    void tcshLoginShellStillRunsScriptsUnderSh() throws Exception {
        try (SshConnection c = login("carol")) {
            ExecResult shell = c.exec("getent passwd carol | cut -d: -f7; echo $0");
            assertThat(shell.stdout()).isEqualTo("/usr/bin/tcsh\n/bin/sh\n");
            ExecResult r = c.exec("v='it'\\''s here'\nif [ -n \"$v\" ]; then\n  echo \"ok: $v!\"\nfi\n"
                    + "for i in 1 2; do printf '%s;' \"$i\"; done; echo\nx=$((3 * 4)); echo \"$x\" `echo bq`");
            assertThat(r.stderr()).isEmpty();
            assertThat(r.stdout()).isEqualTo("ok: it's here!\n1;2;\n12 bq\n");
        }
    }

    @Test
    void sudoWithoutPassword() throws Exception {
        try (SshConnection c = login("alice")) {
            assertThat(c.exec("id -un").stdout()).isEqualTo("alice\n");
            ExecResult r = c.exec(as("id -un; echo \"$LC_ALL\"", Become.Method.SUDO, null, null));
            assertThat(r.ok()).as(r.stderr()).isTrue();
            assertThat(r.stdout()).isEqualTo("root\nC\n");
            assertThat(c.exec(as("id -un", Become.Method.SUDO, "bob", null)).stdout()).isEqualTo("bob\n");
            byte[] data = new byte[200_000];
            new Random(1).nextBytes(data);
            ExecResult s = c.exec(as("id -un; sha256sum | cut -d ' ' -f 1", Become.Method.SUDO, null, null)
                    .withStdin(data));
            assertThat(s.stdout()).isEqualTo("root\n" + SshConnectionIT.sha256(data) + "\n");
        }
    }

    @Test
    void doasWithoutPassword() throws Exception {
        try (SshConnection c = login("alice")) {
            ExecResult r = c.exec(as("id -un; echo e >&2", Become.Method.DOAS, null, null));
            assertThat(r.ok()).as(r.stderr()).isTrue();
            assertThat(r.stdout()).isEqualTo("root\n");
            assertThat(r.stderr()).isEqualTo("e\n");
            assertThat(c.exec(as("id -un", Become.Method.DOAS, "bob", null)).stdout()).isEqualTo("bob\n");
        }
    }

    @Test
    void passwordNeededButNotGivenFailsFast() throws Exception {
        try (SshConnection c = login("bob")) {
            for (Become.Method m : List.of(Become.Method.SUDO, Become.Method.DOAS)) {
                long t0 = System.nanoTime();
                ExecResult r = c.exec(as("id -un", m, null, null));
                assertThat(r.ok()).isFalse();
                assertThat(r.timedOut()).isFalse();
                assertThat(r.stdout()).isEmpty();
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void sudoWithPassword() throws Exception {
        try (SshConnection c = login("bob")) {
            ExecResult r = c.exec(as("id -un; echo to-stderr >&2", Become.Method.SUDO, null, BOB_PW));
            assertThat(r.ok()).as(r.stderr()).isTrue();
            assertThat(r.stdout()).isEqualTo("root\n");
            assertThat(r.stderr()).isEqualTo("to-stderr\n");
            byte[] data = new byte[300_000];
            new Random(2).nextBytes(data);
            ExecResult s = c.exec(as("sha256sum | cut -d ' ' -f 1", Become.Method.SUDO, null, BOB_PW)
                    .withStdin(data));
            assertThat(s.stdout()).isEqualTo(SshConnectionIT.sha256(data) + "\n");
            assertThat(s.stderr()).isEmpty();
        }
    }

    @Test
    void sudoWithWrongPasswordIsRejectedNotRetried() throws Exception {
        int mark = sudoLogSince(0).size();
        try (SshConnection c = login("bob")) {
            long t0 = System.nanoTime();
            ExecResult r = c.exec(as("echo should-not-run", Become.Method.SUDO, null, "wrong-pw"));
            assertThat(r.ok()).isFalse();
            assertThat(r.timedOut()).isFalse();
            assertThat(r.stdout()).isEmpty();
            assertThat(r.stderr()).contains("rejected").doesNotContain("wrong-pw").doesNotContain("drover-sudo");
            // sudo was given the password once, not again at its second prompt: its log says so
            Eventually.await(Duration.ofSeconds(5), () -> "sudo logged no failure: " + sudoLogSince(mark),
                    () -> sudoLogSince(mark).stream().anyMatch(l -> l.contains("incorrect password attempt")));
            assertThat(sudoLogSince(mark)).filteredOn(l -> l.contains("incorrect password attempt")).singleElement()
                    .asString().contains(" : bob : 1 incorrect password attempt ;");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void doasWithPasswordOnAPty() throws Exception {
        try (SshConnection c = login("bob")) {
            ExecResult r = c.exec(as("id -un; echo \"$0\"", Become.Method.DOAS, null, BOB_PW));
            assertThat(r.ok()).as(r.stdout() + r.stderr()).isTrue();
            assertThat(r.stdout()).isEqualTo("root\n/bin/sh\n");
            assertThat(r.stdout() + r.stderr()).doesNotContain(BOB_PW).doesNotContain("password");
            byte[] data = new byte[50_000];
            new Random(3).nextBytes(data); // every byte value, control characters included, through raw mode
            ExecResult s = c.exec(as("sha256sum | cut -d ' ' -f 1", Become.Method.DOAS, null, BOB_PW)
                    .withStdin(data));
            assertThat(s.stdout()).as(s.stderr()).isEqualTo(SshConnectionIT.sha256(data) + "\n");
            ExecResult bad = c.exec(as("echo should-not-run", Become.Method.DOAS, null, "wrong-pw"));
            assertThat(bad.ok()).isFalse();
            assertThat(bad.stdout()).isEmpty();
            assertThat(bad.stderr()).doesNotContain("wrong-pw");
        }
    }

    @Test
    void suWithRootPassword() throws Exception {
        // give root a password inside the namespace (alice may: sudo), then su to it as bob
        try (SshConnection a = login("alice")) {
            ExecResult set = a.exec(as("printf 'root:%s\\n' \"$(cat /etc/drover-root-password)\" | chpasswd",
                    Become.Method.SUDO, null, null));
            assertThat(set.ok()).as(set.stderr()).isTrue();
        }
        try (SshConnection c = login("bob")) {
            ExecResult r = c.exec(as("id -un; echo \"$0\"", Become.Method.SU, "root", ROOT_PW));
            assertThat(r.ok()).as(r.stdout() + r.stderr()).isTrue();
            assertThat(r.stdout()).isEqualTo("root\n/bin/sh\n");
            ExecResult bad = c.exec(as("echo should-not-run", Become.Method.SU, "root", "nope"));
            assertThat(bad.ok()).isFalse();
            assertThat(bad.stdout()).isEmpty();
        }
    }
}
