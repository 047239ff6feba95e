package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SysrcParserTest {
    @Test
    void value_and_unknown_variable() {
        List<String> lines = Samples.load("sysrc-n-and-unknown.txt").lines().toList();
        assertThat(SysrcParser.parseValue("jail_enable", lines.get(0) + "\n", 0)).contains("YES");
        assertThat(SysrcParser.isUnknownVariable(lines.get(1), "jail_web_conf")).isTrue();
        assertThat(SysrcParser.isUnknownVariable(lines.get(1), "jail_enable")).isFalse();
        assertThat(SysrcParser.parseValue("jail_web_conf", lines.get(1) + "\n", 1)).isEmpty();
        assertThatThrownBy(() -> SysrcParser.parseValue("x", "sysrc: Exiting due to previous syntax errors\n", 1))
                .hasMessageContaining("syntax errors");
    }

    @Test
    void assignments_with_empty_before_and_unchanged_values() {
        List<SysrcParser.Assignment> a = SysrcParser.parseAssignments(Samples.load("sysrc-set-change-and-new.txt"));
        assertThat(a).containsExactly(
                new SysrcParser.Assignment("jail_enable", "NO", "YES"),
                new SysrcParser.Assignment("cloned_interfaces", "", "bridge0"),
                new SysrcParser.Assignment("cloned_interfaces", "bridge0", "bridge0 epair0"),
                new SysrcParser.Assignment("ifconfig_bridge0", "addm vtnet0 up", "addm vtnet0 up"));
        assertThat(a.get(3).changed()).isFalse();
        assertThat(a.get(0).changed()).isTrue();
    }

    @Test
    void query_of_several_names() {
        String out = "jail_enable: YES\nsysrc: unknown variable 'jail_list'\nifconfig_bridge0: addm a up\n"
                + "cloned_interfaces:\n";
        var v = SysrcParser.parseQuery(List.of("jail_enable", "jail_list", "ifconfig_bridge0", "cloned_interfaces"),
                out);
        assertThat(v.get("jail_enable")).contains("YES");
        assertThat(v.get("jail_list")).isEmpty();
        assertThat(v.get("ifconfig_bridge0")).contains("addm a up");
        assertThat(v.get("cloned_interfaces")).isEqualTo(Optional.of(""));
        assertThatThrownBy(() -> SysrcParser.parseQuery(List.of("a"), "sysrc: Exiting due to previous syntax errors"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void assigned_names_from_grep() {
        assertThat(SysrcParser.assignedNames("jail_enable=\"YES\"\n  jail_list=\"web db\"\n"))
                .containsExactly("jail_enable", "jail_list");
    }
}
