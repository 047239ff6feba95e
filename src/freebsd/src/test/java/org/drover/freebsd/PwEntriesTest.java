package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PwEntriesTest {
    @Test
    void usershow_prints_the_master_passwd_line() {
        String out = Samples.load("pw-usershow-user-reconstructed.txt");
        PwEntries.User u = PwEntries.usershow("deploy", out, 0).orElseThrow();
        assertThat(u.uid()).isEqualTo(1001);
        assertThat(u.gid()).isEqualTo(1001);
        assertThat(u.password()).startsWith("$6$rounds=5000$");
        assertThat(u.gecos()).isEqualTo("Deploy user");
        assertThat(u.home()).isEqualTo("/home/deploy");
        assertThat(u.shell()).isEqualTo("/bin/sh");
        assertThat(u.loginClass()).isEmpty();
    }

    @Test
    void a_missing_user_is_a_state_other_failures_are_errors() {
        String out = Samples.load("pw-usershow-no-such-user-reconstructed.txt");
        assertThat(PwEntries.usershow("bogus", out, 67)).isEmpty();
        assertThatThrownBy(() -> PwEntries.usershow("other", out, 67)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PwEntries.usershow("x", "sh: pw: not found\n", 127))
                .hasMessageContaining("exited 127");
        assertThatThrownBy(() -> PwEntries.usershow("x", "x:1:2\n", 0)).hasMessageContaining("10 fields");
    }

    @Test
    void groups_all_and_one() {
        List<String> lines = Samples.load("pw-groupshow-reconstructed.txt").lines().toList();
        List<PwEntries.Group> all = PwEntries.allGroups(String.join("\n", lines.subList(0, 4)) + "\n", 0);
        assertThat(all).extracting(PwEntries.Group::name).containsExactly("wheel", "operator", "staff", "deploy");
        assertThat(all.get(0).members()).containsExactly("root", "deploy");
        assertThat(all.get(2).members()).isEmpty();
        assertThat(PwEntries.groupshow("nope", lines.get(4) + "\n", 67)).isEmpty();
        assertThat(PwEntries.groupshow("staff", lines.get(2) + "\n", 0).orElseThrow().gid()).isEqualTo(20);
    }

    @Test
    void names_and_fields_that_would_break_the_files_or_a_command_line_are_refused() {
        assertThat(PwEntries.nameProblem("deploy")).isNull();
        assertThat(PwEntries.nameProblem("host$")).isNull();
        assertThat(PwEntries.nameProblem("-rf")).isNotNull();
        assertThat(PwEntries.nameProblem("a:b")).isNotNull();
        assertThat(PwEntries.nameProblem("a\nb")).contains("\\n");
        assertThat(PwEntries.nameProblem("x".repeat(33))).isNotNull();
        assertThat(PwEntries.fieldProblem("Ann, room 2")).isNull();
        assertThat(PwEntries.fieldProblem("a:b")).contains("':'");
        assertThat(PwEntries.fieldProblem("a\nroot::0:0")).contains("control");
        assertThat(PwEntries.pathProblem("bin/sh")).isNotNull();
        assertThat(PwEntries.pathProblem("/bin/sh")).isNull();
    }
}
