package org.drover.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.testbed.sim.SimRunner.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.drover.testbed.sim.SimRunner.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State changes of the simulated zfs: clones and their origins, destroy refusals, property sources, versions. */
class SimZfsBehaviourTest {
    static final String TPL = "zroot/jails/templates/14.3-RELEASE";

    @TempDir
    Path dir;
    SimRunner host;

    @BeforeEach
    void setUp() {
        host = new SimRunner(dir);
    }

    private String zfs(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "zfs";
        System.arraycopy(args, 0, argv, 1, args.length);
        return host.run(argv).ok().stdout();
    }

    @Test
    void defaultPoolLayout() {
        assertThat(zfs("list", "-H", "-o", "name,mountpoint")).isEqualTo("""
                zroot\t/zroot
                zroot/ROOT\tnone
                zroot/ROOT/default\t/
                zroot/jails\t/jails
                zroot/jails/templates\t/jails/templates
                zroot/jails/templates/14.3-RELEASE\t/jails/templates/14.3-RELEASE
                """);
        assertThat(host.run("zpool", "list", "-H", "-o", "name,health").ok().stdout()).isEqualTo("zroot\tONLINE\n");
        assertSame(host.run("zfs", "list", "-H", "-t", "snapshot"), "", "", 0);
        assertSame(host.run("zfs", "list", "-t", "snapshot"), "", "no datasets available\n", 0);
    }

    @Test
    void cloneRecordsOriginMountsAndCopiesTheTemplate() {
        host.writeHost("/jails/templates/14.3-RELEASE/etc/motd", "hello\n");
        zfs("snapshot", TPL + "@base");
        assertSame(host.run("zfs", "clone", TPL + "@base", "zroot/jails/web"), "", "", 0);
        assertThat(zfs("get", "-H", "-o", "value,source", "origin,mountpoint,used", "zroot/jails/web")).isEqualTo(
                TPL + "@base\t-\n/jails/web\tinherited from zroot/jails\n0B\t-\n");
        assertThat(host.readHost("/jails/web/etc/motd")).isEqualTo("hello\n");
        assertThat(zfs("list", "-H", "-p", "-o", "referenced", "zroot/jails/web"))
                .isEqualTo(zfs("list", "-H", "-p", "-o", "referenced", TPL));
        assertThat(zfs("get", "-H", "-o", "value", "clones", TPL + "@base")).isEqualTo("zroot/jails/web\n");
        // -p and an existing target: success without checking what it was cloned from (zfs_do_clone)
        zfs("snapshot", "zroot/jails@other");
        assertSame(host.run("zfs", "clone", "-p", "zroot/jails@other", "zroot/jails/web"), "", "", 0);
        assertThat(zfs("get", "-H", "-o", "value", "origin", "zroot/jails/web")).isEqualTo(TPL + "@base\n");
        // -p creates missing parents; a clone with -o gets a local property
        zfs("clone", "-p", "-o", "mountpoint=/srv/db", TPL + "@base", "zroot/jails/c/db");
        assertThat(zfs("get", "-H", "-o", "value,source", "mountpoint", "zroot/jails/c/db"))
                .isEqualTo("/srv/db\tlocal\n");
        assertThat(Files.isDirectory(host.hostPath("/srv/db"))).isTrue();
    }

    @Test
    void destroyRefusesWhatFreeBsdRefuses() {
        zfs("snapshot", TPL + "@base");
        zfs("clone", TPL + "@base", "zroot/jails/web");
        assertSame(host.run("zfs", "destroy", TPL), "", "cannot destroy '" + TPL + "': filesystem has children\n"
                + "use '-r' to destroy the following datasets:\n" + TPL + "@base\n", 1);
        assertSame(host.run("zfs", "destroy", "-r", TPL), "", "cannot destroy '" + TPL
                + "': filesystem has dependent clones\nuse '-R' to destroy the following datasets:\nzroot/jails/web\n",
                1);
        assertSame(host.run("zfs", "destroy", TPL + "@base"), "", "cannot destroy '" + TPL
                + "@base': snapshot has dependent clones\nuse '-R' to destroy the following datasets:\n"
                + "zroot/jails/web\n", 1);
        assertSame(host.run("zfs", "destroy", TPL + "@nope"), "",
                "could not find any snapshots to destroy; check snapshot names.\n", 1);
        assertSame(host.run("zfs", "destroy", "zroot"), "", """
                cannot destroy 'zroot': operation does not apply to pools
                use 'zfs destroy -r zroot' to destroy all datasets in the pool
                use 'zpool destroy zroot' to destroy the pool itself
                """, 1);
        assertSame(host.run("zfs", "destroy", "zroot/jails/nope"), "",
                "cannot open 'zroot/jails/nope': dataset does not exist\n", 1);
        assertThat(Files.isDirectory(host.hostPath("/jails/web"))).isTrue();
        // the clone itself goes; then the snapshot; nothing is removed by the refused attempts
        zfs("destroy", "zroot/jails/web");
        assertThat(Files.exists(host.hostPath("/jails/web"))).isFalse();
        zfs("destroy", TPL + "@base");
        assertThat(zfs("list", "-H", "-o", "name", "-t", "all", "-r", "zroot/jails")).isEqualTo(
                "zroot/jails\nzroot/jails/templates\n" + TPL + "\n");
        // -R with -n -v: a dry run that names everything and removes nothing
        zfs("snapshot", TPL + "@base");
        zfs("clone", TPL + "@base", "zroot/jails/a");
        assertThat(zfs("destroy", "-n", "-v", "-R", "zroot/jails/templates")).isEqualTo("""
                would destroy zroot/jails/a
                would destroy zroot/jails/templates/14.3-RELEASE@base
                would destroy zroot/jails/templates/14.3-RELEASE
                would destroy zroot/jails/templates
                """);
        assertThat(zfs("list", "-H", "-o", "name", "zroot/jails/a")).isEqualTo("zroot/jails/a\n");
    }

