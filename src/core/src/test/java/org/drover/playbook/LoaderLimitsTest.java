package org.drover.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.drover.yaml.LoadError;
import org.drover.yaml.LoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Includes and blocks that exploded or overflowed the stack: bounded, each a located error. */
class LoaderLimitsTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private List<LoadError> errors(Path playbook) {
        try {
            TestModules.loader().load(playbook);
        } catch (LoadException e) {
            return e.errors();
        }
        throw new AssertionError("expected errors for " + playbook);
    }

    @Test
    void a_diamond_of_20_levels_of_import_tasks_stops_at_the_file_count() throws IOException {
        // 2^20 file loads before (a hang).
        for (int i = 0; i < 20; i++) {
            write("l" + i + ".yml", i < 19 ? "- import_tasks: l" + (i + 1) + ".yml\n- import_tasks: l" + (i + 1) + ".yml\n"
                    : "- debug: msg=x\n");
        }
        Path pb = write("pb.yml", "- hosts: all\n  tasks:\n    - import_tasks: l0.yml\n");
        List<LoadError> errors = errors(pb);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).message()).isEqualTo("more than " + Problems.MAX_FILES + " files read through"
                + " includes and roles (each import counts): not loaded");
        assertThat(errors.get(0).mark().file()).endsWith(".yml");
        assertThat(errors.get(0).mark().line()).isPositive();
    }

    @Test
    void a_chain_of_3000_import_tasks_is_an_error_not_a_stack_overflow() throws IOException {
        for (int i = 0; i < 3000; i++) {
            write("c" + i + ".yml", i < 2999 ? "- import_tasks: c" + (i + 1) + ".yml\n" : "- debug: msg=x\n");
        }
        Path pb = write("pb.yml", "- hosts: all\n  tasks:\n    - import_tasks: c0.yml\n");
        List<LoadError> errors = errors(pb);
        assertThat(errors).extracting(LoadError::toString).containsExactly(tmp.resolve("c62.yml") + ":1:1: blocks,"
                + " included files and roles nested deeper than " + Loading.MAX_NESTING + " levels: not loaded");
    }

    @Test
    void a_chain_of_import_playbook_is_bounded_too() throws IOException {
        for (int i = 0; i < 500; i++) {
            write("p" + i + ".yml", "- import_playbook: p" + (i + 1) + ".yml\n");
        }
        write("p500.yml", "- hosts: all\n  tasks: []\n");
        List<LoadError> errors = errors(tmp.resolve("p0.yml"));
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).message()).contains("nested deeper than " + Loading.MAX_NESTING + " levels");
    }

    /** n blocks inside one another around one task, as a task list at the top of a file. */
    private static String blocks(int n, String innermost) {
        StringBuilder s = new StringBuilder();
        String indent = "";
        for (int i = 0; i < n; i++) {
            s.append(indent).append("- block:\n");
            indent += "  ";
        }
        return s.append(indent).append(innermost).append('\n').toString();
    }

    @Test
    void blocks_and_includes_nested_past_the_limit_together_are_refused() throws IOException {
        // Each file is within the YAML limit (80 levels); together they would recurse 80 task lists deep.
        write("outer.yml", blocks(40, "- import_tasks: inner.yml"));
        write("inner.yml", blocks(40, "- debug: msg=x"));
        Path ok = write("ok.yml", "- hosts: all\n  tasks:\n    - import_tasks: inner.yml\n");
        TestModules.loader().load(ok);
        Path pb = write("pb.yml", "- hosts: all\n  tasks:\n    - import_tasks: outer.yml\n");
        List<LoadError> errors = errors(pb);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).mark().file()).isEqualTo(tmp.resolve("inner.yml").toString());
        assertThat(errors.get(0).message()).contains("nested deeper than " + Loading.MAX_NESTING + " levels");
    }
}
