package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drover.freebsd.RcVarState;
import org.drover.freebsd.ZfsPropertyName;
import org.junit.jupiter.api.Test;

/** Values that land in rc.conf or jail.conf lines, and names that land in command options. */
class LineValuesTest {
    @Test
    void a_newline_in_a_sysrc_value_is_refused_at_load_time_and_in_the_planner() {
        assertThat(FakeModuleContext.errors(new SysrcModule().spec(),
                Map.of("name", "foo_flags", "value", "x\"\nreboot\n")))
                .singleElement().asString().contains("argument 'value'").contains("control characters")
                .contains("x\"\\nreboot\\n");
        assertThat(FakeModuleContext.errors(new SysrcModule().spec(),
                Map.of("name", "foo_flags", "value", "a\u001b]0;t\u0007", "state", "value_present"))).hasSize(1);
        RcVarState cur = new RcVarState("foo_flags", Optional.empty(), false);
        assertThatThrownBy(() -> SysrcChanges.set("/etc/rc.conf", cur, "a\nreboot"))
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> SysrcChanges.addWords("/etc/rc.conf", cur, List.of("a\rb")))
                .hasMessageContaining("control characters");
    }

    @Test
    void a_newline_in_a_persisted_bridge_description_is_refused() {
        assertThat(FakeModuleContext.errors(new BridgeModule().spec(),
                Map.of("name", "bridge0", "description", "lab\nreboot", "persist", true)))
                .singleElement().asString().contains("argument 'description'");
        assertThat(FakeModuleContext.errors(new EpairModule().spec(),
                Map.of("name", "epair0", "description", "lab\u0000"))).hasSize(1);
        assertThat(FakeModuleContext.errors(new BridgeModule().spec(),
                Map.of("name", "bridge0", "description", "lab net; \"quoted\" $(x)"))).isEmpty();
    }

    @Test
    void jail_conf_values_refuse_control_characters_and_params_command_goes_to_exec() {
        JailModule m = new JailModule();
        assertThat(FakeModuleContext.errors(m.spec(), Map.of("name", "web", "path", "/jails/web",
                "params", Map.of("command", "/bin/sh /etc/rc"))))
                .singleElement().asString().contains("give command in exec");
        assertThat(FakeModuleContext.errors(m.spec(), Map.of("name", "web", "path", "/jails/web",
                "params", Map.of("exec.start", "/bin/sh /etc/rc"))))
                .singleElement().asString().contains("give exec.start in exec");
        assertThat(FakeModuleContext.errors(m.spec(), Map.of("name", "web", "path", "/jails/web",
                "params", Map.of("exec.jail_user", "www")))).isEmpty();
        assertThat(FakeModuleContext.errors(m.spec(), Map.of("name", "web", "path", "/jails/web",
                "params", Map.of("osrelease", "14.3\n}\nevil {")))).hasSize(1);
        assertThat(FakeModuleContext.errors(m.spec(), Map.of("name", "web", "path", "/jails/web",
                "exec", Map.of("start", List.of("/bin/sh /etc/rc", "echo\nhi"))))).hasSize(1);
    }

    @Test
    void zfs_property_names_may_not_start_with_a_dash_nor_values_hold_escapes() {
        assertThat(ZfsPropertyName.problem("-o:x")).contains("starts with '-'");
        assertThat(ZfsPropertyName.problem("com.example:role")).isNull();
        assertThat(ZfsPropertyName.valueProblem("a\u001b[2J")).contains("control characters");
        assertThat(ZfsCloneModule.propertiesProblem(Map.of("-x:y", "1"))).contains("starts with '-'");
    }
}
