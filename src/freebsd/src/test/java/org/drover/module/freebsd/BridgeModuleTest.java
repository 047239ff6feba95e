package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.freebsd.Samples;
import org.drover.freebsd.Sections;
import org.drover.module.Change;
import org.drover.module.Outcome;
import org.drover.module.Plan;
import org.drover.transport.ExecResult;
import org.junit.jupiter.api.Test;

class BridgeModuleTest {
    static final String BRIDGE_14 = "ifconfig-bridge0-3members-descr-ipv6-14x-reconstructed.txt";
    final BridgeModule module = new BridgeModule();

    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "bridge0");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static String existing() {
        return Sections.frame("if", Samples.load(BRIDGE_14), 0);
    }

    static String missing() {
        return Sections.frame("if", Samples.load("ifconfig-no-such-interface-error.txt").replace("epair9a", "bridge0")
                + "", 1);
    }

    Plan plan(String stdout, Map<String, Object> raw) {
        BridgeModule.Desired d = module.desired(FakeModuleContext.args(module.spec(), raw));
        return module.plan(module.parse(d, ExecResult.of(0, stdout, "")), d);
    }

    static List<String> commands(Plan p) {
        return p.changes().stream().flatMap(c -> c.commands().stream()).toList();
    }

    @Test
    void members_we_do_not_manage_are_kept() {
        Plan p = plan(existing(), args("members", List.of("vtnet0", "epair5a")));
        assertThat(p.failure()).isNull();
        assertThat(commands(p)).containsExactly("ifconfig bridge0 addm epair5a");
    }

    @Test
    void members_exclusive_removes_unlisted_members() {
        Plan p = plan(existing(), args("members", List.of("vtnet0", "epair5a"), "members_exclusive", true));
        assertThat(commands(p)).containsExactlyInAnyOrder("ifconfig bridge0 addm epair5a",
                "ifconfig bridge0 deletem epair12a", "ifconfig bridge0 deletem epair3a");
    }

    @Test
    void converged_bridge_plans_nothing_whatever_the_member_order() {
        Plan p = plan(existing(), args("members", List.of("vtnet0", "epair3a", "epair12a"), "members_exclusive", true,
                "addresses", List.of("2001:DB8:20:0::1/64", "10.20.0.1/24"), "description",
                "jail network (prod, VLAN 20)", "mtu", 1500));
        assertThat(p.failure()).isNull();
        assertThat(p.changes()).isEmpty();
    }

    @Test
    void addresses_are_added_and_prefixes_fixed_but_unlisted_ones_kept() {
        Plan p = plan(existing(), args("addresses", List.of("10.20.0.1/16", "10.30.0.1/24")));
        assertThat(commands(p)).containsExactly(
                "ifconfig bridge0 inet 10.20.0.1 -alias", "ifconfig bridge0 inet 10.20.0.1/16 alias",
                "ifconfig bridge0 inet 10.30.0.1/24 alias");
    }

    @Test
    void addresses_exclusive_removes_others_but_not_link_local() {
        Plan p = plan(existing(), args("addresses", List.of("10.20.0.1/24"), "addresses_exclusive", true));
        assertThat(commands(p)).containsExactlyInAnyOrder("ifconfig bridge0 inet 192.168.50.1 -alias",
                "ifconfig bridge0 inet6 2001:db8:20::1 -alias");
    }

    @Test
    void description_with_spaces_is_quoted_and_mtu_set() {
        Plan p = plan(existing(), args("description", "it's the jail net; really", "mtu", 9000));
        assertThat(commands(p)).containsExactly("ifconfig bridge0 mtu 9000",
                "ifconfig bridge0 description 'it'\\''s the jail net; really'");
        // One diff for the interface, on its first change.
        assertThat(p.changes().get(0).diff().before()).isEqualTo("mtu 1500\ndescription: jail network (prod, VLAN 20)\n");
        assertThat(p.changes().get(0).diff().after()).isEqualTo("mtu 9000\ndescription: it's the jail net; really\n");
        assertThat(p.changes().get(1).diff()).isNull();
    }

    @Test
    void missing_bridge_is_created_with_explicit_unit_then_configured() {
        Plan p = plan(missing(), args("members", List.of("vtnet0"), "addresses", List.of("10.0.0.1/24")));
        assertThat(commands(p)).containsExactly("ifconfig bridge0 create", "ifconfig bridge0 addm vtnet0",
                "ifconfig bridge0 inet 10.0.0.1/24 alias", "ifconfig bridge0 up");
        assertThat(p.changes().get(0).diff().before()).isEmpty();
        assertThat(p.changes().get(0).diff().after())
                .isEqualTo("bridge0 present\nmember: vtnet0\ninet 10.0.0.1/24\nUP\n");
    }

    @Test
    void absent_destroys_only_when_asked_and_keeps_members() {
        Plan p = plan(existing(), args("state", "absent"));
        assertThat(commands(p)).containsExactly("ifconfig bridge0 destroy");
        assertThat(p.changes().get(0).description()).contains("epair12a, epair3a, vtnet0 are kept");
        assertThat(plan(missing(), args("state", "absent")).changes()).isEmpty();
    }

    @Test
    void nothing_destructive_without_an_explicit_option() {
        for (Map<String, Object> raw : List.of(args(), args("members", List.of("em0")),
                args("addresses", List.of("192.0.2.1/24")), args("members", List.of()),
                args("description", "x", "up", true, "mtu", 1500))) {
            for (String state : List.of(existing(), missing())) {
                assertThat(commands(plan(state, raw))).as(raw.toString())
                        .noneMatch(c -> c.contains("destroy") || c.contains("deletem") || c.contains("-alias")
                                || c.contains("sysrc"));
            }
        }
    }

    @Test
    void persist_writes_rc_conf_with_a_diff() {
        String rc = Sections.frame("rc.values", "cloned_interfaces: lo1\n"
                + "ifconfig_bridge0: addm vtnet0 up\n"
                + "sysrc: unknown variable 'ifconfig_bridge0_descr'\n"
                + "sysrc: unknown variable 'ifconfig_bridge0_alias0'\n"
                + "ifconfig_bridge0_alias1: inet 10.9.9.9/24\n"
                + "sysrc: unknown variable 'ifconfig_bridge0_alias2'\n"
                + "sysrc: unknown variable 'ifconfig_bridge0_alias3'\n", 1)
                + Sections.frame("rc.file", "cloned_interfaces=\"lo1\"\nifconfig_bridge0=\"addm vtnet0 up\"\n"
                + "ifconfig_bridge0_alias1=\"inet 10.9.9.9/24\"\n", 0);
        Plan p = plan(existing() + rc, args("members", List.of("vtnet0", "epair3a"), "addresses",
                List.of("10.20.0.1/24", "2001:db8:20::1/64"), "persist", true));
        assertThat(commands(p)).containsExactly(
                "sysrc -f /etc/rc.conf cloned_interfaces+=bridge0",
                "sysrc -f /etc/rc.conf 'ifconfig_bridge0=addm vtnet0 addm epair3a inet 10.20.0.1/24 up'",
                "sysrc -f /etc/rc.conf 'ifconfig_bridge0_alias0=inet6 2001:db8:20::1/64'",
                "sysrc -f /etc/rc.conf -x ifconfig_bridge0_alias1");
        Change c = p.changes().get(0);
        assertThat(c.diff().label()).isEqualTo("/etc/rc.conf");
        assertThat(c.diff().before()).isEqualTo("cloned_interfaces=\"lo1\"\nifconfig_bridge0=\"addm vtnet0 up\"\n"
                + "ifconfig_bridge0_alias1=\"inet 10.9.9.9/24\"\n");
        assertThat(c.diff().after()).isEqualTo("cloned_interfaces=\"lo1 bridge0\"\n"
                + "ifconfig_bridge0=\"addm vtnet0 addm epair3a inet 10.20.0.1/24 up\"\n"
                + "ifconfig_bridge0_alias0=\"inet6 2001:db8:20::1/64\"\n");
        assertThat(p.changes().subList(1, 4)).allSatisfy(x -> assertThat(x.diff()).isNull());
    }

    @Test
    void bad_names_and_injections_fail_at_load_time() {
        for (String bad : List.of("bridge0; rm -rf /", "$(reboot)", "`reboot`", "bridge0\n", "epair0", "bridge")) {
            assertThat(FakeModuleContext.errors(module.spec(), Map.of("name", bad))).as(bad).isNotEmpty();
        }
        assertThat(FakeModuleContext.errors(module.spec(), Map.of("name", "bridge0", "members", List.of("em0", "$(reboot)"))))
                .singleElement().asString().contains("members");
        assertThat(FakeModuleContext.errors(module.spec(), Map.of("name", "bridge0", "addresses", List.of("10.0.0.1"))))
                .singleElement().asString().contains("prefix length");
    }

    @Test
    void no_change_costs_one_round_trip_and_check_mode_never_applies() throws Exception {
        FakeModuleContext host = new FakeModuleContext(ExecResult.of(0, existing(), ""));
        Outcome o = module.run(host, FakeModuleContext.args(module.spec(), args("members", List.of("vtnet0"))));
        assertThat(o.status()).isEqualTo(Outcome.Status.OK);
        assertThat(host.scripts()).hasSize(1);
        assertThat(o.result().get("after")).isEqualTo(o.result().get("before"));

        FakeModuleContext check = new FakeModuleContext(ExecResult.of(0, existing(), "")).check(true);
        Outcome c = module.run(check, FakeModuleContext.args(module.spec(), args("members", List.of("em0"))));
        assertThat(c.status()).isEqualTo(Outcome.Status.CHANGED);
        assertThat(check.scripts()).hasSize(1);
        assertThat(c.result().get("commands")).isEqualTo(List.of("ifconfig bridge0 addm em0"));
        @SuppressWarnings("unchecked")
        Map<String, Object> after = (Map<String, Object>) c.result().get("after");
        assertThat(after.get("members")).asList().contains("em0", "vtnet0");
    }

    @Test
    void applying_runs_one_set_e_script() throws Exception {
        FakeModuleContext host = new FakeModuleContext(ExecResult.of(0, missing(), ""), ExecResult.of(0, "", ""));
        Outcome o = module.run(host, FakeModuleContext.args(module.spec(), args("members", List.of("vtnet0"))));
        assertThat(o.status()).isEqualTo(Outcome.Status.CHANGED);
        assertThat(host.scripts()).hasSize(2);
        assertThat(host.scripts().get(1)).isEqualTo("set -e\nifconfig bridge0 create\nifconfig bridge0 addm vtnet0\n"
                + "ifconfig bridge0 up\n");
    }

    @Test
    void an_unexpected_ifconfig_failure_is_reported_not_taken_for_absence() {
        Plan p = plan(Sections.frame("if", "ifconfig: bridge0: permission denied\n", 1), args());
        assertThat(p.failure()).contains("permission denied");
    }
}
