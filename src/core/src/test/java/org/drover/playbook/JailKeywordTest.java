package org.drover.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.ModuleSpec;
import org.drover.yaml.LoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jail:} as a keyword of tasks, blocks and plays, beside the {@code jail} module. */
class JailKeywordTest {
    @TempDir
    Path dir;

    private Playbook load(String yaml) throws IOException {
        List<ModuleSpec> specs = new ArrayList<>(TestModules.specs());
        specs.add(new ModuleSpec("jail", "jail (test)", "", List.of(ArgSpec.of("name", ArgType.STR).required().build(),
                ArgSpec.of("state", ArgType.STR).build()), null, List.of(), List.of()));
        Path f = dir.resolve("site.yml");
        Files.writeString(f, yaml);
        return new PlaybookLoader(specs).load(f);
    }

    @Test
    void onATaskBlockAndPlayItSetsDroverJailAtThatLevel() throws IOException {
        Playbook pb = load("""
                - hosts: all
                  jail: web
                  tasks:
                    - command: hostname
                      jail: "{{ other }}"
                    - block:
                        - command: id
                      jail: db
                    - name: the jail module, not the keyword
                      jail: { name: web, state: started }
                    - jail: name=web
                """);
        Play play = pb.plays().get(0);
        assertThat(play.vars()).containsEntry("drover_jail", "web");
        Task first = (Task) play.tasks().get(0);
        assertThat(first.module()).isEqualTo("command");
        assertThat(first.vars()).containsEntry("drover_jail", "{{ other }}");
        assertThat(((Block) play.tasks().get(1)).vars()).containsEntry("drover_jail", "db");
        Task module = (Task) play.tasks().get(2);
        assertThat(module.module()).isEqualTo("jail");
        assertThat(module.args()).containsEntry("name", "web");
        assertThat(module.vars()).doesNotContainKey("drover_jail");
        assertThat(((Task) play.tasks().get(3)).module()).isEqualTo("jail");
    }

    @Test
    void aNameJexecCannotTakeIsALoadError() {
        assertThatThrownBy(() -> load("""
                - hosts: all
                  tasks:
                    - command: hostname
                      jail: "-U root"
                """)).isInstanceOf(LoadException.class)
                .hasMessageContaining("site.yml:4:13: jail: '-U root' is not a jail name");
    }
}
