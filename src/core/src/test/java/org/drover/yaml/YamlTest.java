package org.drover.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlTest {

    private static Object load(String text) {
        return Yaml.compose(text, "t.yml").map(Yaml::toValue).orElse(null);
    }

    private static LoadError errorOf(String text) {
        try {
            load(text);
        } catch (LoadException e) {
            return e.errors().get(0);
        }
        throw new AssertionError("expected an error for:\n" + text);
    }

    @Test
    void yaml_1_1_types_as_ansible_reads_them() {
        // Measured with ansible-core 2.14 (PyYAML): a: True, b: 493, c: True, d: '0o17', f: 1.5, g: '12', h: False,
        // i: 'y', j: 5, k: 1000, l: 90, m: '1e3', n: 1000.0, o: '08', p: 'Yes please'
        Map<?, ?> v = (Map<?, ?>) load("a: yes\nb: 0755\nc: true\nd: 0o17\ne: ~\nf: 1.5\ng: '12'\nh: Off\ni: y\nj: 0b101\n"
                + "k: 1_000\nl: 1:30\nm: 1e3\nn: 1.0e+3\no: 08\np: Yes please\n");
        assertThat(v.get("a")).isEqualTo(true);
        assertThat(v.get("b")).isEqualTo(493L);
        assertThat(v.get("c")).isEqualTo(true);
        assertThat(v.get("d")).isEqualTo("0o17");
        assertThat(v.containsKey("e")).isTrue();
        assertThat(v.get("e")).isNull();
        assertThat(v.get("f")).isEqualTo(1.5);
        assertThat(v.get("g")).isEqualTo("12");
        assertThat(v.get("h")).isEqualTo(false);
        assertThat(v.get("i")).isEqualTo("y");
        assertThat(v.get("j")).isEqualTo(5L);
        assertThat(v.get("k")).isEqualTo(1000L);
        assertThat(v.get("l")).isEqualTo(90L);
        assertThat(v.get("m")).isEqualTo("1e3");
        assertThat(v.get("n")).isEqualTo(1000.0);
        assertThat(v.get("o")).isEqualTo("08");
        assertThat(v.get("p")).isEqualTo("Yes please");
    }

    @Test
    void marks_are_one_based_line_and_column() {
        var node = Yaml.compose("x: 1\nlist:\n  - name: a\n", "p.yml").orElseThrow();
        var list = Yaml.entries(node, "doc").get(1).value();
        var item = Yaml.items(list, "list").get(0);
        assertThat(Yaml.mark(item)).isEqualTo(new SourceMark("p.yml", 3, 5));
    }

    @Test
    void duplicate_keys_are_errors_with_both_lines() {
        LoadError e = errorOf("a: 1\nb:\n  c: 1\n  c: 2\n");
        assertThat(e.mark()).isEqualTo(new SourceMark("t.yml", 4, 3));
        assertThat(e.message()).contains("duplicate key 'c'").contains("line 3");
    }

    @Test
    void tabs_in_indentation_get_a_hint() {
        LoadError e = errorOf("a:\n\tb: 1\n");
        assertThat(e.mark().line()).isEqualTo(2);
        assertThat(e.message()).contains("spaces, not tabs");
    }

    @Test
    void unquoted_template_gets_a_hint() {
        LoadError e = errorOf("- name: x\n  debug:\n    msg: {{ foo }}\n");
        assertThat(e.mark().line()).isEqualTo(3);
        assertThat(e.message()).contains("must be quoted");
    }

    @Test
    void unclosed_quote_is_located() {
        LoadError e = errorOf("a: \"abc\nb: 2\n");
        assertThat(e.mark().file()).isEqualTo("t.yml");
        assertThat(e.message()).contains("a quoted string is not closed");
    }

    @Test
    void anchor_loops_are_refused() {
        LoadError e = errorOf("a: &x\n  - *x\n");
        assertThat(e.message()).containsAnyOf("refers to itself", "recursive");
    }

    @Test
    void merge_keys_apply_with_explicit_keys_winning() {
        Object v = load("base: &b\n  x: 1\n  y: 2\nother:\n  <<: *b\n  y: 3\n");
        assertThat(((Map<?, ?>) v).get("other")).isEqualTo(Map.of("x", 1L, "y", 3L));
    }

    @Test
    void empty_document_is_empty() {
        assertThat(Yaml.compose("# nothing\n", "e.yml")).isEmpty();
        assertThat(load("- 1\n- two\n")).isEqualTo(List.of(1L, "two"));
    }
}
