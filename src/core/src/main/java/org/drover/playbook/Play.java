package org.drover.playbook;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.drover.yaml.SourceMark;

/**
 * One play. Roles are already expanded: their tasks are {@link Block}s in {@code tasks} (after pre_tasks),
 * their handlers appended to {@code handlers}.
 *
 * @param serial     batch sizes: each entry an absolute number or a percentage string ({@code "30%"}); empty = all
 * @param forceHandlers whether notified handlers run on a host even after it failed; null: as the command line says
 * @param gatherSubset the play's {@code gather_subset}; empty: the setup module's default (all)
 * @param strategy   {@code linear} or {@code free}
 * @param varsFiles  each entry: the candidates of which the first found is read (one for a plain file name)
 * @param baseDir    the directory of the playbook file that defined this play (for vars_files, src:)
 */
public record Play(String name, String hosts, Map<String, Object> vars, List<List<String>> varsFiles,
                   BecomeSpec become, List<Object> serial, String strategy, Integer maxFailPercentage,
                   boolean anyErrorsFatal, Boolean forceHandlers, boolean gatherFacts, List<String> gatherSubset,
                   List<TaskNode> preTasks, List<TaskNode> tasks,
                   List<TaskNode> postTasks, List<Task> handlers, List<String> tags,
                   Map<String, Object> environment, Path baseDir, SourceMark mark) {
    public Play {
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
        varsFiles = List.copyOf(varsFiles);
        serial = List.copyOf(serial);
        gatherSubset = gatherSubset == null ? List.of() : List.copyOf(gatherSubset);
        preTasks = List.copyOf(preTasks);
        tasks = List.copyOf(tasks);
        postTasks = List.copyOf(postTasks);
        handlers = List.copyOf(handlers);
        tags = List.copyOf(tags);
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    }

    /** Where Ansible finds a play's vars file: {@code dir/vars/NAME}, then {@code dir/NAME}; null if neither is. */
    public static Path varsFile(Path dir, String name) {
        Path base = dir == null ? Path.of("") : dir;
        List<Path> candidates = name.split("/")[0].equals("vars") || Path.of(name).isAbsolute()
                ? List.of(base.resolve(name)) : List.of(base.resolve("vars").resolve(name), base.resolve(name));
        return candidates.stream().filter(java.nio.file.Files::isRegularFile).findFirst().orElse(null);
    }
}
