package org.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drover.cli.ExitCodes;
import org.drover.testbed.Backend;
import org.drover.testbed.FleetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * playbooks/vnet-lab.yml on three simulated FreeBSD hosts, as an operator lives with it: converge, rerun with nothing
 * to do, find the drift someone made by hand (one kind per host) in check mode without touching anything, repair
 * exactly that, and refuse loudly to "repair" a jail root that is a clone of another snapshot.
 */
class VnetLabIT {
    static final String EPAIR1 = "epair1 (webserver cable)";
    static final String BRIDGE = "bridge0 with the uplink and both host ends, gateway address, kept in rc.conf";
    static final String CLONE_WEB = "jail root of webserver, cloned from the template (snapshot taken if missing)";
    static final String JAIL_DB = "VNET jail database (System V IPC for PostgreSQL)";
    static final String PF = "pf with NAT for the jails, web to webserver, PostgreSQL from webserver to database only";
    static final String ROUTE_NOW = "route now (gateway_enable only acts at boot)";

    /** A host/task pair. */
    record At(String host, String task) {}

    @ParameterizedTest
    @EnumSource(Backend.class)
    void convergeStayQuietFindDriftRepairItAndRefuseAForeignClone(Backend backend) throws Exception {
        try (Lab lab = Lab.start(backend, 3)) {
            String h1 = lab.hosts.get(0);
            String h2 = lab.hosts.get(1);
            String h3 = lab.hosts.get(2);

            // 0. check mode on fresh hosts: every change announced, none made, nothing fails for want of the earlier ones
            Map<String, String> fresh = Map.of(h1, lab.state(h1), h2, lab.state(h2), h3, lab.state(h3));
            Lab.Run dry = lab.play(Lab.VNET_LAB, "--check", "--diff");
            assertThat(dry.exit()).as("%s", dry).isEqualTo(ExitCodes.CHANGED);
            for (String h : lab.hosts) {
                assertThat(dry.recap(h, "failed")).as("%s", dry).isZero();
                assertThat(dry.result(h, JAIL_DB).diffText()).contains("+running");
                assertThat(lab.state(h)).as("check mode changed nothing on %s", h).isEqualTo(fresh.get(h));
            }

            // 1. converge
            Lab.Run first = lab.play(Lab.VNET_LAB);
            assertThat(first.exit()).as("%s", first).isEqualTo(ExitCodes.CHANGED);
            for (String h : lab.hosts) {
                assertThat(first.recap(h, "failed")).as("%s", first).isZero();
                assertThat(first.recap(h, "unreachable")).as("%s", first).isZero();
                assertThat(first.recap(h, "changed")).as("%s", first).isPositive();
                assertThat(first.result(h, PF).status()).isEqualTo("changed");
                // the session, plus the new connection the pf lock-out guard must prove before it disarms
                assertThat(first.connections(h)).as("connections to %s, %s", h, first).isEqualTo(2);
            }
            assertThat(lab.on(h1, "jls -N name; zfs get -H -o value origin zroot/jails/webserver; pfctl -s Running"))
                    .contains("webserver").contains("database")
                    .contains("zroot/jails/templates/14.3-RELEASE@base").contains("Enabled");

            // 2. nothing to do: one connection, one command per task (per loop item)
            assertQuiet(lab, lab.play(Lab.VNET_LAB));

            // 3. drift by hand, one kind per host
            lab.on(h1, "ifconfig bridge0 deletem epair2a");
            lab.on(h2, "(cat /etc/pf.conf; echo 'pass in quick proto tcp to port 2222') | pfctl -o none -f -");
            lab.on(h3, "jail -r database");
            Map<String, String> drifted = Map.of(h1, lab.state(h1), h2, lab.state(h2), h3, lab.state(h3));
            assertThat(drifted.get(h1)).doesNotContain("member: epair2a");
            assertThat(drifted.get(h2)).contains("2222");
            assertThat(lab.on(h3, "jls -N name")).doesNotContain("database").contains("webserver");

            // 4. check mode sees exactly that, and says what
            Set<At> drift = Set.of(new At(h1, BRIDGE), new At(h2, PF), new At(h3, JAIL_DB));
            Lab.Run check = lab.play(Lab.VNET_LAB, "--check", "--diff");
            assertThat(check.exit()).as("%s", check).isEqualTo(ExitCodes.CHANGED);
            assertOnlyChanged(check, drift, true);
            assertThat(check.result(h1, BRIDGE).diffText()).contains("+member: epair2a");
            assertThat(check.result(h2, PF).diffText())
                    .contains("-pass in quick proto tcp from any to any port = 2222");
            assertThat(check.result(h3, JAIL_DB).diffText()).contains("jail database").contains("-stopped")
                    .contains("+running");
            for (String h : lab.hosts) {
                assertThat(lab.state(h)).as("check mode changed nothing on %s", h).isEqualTo(drifted.get(h));
                assertThat(check.connections(h)).as("check mode probes nothing: %s", check).isEqualTo(1);
            }

            // 5. repair exactly that, then quiet again
            Lab.Run repair = lab.play(Lab.VNET_LAB, "--diff");
            assertThat(repair.exit()).as("%s", repair).isEqualTo(ExitCodes.CHANGED);
            assertOnlyChanged(repair, drift, false);
            assertThat(lab.on(h1, "ifconfig bridge0")).contains("member: epair2a");
            assertThat(lab.on(h2, "pfctl -s rules")).doesNotContain("2222");
            assertThat(lab.on(h3, "jls -N name")).contains("database");
            assertThat(lab.on(h3, "jexec database ifconfig epair2b")).as("the restarted jail's own network")
                    .contains("inet 10.66.0.12 ");
            assertThat(repair.connections(h2)).as("pf guard probe on %s", h2).isEqualTo(2);
            assertThat(repair.connections(h1)).isEqualTo(1);
            assertThat(repair.connections(h3)).isEqualTo(1);
            assertQuiet(lab, lab.play(Lab.VNET_LAB));

            // 6. webserver's root replaced by a clone of another snapshot: refuse, loudly, on that host only
            lab.on(h1, """
                    jail -r webserver
                    zfs destroy zroot/jails/webserver
                    zfs snapshot zroot/jails/templates/14.3-RELEASE@other
                    zfs clone zroot/jails/templates/14.3-RELEASE@other zroot/jails/webserver
                    echo keep-me > /jails/webserver/marker
                    """);
            String foreign = lab.on(h1, "zfs get -H -p -o value origin,guid,createtxg zroot/jails/webserver");
            Lab.Run refused = lab.play(Lab.VNET_LAB);
            assertThat(refused.exit()).as("%s", refused).isEqualTo(ExitCodes.FAILED);
            Lab.HostResult r = refused.result(h1, CLONE_WEB);
            assertThat(r.status()).isEqualTo("failed");
            assertThat(r.msg()).contains("zroot/jails/webserver")
                    .contains("zroot/jails/templates/14.3-RELEASE@other")
                    .contains("zroot/jails/templates/14.3-RELEASE@base");
            assertThat(refused.recap(h1, "failed")).isEqualTo(1);
            for (String h : List.of(h2, h3)) {
                assertThat(refused.recap(h, "failed")).as("%s", refused).isZero();
                assertThat(refused.recap(h, "changed")).as("%s", refused).isZero();
            }
            assertThat(lab.on(h1, "zfs get -H -p -o value origin,guid,createtxg zroot/jails/webserver"))
                    .as("the foreign clone is untouched").isEqualTo(foreign);
            assertThat(lab.on(h1, "cat /jails/webserver/marker")).isEqualTo("keep-me\n");
        }
    }

