package org.drover.module.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModesTest {
    @Test
    void octalAsAnsibleReadsIt() {
        assertThat(Modes.apply("0755", 0644, false, 022)).isEqualTo(0755);
        assertThat(Modes.apply("755", 0644, false, 022)).isEqualTo(0755);
        assertThat(Modes.apply("0o750", 0644, false, 022)).isEqualTo(0750);
        assertThat(Modes.apply(493, 0644, false, 022)).isEqualTo(0755); // unquoted 0755: YAML 1.1 octal
        assertThat(Modes.apply(644, 0, false, 022)).isEqualTo(01204); // unquoted 644: a decimal number, as Ansible
        assertThat(Modes.problem("0755")).isNull();
        assertThat(Modes.problem(0100644)).isEqualTo("Invalid mode supplied, only permission info is allowed");
    }

    @Test
    void symbolicRelativeToTheCurrentMode() {
        assertThat(Modes.apply("u+rwx,g-w,o=r", 0664, false, 022)).isEqualTo(0744);
        assertThat(Modes.apply("u=rw,g=r,o=", 0777, false, 022)).isEqualTo(0640);
        assertThat(Modes.apply("a+X", 0644, true, 022)).isEqualTo(0755);
        assertThat(Modes.apply("a+X", 0644, false, 022)).isEqualTo(0644);
        assertThat(Modes.apply("a+X", 0744, false, 022)).isEqualTo(0755);
        assertThat(Modes.apply("+w", 0444, false, 022)).isEqualTo(0644); // no who: the umask masks
        assertThat(Modes.apply("g=u", 0740, false, 022)).isEqualTo(0770);
        assertThat(Modes.apply("u+s,o+t", 0755, false, 022)).isEqualTo(05755);
        assertThat(Modes.apply("u=rwx,g=rx,o=", 0, true, 022)).isEqualTo(0750);
    }

    @Test
    void badSymbolicModes() {
        assertThat(Modes.problem("u+q")).startsWith("mode must be in octal or symbolic form");
        assertThat(Modes.problem("z+r")).startsWith("mode must be in octal or symbolic form");
        assertThat(Modes.problem("rwx")).startsWith("mode must be in octal or symbolic form");
        assertThat(Modes.problem(true)).isEqualTo("mode must be in octal or symbolic form");
    }
}
