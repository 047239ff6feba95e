package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.module.freebsd.LocalSimHost.assertStatus;
import static org.drover.module.freebsd.LocalSimHost.m;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.module.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bridge and epair, read → plan → apply → read again, against the simulated ifconfig. */
class NetModulesSimIT {
    @TempDir
    Path dir;

    @Test
    void bridge_and_epairs_converge_and_stay_converged() throws Exception {
        LocalSimHost h = new LocalSimHost(dir);
        BridgeModule bridge = new BridgeModule();
        EpairModule epair = new EpairModule();

        Map<String, Object> e0 = m("name", "epair0", "description", "jail web (a end)", "mtu", 9000);
        assertStatus(h.run(epair, e0), Outcome.Status.CHANGED);
        assertStatus(h.run(epair, e0), Outcome.Status.OK);
        assertThat(h.scripts).hasSize(1);

        Map<String, Object> b0 = m("name", "bridge0", "members", List.of("epair0a"), "addresses",
                List.of("10.20.0.1/24", "2001:db8:20::1/64"), "description", "jail network (prod, VLAN 20)");
        // Check mode plans but changes nothing.
        Outcome planned = h.check(true).run(bridge, b0);
        assertStatus(planned, Outcome.Status.CHANGED);
        assertThat(h.scripts).hasSize(1);
        h.check(false);
        assertThat(h.sh("ifconfig bridge0").exitStatus()).isEqualTo(1);

        Outcome created = h.run(bridge, b0);
        assertStatus(created, Outcome.Status.CHANGED);
        assertThat(created.result().get("commands")).isEqualTo(planned.result().get("commands"));
        Outcome again = h.run(bridge, b0);
        assertStatus(again, Outcome.Status.OK);
        assertThat(h.scripts).hasSize(1);
        String shown = h.sh("ifconfig bridge0").stdout();
        assertThat(shown).contains("member: epair0a", "description: jail network (prod, VLAN 20)", "inet 10.20.0.1");

        // A second epair attached through the epair module; the bridge task (not exclusive) keeps it.
        Map<String, Object> e1 = m("name", "epair1", "bridge", "bridge0");
        assertStatus(h.run(epair, e1), Outcome.Status.CHANGED);
        assertStatus(h.run(epair, e1), Outcome.Status.OK);
        assertStatus(h.run(bridge, b0), Outcome.Status.OK);

        // Exclusive membership removes epair0a only.
        Map<String, Object> only1 = new LinkedHashMap<>(b0);
        only1.put("members", List.of("epair1a"));
        only1.put("members_exclusive", true);
        Outcome ex = h.run(bridge, only1);
        assertStatus(ex, Outcome.Status.CHANGED);
        assertThat(ex.result().get("commands")).isEqualTo(List.of("ifconfig bridge0 deletem epair0a"));
        assertStatus(h.run(bridge, only1), Outcome.Status.OK);

        // Moving epair1a to another bridge.
        assertStatus(h.run(bridge, m("name", "bridge1")), Outcome.Status.CHANGED);
        Outcome moved = h.run(epair, m("name", "epair1", "bridge", "bridge1"));
        assertThat(moved.result().get("commands")).isEqualTo(
                List.of("ifconfig bridge0 deletem epair1a", "ifconfig bridge1 addm epair1a"));
        assertStatus(h.run(epair, m("name", "epair1", "bridge", "bridge1")), Outcome.Status.OK);

        // absent: destroy, then nothing to do; the members survive the bridge.
        assertStatus(h.run(bridge, m("name", "bridge1", "state", "absent")), Outcome.Status.CHANGED);
        assertStatus(h.run(bridge, m("name", "bridge1", "state", "absent")), Outcome.Status.OK);
        assertThat(h.sh("ifconfig epair1a").exitStatus()).isZero();
        assertStatus(h.run(epair, m("name", "epair1", "state", "absent")), Outcome.Status.CHANGED);
        assertThat(h.sh("ifconfig epair1b").exitStatus()).isEqualTo(1);
        assertStatus(h.run(epair, m("name", "epair1", "state", "absent")), Outcome.Status.OK);
    }

    @Test
    void addresses_converge_in_normalised_form() throws Exception {
        LocalSimHost h = new LocalSimHost(dir);
        BridgeModule bridge = new BridgeModule();
        Map<String, Object> b = m("name", "bridge3", "addresses", List.of("2001:DB8:0:0::1/64", "192.0.2.1/28"));
        assertStatus(h.run(bridge, b), Outcome.Status.CHANGED);
        assertStatus(h.run(bridge, b), Outcome.Status.OK);
        Map<String, Object> wider = m("name", "bridge3", "addresses", List.of("192.0.2.1/24"), "addresses_exclusive",
                true);
        Outcome o = h.run(bridge, wider);
        assertThat(o.result().get("commands")).isEqualTo(List.of("ifconfig bridge3 inet 192.0.2.1 -alias",
                "ifconfig bridge3 inet 192.0.2.1/24 alias", "ifconfig bridge3 inet6 2001:db8::1 -alias"));
        assertStatus(h.run(bridge, wider), Outcome.Status.OK);
    }
}
