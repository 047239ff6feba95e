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
    static final String WEB_RESOLV = "webserver: name servers";
    static final String WEB_PKGS = "webserver: nginx, the PostgreSQL client and curl (pkg bootstrapped first)";
    static final String NGINX_RUNNING = "webserver: nginx running";
    static final String PG_HBA = "database: only the webserver jail may connect, with a password";
    static final String PG_RESTART = "restart postgresql";
    static final String NAMES_OK = "database: role and database names are plain SQL identifiers (they reach a shell and SQL)";
    /** Read-only tasks: ok on every run. */
    static final Set<String> READS = Set.of(NAMES_OK, "database: does the role exist?", "database: does the database exist?");
    /** Tasks that only run when the role or database is missing: skipped once they exist. */
    static final Set<String> WHEN_MISSING = Set.of("database: the role, when missing",
            "database: the role's password, set when the role is created",
            "database: the database, owned by the role, when missing");
    /** What the lab's software looks like from the host: packages, services, PostgreSQL's files and catalogue. */
    static final String SOFTWARE = """
            jexec webserver pkg query %n | tr '\\n' ' '; echo
            jexec webserver service nginx status
            cat /jails/webserver/etc/resolv.conf /jails/database/etc/resolv.conf
            jexec database pkg query %n | tr '\\n' ' '; echo
            jexec database service postgresql status
            grep -v '^#' /jails/database/var/db/postgres/data17/pg_hba.conf | grep .
            grep '^listen_addresses' /jails/database/var/db/postgres/data17/postgresql.conf
            jexec database su -m postgres -c 'psql -l'
            jexec -U postgres webserver true 2>&1 || true
            """;

    /** A host/task pair. */
    record At(String host, String task) {}

    /**
     * Hosts on 13.5, 14.3 and 15.0; root's login shell is tcsh behind the embedded server (the OpenSSH run keeps sh,
     * and the doas test below gives its admin tcsh).
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void convergeStayQuietFindDriftRepairItAndRefuseAForeignClone(Backend backend) throws Exception {
        FleetSpec spec = FleetSpec.builder().hosts(3).backend(backend).versions("13.5", "14.3", "15.0")
                .rootShell(backend == Backend.EMBEDDED ? "tcsh" : "sh").build();
        try (Lab lab = Lab.start(spec)) {
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
                assertThat(dry.result(h, WEB_PKGS).status()).as("no jail runs yet: %s", dry).isEqualTo("skipped");
                assertThat(dry.result(h, PG_HBA).status()).as("%s", dry).isEqualTo("skipped");
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
            for (String h : lab.hosts) {
                assertThat(lab.on(h, SOFTWARE)).as("the software inside the jails of %s", h)
                        .contains(" curl ", " nginx ", "postgresql17-client", "nginx is running as pid")
                        .contains("nameserver 9.9.9.9")
                        .contains("postgresql17-server", "pg_ctl: server is running")
                        .contains("host    testdb          testuser        10.66.0.11/32          scram-sha-256")
                        .contains("listen_addresses = '*'")
                        .containsPattern("testdb +\\| testuser")
                        .contains("postgres: no such user"); // the postgres user exists in database only
                assertThat(first.result(h, "database: the role's password, set when the role is created").status())
                        .isEqualTo("changed");
            }
            assertThat(first.toString() + first.events()).as("the password is never printed")
                    .doesNotContain("change-me");

            // 2. nothing to do: one connection, one command per task (per loop item)
            assertQuiet(lab, lab.play(Lab.VNET_LAB));

            // 3. drift by hand, one kind per host, on the host and inside a jail
            lab.on(h1, "ifconfig bridge0 deletem epair2a");
            lab.on(h2, "(cat /etc/pf.conf; echo 'pass in quick proto tcp to port 2222') | pfctl -o none -f -");
            lab.on(h3, "jail -r database");
            lab.on(h1, "jexec webserver pkg delete -y curl");
            lab.on(h2, "sed -i 's#10.66.0.11/32#0.0.0.0/0#' /jails/database/var/db/postgres/data17/pg_hba.conf");
            lab.on(h3, "jexec webserver service nginx stop");
            Map<String, String> drifted = Map.of(h1, lab.state(h1), h2, lab.state(h2), h3, lab.state(h3));
            assertThat(drifted.get(h1)).doesNotContain("member: epair2a");
            assertThat(drifted.get(h2)).contains("2222");
            assertThat(lab.on(h3, "jls -N name")).doesNotContain("database").contains("webserver");

            // 4. check mode sees exactly that, and says what
            Set<At> drift = Set.of(new At(h1, BRIDGE), new At(h2, PF), new At(h3, JAIL_DB), new At(h1, WEB_PKGS),
                    new At(h2, PG_HBA), new At(h2, PG_RESTART), new At(h3, NGINX_RUNNING));
            Lab.Run check = lab.play(Lab.VNET_LAB, "--check", "--diff");
            assertThat(check.exit()).as("%s", check).isEqualTo(ExitCodes.CHANGED);
            // the stopped database jail cannot be looked into in check mode: its tasks say so and are skipped
            assertOnlyChanged(check, drift, r -> r.host().equals(h3) && r.task().startsWith("database: ")
                    && !r.task().equals(NAMES_OK) && r.msg().contains("jail database is not running on " + h3));
            assertThat(check.result(h1, WEB_PKGS).diffText()).contains("+curl").doesNotContain("nginx");
            assertThat(check.result(h2, PG_HBA).diffText())
                    .contains("-host    testdb          testuser        0.0.0.0/0          scram-sha-256")
                    .contains("+host    testdb          testuser        10.66.0.11/32          scram-sha-256");
            assertThat(check.result(h3, NGINX_RUNNING).diffText()).contains("-status: stopped", "+status: running");
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
            assertOnlyChanged(repair, drift, r -> false);
            for (String h : lab.hosts) {
                assertThat(lab.on(h, SOFTWARE)).contains(" curl ", "nginx is running as pid")
                        .contains("host    testdb          testuser        10.66.0.11/32          scram-sha-256")
                        .doesNotContain("0.0.0.0/0");
            }
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

            // 7. a stopped jail: its tasks fail, naming jail and host; the host stays reachable
            lab.on(h2, "jail -r webserver");
            Lab.Run stopped = lab.play(Lab.VNET_LAB, "--limit", h2, "--start-at-task", WEB_RESOLV);
            assertThat(stopped.exit()).as("%s", stopped).isEqualTo(ExitCodes.FAILED);
            assertThat(stopped.result(h2, WEB_RESOLV).status()).isEqualTo("failed");
            assertThat(stopped.result(h2, WEB_RESOLV).msg()).contains("jail webserver is not running on " + h2);
            assertThat(stopped.recap(h2, "unreachable")).isZero();
        }
    }

    @Test
    void anAdminWhoBecomesRootWithDoasFromTcshConvergesTheLabToo() throws Exception {
        try (Lab lab = Lab.start(FleetSpec.builder().hosts(1).backend(Backend.OPENSSH).versions("14.3")
                .admin("admin", "tcsh", "doas").build())) {
            String h = lab.hosts.get(0);
            Lab.Run first = lab.play(Lab.VNET_LAB);
            assertThat(first.exit()).as("%s", first).isEqualTo(ExitCodes.CHANGED);
            for (Lab.HostResult r : first.results(h)) {
                assertThat(r.status()).as("%s: %s", r.task(), first).isEqualTo(READS.contains(r.task()) ? "ok" : "changed");
            }
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
                if (WHEN_MISSING.contains(r.task())) {
                    assertThat(r.status()).as("%s", run).isEqualTo("skipped");
                    continue;
                }
                assertThat(r.status()).as("%s", run).isEqualTo("ok");
                if (r.task().equals(NAMES_OK)) {
                    continue; // assert runs nothing on the host
                }
                long items = run.events().stream().filter(e -> "item_result".equals(e.get("event"))
                        && h.equals(e.get("host")) && r.task().equals(e.get("task"))).count();
                if (r.execs() != Math.max(1, items)) {
                    extra.add(r.task() + ": " + r.execs() + " execs for " + Math.max(1, items) + " item(s)");
                }
            }
            assertThat(extra).as("one round trip per state task on %s", h).isEmpty();
        }
    }

    /**
     * Exactly the pairs in EXPECTED are changed; every other result is ok, or skipped where it may be: a shell task
     * in check mode, a task that creates what exists, and those MAYSKIP accepts.
     */
    static void assertOnlyChanged(Lab.Run run, Set<At> expected, java.util.function.Predicate<Lab.HostResult> maySkip) {
        List<At> seen = new ArrayList<>();
        for (Lab.HostResult r : run.results()) {
            At at = new At(r.host(), r.task());
            if (expected.contains(at)) {
                assertThat(r.status()).as("%s on %s: %s", r.task(), r.host(), run).isEqualTo("changed");
                seen.add(at);
            } else if (r.task().equals(ROUTE_NOW) || WHEN_MISSING.contains(r.task()) || maySkip.test(r)) {
                assertThat(r.status()).as("%s on %s: %s", r.task(), r.host(), run).isIn("ok", "skipped");
            } else {
                assertThat(r.status()).as("%s on %s: %s", r.task(), r.host(), run).isEqualTo("ok");
            }
        }
        assertThat(seen).as("%s", run).containsExactlyInAnyOrderElementsOf(expected);
    }
}
