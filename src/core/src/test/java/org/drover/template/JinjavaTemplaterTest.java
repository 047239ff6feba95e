package org.drover.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JinjavaTemplaterTest {
    private final Templater t = new JinjavaTemplater();
    private final Map<String, Object> vars = vars();

    private static Map<String, Object> vars() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", "Web01");
        v.put("ports", List.of(80, 443, 80));
        v.put("jails", List.of(Map.of("name", "web", "vnet", true), Map.of("name", "db", "vnet", false)));
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("a", 1);
        base.put("nested", Map.of("x", 1));
        v.put("base", base);
        v.put("flag", "yes");
        v.put("path", "/jails/web/root");
        v.put("nothing", null);
        v.put("json", "{\"k\": [1, 2]}");
        return v;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            "{{ name | lower }} => web01",
            "{{ name | upper }} => WEB01",
            "{{ missing | default('dflt') }} => dflt",
            "{{ ports | unique | join(',') }} => 80,443",
            "{{ ports | sort | first }} => 80",
            "{{ ports | last }} => 80",
            "{{ ports | length }} => 3",
            "{{ jails | map(attribute='name') | join(' ') }} => web db",
            "{{ jails | selectattr('vnet') | map(attribute='name') | join(' ') }} => web",
            "{{ ports | select('equalto', 443) | list | length }} => 1",
            "{{ flag | bool }} => true",
            "{{ '42' | int + 1 }} => 43",
            "{{ path | basename }} => root",
            "{{ path | dirname }} => /jails/web",
            "{{ (name == 'Web01') | ternary('yes', 'no') }} => yes",
            "{{ 'a b' | quote }} => 'a b'",
            "{{ 'epair12a' | regex_replace('^epair(\\d+)a$', 'e\\1b') }} => e12b",
            "{{ 'bridge0: flags' | regex_search('bridge\\d+') }} => bridge0",
            "{{ base | dict2items | map(attribute='key') | join(',') }} => a,nested",
            "{{ (json | from_json).k | length }} => 2",
            "{{ 443 in ports }} => true",
            "{{ missing is defined }} => false",
                        "host-{{ name }}-x => host-Web01-x",
            "{{ name is match('Web') }} => true",
            "{{ name is match('eb') }} => false",
            "{{ name is search('eb0') }} => true",
            "{{ '14.3-RELEASE-p2' is version('14.0', '>=') }} => true",
            "{{ '13.4-RELEASE' is version('14.0', '>=') }} => false",
            "{{ '15.0' is version('15.0') }} => true",
    })
    void filters_and_tests(String template, String expected) {
        assertThat(String.valueOf(t.render(template, vars))).isEqualTo(expected);
    }

    @Test
    void whole_expression_keeps_native_types() {
        assertThat(t.render("{{ ports }}", vars)).isEqualTo(List.of(80L, 443L, 80L));
        assertThat(t.render("{{ ports | length }}", vars)).isEqualTo("3"); // Ansible 2.14: a number becomes text
        assertThat(t.render("{{ flag | bool }}", vars)).isEqualTo(true);
        assertThat(t.render(Map.of("k", List.of("{{ name }}", 5)), vars)).isEqualTo(Map.of("k", List.of("Web01", 5)));
    }

    @Test
    void combine_merges_shallow_and_recursive() {
        Object shallow = t.render("{{ base | combine({'nested': {'y': 2} }) }}", vars);
        assertThat(shallow).isEqualTo(Map.of("a", 1L, "nested", Map.of("y", 2L)));
        Object deep = t.render("{{ base | combine({'nested': {'y': 2} }, recursive=True) }}", vars);
        assertThat(deep).isEqualTo(Map.of("a", 1L, "nested", Map.of("x", 1L, "y", 2L)));
    }

    @Test
    void items2dict_and_to_json_round_trip() {
        Object d = t.render("{{ [{'key': 'a', 'value': 1}] | items2dict }}", vars);
        assertThat(d).isEqualTo(Map.of("a", 1L));
        assertThat(t.render("{{ base | to_json }}", vars)).isEqualTo("{\"a\": 1, \"nested\": {\"x\": 1}}");
        assertThat(t.render("{{ {'f': 1.0, 'b': [1, 2]} | to_json }}", vars)).isEqualTo("{\"f\": 1.0, \"b\": [1, 2]}");
        assertThat(t.render("{{ {'f': 1.0, 'b': [1]} | to_nice_json }}", vars))
                .isEqualTo("{\n    \"b\": [\n        1\n    ],\n    \"f\": 1.0\n}");
        assertThat(t.render("{{ ports | to_yaml }}", vars)).isEqualTo("[80, 443, 80]\n");
    }

    @Test
    void undefined_variable_is_an_error_naming_it() {
        assertThatThrownBy(() -> t.render("prefix {{ undefined_thing }}", vars))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("'undefined_thing' is undefined")
                .satisfies(e -> assertThat(((TemplateException) e).variable()).isEqualTo("undefined_thing"));
        assertThatThrownBy(() -> t.render("{{ other_missing }}", vars))
                .isInstanceOf(TemplateException.class)
                .satisfies(e -> assertThat(((TemplateException) e).variable()).isEqualTo("other_missing"));
    }

    @Test
    void mandatory_fails_on_undefined() {
        assertThatThrownBy(() -> t.render("{{ needed | mandatory }}", vars))
                .isInstanceOf(TemplateException.class).hasMessageContaining("needed");
    }

    @Test
    void conditions_use_jinja_truthiness() {
        assertThat(t.test("name == 'Web01' and 80 in ports", vars)).isTrue();
        assertThat(t.test("missing is not defined", vars)).isTrue();
        // A variable set to null is defined, with the value None: default() keeps it, None writes as nothing
        // (Ansible 2.14: True and '').
        assertThat(t.test("nothing is defined", vars)).isTrue();
        assertThat(t.render("{{ nothing | default('none given') }}", vars)).isEqualTo("");
        assertThat(t.render("{{ nothing | default('none given', true) }}", vars)).isEqualTo("none given");
        assertThat(t.test("[]", vars)).isFalse();
        assertThat(t.test("flag | bool", vars)).isTrue();
    }

    @Test
    void strings_without_templates_are_returned_unchanged() {
        assertThat(t.render("plain {not a template}", vars)).isEqualTo("plain {not a template}");
    }

    @Test
    void aValueAnExpressionYieldsIsNeverRenderedAgain() {
        Map<String, Object> vars = new java.util.HashMap<>();
        vars.put("out", "{{ secret }} {% if true %}x{% endif %}");
        vars.put("secret", "s3cret");
        assertThat(t.render("[{{ out }}]", vars)).isEqualTo("[{{ secret }} {% if true %}x{% endif %}]");
        assertThat(t.render("{{ out }}", vars)).isEqualTo("{{ secret }} {% if true %}x{% endif %}");
        assertThat(t.render("{% for l in [out] %}{{ l }}{% endfor %}", vars)).isEqualTo("{{ secret }} {% if true %}x{% endif %}");
    }

    @Test
    void aLazyVariableIsComputedWhenReadAndItsErrorFailsTheTemplate() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        Map<String, Object> vars = new java.util.HashMap<>();
        vars.put("a", new Lazy(() -> "v" + reads.incrementAndGet(), "{{ b }}"));
        vars.put("bad", new Lazy(() -> {
            throw new TemplateException("'nope' is undefined (in '{{ nope }}')", "nope");
        }, "{{ nope }}"));
        assertThat(t.render("x {{ a }}", vars)).isEqualTo("x v1");
        assertThat(t.render("{{ a }}", vars)).isEqualTo("v2");
        assertThat(t.render("{{ 'y' }}", vars)).isEqualTo("y");
        assertThat(reads.get()).isEqualTo(2);
        assertThatThrownBy(() -> t.render("x {{ bad }}", vars)).isInstanceOf(TemplateException.class).hasMessageContaining("'nope' is undefined");
        assertThatThrownBy(() -> t.render("{{ bad }}", vars)).isInstanceOf(TemplateException.class).hasMessageContaining("'nope' is undefined");
    }
}
