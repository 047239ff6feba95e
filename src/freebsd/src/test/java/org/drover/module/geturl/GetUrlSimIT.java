package org.drover.module.geturl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.drover.module.Outcome;
import org.drover.module.Outcome.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** get_url's real scripts against the simulated fetch(1) and sha256: converge, rerun, drift, failures. */
class GetUrlSimIT {
    static final String SUM = "sha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"; // "hello\n"

    @TempDir
    Path dir;

    @Test
    void downloads_once_by_checksum_then_repairs_drift() throws Exception {
        SimShell h = new SimShell(dir);
        h.publish("files.example.org", "pub/hello.txt", "hello\n");
        Path dest = Files.createDirectories(dir.resolve("dl"));
        Map<String, Object> task = Map.of("url", "http://files.example.org/pub/hello.txt", "dest", dest.toString(),
                "checksum", SUM, "mode", "0640");
        h.check = true;
        assertThat(h.run(new GetUrlModule(), task).status()).isEqualTo(Status.CHANGED);
        assertThat(dest.resolve("hello.txt")).doesNotExist();
        h.check = false;
        Outcome o = h.run(new GetUrlModule(), task);
        assertThat(o.status()).as(o.message()).isEqualTo(Status.CHANGED);
        assertThat(h.scripts).hasSize(2);
        assertThat(Files.readString(dest.resolve("hello.txt"))).isEqualTo("hello\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest.resolve("hello.txt"))))
                .isEqualTo("rw-r-----");
        assertThat(o.result()).containsEntry("dest", dest.resolve("hello.txt").toString());

        assertThat(h.run(new GetUrlModule(), task).status()).isEqualTo(Status.OK);
        assertThat(h.scripts).hasSize(1);

        Files.writeString(dest.resolve("hello.txt"), "tampered\n");
        h.check = true;
        Outcome check = h.run(new GetUrlModule(), task);
        assertThat(check.status()).isEqualTo(Status.CHANGED);
        assertThat(check.changes().get(0).description()).startsWith("replace (checksum differs)");
        h.check = false;
        assertThat(h.run(new GetUrlModule(), task).status()).isEqualTo(Status.CHANGED);
        assertThat(Files.readString(dest.resolve("hello.txt"))).isEqualTo("hello\n");
        try (var s = Files.list(dest)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("hello.txt");
        }
    }

    @Test
    void force_without_checksum_is_unchanged_when_the_bytes_are_the_same() throws Exception {
        SimShell h = new SimShell(dir);
        h.publish("files.example.org", "a.txt", "v1\n");
        Path dest = dir.resolve("a.txt");
        Map<String, Object> task = Map.of("url", "http://files.example.org/a.txt", "dest", dest.toString());
        assertThat(h.run(new GetUrlModule(), task).status()).isEqualTo(Status.CHANGED);
        h.publish("files.example.org", "a.txt", "v2\n");
        assertThat(h.run(new GetUrlModule(), task).status()).isEqualTo(Status.OK); // exists, no force
        assertThat(Files.readString(dest)).isEqualTo("v1\n");
        Map<String, Object> forced = Map.of("url", "http://files.example.org/a.txt", "dest", dest.toString(),
                "force", true);
        assertThat(h.run(new GetUrlModule(), forced).status()).isEqualTo(Status.CHANGED);
        assertThat(Files.readString(dest)).isEqualTo("v2\n");
        assertThat(h.run(new GetUrlModule(), forced).status()).isEqualTo(Status.OK);
    }

    @Test
    void failures_keep_dest_and_say_what_fetch_said() throws Exception {
        SimShell h = new SimShell(dir);
        h.publish("files.example.org", "a.txt", "other\n");
        Path dest = Files.writeString(dir.resolve("a.txt"), "precious\n");
        Outcome bad = h.run(new GetUrlModule(), Map.of("url", "http://files.example.org/a.txt", "dest",
                dest.toString(), "checksum", SUM));
        assertThat(bad.status()).isEqualTo(Status.FAILED);
        assertThat(bad.message()).startsWith("The checksum for " + dest + " did not match");
        assertThat(Files.readString(dest)).isEqualTo("precious\n");

        Outcome missing = h.run(new GetUrlModule(), Map.of("url", "http://files.example.org/nope.tgz", "dest",
                dir.resolve("n.tgz").toString()));
        assertThat(missing.message()).isEqualTo("Request failed: Not Found");
        Outcome unknown = h.run(new GetUrlModule(), Map.of("url", "http://nosuch.example.org/x", "dest",
                dir.resolve("x").toString()));
        assertThat(unknown.message()).isEqualTo("Request failed: No address record");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).doesNotContain("n.tgz", "x")
                    .noneMatch(n -> n.startsWith(".drover"));
        }
    }
}
