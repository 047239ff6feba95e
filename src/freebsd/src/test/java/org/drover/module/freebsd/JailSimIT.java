package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.module.freebsd.LocalSimHost.assertStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.module.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jail (with an epair whose b end it takes) against the simulated jail/jls/ifconfig and the local /bin/sh. */
class JailSimIT {
    @TempDir
    Path dir;

    LocalSimHost host() throws Exception {
        return new LocalSimHost(dir);
    }

    Map<String, Object> web(String hostname) throws Exception {
        Path root = Files.createDirectories(dir.resolve("jails/web"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "web");
        m.put("path", root.toString());
        m.put("hostname", hostname);
        m.put("vnet", true);
        m.put("vnet_interfaces", List.of("epair0b"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("persist", true);
        params.put("allow.raw_sockets", true);
        params.put("enforce_statfs", 1);
        m.put("params", params);
        m.put("exec", Map.of("start", List.of("echo \"starting $(pwd)\"")));
        m.put("config_file", dir.resolve("conf/web.conf").toString());
        return m;
    }

    @Test
    void lifecycle_with_restart_on_drift() throws Exception {
        LocalSimHost h = host();
        JailModule jail = new JailModule();
        EpairModule epair = new EpairModule();
        Map<String, Object> cable = Map.of("name", "epair0", "description", "jail web");
        assertStatus(h.run(epair, cable), Outcome.Status.CHANGED);

        Map<String, Object> v1 = web("web.example.org");
        Outcome started = h.run(jail, v1);
        assertStatus(started, Outcome.Status.CHANGED);
        assertThat(h.sh("jls -j web host.hostname").stdout()).isEqualTo("web.example.org\n");
        assertThat(Files.readString(dir.resolve("conf/web.conf"))).startsWith("# Managed by drover")
                .contains("\texec.start = 'echo \"starting $(pwd)\"';\n");
        assertThat(dir.resolve("conf/.web.conf.drover-tmp")).doesNotExist();

        // Converged: one round trip; the epair whose b end is now inside the jail is fine too.
        assertStatus(h.run(jail, v1), Outcome.Status.OK);
        assertThat(h.scripts).hasSize(1);
        assertThat(h.sh("ifconfig epair0b").exitStatus()).isEqualTo(1);
        Outcome cableAgain = h.run(epair, cable);
        assertStatus(cableAgain, Outcome.Status.OK);

        // New hostname without restart: only the file changes, the jail keeps the old one.
        Map<String, Object> v2 = web("www.example.org");
        v2.put("restart_on_change", false);
        Outcome noRestart = h.run(jail, v2);
        assertStatus(noRestart, Outcome.Status.CHANGED);
        assertThat(noRestart.result().get("commands").toString()).doesNotContain("jail -f");
        assertThat(h.sh("jls -j web host.hostname").stdout()).isEqualTo("web.example.org\n");
        assertStatus(h.run(jail, v2), Outcome.Status.OK);

        // Same file, restart allowed: the running parameters differ, so it restarts.
        v2.put("restart_on_change", true);
        Outcome restarted = h.run(jail, v2);
        assertStatus(restarted, Outcome.Status.CHANGED);
        assertThat(restarted.result().get("changes").toString()).contains("host.hostname: web.example.org -> "
                + "www.example.org");
        assertThat(h.sh("jls -j web host.hostname").stdout()).isEqualTo("www.example.org\n");
        assertStatus(h.run(jail, v2), Outcome.Status.OK);

        // stopped: the b end comes home; absent: the file goes, the root stays.
        Map<String, Object> stopped = new LinkedHashMap<>(v2);
        stopped.put("state", "stopped");
        assertStatus(h.run(jail, stopped), Outcome.Status.CHANGED);
        assertThat(h.sh("jls -j web").exitStatus()).isEqualTo(1);
        assertThat(h.sh("ifconfig epair0b").exitStatus()).isZero();
        assertStatus(h.run(jail, stopped), Outcome.Status.OK);

        Map<String, Object> absent = Map.of("name", "web", "state", "absent", "config_file",
                dir.resolve("conf/web.conf").toString());
        assertStatus(h.run(jail, absent), Outcome.Status.CHANGED);
        assertThat(dir.resolve("conf/web.conf")).doesNotExist();
        assertThat(dir.resolve("jails/web")).isDirectory();
        assertStatus(h.run(jail, absent), Outcome.Status.OK);
    }

    @Test
    void a_start_that_fails_is_reported() throws Exception {
        LocalSimHost h = host();
        Map<String, Object> m = web("web");
        m.put("path", dir.resolve("no/such/root").toString());
        Outcome o = h.run(new JailModule(), m);
        assertStatus(o, Outcome.Status.FAILED);
        assertThat(o.message()).contains("No such file or directory");
    }

    @Test
    void boot_variables_converge() throws Exception {
        // FAKEBSD_ROOT holds the simulated /etc/rc.conf; a link inside it makes the test directory visible at the
        // same path to the simulated jail(8) as to the module's own sh commands.
        Path root = dir.resolve("root");
        Path mirror = root.resolve(dir.toString().substring(1));
        Files.createDirectories(mirror.getParent());
        Files.createSymbolicLink(mirror, dir);
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/rc.conf"), "jail_list=\"db\"\n");
        LocalSimHost h = host().root(root);
        Map<String, Object> m = web("web");
        m.put("vnet", false);
        m.remove("vnet_interfaces");
        m.put("boot", true);
        Outcome o = h.run(new JailModule(), m);
        assertStatus(o, Outcome.Status.CHANGED);
        assertThat(o.result().get("commands").toString()).contains("sysrc -f /etc/rc.conf jail_enable=YES",
                "sysrc -f /etc/rc.conf jail_list+=web", "sysrc -f /etc/rc.conf jail_web_conf=" + dir);
        assertThat(Files.readString(root.resolve("etc/rc.conf"))).contains("jail_list=\"db web\"",
                "jail_enable=\"YES\"");
        assertStatus(h.run(new JailModule(), m), Outcome.Status.OK);
        assertThat(h.scripts).hasSize(1);
    }
}
