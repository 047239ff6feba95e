package org.drover.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Client key pairs made once per test JVM with ssh-keygen (OpenSSH format). */
public final class TestKeys {
    public static final String PASSPHRASE = "correct horse 'battery'";
    private static Path dir;

    private TestKeys() {}

    public static synchronized Path dir() throws IOException, InterruptedException {
        if (dir == null) {
            Path d = Files.createTempDirectory("drover-ssh-keys");
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
            Sshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "t-ed25519", "-f", d.resolve("id_ed25519").toString());
            Sshd.run("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-C", "t-ecdsa", "-f", d.resolve("id_ecdsa").toString());
            Sshd.run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-C", "t-rsa", "-f", d.resolve("id_rsa").toString());
            Sshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", PASSPHRASE, "-C", "t-enc", "-f", d.resolve("id_encrypted").toString());
            dir = d;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Sshd.deleteTree(d)));
        }
        return dir;
    }

    public static Path key(String name) throws IOException, InterruptedException {
        return dir().resolve(name);
    }

    public static String pub(String name) throws IOException, InterruptedException {
        return Files.readString(dir().resolve(name + ".pub")).strip();
    }
}
