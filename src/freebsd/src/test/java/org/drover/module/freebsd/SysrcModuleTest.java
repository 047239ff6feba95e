package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.freebsd.Sections;
import org.drover.module.Plan;
import org.drover.transport.ExecResult;
import org.junit.jupiter.api.Test;

class SysrcModuleTest {
    final SysrcModule module = new SysrcModule();

    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static String read(String name, String value, boolean inFile) {
        String values = value == null ? "sysrc: unknown variable '" + name + "'\n" : name + ": " + value + "\n";
        return Sections.frame("rc.values", values, value == null ? 1 : 0)
                + Sections.frame("rc.file", inFile ? name + "=\"" + value + "\"\n" : "", 0);
    }

    Plan plan(String stdout, Map<String, Object> raw) {
        SysrcModule.Desired d = module.desired(FakeModuleContext.args(module.spec(), raw));
        return module.plan(module.parse(d, ExecResult.of(0, stdout, "")), d);
    }

    static List<String> commands(Plan p) {
        return p.changes().stream().flatMap(c -> c.commands().stream()).toList();
    }

    @Test
    void set_shows_old_and_new_value() {
        Plan p = plan(read("jail_enable", "NO", false), args("name", "jail_enable", "value", "YES"));
        assertThat(commands(p)).containsExactly("sysrc -f /etc/rc.conf jail_enable=YES");
        assertThat(p.changes().get(0).diff().before()).isEqualTo("jail_enable=\"NO\"\n");
        assertThat(p.changes().get(0).diff().after()).isEqualTo("jail_enable=\"YES\"\n");
        assertThat(plan(read("jail_enable", "YES", true), args("name", "jail_enable", "value", "YES")).changes())
                .isEmpty();
    }

    @Test
    void values_with_spaces_and_quotes_are_one_quoted_word() {
        Plan p = plan(read("ifconfig_em0", null, false), args("name", "ifconfig_em0", "value", "inet 10.0.0.1/24 'x'",
                "path", "/etc/rc.conf.d/network"));
        assertThat(commands(p)).containsExactly(
                "sysrc -f /etc/rc.conf.d/network 'ifconfig_em0=inet 10.0.0.1/24 '\\''x'\\'''");
        assertThat(p.changes().get(0).diff().before()).isEmpty();
    }

    @Test
    void absent_removes_only_an_assignment_in_the_file() {
        assertThat(commands(plan(read("foo_enable", "YES", true), args("name", "foo_enable", "state", "absent"))))
                .containsExactly("sysrc -f /etc/rc.conf -x foo_enable");
        // A value from /etc/defaults/rc.conf is not in the file: nothing to remove.
        assertThat(plan(read("jail_enable", "NO", false), args("name", "jail_enable", "state", "absent")).changes())
                .isEmpty();
    }

    @Test
    void word_lists() {
        Plan add = plan(read("cloned_interfaces", "lo1 bridge0", true),
                args("name", "cloned_interfaces", "value", "bridge0 epair0", "state", "value_present"));
        assertThat(commands(add)).containsExactly("sysrc -f /etc/rc.conf cloned_interfaces+=epair0");
        assertThat(add.changes().get(0).diff().after()).isEqualTo("cloned_interfaces=\"lo1 bridge0 epair0\"\n");
        Plan del = plan(read("cloned_interfaces", "lo1 bridge0", true),
                args("name", "cloned_interfaces", "value", "bridge0 epair9", "state", "value_absent"));
        assertThat(commands(del)).containsExactly("sysrc -f /etc/rc.conf cloned_interfaces-=bridge0");
        assertThat(del.changes().get(0).diff().after()).isEqualTo("cloned_interfaces=\"lo1\"\n");
        assertThat(plan(read("cloned_interfaces", "lo1 bridge0", true),
                args("name", "cloned_interfaces", "value", "bridge0", "state", "value_present")).changes()).isEmpty();
    }

    @Test
    void a_broken_rc_conf_fails_instead_of_looking_unset() {
        String s = Sections.frame("rc.values", "sysrc: Exiting due to previous syntax errors\n", 1)
                + Sections.frame("rc.file", "", 0);
        assertThat(plan(s, args("name", "x", "value", "1")).failure()).contains("syntax errors");
    }

    @Test
    void bad_names_and_paths_fail_at_load_time() {
        for (String bad : List.of("x;reboot", "$(reboot)", "a b", "x\n")) {
            assertThat(FakeModuleContext.errors(module.spec(), args("name", bad, "value", "1"))).as(bad).isNotEmpty();
        }
        assertThat(FakeModuleContext.errors(module.spec(), args("name", "x", "value", "1", "path", "rc.conf"))).isNotEmpty();
    }
}
