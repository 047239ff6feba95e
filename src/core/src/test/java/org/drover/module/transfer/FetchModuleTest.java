package org.drover.module.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.drover.module.Outcome;
import org.drover.module.Outcome.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fetch against the local /bin/sh: layout, idempotency in round trips, drift, missing and odd sources. */
class FetchModuleTest {
    @TempDir
    Path dir;

    private ShContext ctx(boolean check) {
        return new ShContext(dir, check, true);
    }

    private Map<String, Object> fetch(Path src) {
        return Map.of("src", src.toString(), "dest", "backups");
    }

    private Path copyOf(Path src) {
        return dir.resolve("controller/backups/web1").resolve(src.toString().substring(1));
    }

    @Test
    void fetches_once_then_ok_in_one_round_trip_and_repairs_drift() throws Exception {
        Path src = Files.writeString(dir.resolve("rc.conf"), "hostname=\"web1\"\n");
        ShContext first = ctx(false);
        Outcome o = first.run(new FetchModule(), fetch(src));
        assertThat(o.status()).as(o.message()).isEqualTo(Status.CHANGED);
        assertThat(first.scripts).hasSize(1); // a small file comes with the checksum
        assertThat(Files.readString(copyOf(src))).isEqualTo("hostname=\"web1\"\n");
        assertThat(o.result()).containsEntry("checksum", o.result().get("remote_checksum"));

        ShContext again = ctx(false);
        assertThat(again.run(new FetchModule(), fetch(src)).status()).isEqualTo(Status.OK);
        assertThat(again.scripts).hasSize(1);

        Files.writeString(copyOf(src), "edited by hand\n");
        ShContext check = ctx(true);
        Outcome c = check.run(new FetchModule(), fetch(src));
        assertThat(c.status()).isEqualTo(Status.CHANGED);
        assertThat(c.changes().get(0).diff().before()).isEqualTo("edited by hand\n");
        assertThat(c.changes().get(0).diff().after()).isEqualTo("hostname=\"web1\"\n");
        assertThat(Files.readString(copyOf(src))).isEqualTo("edited by hand\n");

        assertThat(ctx(false).run(new FetchModule(), fetch(src)).status()).isEqualTo(Status.CHANGED);
        assertThat(Files.readString(copyOf(src))).isEqualTo("hostname=\"web1\"\n");
        try (var s = Files.list(copyOf(src).getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("rc.conf"); // no temp file left
        }
    }

    @Test
    void a_large_binary_file_costs_a_second_round_trip_only_when_it_differs() throws Exception {
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Path src = Files.write(dir.resolve("blob.bin"), big);
        ShContext first = ctx(false);
        Outcome o = first.run(new FetchModule(), Map.of("src", src.toString(), "dest", "one.bin", "flat", true));
        assertThat(o.status()).as(o.message()).isEqualTo(Status.CHANGED);
        assertThat(first.scripts).hasSize(2);
        assertThat(Arrays.equals(Files.readAllBytes(dir.resolve("controller/one.bin")), big)).isTrue();
        assertThat(o.changes().get(0).diff()).isNull();

        ShContext again = ctx(false);
        assertThat(again.run(new FetchModule(), Map.of("src", src.toString(), "dest", "one.bin", "flat", true))
                .status()).isEqualTo(Status.OK);
        assertThat(again.scripts).hasSize(1);
    }

    @Test
    void missing_source_fails_or_is_ignored_as_ansible_says() throws Exception {
        Map<String, Object> missing = Map.of("src", dir.resolve("nope").toString(), "dest", "b");
        Outcome o = ctx(false).run(new FetchModule(), missing);
        assertThat(o.status()).isEqualTo(Status.FAILED);
        assertThat(o.message()).isEqualTo("the remote file does not exist");
        Outcome ignored = ctx(false).run(new FetchModule(), Map.of("src", dir.resolve("nope").toString(), "dest", "b",
                "fail_on_missing", false));
        assertThat(ignored.status()).isEqualTo(Status.OK);
        assertThat(ignored.message()).isEqualTo("the remote file does not exist, not transferring, ignored");
        assertThat(dir.resolve("controller/b")).doesNotExist();

        Outcome d = ctx(false).run(new FetchModule(), Map.of("src", dir.toString(), "dest", "b"));
        assertThat(d.status()).isEqualTo(Status.FAILED);
        assertThat(d.message()).isEqualTo("remote file is a directory, fetch cannot work on directories");
    }

    @Test
    void a_controller_directory_in_the_way_fails_and_escapes_are_refused_before_any_round_trip() throws Exception {
        Path src = Files.writeString(dir.resolve("x"), "x\n");
        Files.createDirectories(copyOf(src));
        Outcome o = ctx(false).run(new FetchModule(), fetch(src));
        assertThat(o.status()).isEqualTo(Status.FAILED);
        assertThat(o.message()).endsWith("is a directory");

        ShContext esc = ctx(false);
        Outcome e = esc.run(new FetchModule(), Map.of("src", "../../../etc/passwd", "dest", "b"));
        assertThat(e.status()).isEqualTo(Status.FAILED);
        assertThat(e.message()).contains("outside");
        assertThat(esc.scripts).isEmpty();
    }
}