    @Test
    void destroyingTheRootOfARunningJailIsBusy() {
        zfs("snapshot", TPL + "@base");
        zfs("clone", TPL + "@base", "zroot/jails/web");
        host.writeState("jails.json", """
                {"last_jid": 1, "jails": [{"jid": 1, "name": "web", "params": {"path": "/jails/web"},
                                            "internal": {}, "conf": null}]}
                """);
        assertSame(host.run("zfs", "destroy", "zroot/jails/web"), "",
                "cannot unmount '/jails/web': pool or dataset is busy\n", 1);
        assertThat(zfs("list", "-H", "-o", "name", "zroot/jails/web")).isEqualTo("zroot/jails/web\n");
        assertSame(host.run("zfs", "destroy", "-f", "zroot/jails/web"), "", "", 0);
    }

    @Test
    void propertySourcesInheritanceAndValidation() {
        zfs("set", "com.example:role=db", "quota=10G", "compression=zstd", "zroot/jails");
        assertThat(zfs("get", "-H", "-p", "-o", "name,property,value,source", "quota,compression,com.example:role",
                "zroot/jails", "zroot/jails/templates")).isEqualTo("""
                zroot/jails\tquota\t10737418240\tlocal
                zroot/jails\tcompression\tzstd\tlocal
                zroot/jails\tcom.example:role\tdb\tlocal
                zroot/jails/templates\tquota\t0\tdefault
                zroot/jails/templates\tcompression\tzstd\tinherited from zroot/jails
                zroot/jails/templates\tcom.example:role\tdb\tinherited from zroot/jails
                """);
        assertThat(zfs("get", "-H", "-o", "value", "quota", "zroot/jails")).isEqualTo("10G\n");
        zfs("inherit", "compression", "zroot/jails");
        assertThat(zfs("get", "-H", "-o", "value,source", "compression", "zroot/jails/templates"))
                .isEqualTo("lz4\tinherited from zroot\n");
        zfs("set", "mountpoint=/srv/tpl", "zroot/jails/templates");
        assertThat(zfs("get", "-H", "-o", "value,source", "mountpoint", TPL))
                .isEqualTo("/srv/tpl/14.3-RELEASE\tinherited from zroot/jails/templates\n");
        assertSame(host.run("zfs", "set", "compression=fast", "zroot/jails"), "",
                "cannot set property for 'zroot/jails': 'compression' must be one of 'on | off | lzjb | gzip | "
                        + "gzip-[1-9] | zle | lz4 | zstd | zstd-[1-19] | zstd-fast | "
                        + "zstd-fast-[1-10,20,30,...,100,500,1000]'\n", 1);
        assertSame(host.run("zfs", "set", "quota=10X", "zroot/jails"), "",
                "cannot set property for 'zroot/jails': invalid numeric suffix 'X'\n", 1);
        assertSame(host.run("zfs", "set", "used=1", "zroot/jails"), "",
                "cannot set property for 'zroot/jails': 'used' is readonly\n", 1);
        assertSame(host.run("zfs", "set", "mountpoint=relative", "zroot/jails"), "",
                "cannot set property for 'zroot/jails': 'mountpoint' must be an absolute path, 'none', or 'legacy'\n",
                1);
        assertSame(host.run("zfs", "inherit", "quota", "zroot/jails"), "", "'quota' property cannot be inherited\n"
                + "use 'zfs set quota=none' to clear\nuse 'zfs inherit -S quota' to revert to received value\n", 1);
        Result bad = host.run("zfs", "get", "foo", "zroot");
        assertThat(bad.stderr()).startsWith("bad property list: invalid property 'foo'\nusage:\n");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(host.run("zfs", "list", "-z").exit()).isEqualTo(2);
        assertThat(host.run("zfs", "list", "-z").stderr()).startsWith("invalid option 'z'\nusage:\n\tlist ");
    }

