package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {
    static final List<String> INJECTIONS = List.of("bridge0; rm -rf /", "$(reboot)", "`reboot`", "bridge0\n",
            "bridge0\nreboot", "br idge0", "bridge0|sh", "bridge0&", "'bridge0'", "\"x\"", "a>b", "");

    @Test
    void interface_names() {
        for (String ok : List.of("bridge0", "epair12a", "vtnet0", "lagg0.100", "em_1", "abcdefghijklmno")) {
            assertThat(InterfaceName.problem(ok)).as(ok).isNull();
        }
        for (String bad : INJECTIONS) {
            assertThat(InterfaceName.problem(bad)).as(bad).isNotNull();
        }
        assertThat(InterfaceName.problem("abcdefghijklmnop")).contains("longer than 15");
        assertThat(InterfaceName.problem("0bridge")).isNotNull();
        assertThatThrownBy(() -> InterfaceName.of("$(reboot)")).isInstanceOf(IllegalArgumentException.class);
        assertThat(InterfaceName.problem("bridge0\nreboot")).contains("\\n").doesNotContain("\n");
    }

    @Test
    void cloned_names_need_the_driver_and_a_unit() {
        assertThat(InterfaceName.clonedProblem("bridge0", "bridge")).isNull();
        assertThat(InterfaceName.clonedProblem("bridge42", "bridge")).isNull();
        assertThat(InterfaceName.clonedProblem("epair3", "epair")).isNull();
        for (String bad : List.of("bridge", "bridge01", "epair0", "bridge0a", "mybridge0")) {
            assertThat(InterfaceName.clonedProblem(bad, "bridge")).as(bad).isNotNull();
        }
        assertThat(InterfaceName.clonedProblem("epair0a", "epair")).isNotNull();
    }

    @Test
    void jail_names() {
        for (String ok : List.of("web", "web_01", "db-prod", "_x", "w3")) {
            assertThat(JailName.problem(ok)).as(ok).isNull();
        }
        for (String bad : INJECTIONS) {
            assertThat(JailName.problem(bad)).as(bad).isNotNull();
        }
        assertThat(JailName.problem("web.example")).contains("hierarchy");
        assertThat(JailName.problem("123")).isNotNull();
        assertThat(JailName.problem("-web")).isNotNull();
        assertThat(JailName.of("db-prod").rcVarPart()).isEqualTo("db_prod");
    }

    @Test
    void other_names_and_paths() {
        assertThat(Names.rcVarProblem("jail_enable")).isNull();
        assertThat(Names.rcVarProblem("jail-enable")).isNotNull();
        assertThat(Names.rcVarProblem("x=y")).isNotNull();
        assertThat(Names.serviceProblem("local_unbound")).isNull();
        assertThat(Names.serviceProblem("sshd;reboot")).isNotNull();
        assertThat(Names.jailParamProblem("allow.raw_sockets")).isNull();
        assertThat(Names.jailParamProblem("allow.raw_sockets=1")).isNotNull();
        assertThat(Names.jailParamProblem("Allow")).isNotNull();
        assertThat(Names.absolutePathProblem("/etc/jail.conf.d/web.conf")).isNull();
        assertThat(Names.absolutePathProblem("etc/rc.conf")).isNotNull();
        assertThat(Names.absolutePathProblem("/etc/../tmp/x")).isNotNull();
        assertThat(Names.absolutePathProblem("/etc/rc.conf\nreboot")).isNotNull();
    }
}
