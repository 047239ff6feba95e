package org.drover.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jinjava brings SnakeYAML (org.yaml:snakeyaml) through jackson-dataformat-yaml; the build excludes it so that
 * snakeyaml-engine is the only YAML library. Templating, the Ansible filters and the YAML ones among them must
 * work without it.
 */
class NoSnakeYamlTest {

    @Test
    void snakeYamlIsNotOnTheClassPath() {
        assertThatThrownBy(() -> Class.forName("org.yaml.snakeyaml.Yaml", false, getClass().getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void templatingAndFiltersWorkWithoutIt() {
        Templater t = new JinjavaTemplater();
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("name", "Web01");
        vars.put("ports", List.of(80, 443, 80));
        vars.put("conf", Map.of("k", List.of(1, 2)));

        assertThat(t.render("host-{{ name | lower }}", vars)).isEqualTo("host-web01");
        assertThat(t.render("{{ ports | unique | join(',') }}", vars)).isEqualTo("80,443");
        assertThat(t.render("{% for p in ports | unique %}{{ p }};{% endfor %}", vars)).isEqualTo("80;443;");
        assertThat(t.render("{{ conf | to_json }}", vars)).isEqualTo("{\"k\": [1, 2]}");
        assertThat(t.render("{{ conf | to_yaml }}", vars)).asString().contains("k: [1, 2]");
        assertThat(t.render("{{ conf | to_nice_yaml }}", vars)).asString().contains("k:").contains("- 1");
        assertThat(t.evaluate("ports | length", vars)).isEqualTo(3L);
    }
}
