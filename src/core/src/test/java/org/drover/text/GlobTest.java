package org.drover.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {
    @Test
    void star_matches_any_run_and_question_mark_one_character() {
        assertThat(Glob.matches("web*", "web1")).isTrue();
        assertThat(Glob.matches("web*", "web")).isTrue();
        assertThat(Glob.matches("web?", "web")).isFalse();
        assertThat(Glob.matches("web?", "web12")).isFalse();
        assertThat(Glob.matches("a*b*c", "aXXbYc")).isTrue();
        assertThat(Glob.matches("a*b*c", "aXXbY")).isFalse();
        assertThat(Glob.matches("*.lab.example", "jail1.lab.example")).isTrue();
        assertThat(Glob.matches("10.1.?.7", "10.1.33.7")).isFalse();
        assertThat(Glob.matches("*", "")).isTrue();
        assertThat(Glob.matches("", "")).isTrue();
        assertThat(Glob.matches("", "a")).isFalse();
    }

    @Test
    void other_characters_are_literal() {
        assertThat(Glob.matches("db[1]", "db[1]")).isTrue();
        assertThat(Glob.matches("db[1-2]", "db1")).isFalse();
        assertThat(Glob.matches("a.c", "abc")).isFalse();
        assertThat(Glob.matches("a\\*", "a\\bc")).isTrue();
        assertThat(Glob.matches("Web*", "web1")).as("case matters").isFalse();
    }

    @Test
    void a_pattern_has_a_wildcard() {
        assertThat(Glob.isPattern("web*")).isTrue();
        assertThat(Glob.isPattern("web?")).isTrue();
        assertThat(Glob.isPattern("web[1:3]")).isFalse();
    }
}