    @Test
    void anAdminWhoBecomesRootWithDoasFromTcshConvergesTheLabToo() throws Exception {
        try (Lab lab = Lab.start(FleetSpec.builder().hosts(1).backend(Backend.OPENSSH).versions("14.3")
                .admin("admin", "tcsh", "doas").build())) {
            String h = lab.hosts.get(0);
            Lab.Run first = lab.play(Lab.VNET_LAB);
            assertThat(first.exit()).as("%s", first).isEqualTo(ExitCodes.CHANGED);
            assertThat(first.recap(h, "changed")).isEqualTo(first.results(h).size());
            assertQuiet(lab, lab.play(Lab.VNET_LAB));
            assertThat(lab.on(h, "jls -N name; pfctl -s Running")).contains("webserver").contains("database")
                    .contains("Enabled");
        }
    }

    /** changed=0 everywhere, one connection per host, one command per task (one per item of a loop). */
    static void assertQuiet(Lab lab, Lab.Run run) {
        assertThat(run.exit()).as("%s", run).isEqualTo(ExitCodes.OK);
        long tasks = run.events().stream().filter(e -> "task_start".equals(e.get("event"))).count();
        assertThat(tasks).as("%s", run).isPositive();
        for (String h : lab.hosts) {
            assertThat(run.results(h)).as("one result per task on %s: %s", h, run).hasSize((int) tasks);
            assertThat(run.recap(h, "changed")).as("%s", run).isZero();
            assertThat(run.recap(h, "failed")).as("%s", run).isZero();
            assertThat(run.connections(h)).as("connections to %s, %s", h, run).isEqualTo(1);
            List<String> extra = new ArrayList<>();
            for (Lab.HostResult r : run.results(h)) {
                assertThat(r.status()).as("%s", run).isEqualTo("ok");
                long items = run.events().stream().filter(e -> "item_result".equals(e.get("event"))
                        && h.equals(e.get("host")) && r.task().equals(e.get("task"))).count();
                if (r.execs() != Math.max(1, items)) {
                    extra.add(r.task() + ": " + r.execs() + " execs for " + Math.max(1, items) + " item(s)");
                }
            }
            assertThat(extra).as("one round trip per state task on %s", h).isEmpty();
        }
    }

    /** Exactly the pairs in EXPECTED are changed; every other result is ok (a shell task may be skipped in check mode). */
    static void assertOnlyChanged(Lab.Run run, Set<At> expected, boolean check) {
        List<At> seen = new ArrayList<>();
        for (Lab.HostResult r : run.results()) {
            At at = new At(r.host(), r.task());
            if (expected.contains(at)) {
                assertThat(r.status()).as("%s on %s: %s", r.task(), r.host(), run).isEqualTo("changed");
                seen.add(at);
            } else if (check && r.task().equals(ROUTE_NOW)) {
                assertThat(r.status()).as("%s on %s: %s", r.task(), r.host(), run).isIn("ok", "skipped");
            } else {
                assertThat(r.status()).as("%s on %s: %s", r.task(), r.host(), run).isEqualTo("ok");
            }
        }
        assertThat(seen).as("%s", run).containsExactlyInAnyOrderElementsOf(expected);
    }
}
