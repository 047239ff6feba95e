package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.module.Args;
import org.drover.module.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** zfs_clone's real read and apply scripts against the simulated zfs (real /bin/sh, no SSH). */
class ZfsCloneSimIT {
    private static final String TPL = "zroot/jails/templates/14.3-RELEASE";
    private static final String SNAP = TPL + "@base";
    private static final String WEB = "zroot/jails/web server";
    private final ZfsCloneModule module = new ZfsCloneModule();
    private LocalSimHost host;

    @BeforeEach
    void setUp(@TempDir Path dir) throws Exception {
        host = new LocalSimHost(dir).root(Files.createDirectories(dir.resolve("root/etc")).getParent());
    }

    private Outcome run(Object... kv) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        List<String> errors = new ArrayList<>();
        Args a = Args.bind(module.spec(), m, false, errors);
        assertThat(errors).isEmpty();
        host.scripts.clear();
        return module.run(host, a);
    }

    @Test
    void convergesThenStaysQuietThenSeesDrift() throws Exception {
        Map<String, Object> props = Map.of("quota", "10G", "com.example:role", "web");
        Outcome first = run("name", WEB, "origin", SNAP, "create_origin", true, "properties", props);
        assertThat(first.status()).as(first.message()).isEqualTo(Outcome.Status.CHANGED);
        assertThat(host.output("zfs get -H -p -o value origin,quota 'zroot/jails/web server'"))
                .isEqualTo(SNAP + "\n10737418240\n");

        Outcome second = run("name", WEB, "origin", SNAP, "create_origin", true, "properties", props);
        assertThat(second.status()).as(second.message()).isEqualTo(Outcome.Status.OK);
        assertThat(host.scripts).hasSize(1);

        host.output("zfs set quota=5G 'zroot/jails/web server'");
        Outcome drift = run("name", WEB, "origin", SNAP, "properties", props);
        assertThat(drift.status()).isEqualTo(Outcome.Status.CHANGED);
        assertThat(drift.changes()).hasSize(1);
        assertThat(drift.changes().get(0).description()).contains("quota=10G").contains("was 5368709120 (local)");
        assertThat(host.output("zfs get -H -p -o value quota 'zroot/jails/web server'")).isEqualTo("10737418240\n");
    }

    @Test
    void wrongOriginFailsAndRecreateReclones() throws Exception {
        host.output("zfs snapshot " + TPL + "@old && zfs snapshot " + SNAP + " && zfs clone -p " + TPL + "@old 'zroot/jails/web server'");
        Outcome o = run("name", WEB, "origin", SNAP);
        assertThat(o.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(o.message()).contains(TPL + "@old").contains(SNAP);

        Outcome r = run("name", WEB, "origin", SNAP, "on_origin_mismatch", "recreate");
        assertThat(r.status()).as(r.message()).isEqualTo(Outcome.Status.CHANGED);
        assertThat(host.output("zfs get -H -p -o value origin 'zroot/jails/web server'")).isEqualTo(SNAP + "\n");
    }

    @Test
    void absentRefusesSnapshotsUnlessRecursiveAndNeverTouchesTheTemplate() throws Exception {
        host.output("zfs snapshot " + SNAP + " && zfs clone -p " + SNAP + " 'zroot/jails/web server' && "
                + "zfs snapshot 'zroot/jails/web server@before upgrade'");
        Outcome refused = run("name", WEB, "state", "absent");
        assertThat(refused.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(refused.message()).contains("zroot/jails/web server@before upgrade");

        Outcome template = run("name", TPL, "state", "absent", "recursive", true);
        assertThat(template.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(template.message()).contains("not a clone");

        Outcome gone = run("name", WEB, "state", "absent", "recursive", true);
        assertThat(gone.status()).as(gone.message()).isEqualTo(Outcome.Status.CHANGED);
        assertThat(host.output("zfs list -H -o name -t all -r zroot/jails")).doesNotContain("web server").contains(SNAP);
        assertThat(run("name", WEB, "state", "absent").status()).isEqualTo(Outcome.Status.OK);
    }

    @Test
    void missingSnapshotWithoutCreateOriginChangesNothing() throws Exception {
        Outcome o = run("name", WEB, "origin", SNAP);
        assertThat(o.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(o.message()).contains("create_origin");
        assertThat(host.output("zfs list -H -o name -t all -r zroot/jails")).doesNotContain("@base").doesNotContain("web");
    }
}
