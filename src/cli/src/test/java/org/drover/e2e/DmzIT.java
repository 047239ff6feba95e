package org.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.drover.cli.ExitCodes;
import org.drover.testbed.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** playbooks/dmz.yml on three simulated hosts (group dmz): converges, and a rerun has nothing to do. */
class DmzIT {
    @ParameterizedTest
    @EnumSource(Backend.class)
    void dmzConvergesAndRerunsQuietly(Backend backend) throws Exception {
        try (Lab lab = Lab.start(backend, 3)) {
            lab.group("dmz");
            Lab.Run first = lab.play(Lab.DMZ);
            assertThat(first.exit()).as("%s", first).isEqualTo(ExitCodes.CHANGED);
            for (String h : lab.hosts) {
                assertThat(first.recap(h, "failed")).as("%s", first).isZero();
                assertThat(first.recap(h, "changed")).as("%s", first).isPositive();
                String seen = lab.on(h, "jls -N name; ifconfig bridge10; ifconfig bridge11; "
                        + "zfs get -H -o value origin zroot/jails/dmz-db; pfctl -s Running");
                assertThat(seen).contains("web").contains("db").contains("member: epair10a")
                        .contains("member: epair11a").contains("member: epair12a")
                        .contains("zroot/jails/templates/14.3-RELEASE@base").contains("Enabled");
                // the db jail is on the internal bridge only
                assertThat(lab.on(h, "ifconfig bridge10")).doesNotContain("epair12a").doesNotContain("epair11a");
            }
            VnetLabIT.assertQuiet(lab, lab.play(Lab.DMZ));
        }
    }
}
