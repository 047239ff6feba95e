package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.freebsd.Samples;
import org.drover.freebsd.Sections;
import org.drover.module.Plan;
import org.drover.transport.ExecResult;
import org.junit.jupiter.api.Test;

class EpairModuleTest {
    final EpairModule module = new EpairModule();

    /** The 14.x epair0a sample renamed to epair3a: a member of bridge0 in the 14.x bridge sample. */
    static String aEnd() {
        return Samples.load("ifconfig-epair0a-descr-14x-reconstructed.txt").replace("epair0", "epair3");
    }

    static String noSuch(String name) {
        return "ifconfig: interface " + name + " does not exist\n";
    }

    /** bridge0 (14.x sample: members epair12a, epair3a, vtnet0) and bridge1 (15.0 sample renamed). */
    static String bridges() {
        return Samples.load(BridgeModuleTest.BRIDGE_14)
                + Samples.load("ifconfig-bridge0-1member-15.0-seed.txt").replace("bridge0", "bridge1");
    }

    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "epair3");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    Plan plan(String stdout, Map<String, Object> raw) {
        EpairModule.Desired d = module.desired(FakeModuleContext.args(module.spec(), raw));
        return module.plan(module.parse(d, ExecResult.of(0, stdout, "")), d);
    }

    static List<String> commands(Plan p) {
        return p.changes().stream().flatMap(c -> c.commands().stream()).toList();
    }

    static String state(String a, int aStatus, String b, int bStatus) {
        return Sections.frame("a", a, aStatus) + Sections.frame("b", b, bStatus);
    }

    @Test
    void b_end_inside_a_jail_is_neither_recreated_nor_an_error() {
        String s = state(aEnd(), 0, noSuch("epair3b"), 1) + Sections.frame("bridges", bridges(), 0);
        Plan p = plan(s, args("bridge", "bridge0", "description", "vnet jail web.example.org (epair3b)"));
        assertThat(p.failure()).isNull();
        assertThat(p.changes()).isEmpty();
    }

    @Test
    void moving_the_a_end_to_another_bridge() {
        String s = state(aEnd(), 0, noSuch("epair3b"), 1) + Sections.frame("bridges", bridges(), 0);
        Plan p = plan(s, args("bridge", "bridge1"));
        assertThat(commands(p)).containsExactly("ifconfig bridge0 deletem epair3a", "ifconfig bridge1 addm epair3a");
    }

    @Test
    void missing_pair_is_created_with_its_unit_then_attached() {
        String s = state(noSuch("epair3a"), 1, noSuch("epair3b"), 1) + Sections.frame("bridges", bridges(), 0);
        Plan p = plan(s, args("bridge", "bridge0", "description", "jail web", "addresses", List.of("10.0.0.1/30")));
        assertThat(commands(p)).containsExactly("ifconfig epair3 create", "ifconfig epair3a description 'jail web'",
                "ifconfig epair3a inet 10.0.0.1/30 alias", "ifconfig bridge0 addm epair3a", "ifconfig epair3a up");
    }

    @Test
    void a_bridge_that_does_not_exist_yet_is_named_in_the_change() {
        String s = state(noSuch("epair3a"), 1, noSuch("epair3b"), 1) + Sections.frame("bridges", "", 0);
        Plan p = plan(s, args("bridge", "bridge7"));
        assertThat(p.changes()).anySatisfy(c -> assertThat(c.description()).contains("does not exist yet"));
    }

    @Test
    void only_the_b_end_visible_is_refused() {
        String b = Samples.load("ifconfig-epair1b-in-vnet-jail-15.0-seed.txt").replace("epair1b", "epair3b");
        Plan p = plan(state(noSuch("epair3a"), 1, b, 0), args());
        assertThat(p.failure()).contains("epair3a is not on this host");
    }

    @Test
    void absent_destroys_through_whichever_end_is_visible() {
        assertThat(commands(plan(state(aEnd(), 0, noSuch("epair3b"), 1), args("state", "absent"))))
                .containsExactly("ifconfig epair3a destroy");
        String b = Samples.load("ifconfig-epair1b-in-vnet-jail-15.0-seed.txt").replace("epair1b", "epair3b");
        assertThat(commands(plan(state(noSuch("epair3a"), 1, b, 0), args("state", "absent"))))
                .containsExactly("ifconfig epair3b destroy");
        assertThat(plan(state(noSuch("epair3a"), 1, noSuch("epair3b"), 1), args("state", "absent")).changes())
                .isEmpty();
    }

    @Test
    void present_never_destroys() {
        for (String s : List.of(state(aEnd(), 0, noSuch("epair3b"), 1), state(noSuch("epair3a"), 1, noSuch("epair3b"), 1))) {
            assertThat(commands(plan(s, args("mtu", 9000, "addresses", List.of("10.1.1.1/24")))))
                    .noneMatch(c -> c.contains("destroy") || c.contains("-alias") || c.contains("deletem"));
        }
    }

    @Test
    void names_are_checked_when_the_playbook_loads() {
        for (String bad : List.of("epair3a", "epair", "epair3; reboot", "$(reboot)", "`id`", "epair3\n")) {
            assertThat(FakeModuleContext.errors(module.spec(), Map.of("name", bad))).as(bad).isNotEmpty();
        }
        assertThat(FakeModuleContext.errors(module.spec(), Map.of("name", "epair3", "bridge", "bridge0 up; reboot")))
                .isNotEmpty();
    }
}
