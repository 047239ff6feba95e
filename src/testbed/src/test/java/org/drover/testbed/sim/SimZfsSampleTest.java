package org.drover.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.testbed.sim.SimRunner.assertSame;
import static org.drover.testbed.sim.SimRunner.sample;
import static org.drover.testbed.sim.SimRunner.sampleLines;

import java.nio.file.Path;
import java.util.List;
import org.drover.testbed.sim.SimRunner.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated zfs reproduces every zfs sample byte for byte after seeding the state the sample shows. */
class SimZfsSampleTest {
    @TempDir
    Path dir;
    SimRunner host;

    @BeforeEach
    void setUp() {
        host = new SimRunner(dir);
    }

    /** The layout of the reconstructed samples; their sizes are illustrative and do not add up, so some are pinned. */
    private void seedContainers() {
        host.writeState("seed-zfs.json", """
                {"replace_defaults": true, "pools": {"zroot": {}},
                 "datasets": [
                  {"name": "zroot/jails", "props": {"mountpoint": "/jails"}, "show_used": 392429568},
                  {"name": "zroot/jails/templates", "show_used": 392232960},
                  {"name": "zroot/jails/templates/base", "used": 392134656},
                  {"name": "zroot/jails/templates/base@15.0-RELEASE"},
                  {"name": "zroot/jails/containers", "show_used": 98304},
                  {"name": "zroot/jails/containers/database", "origin": "zroot/jails/templates/base@15.0-RELEASE"},
                  {"name": "zroot/jails/containers/web.example.org",
                   "origin": "zroot/jails/templates/base@15.0-RELEASE", "show_used": 1187840},
                  {"name": "zroot/jails/containers/web.example.org@pre-upgrade 2026-01-05", "used": 65536},
                  {"name": "zroot/jails/data", "props": {"mountpoint": "none"}, "show_used": 98304},
                  {"name": "zroot/jails/data/pg 17", "props": {"mountpoint": "legacy"}, "used": 4096000}
                 ]}
                """);
    }

    /** The 15.0 seed's host: consistent sizes, a pool sized so that 33.9G stay available. */
    private void seed15() {
        host.version("15.0-RELEASE");
        host.writeState("seed-zfs.json", """
                {"replace_defaults": true, "pools": {"zroot": {"size": 38000000000}},
                 "datasets": [
                  {"name": "zroot/jails", "props": {"mountpoint": "/jails"}, "used": 106496},
                  {"name": "zroot/jails/templates"},
                  {"name": "zroot/jails/templates/base", "used": 392134656},
                  {"name": "zroot/jails/templates/base@15.0-RELEASE"},
                  {"name": "zroot/jails/containers"},
                  {"name": "zroot/jails/containers/database", "origin": "zroot/jails/templates/base@15.0-RELEASE"},
                  {"name": "zroot/jails/containers/webserver", "origin": "zroot/jails/templates/base@15.0-RELEASE"},
                  {"name": "zroot/jails/containers/webserver@snap1", "refer": 488636416}
                 ]}
                """);
    }

    @Test
    void listScriptedNameOriginMountpointUsed() {
        seedContainers();
        assertSame(host.run("zfs", "list", "-H", "-p", "-o", "name,origin,mountpoint,used", "-t",
                        "filesystem,snapshot", "-r", "zroot/jails"),
                sample("zfs-list-H-p-name-origin-mountpoint-used-reconstructed.txt"), "", 0);
    }

    @Test
    void getScriptedWithSources() {
        seedContainers();
        assertSame(host.run("zfs", "get", "-H", "-p", "-o", "name,property,value,source",
                        "origin,mountpoint,used,canmount,com.example:role", "zroot/jails/containers/database"),
                sample("zfs-get-H-p-sources-reconstructed.txt"), "", 0);
    }

    @Test
    void listMissingDataset() {
        assertSame(host.run("zfs", "list", "-H", "-o", "name", "tank/imp"), "",
                sample("zfs-list-H-not-exist-error-captured.txt"), 1);
    }

    @Test
    void humanListOfClones15() {
        seed15();
        assertSame(host.run("zfs", "list", "-r", "zroot/jails"), sample("zfs-list-r-clones-15.0-seed.txt"), "", 0);
    }

    @Test
    void humanListOfSnapshots15() {
        seed15();
        assertSame(host.run("zfs", "list", "-t", "snapshot", "-r", "zroot/jails/containers"),
                sample("zfs-list-t-snapshot-15.0-seed.txt"), "", 0);
    }

    @Test
    void cloneErrors() {
        host.writeState("seed-zfs.json", """
                {"datasets": [{"name": "zroot/t/base@s"}, {"name": "zroot/j/a"}]}
                """);
        List<String> lines = sampleLines("zfs-clone-errors-reconstructed.txt");
        assertSame(host.run("zfs", "clone", "zroot/t/base@nosnap", "zroot/j/a"), "", lines.get(0), 1);
        assertSame(host.run("zfs", "clone", "zroot/t/base@s", "zroot/j/x/y"), "", lines.get(1), 1);
        assertSame(host.run("zfs", "clone", "zroot/t/base@s", "zroot/j/a"), "", lines.get(2), 1);
        assertSame(host.run("zfs", "clone", "zroot/t/base@s", "nopool/a"), "", lines.get(3), 1);
    }

    @Test
    void snapshotErrors() {
        host.writeState("seed-zfs.json", """
                {"datasets": [{"name": "zroot/t/base@s"}]}
                """);
        List<String> lines = sampleLines("zfs-snapshot-exists-error-reconstructed.txt");
        assertSame(host.run("zfs", "snapshot", "zroot/t/base@s"), "", lines.get(0), 1);
        assertSame(host.run("zfs", "snapshot", "zroot/nope@s"), "", lines.get(1), 1);
    }

    @Test
    void destroyWithChildren() {
        host.writeState("seed-zfs.json", """
                {"datasets": [{"name": "zroot/jails/templates/base@15.0-RELEASE"}]}
                """);
        assertSame(host.run("zfs", "destroy", "zroot/jails/templates/base"), "",
                sample("zfs-destroy-has-children-error-reconstructed.txt"), 1);
        assertThat(host.run("zfs", "list", "-H", "-o", "name", "zroot/jails/templates/base").ok().stdout())
                .isEqualTo("zroot/jails/templates/base\n");
    }
}
