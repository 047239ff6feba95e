package org.drover.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scripts run here with the local /bin/sh (the transport itself is covered by SshConnectionIT). */
class RemoteFilesTest {
    static String run(String script, byte[] stdin) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", script).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    @Test
    void writesAtomicallyKeepsModeAndPrintsTheDigest(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("we'ird $name.conf");
        assertThat(RemoteFiles.parseSha256(run(RemoteFiles.sha256Script(f.toString()), new byte[0]))).isEmpty();
        byte[] data = "hello\n".getBytes(StandardCharsets.UTF_8);
        String out = run(RemoteFiles.writeScript(f.toString(), "0600", null, null), data);
        assertThat(RemoteFiles.parseSha256(out)).contains(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data)));
        assertThat(Files.readAllBytes(f)).isEqualTo(data);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-x---"));
        run(RemoteFiles.writeScript(f.toString(), null, null, null), "v2".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(f)).isEqualTo("v2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rwxr-x---");
        Path fresh = tmp.resolve("new");
        run(RemoteFiles.writeScript(fresh.toString(), null, null, null), data);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-r--r--");
        try (var s = Files.list(tmp)) {
            assertThat(s.count()).as("no temp file left").isEqualTo(2);
        }
    }

    @Test
    void refusesValuesThatCouldEscape() {
        assertThatThrownBy(() -> RemoteFiles.writeScript("relative/path", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RemoteFiles.writeScript("/etc/x", "0644; rm -rf /", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RemoteFiles.writeScript("/etc/x", null, "root$(id)", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RemoteFiles.writeScript("/etc/x", null, null, "-R"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RemoteFiles.writeScript("/etc/x", "u=rw,go=r", "0", "wheel")).contains("chmod u=rw,go=r");
        assertThatThrownBy(() -> RemoteFiles.parseSha256("sha256: /x: No such file"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
