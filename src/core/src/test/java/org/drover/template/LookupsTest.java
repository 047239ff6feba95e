package org.drover.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lookup()/query() as Ansible 2.14 runs them on the controller, files searched in the role, then the playbook. */
class LookupsTest {
    private final Templater t = new JinjavaTemplater();

    private static Map<String, Object> vars(Path playbookDir, Path rolePath) throws IOException {
        Files.createDirectories(playbookDir.resolve("files"));
        Files.createDirectories(playbookDir.resolve("templates"));
        Files.writeString(playbookDir.resolve("files/motd"), "hello\n\n");
        Files.writeString(playbookDir.resolve("plain.txt"), "  padded  \n");
        Files.writeString(playbookDir.resolve("templates/t.j2"), "port={{ port + 1 }}\n");
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("playbook_dir", playbookDir.toString());
        if (rolePath != null) {
            Files.createDirectories(rolePath.resolve("files"));
            Files.writeString(rolePath.resolve("files/motd"), "from the role\n");
            v.put("role_path", rolePath.toString());
        }
        v.put("port", 8080);
        v.put("name", "web");
        return v;
    }

    @Test
    void file_searches_files_then_the_playbook_dir_and_strips_the_end(@TempDir Path dir) throws IOException {
        Map<String, Object> v = vars(dir, null);
        assertThat(t.render("{{ lookup('file', 'motd') }}", v)).isEqualTo("hello");
        assertThat(t.render("[{{ lookup('file', 'plain.txt') }}]", v)).isEqualTo("[  padded]");
        assertThat(t.render("[{{ lookup('file', 'plain.txt', lstrip=True) }}]", v)).isEqualTo("[padded]");
        assertThat(t.render("{{ lookup('file', 'motd', 'plain.txt') }}", v)).isEqualTo("hello,  padded");
        assertThat(t.render("{{ lookup('file', 'motd') }}", vars(dir, dir.resolve("roles/r")))).isEqualTo("from the role");
    }

    @Test
    void errors_strict_fails_naming_the_file_ignore_and_warn_give_none(@TempDir Path dir) throws IOException {
        Map<String, Object> v = vars(dir, null);
        assertThatThrownBy(() -> t.render("{{ lookup('file', 'nope') }}", v)).hasMessageContaining("could not locate file in lookup: nope");
        assertThat(t.evaluate("lookup('file', 'nope', errors='ignore') is none", v)).isEqualTo(true);
        assertThat(t.evaluate("query('file', 'nope', errors='warn')", v)).isEqualTo(List.of());
    }

    @Test
    void template_renders_with_the_current_variables(@TempDir Path dir) throws IOException {
        assertThat(t.render("{{ lookup('template', 't.j2') }}", vars(dir, null))).isEqualTo("port=8081\n");
    }

    @Test
    void query_and_wantlist_give_lists_lookup_joins_strings(@TempDir Path dir) throws IOException {
        Map<String, Object> v = vars(dir, null);
        assertThat(t.evaluate("lookup('items', ['a', 'b'])", v)).isEqualTo("a,b");
        assertThat(t.evaluate("lookup('items', [1, 2])", v)).isEqualTo(List.of(1L, 2L));
        assertThat(t.evaluate("lookup('items', ['a', 'b'], wantlist=True)", v)).isEqualTo(List.of("a", "b"));
        assertThat(t.evaluate("query('items', ['a', ['b']])", v)).isEqualTo(List.of("a", List.of("b")));
        assertThat(t.evaluate("q('vars', 'name')", v)).isEqualTo(List.of("web"));
        assertThat(t.evaluate("lookup('vars', 'port')", v)).isEqualTo(8080L);
        assertThat(t.evaluate("lookup('vars', 'nope', default='d')", v)).isEqualTo("d");
    }

    @Test
    void env_pipe_lines_and_first_found(@TempDir Path dir) throws IOException {
        Map<String, Object> v = vars(dir, null);
        assertThat(t.evaluate("lookup('env', 'PATH')", v)).isEqualTo(System.getenv("PATH"));
        assertThat(t.evaluate("lookup('env', 'DROVER_SURELY_UNSET')", v)).isEqualTo("");
        assertThat(t.evaluate("lookup('pipe', 'echo hi; echo there')", v)).isEqualTo("hi\nthere");
        assertThat(t.evaluate("query('lines', 'printf \"a\\nb\\n\"')", v)).isEqualTo(List.of("a", "b"));
        assertThatThrownBy(() -> t.evaluate("lookup('pipe', 'exit 3')", v)).hasMessageContaining("returned 3");
        assertThat(t.evaluate("lookup('first_found', ['nope', 'motd'])", v)).isEqualTo(dir.resolve("files/motd").toString());
        assertThat(t.evaluate("lookup('first_found', ['nope'], skip=True)", v)).isEqualTo(List.of());
        assertThat(t.evaluate("now(fmt='%Y') | int > 2000", v)).isEqualTo(true);
    }
}
