package org.drover.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drover.yaml.LoadError;
import org.drover.yaml.LoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unknown filters, tests, lookups and Jinja syntax errors are load errors at the string that holds them. */
class TemplateScanTest {
    @Test
    void every_problem_of_every_templated_string_is_reported_where_it_is_written(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("play.yml");
        Files.writeString(f, """
                - hosts: all
                  vars:
                    x: "{{ 'a' | nosuchfilter }}"
                  tasks:
                    - debug: msg="{{ 'x' | regex_replac('a','b') }}"
                      when: x is odd_thing
                    - debug: msg="{{ lookup('nosuch', 'x') }} {{ lookup('env', 'HOME') }}"
                    - debug: msg="{{ x | }}"
                    - debug: msg="{% if x %}{{ x | upperr }}{% endif %} {{ y | d(1) }}"
                      failed_when: x ==
                """);
        LoadException e = assertThrows(LoadException.class, () -> TestModules.loader().load(f));
        assertThat(e.errors()).extracting(LoadError::toString).containsExactly(
                f + ":3:8: unknown filter 'nosuchfilter'",
                f + ":5:14: unknown filter 'regex_replac' (did you mean 'regex_replace'?)",
                f + ":6:13: unknown test 'odd_thing'",
                f + ":7:14: unknown lookup 'nosuch'",
                f + ":8:14: template syntax error in 'x |': unexpected end of expression",
                f + ":9:14: unknown filter 'upperr' (did you mean 'upper'?)",
                f + ":10:20: template syntax error in 'x ==': unexpected end of expression");
    }

    @Test
    void python_escapes_that_jinja2_keeps_load_in_bare_conditions_too(@TempDir Path dir) throws IOException {
        // Jinja2 keeps an unknown escape such as \. as written: a regex in a string literal is common in when:/that:
        Path f = dir.resolve("play.yml");
        Files.writeString(f, """
                - hosts: all
                  tasks:
                    - debug: msg="{{ 'a.b' is search('a\\.b') }}"
                      when: x is search('\\.\\.\\. 3 bytes')
                """);
        assertThat(TestModules.loader().load(f).plays()).hasSize(1);
    }

    @Test
    void template_files_with_a_static_src_are_parsed_too(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates/a.conf.j2"), "x={{ x }}\n{% for i in l %}{{ i | to_jsn }}{% endfor %}\n");
        Files.writeString(dir.resolve("templates/ok.j2"), "x={{ x | default(1) }}\n");
        Path f = dir.resolve("play.yml");
        Files.writeString(f, """
                - hosts: all
                  tasks:
                    - template: src=a.conf.j2 dest=/etc/a.conf
                    - template: {src: ok.j2, dest: /etc/ok}
                    - template: {src: "{{ n }}.j2", dest: /etc/n}
                """);
        LoadException e = assertThrows(LoadException.class, () -> TestModules.loader().load(f));
        // (the test modules have no template module: only the template errors matter here)
        assertThat(e.errors()).filteredOn(x -> x.message().startsWith("template ")).extracting(LoadError::toString).containsExactly(
                f + ":3:17: template a.conf.j2: unknown filter 'to_jsn' (did you mean 'to_json'?)");
    }

    @Test
    void known_filters_tests_and_lookups_load(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("play.yml");
        Files.writeString(f, """
                - hosts: all
                  tasks:
                    - debug: msg="{{ [1, 2] | map('string') | join(',') }} {{ lookup('env', 'HOME') }} {{ q('items', [1]) }}"
                      when: x is defined and x is version('1.0', '>=') and 'a' in x
                      until: ["x | bool", "{{ y }}"]
                """);
        assertThat(TestModules.loader().load(f).plays()).hasSize(1);
    }
}
