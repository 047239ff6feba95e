package org.drover.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyValueTest {
    @Test
    void pairs_with_quotes_escapes_and_templates() {
        assertThat(KeyValue.parse("a=1 b='x y' c=\"say \\\"hi\\\"\" d={{ foo | default('a b') }} e="))
                .containsExactly(Map.entry("a", "1"), Map.entry("b", "x y"), Map.entry("c", "say \"hi\""),
                        Map.entry("d", "{{ foo | default('a b') }}"), Map.entry("e", ""));
    }

    @Test
    void equals_signs_in_values_stay() {
        assertThat(KeyValue.parse("line='x=1' opts=a=b")).containsExactly(Map.entry("line", "x=1"), Map.entry("opts", "a=b"));
    }

    @Test
    void malformed_strings_are_refused() {
        assertThatThrownBy(() -> KeyValue.parse("a=1 b")).hasMessageContaining("got 'b'");
        assertThatThrownBy(() -> KeyValue.parse("a='1")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> KeyValue.parse("a=1 a=2")).hasMessageContaining("'a' given twice");
    }

    @Test
    void free_form_keeps_the_command_as_written_and_extracts_known_pairs() {
        Set<String> known = Set.of("cmd", "chdir", "creates");
        assertThat(KeyValue.parseFreeForm("echo 'a  b' x=1 chdir=/tmp | wc", "cmd", known))
                .containsExactly(Map.entry("chdir", "/tmp"), Map.entry("cmd", "echo 'a  b' x=1 | wc"));
        assertThat(KeyValue.parseFreeForm("creates=/x", "cmd", known)).containsExactly(Map.entry("creates", "/x"));
        assertThat(KeyValue.parseFreeForm("echo \"{{ a }}  b\"", "cmd", known))
                .containsExactly(Map.entry("cmd", "echo \"{{ a }}  b\""));
    }

    @Test
    void escapes_are_decoded_as_parse_kv_does() {
        assertThat(KeyValue.parse("msg=\"a\\nb\" t=x\\ty u=\\u00e9 q=a\\x41"))
                .containsExactly(Map.entry("msg", "a\nb"), Map.entry("t", "x\ty"), Map.entry("u", "\u00e9"),
                        Map.entry("q", "aA"));
        // the command of command/shell is left as written; a file= of a non-command module is an argument
        assertThat(KeyValue.parseFreeForm("printf 'a\\nb' chdir=/t\\tx", "cmd", java.util.Set.of("chdir")))
                .containsExactly(Map.entry("chdir", "/t\tx"), Map.entry("cmd", "printf 'a\\nb'"));
        assertThat(KeyValue.parseFreeForm("file=v.yml", "file", java.util.Set.of("file", "name"), false))
                .containsExactly(Map.entry("file", "v.yml"));
    }
}