    @Test
    void receivedPropertiesFromTheSeed() {
        host.writeState("seed-zfs.json", """
                {"datasets": [{"name": "zroot/backup", "received": {"com.example:from": "nas", "atime": "on"},
                               "props": {"com.example:role": "backup"}}]}
                """);
        assertThat(zfs("get", "-H", "-o", "property,value,source", "atime,com.example:from,com.example:role",
                "zroot/backup")).isEqualTo("atime\ton\treceived\ncom.example:from\tnas\treceived\n"
                + "com.example:role\tbackup\tlocal\n");
    }

    @Test
    void promoteSwapsOrigin() {
        zfs("snapshot", TPL + "@base");
        zfs("clone", TPL + "@base", "zroot/jails/web");
        assertSame(host.run("zfs", "promote", TPL), "", "cannot promote '" + TPL + "': not a cloned filesystem\n", 1);
        assertSame(host.run("zfs", "promote", TPL + "@base"), "",
                "cannot promote '" + TPL + "@base': snapshots can not be promoted\n", 1);
        zfs("promote", "zroot/jails/web");
        assertThat(zfs("list", "-H", "-o", "name,origin", "-t", "all", "-r", "zroot/jails")).isEqualTo(
                "zroot/jails\t-\nzroot/jails/templates\t-\n" + TPL + "\tzroot/jails/web@base\n"
                        + "zroot/jails/web\t-\nzroot/jails/web@base\t-\n");
    }

    @Test
    void renameMovesDatasetsSnapshotsOriginsAndDirectories() {
        host.writeHost("/jails/templates/14.3-RELEASE/COPYRIGHT", "c\n");
        zfs("snapshot", TPL + "@base");
        zfs("clone", TPL + "@base", "zroot/jails/web");
        zfs("rename", "zroot/jails/templates", "zroot/jails/tpl");
        assertThat(zfs("get", "-H", "-o", "value", "origin", "zroot/jails/web"))
                .isEqualTo("zroot/jails/tpl/14.3-RELEASE@base\n");
        assertThat(host.readHost("/jails/tpl/14.3-RELEASE/COPYRIGHT")).isEqualTo("c\n");
        zfs("rename", "zroot/jails/tpl/14.3-RELEASE@base", "zroot/jails/tpl/14.3-RELEASE@v1");
        assertThat(zfs("get", "-H", "-o", "value", "origin", "zroot/jails/web"))
                .isEqualTo("zroot/jails/tpl/14.3-RELEASE@v1\n");
        assertSame(host.run("zfs", "rename", "zroot/jails/web", "zroot/jails/tpl"), "",
                "cannot rename to 'zroot/jails/tpl': dataset already exists\n", 1);
    }

    @Test
    void jsonListingOnlyOn15() {
        Result r14 = host.run("zfs", "list", "-j");
        assertThat(r14.exit()).isEqualTo(2);
        assertThat(r14.stderr()).startsWith("invalid option 'j'\n");
        host.version("15.0-RELEASE");
        String json = zfs("list", "-j", "-o", "name,mountpoint", "zroot/jails");
        assertThat(json).startsWith("{\"output_version\":{\"command\":\"zfs list\",\"vers_major\":0,\"vers_minor\":1},"
                + "\"datasets\":{\"zroot/jails\":{\"name\":\"zroot/jails\",\"type\":\"FILESYSTEM\",\"pool\":\"zroot\"");
        assertThat(json).contains(
                "\"mountpoint\":{\"value\":\"/jails\",\"source\":{\"type\":\"LOCAL\",\"data\":\"-\"}}");
    }

    @Test
    void changesNeedRootReadsDoNot() throws Exception {
        zfs("list");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path p : List.of(dir.resolve("state"), dir.resolve("root"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        try (var files = Files.list(dir.resolve("state"))) {
            for (Path f : files.toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-rw-"));
            }
        }
        Map<String, List<String>> expected = Map.of(
                "cannot create 'zroot/jails/x': permission denied\n", List.of("create", "zroot/jails/x"),
                "cannot create snapshot 'zroot/jails@s': permission denied\n", List.of("snapshot", "zroot/jails@s"),
                "cannot destroy 'zroot/jails/templates/14.3-RELEASE': permission denied\n", List.of("destroy", TPL),
                "cannot set property for 'zroot/jails': permission denied\n",
                List.of("set", "atime=on", "zroot/jails"));
        for (var e : expected.entrySet()) {
            Result r = asNobody("zfs", e.getValue());
            assertThat(r.stderr()).isEqualTo(e.getKey());
            assertThat(r.exit()).isEqualTo(1);
        }
        assertThat(asNobody("zfs", List.of("list", "-H", "-o", "name", "zroot")).ok().stdout()).isEqualTo("zroot\n");
    }

    private Result asNobody(String cmd, List<String> args) {
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                SimRunner.binDir().resolve(cmd).toString()));
        argv.addAll(args);
        return host.exec(argv, Map.of());
    }
}
