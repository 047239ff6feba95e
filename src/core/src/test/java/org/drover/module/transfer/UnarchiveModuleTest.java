package org.drover.module.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.drover.module.Outcome;
import org.drover.module.Outcome.Status;
import org.drover.module.Plan;
import org.drover.transport.ExecResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** unarchive against the local /bin/sh and tar: both sources, rerun, drift, and the planner's refusals. */
class UnarchiveModuleTest {
    @TempDir
    Path dir;
    Path dest;

    @BeforeEach
    void archive() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree/app/etc"));
        Files.writeString(tree.resolve("app.conf"), "port=80\n");
        Files.writeString(dir.resolve("tree/app/README"), "hello\n");
        Files.createDirectories(dir.resolve("controller"));
        Process p = new ProcessBuilder("tar", "-czf", dir.resolve("controller/app.tar.gz").toString(), "-C",
                dir.resolve("tree").toString(), "app").inheritIO().start();
        assertThat(p.waitFor()).isZero();
        dest = Files.createDirectories(dir.resolve("dest"));
    }

    private Outcome run(boolean check, Map<String, Object> args) throws Exception {
        return new ShContext(dir, check, true).run(new UnarchiveModule(), args);
    }

    @Test
    void unpacks_from_the_controller_then_ok_then_finds_and_repairs_drift() throws Exception {
        Map<String, Object> a = Map.of("src", "app.tar.gz", "dest", dest.toString(), "list_files", true);
        Outcome o = run(false, a);
        assertThat(o.status()).as(o.message()).isEqualTo(Status.CHANGED);
        assertThat(Files.readString(dest.resolve("app/etc/app.conf"))).isEqualTo("port=80\n");
        assertThat(o.result().get("files")).asList().containsExactly("app", "app/README", "app/etc",
                "app/etc/app.conf");

        ShContext again = new ShContext(dir, false, false);
        assertThat(again.run(new UnarchiveModule(), a).status()).isEqualTo(Status.OK);
        assertThat(again.scripts).hasSize(1);

        Files.writeString(dest.resolve("app/etc/app.conf"), "port=8080\n");
        Outcome check = run(true, a);
        assertThat(check.status()).isEqualTo(Status.CHANGED);
        assertThat(check.result().get("differs")).asList().containsExactly("app/etc/app.conf");
        assertThat(check.changes().get(0).diff().after()).isEqualTo("app/etc/app.conf\n");
        assertThat(Files.readString(dest.resolve("app/etc/app.conf"))).isEqualTo("port=8080\n");
        assertThat(run(false, a).status()).isEqualTo(Status.CHANGED);
        assertThat(Files.readString(dest.resolve("app/etc/app.conf"))).isEqualTo("port=80\n");
    }

    @Test
    void remote_src_and_creates() throws Exception {
        String archive = dir.resolve("controller/app.tar.gz").toString();
        Map<String, Object> a = Map.of("src", archive, "dest", dest.toString(), "remote_src", true);
        assertThat(run(false, a).status()).isEqualTo(Status.CHANGED);
        assertThat(run(false, a).status()).isEqualTo(Status.OK);
        Files.delete(dest.resolve("app/README"));
        assertThat(run(false, Map.of("src", archive, "dest", dest.toString(), "remote_src", true, "creates",
                dest.resolve("app/etc").toString())).status()).isEqualTo(Status.OK);
        assertThat(dest.resolve("app/README")).doesNotExist();
    }

    @Test
    void refusals_missing_dest_missing_source_not_an_archive() throws Exception {
        Outcome noDest = run(false, Map.of("src", "app.tar.gz", "dest", dir.resolve("nope").toString()));
        assertThat(noDest.message()).isEqualTo("Destination '" + dir.resolve("nope") + "' is not a directory");
        Outcome noSrc = run(false, Map.of("src", "/nonexistent.tgz", "dest", dest.toString(), "remote_src", true));
        assertThat(noSrc.message()).isEqualTo("Source '/nonexistent.tgz' does not exist");
        Files.writeString(dir.resolve("controller/junk.tar"), "not an archive at all\n");
        Outcome junk = run(false, Map.of("src", "junk.tar", "dest", dest.toString()));
        assertThat(junk.status()).isEqualTo(Status.FAILED);
        assertThat(junk.message()).startsWith("cannot unpack junk.tar: ");
        try (var s = Files.list(dest)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void the_plan_unpacks_when_a_member_differs() {
        UnarchiveModule.Current c = TarScripts.parse(ExecResult.of(0, "state=read\nsame=app\ndiffers=app/x\n", ""));
        Plan p = new UnarchiveModule().plan(c, new UnarchiveModule.Desired("a.tgz", "/opt", null, false, null));
        assertThat(p.changes()).hasSize(1);
        assertThat(p.changes().get(0).commands()).containsExactly("tar -xf a.tgz -C /opt");
        assertThat(p.changes().get(0).description()).isEqualTo("unpack a.tgz into /opt (1 of 2 members missing or "
                + "different)");
    }
}
