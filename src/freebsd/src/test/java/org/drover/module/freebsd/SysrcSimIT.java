package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.module.freebsd.LocalSimHost.assertStatus;
import static org.drover.module.freebsd.LocalSimHost.m;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.drover.module.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sysrc, bridge persist and service enable against the simulated sysrc/service with the local /bin/sh. */
class SysrcSimIT {
    @TempDir
    Path dir;

    @Test
    void sysrc_states_on_a_file() throws Exception {
        LocalSimHost h = new LocalSimHost(dir);
        Path rc = dir.resolve("rc.conf");
        Files.writeString(rc, "# test\ncloned_interfaces=\"lo1\"\nfoo_enable=\"YES\"\n");
        SysrcModule sysrc = new SysrcModule();
        String f = rc.toString();

        Map<String, Object> set = m("name", "ifconfig_bridge0", "value", "addm em0 inet 10.0.0.1/24 up", "path", f);
        Outcome o = h.run(sysrc, set);
        assertStatus(o, Outcome.Status.CHANGED);
        assertThat(o.changes().get(0).diff().after()).isEqualTo("ifconfig_bridge0=\"addm em0 inet 10.0.0.1/24 up\"\n");
        assertStatus(h.run(sysrc, set), Outcome.Status.OK);
        assertThat(h.scripts).hasSize(1);

        Map<String, Object> add = m("name", "cloned_interfaces", "value", "bridge0 lo1", "state", "value_present",
                "path", f);
        assertStatus(h.run(sysrc, add), Outcome.Status.CHANGED);
        assertStatus(h.run(sysrc, add), Outcome.Status.OK);
        assertThat(Files.readString(rc)).contains("cloned_interfaces=\"lo1 bridge0\"");
        Map<String, Object> del = m("name", "cloned_interfaces", "value", "lo1", "state", "value_absent", "path", f);
        assertStatus(h.run(sysrc, del), Outcome.Status.CHANGED);
        assertStatus(h.run(sysrc, del), Outcome.Status.OK);

        Map<String, Object> absent = m("name", "foo_enable", "state", "absent", "path", f);
        assertStatus(h.run(sysrc, absent), Outcome.Status.CHANGED);
        assertThat(Files.readString(rc)).doesNotContain("foo_enable");
        assertStatus(h.run(sysrc, absent), Outcome.Status.OK);
        // A default (jail_enable="NO" from the defaults) is not in the file: absent has nothing to do.
        assertStatus(h.run(sysrc, m("name", "jail_enable", "state", "absent", "path", f)), Outcome.Status.OK);
    }

    @Test
    void bridge_persist_is_idempotent() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root/etc"));
        Files.writeString(root.resolve("rc.conf"), "hostname=\"simhost\"\n");
        LocalSimHost h = new LocalSimHost(dir).root(dir.resolve("root"));
        Map<String, Object> b = m("name", "bridge0", "members", List.of("epair0a"), "addresses",
                List.of("10.20.0.1/24", "2001:db8::1/64"), "description", "jail net", "persist", true);
        assertStatus(h.run(new EpairModule(), m("name", "epair0")), Outcome.Status.CHANGED);
        assertStatus(h.run(new BridgeModule(), b), Outcome.Status.CHANGED);
        String rc = Files.readString(root.resolve("rc.conf"));
        assertThat(rc).contains("cloned_interfaces=\"bridge0\"", "ifconfig_bridge0=\"addm epair0a inet 10.20.0.1/24 up\"",
                "ifconfig_bridge0_descr=\"jail net\"", "ifconfig_bridge0_alias0=\"inet6 2001:db8::1/64\"");
        assertStatus(h.run(new BridgeModule(), b), Outcome.Status.OK);
    }

    @Test
    void service_enable_and_status() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root/etc"));
        Files.writeString(root.resolve("rc.conf"), "");
        LocalSimHost h = new LocalSimHost(dir).root(dir.resolve("root"));
        Map<String, Object> jail = m("name", "jail", "state", "started", "enabled", true);
        Outcome o = h.run(new ServiceModule(), jail);
        assertStatus(o, Outcome.Status.CHANGED);
        assertThat(o.result().get("commands")).isEqualTo(List.of("sysrc -f /etc/rc.conf jail_enable=YES"));
        assertThat(Files.readString(root.resolve("rc.conf"))).contains("jail_enable=\"YES\"");
        assertStatus(h.run(new ServiceModule(), jail), Outcome.Status.OK);
        assertStatus(h.run(new ServiceModule(), m("name", "nosuch", "state", "started")), Outcome.Status.FAILED);
    }
}
