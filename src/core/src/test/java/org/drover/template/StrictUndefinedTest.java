package org.drover.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** An undefined name in an expression is an error, as in Ansible, except where Ansible accepts it. */
class StrictUndefinedTest {
    private final Templater t = new JinjavaTemplater();
    private final Map<String, Object> vars = vars();

    private static Map<String, Object> vars() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("deploy_enabled", true);
        v.put("mode", "a");
        v.put("nothing", null);
        v.put("blank", "");
        v.put("omit", "__omit_placeholder__");
        v.put("cfg", Map.of("port", 1, "nested", Map.of("x", 1)));
        v.put("jails", List.of(Map.of("name", "web", "vnet", true), Map.of("name", "db")));
        v.put("ansible_facts", Map.of("kernel", "FreeBSD"));
        return v;
    }

    /** The typo deploy_enable for deploy_enabled, in each shape a condition takes. */
    @ParameterizedTest
    @ValueSource(strings = {"not deploy_enable", "deploy_enable != 'x'", "deploy_enable | bool", "deploy_enable == 'x'",
            "deploy_enable", "deploy_enable and deploy_enabled", "deploy_enabled and deploy_enable",
            "(deploy_enable | length) > 0", "'on' in deploy_enable", "deploy_enable ~ 'x'",
            "deploy_enable.sub == 1"})
    void an_undefined_name_in_a_condition_is_an_error_naming_it(String condition) {
        assertThatThrownBy(() -> t.test(condition, vars))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("'deploy_enable' is undefined")
                .satisfies(e -> assertThat(((TemplateException) e).variable()).isEqualTo("deploy_enable"))
                .satisfies(e -> assertThat(((TemplateException) e).reason()).isEqualTo("'deploy_enable' is undefined"));
    }

    @Test
    void no_such_var_compared_is_an_error_too() {
        assertThatThrownBy(() -> t.test("no_such_var == 'x'", vars))
                .isInstanceOf(TemplateException.class).hasMessageContaining("'no_such_var' is undefined");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", value = {
            "deploy_enable is defined => false",
            "deploy_enable is not defined => true",
            "deploy_enable is undefined => true",
            "deploy_enable is not undefined => false",
            "deploy_enable is defined and deploy_enable => false",
            "deploy_enable is not defined or deploy_enable == 'x' => true",
            "deploy_enable | default(false) => false",
            "deploy_enable | default(true) | bool => true",
            "deploy_enable | d('a') == 'a' => true",
            "not (deploy_enable | default(false)) => true",
            "deploy_enable.sub.deeper | default('z') == 'z' => true",
            "deploy_enable.sub is defined => false",
            "cfg.nope | default(2) == 2 => true",
            "cfg.nope is defined => false",
            "cfg.nested.x is defined => true",
            "cfg.nested.nope is undefined => true",
            "cfg['port'] == 1 => true",
            "mode | default(unknown_fallback) == 'a' => true",
            "(deploy_enable | default(omit)) == omit => true",
            "blank | default('x') == '' => true",
            "blank | default('x', true) == 'x' => true",
            "blank | default('x', boolean=true) == 'x' => true",
            "deploy_enable | default(3) + 1 == 4 => true",
            "deploy_enable | default('x', true) == 'x' => true",
            "nothing == 'x' => false",
            "mode != none => true",
            "jails | selectattr('vnet', 'defined') | list | length == 1 => true",
            "jails | rejectattr('vnet', 'undefined') | map(attribute='name') | list == ['web'] => true",
            "cfg.items() | list | length == 2 => true",
            "cfg.keys() | list | length == 2 => true",
            "cfg.get('nope', 3) == 3 => true",
            "ansible_facts['kernel'] == 'FreeBSD' => true",
            "ansible_facts.os_family | default('none') == 'none' => true",
    })
    void what_ansible_accepts_keeps_working(String condition, boolean expected) {
        assertThat(t.test(condition, vars)).isEqualTo(expected);
    }

    @Test
    void an_attribute_a_mapping_lacks_names_the_missing_part() {
        assertThatThrownBy(() -> t.test("cfg.nope == 1", vars))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("'dict object' has no attribute 'nope'");
        assertThatThrownBy(() -> t.render("{{ cfg.nested.nope.deeper }}", vars))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("'dict object' has no attribute 'nope'");
        // an attribute of an undefined variable: the variable is what is missing
        assertThatThrownBy(() -> t.render("{{ cfgs.port.number }}", vars))
                .isInstanceOf(TemplateException.class).hasMessageStartingWith("'cfgs' is undefined");
    }

    @Test
    void a_missing_fact_in_a_condition_is_an_error_not_false() {
        assertThatThrownBy(() -> t.test("ansible_facts['os_family'] == 'FreeBSD'", vars))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("'dict object' has no attribute 'os_family'");
        assertThatThrownBy(() -> t.test("ansible_facts.os_family != 'FreeBSD'", vars))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("'dict object' has no attribute 'os_family'");
    }

    @Test
    void templates_inside_text_and_loops_are_strict_too() {
        assertThatThrownBy(() -> t.render("enabled={{ not deploy_enable }}", vars))
                .isInstanceOf(TemplateException.class).hasMessageStartingWith("'deploy_enable' is undefined");
        assertThatThrownBy(() -> t.render("{% if deploy_enable %}on{% endif %}", vars))
                .isInstanceOf(TemplateException.class).hasMessageStartingWith("'deploy_enable' is undefined");
        assertThatThrownBy(() -> t.render("{{ jails | map(attribute='vnet') | list }}", vars))
                .isInstanceOf(TemplateException.class).hasMessageContaining("has no attribute 'vnet'");
        assertThat(t.render("{% if deploy_enable is defined %}{{ deploy_enable }}{% else %}off{% endif %}", vars))
                .isEqualTo("off");
        assertThat(t.render("{% for j in jails %}{{ j.name }}{{ j.vnet | default(false) }};{% endfor %}", vars))
                .isEqualTo("webTrue;dbFalse;"); // Python's str() of a boolean, as Ansible writes it
        assertThat(t.render(Map.of("a", "{{ deploy_enable | default(omit) }}"), vars))
                .isEqualTo(Map.of("a", "__omit_placeholder__"));
    }

    @Test
    void mandatory_names_the_undefined_variable() {
        assertThatThrownBy(() -> t.render("{{ needed | mandatory }}", vars))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Mandatory variable 'needed' not defined.");
        assertThat(t.render("{{ mode | mandatory }}", vars)).isEqualTo("a");
    }

    @Test
    void a_default_that_is_itself_undefined_is_an_error_only_when_used() {
        assertThatThrownBy(() -> t.render("{{ missing | default(also_missing) }}", vars))
                .isInstanceOf(TemplateException.class).hasMessageStartingWith("'also_missing' is undefined");
    }
}
