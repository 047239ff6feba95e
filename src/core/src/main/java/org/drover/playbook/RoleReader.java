package org.drover.playbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drover.text.Suggest;
import org.drover.yaml.Yaml;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Expands roles ({@code roles/NAME/{tasks,handlers,defaults,vars,meta}/main.yml}) into Blocks; their handlers are
 * handed back separately, to be appended to the play's.
 */
final class RoleReader {
    /** Keywords of a {@code roles:} entry; any other key is a role parameter. */
    static final List<String> ROLE_KEYS = List.of("role", "name", "vars", "tags", "when", "become", "become_user",
            "become_method");

    /** A role as named: its name, the node that names it, and the entry naming it. */
    record Named(String name, Node nameNode, Node entry) {}

    private final Loading loading;

    RoleReader(Loading loading) {
        this.loading = loading;
    }

    /** Expands one entry of {@code roles:} into a Block; its handlers go to {@code handlersOut}. */
    Block role(Path playbookDir, Node entry, List<Task> handlersOut) {
        if (Yaml.isScalar(entry) && !Yaml.isNull(entry)) {
            Named named = new Named(((ScalarNode) entry).getValue(), entry, entry);
            return roleBlock(playbookDir, named, Map.of(), new LinkedHashMap<>(), handlersOut);
        }
        Map<String, Yaml.Entry> es = loading.problems.entries(entry, "a role entry");
        if (es == null) {
            return null;
        }
        Yaml.Entry n = es.containsKey("role") ? es.get("role") : es.get("name");
        if (n == null) {
            loading.problems.error(Yaml.mark(entry), "a role entry needs 'role:' (the role's name)");
            return null;
        }
        String name = loading.values.scalar(n, n.key());
        if (name == null) {
            return null;
        }
        return roleBlock(playbookDir, new Named(name, n.value(), entry), es, params(es), handlersOut);
    }

    /** The keys of a role entry that are not keywords: parameters, which must be variable names. */
    private Map<String, Object> params(Map<String, Yaml.Entry> es) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (Yaml.Entry p : es.values()) {
            if (!ROLE_KEYS.contains(p.key())) {
                if (!Values.isVariableName(p.key())) {
                    loading.problems.error(Yaml.mark(p.keyNode()), "role parameter '" + p.key() + "' is not a valid"
                            + " variable name");
                }
                params.put(p.key(), Yaml.toValue(p.value()));
            }
        }
        return params;
    }

    /**
     * The Block of a role: its tasks, with its vars ({@code vars/main.yml}, then the parameters, then the entry's
     * {@code vars:}) and defaults; {@code es} holds the entry's keywords (when, tags, become).
     */
    Block roleBlock(Path playbookDir, Named role, Map<String, Yaml.Entry> es, Map<String, Object> params,
                    List<Task> handlersOut) {
        Path roleDir = roleDir(playbookDir, role);
        if (roleDir == null) {
            return null;
        }
        String roleName = roleDir.getFileName().toString();
        Map<String, Object> defaults = varsFile(roleDir.resolve("defaults"));
        Map<String, Object> vars = new LinkedHashMap<>(varsFile(roleDir.resolve("vars")));
        vars.putAll(params);
        vars.putAll(loading.values.mapping(es.get("vars")));
        checkNoDependencies(roleDir);
        List<TaskNode> tasks = List.of();
        Path tasksFile = main(roleDir.resolve("tasks"));
        if (tasksFile != null) {
            tasks = loading.taskLists.taskFile(tasksFile, role.nameNode(),
                    new TaskLists.Ctx(tasksFile, Loading.dirOf(tasksFile), false, roleName, playbookDir));
        }
        handlers(roleDir, role.nameNode(), new RoleIn(roleName, playbookDir), handlersOut);
        Values v = loading.values;
        return new Block(null, tasks, List.of(), List.of(), v.conditions(es.get("when"), "when"), vars,
                v.tags(es.get("tags")), v.become(es), null, roleName, defaults, roleDir, Yaml.mark(role.entry()));
    }

    /** The role's directory: {@code roles/NAME} next to the playbook, or a path; null after an error. */
    private Path roleDir(Path playbookDir, Named role) {
        String name = role.name();
        if (Values.isTemplated(name)) {
            loading.problems.error(Yaml.mark(role.nameNode()), "a role's name cannot be a template (roles are loaded"
                    + " before the run)");
            return null;
        }
        Path roleDir = name.contains("/") ? playbookDir.resolve(name).normalize()
                : playbookDir.resolve("roles").resolve(name);
        if (!Files.isDirectory(roleDir)) {
            loading.problems.error(Yaml.mark(role.nameNode()), "role '" + name + "' not found: no directory "
                    + roleDir + suggestRole(playbookDir, name));
            return null;
        }
        return roleDir;
    }

    /** meta/main.yml may not list dependencies: drover does not pull roles in by itself. */
    private void checkNoDependencies(Path roleDir) {
        Path meta = main(roleDir.resolve("meta"));
        if (meta == null) {
            return;
        }
        Optional<Node> m = loading.problems.compose(meta, null);
        if (m != null && m.isPresent() && Yaml.isMapping(m.get())) {
            Map<String, Yaml.Entry> me = loading.problems.entries(m.get(), "a role's meta/main.yml");
            Yaml.Entry deps = me == null ? null : me.get("dependencies");
            if (deps != null && Yaml.isSequence(deps.value()) && !((SequenceNode) deps.value()).getValue().isEmpty()) {
                loading.problems.error(Yaml.mark(deps.keyNode()), "role dependencies are not supported: list the"
                        + " roles in the play's 'roles:' instead");
            }
        }
    }

    private record RoleIn(String roleName, Path playbookDir) {}

    /** handlers/main.yml, read as the role's handlers (qualified as {@code role : name} too). */
    private void handlers(Path roleDir, Node nameNode, RoleIn role, List<Task> handlersOut) {
        Path handlersFile = main(roleDir.resolve("handlers"));
        if (handlersFile == null) {
            return;
        }
        Optional<Node> h = loading.problems.compose(handlersFile, nameNode);
        if (h != null && h.isPresent() && !Yaml.isNull(h.get())) {
            handlersOut.addAll(loading.taskLists.handlerList(new Yaml.Entry("handlers", h.get(), h.get()),
                    new TaskLists.Ctx(handlersFile, Loading.dirOf(handlersFile), true, role.roleName(),
                            role.playbookDir())));
        }
    }

    private String suggestRole(Path playbookDir, String name) {
        Path roles = playbookDir.resolve("roles");
        if (!Files.isDirectory(roles)) {
            return "";
        }
        try (var s = Files.list(roles)) {
            return Suggest.didYouMean(name, s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList());
        } catch (IOException e) {
            return "";
        }
    }

    /** dir/main.yml or dir/main.yaml, or null. */
    private static Path main(Path dir) {
        for (String n : List.of("main.yml", "main.yaml")) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private Map<String, Object> varsFile(Path dir) {
        Path f = main(dir);
        if (f == null) {
            return Map.of();
        }
        Optional<Node> n = loading.problems.compose(f, null);
        if (n == null || n.isEmpty() || Yaml.isNull(n.get())) {
            return Map.of();
        }
        Map<String, Yaml.Entry> es = loading.problems.entries(n.get(), "a variables file");
        if (es == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        es.values().forEach(e -> out.put(e.key(), Yaml.toValue(e.value())));
        return out;
    }
}
