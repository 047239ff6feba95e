package org.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.drover.cli.ExitCodes;
import org.drover.testbed.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * playbooks/teardown.yml after playbooks/vnet-lab.yml on three simulated hosts: the lab is gone (jails, epairs,
 * bridge, NAT, rc.conf entries, jail roots), pf is left with the minimal ruleset that keeps SSH open, the template
 * and its snapshot are kept, and a second teardown has nothing to do.
 */
class TeardownIT {
    static final String SNAPSHOT = "zroot/jails/templates/14.3-RELEASE@base";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void teardownRemovesTheLabAndKeepsTheTemplate(Backend backend) throws Exception {
        try (Lab lab = Lab.start(backend, 3)) {
            Lab.Run up = lab.play(Lab.VNET_LAB);
            assertThat(up.exit()).as("%s", up).isEqualTo(ExitCodes.CHANGED);
            String guids = "zfs get -H -p -o name,value guid zroot/jails/templates/14.3-RELEASE " + SNAPSHOT;
            String[] before = new String[lab.hosts.size()];
            for (int i = 0; i < before.length; i++) {
                String h = lab.hosts.get(i);
                assertThat(lab.on(h, "jls -N name; ifconfig -l")).contains("webserver").contains("database")
                        .contains("bridge0").contains("epair1a").contains("epair2a");
                before[i] = lab.on(h, guids);
            }

            Lab.Run down = lab.play(Lab.TEARDOWN);
            assertThat(down.exit()).as("%s", down).isEqualTo(ExitCodes.CHANGED);
            for (int i = 0; i < before.length; i++) {
                String h = lab.hosts.get(i);
                assertThat(down.recap(h, "failed")).as("%s", down).isZero();
                assertThat(down.recap(h, "changed")).as("%s", down).isPositive();
                assertThat(lab.on(h, "jls -N name")).as("jails on %s", h).isBlank();
                assertThat(Arrays.asList(lab.on(h, "ifconfig -l").trim().split("\\s+")))
                        .as("interfaces on %s", h)
                        .noneMatch(n -> n.startsWith("epair") || n.startsWith("bridge"))
                        .contains("lo0");
                // pf: running with teardown's minimal ruleset, no NAT/rdr of the lab left
                assertThat(lab.on(h, "pfctl -s Running")).isEqualTo("Enabled\n");
                assertThat(lab.on(h, "pfctl -s nat")).as("NAT and rdr on %s", h).isBlank();
                String rules = lab.on(h, "pfctl -s rules");
                assertThat(rules).contains("block drop in all").contains("port = ssh")
                        .doesNotContain("10.66.0").doesNotContain("5432");
                assertThat(lab.on(h, "cat /etc/pf.conf")).contains("minimal ruleset left after the lab");
                // rc.conf has nothing of the lab left
                assertThat(lab.on(h, "cat /etc/rc.conf")).doesNotContain("epair").doesNotContain("bridge0")
                        .doesNotContain("gateway_enable").doesNotContain("webserver").doesNotContain("database");
                // the clones are gone, the template and its snapshot are the very same datasets
                String zfs = lab.on(h, "zfs list -H -t all -o name -r zroot/jails");
                assertThat(zfs.lines().toList()).containsExactly("zroot/jails", "zroot/jails/templates",
                        "zroot/jails/templates/14.3-RELEASE", SNAPSHOT);
                assertThat(lab.on(h, guids)).isEqualTo(before[i]);
            }

            Lab.Run again = lab.play(Lab.TEARDOWN);
            assertThat(again.exit()).as("%s", again).isEqualTo(ExitCodes.OK);
            for (String h : lab.hosts) {
                assertThat(again.recap(h, "changed")).as("%s", again).isZero();
                assertThat(again.recap(h, "failed")).as("%s", again).isZero();
                assertThat(again.connections(h)).as("%s", again).isEqualTo(1);
            }

            // the kept template is enough for the next lab
            Lab.Run rebuilt = lab.play(Lab.VNET_LAB);
            assertThat(rebuilt.exit()).as("%s", rebuilt).isEqualTo(ExitCodes.CHANGED);
            VnetLabIT.assertQuiet(lab, lab.play(Lab.VNET_LAB));
        }
    }

    @Test
    void aJailRootSomeoneSnapshottedIsKeptAndTheTeardownSaysWhy() throws Exception {
        try (Lab lab = Lab.start(Backend.EMBEDDED, 1)) {
            String h = lab.hosts.get(0);
            assertThat(lab.play(Lab.VNET_LAB).exit()).isEqualTo(ExitCodes.CHANGED);
            lab.on(h, "echo precious > /jails/webserver/data; zfs snapshot zroot/jails/webserver@mine");
            Lab.Run down = lab.play(Lab.TEARDOWN);
            assertThat(down.exit()).as("%s", down).isEqualTo(ExitCodes.FAILED);
            assertThat(down.events()).filteredOn(e -> "item_result".equals(e.get("event")) && "failed".equals(e.get("status")))
                    .singleElement().satisfies(e -> assertThat(String.valueOf(e.get("msg")))
                            .contains("refusing to destroy zroot/jails/webserver")
                            .contains("zroot/jails/webserver@mine"));
            assertThat(lab.on(h, "zfs list -H -t all -o name -r zroot/jails").lines().toList())
                    .contains("zroot/jails/webserver", "zroot/jails/webserver@mine", SNAPSHOT)
                    .doesNotContain("zroot/jails/database");
            assertThat(lab.on(h, "cat /jails/webserver/data")).isEqualTo("precious\n");
        }
    }
}
