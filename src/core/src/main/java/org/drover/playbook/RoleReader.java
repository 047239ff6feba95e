package org.drover.playbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.drover.text.Suggest;
import org.drover.yaml.SourceMark;
import org.drover.yaml.Yaml;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Expands roles ({@code roles/NAME/{tasks,handlers,defaults,vars,meta}/main.yml}, or the files an include names)
 * into Blocks, their {@code meta/main.yml} dependencies first; their handlers are handed back separately, to be
 * appended to the play's.
 */
final class RoleReader {
    /** Keywords of a {@code roles:} entry; any other key is a role parameter. */
    static final List<String> ROLE_KEYS = List.of("role", "name", "vars", "tags", "when", "become", "become_user",
            "become_method");

    /** A role as named: its name, the node that names it, and the entry naming it. */
    record Named(String name, Node nameNode, Node entry) {}

    /** The files a role is entered by ({@code tasks_from} ...), each null for {@code main}. */
    record From(String tasks, String vars, String defaults, String handlers) {
        static final From MAIN = new From(null, null, null, null);
    }

    /**
     * A role as a play, a dependency list or a task names it: the entry's keywords (when, tags, become, vars), its
     * parameters, the files it is entered by, and its identity and visibility ({@code roles:} and dependencies:
     * duplicates allowed as its meta says, seen play-wide).
     */
    record Ref(Named named, Map<String, Yaml.Entry> keywords, Map<String, Object> params, From from, Reuse reuse) {}

    /**
     * How a role occurrence relates to others: import_role/include_role say whether duplicates run and who sees
     * the vars; a {@code roles:} entry or a dependency takes {@code allow_duplicates} from its meta.
     */
    record Reuse(boolean included, Boolean allowDuplicates, RoleMeta.Visibility visibility, boolean dependency) {
        static final Reuse LISTED = new Reuse(false, null, RoleMeta.Visibility.PLAY, false);
    }

    private final Loading loading;
    /** Roles being expanded, outermost first: a dependency on one of them is a loop. */
    private final Deque<String> expanding = new ArrayDeque<>();

    RoleReader(Loading loading) {
        this.loading = loading;
    }

    /** Expands one entry of {@code roles:} (or of a {@code dependencies:} list) into a Block. */
    Block role(Path playbookDir, Node entry, List<Task> handlersOut) {
        return role(playbookDir, entry, handlersOut, Reuse.LISTED);
    }

    private Block role(Path playbookDir, Node entry, List<Task> handlersOut, Reuse reuse) {
        if (Yaml.isScalar(entry) && !Yaml.isNull(entry)) {
            Named named = new Named(((ScalarNode) entry).getValue(), entry, entry);
            return roleBlock(playbookDir, new Ref(named, Map.of(), Map.of(), From.MAIN, reuse), handlersOut);
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
        return roleBlock(playbookDir, new Ref(new Named(name, n.value(), entry), es, params(es), From.MAIN, reuse),
                handlersOut);
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
     * The Block of a role: its dependencies' Blocks, then its tasks, with its vars ({@code vars/main.yml}, then
     * the entry's {@code vars:}), parameters and defaults; the entry's when, tags and become apply to the
     * dependencies too, as Ansible passes them down the dependency chain.
     */
    Block roleBlock(Path playbookDir, Ref ref, List<Task> handlersOut) {
        Path roleDir = roleDir(playbookDir, ref.named());
        if (roleDir == null) {
            return null;
        }
        String roleName = roleDir.getFileName().toString();
        if (expanding.contains(roleName)) {
            List<String> chain = new ArrayList<>(expanding);
            java.util.Collections.reverse(chain);
            loading.problems.error(Yaml.mark(ref.named().nameNode()), "role dependency loop: "
                    + String.join(" -> ", chain) + " -> " + roleName);
            return null;
        }
        expanding.push(roleName);
        try {
            return expand(playbookDir, roleDir, ref, handlersOut);
        } finally {
            expanding.pop();
        }
    }

    private Block expand(Path playbookDir, Path roleDir, Ref ref, List<Task> handlersOut) {
        String roleName = roleDir.getFileName().toString();
        Node at = ref.named().nameNode();
        Map<String, Yaml.Entry> es = ref.keywords();
        Map<String, Object> defaults = varsFile(roleDir.resolve("defaults"), ref.from().defaults(), at);
        Map<String, Object> vars = new LinkedHashMap<>(varsFile(roleDir.resolve("vars"), ref.from().vars(), at));
        vars.putAll(loading.values.mapping(es.get("vars")));
        RoleMetaFile meta = meta(roleDir);
        Reuse depReuse = new Reuse(false, null, ref.reuse().visibility(), true);
        List<TaskNode> deps = new ArrayList<>();
        for (Node d : meta.dependencies()) {
            Block dep = role(playbookDir, d, handlersOut, depReuse);
            if (dep != null) {
                deps.add(dep);
            }
        }
        List<TaskNode> tasks = List.of();
        Path tasksFile = entryFile(roleDir.resolve("tasks"), ref.from().tasks(), at);
        if (tasksFile != null) {
            tasks = loading.taskLists.taskFile(tasksFile, at,
                    new TaskLists.Ctx(tasksFile, Loading.dirOf(tasksFile), false, roleName, playbookDir));
        }
        handlers(roleDir, ref, new RoleIn(roleName, playbookDir), handlersOut);
        Values v = loading.values;
        boolean allow = ref.reuse().allowDuplicates() != null ? ref.reuse().allowDuplicates() : meta.allowDuplicates();
        RoleMeta rm = new RoleMeta(identity(roleName, ref, es), allow, ref.reuse().visibility(),
                ref.reuse().dependency(), ref.params());
        List<String> when = v.conditions(es.get("when"), "when");
        List<String> tags = v.tags(es.get("tags"));
        SourceMark mark = Yaml.mark(ref.named().entry());
        if (deps.isEmpty()) {
            return new Block(null, tasks, List.of(), List.of(), when, vars, tags, v.become(es), null, roleName,
                    defaults, roleDir, null, rm, mark);
        }
        Block own = new Block(null, tasks, List.of(), List.of(), List.of(), vars, List.of(), v.become(es), null,
                roleName, defaults, roleDir, null, rm, mark);
        deps.add(own);
        return new Block(null, deps, List.of(), List.of(), when, Map.of(), tags, v.become(es), null, null, Map.of(),
                null, null, null, mark);
    }

    /**
     * The role's identity as Ansible's role cache keys it: the same role with the same parameters, when, tags,
     * vars and entry files, listed (or a dependency) or included, is one role that runs once per host.
     */
    private static String identity(String roleName, Ref ref, Map<String, Yaml.Entry> es) {
        Map<String, Object> key = new TreeMap<>();
        key.put("params", new TreeMap<>(ref.params()));
        for (String k : List.of("when", "tags", "vars")) {
            if (es.containsKey(k)) {
                key.put(k, String.valueOf(Yaml.toValue(es.get(k).value())));
            }
        }
        key.put("from", ref.from());
        key.put("included", ref.reuse().included());
        return roleName + " " + key;
    }

    /** A role's {@code meta/main.yml}: the dependencies it lists and whether it may run twice on a host. */
    private record RoleMetaFile(List<Node> dependencies, boolean allowDuplicates) {}

    private RoleMetaFile meta(Path roleDir) {
        Path meta = main(roleDir.resolve("meta"));
        Optional<Node> m = meta == null ? Optional.empty() : loading.problems.compose(meta, null);
        if (m == null || m.isEmpty() || !Yaml.isMapping(m.get())) {
            return new RoleMetaFile(List.of(), false);
        }
        Map<String, Yaml.Entry> me = loading.problems.entries(m.get(), "a role's meta/main.yml");
        if (me == null) {
            return new RoleMetaFile(List.of(), false);
        }
        Yaml.Entry deps = me.get("dependencies");
        List<Node> list = List.of();
        if (deps != null && !Yaml.isNull(deps.value())) {
            List<Node> items = loading.problems.items(deps.value(), "'dependencies'");
            list = items == null ? List.of() : items;
        }
        Boolean allow = loading.values.bool(me.get("allow_duplicates"), "allow_duplicates");
        return new RoleMetaFile(list, Boolean.TRUE.equals(allow));
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

    private record RoleIn(String roleName, Path playbookDir) {}

    /** handlers/main.yml (or handlers_from), read as the role's handlers (qualified as {@code role : name} too). */
    private void handlers(Path roleDir, Ref ref, RoleIn role, List<Task> handlersOut) {
        Node nameNode = ref.named().nameNode();
        Path handlersFile = entryFile(roleDir.resolve("handlers"), ref.from().handlers(), nameNode);
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

    /**
     * The file an include names in one of the role's folders ({@code tasks_from: x} is {@code x}, {@code x.yml} or
     * {@code x.yaml}, as Ansible looks it up), else main; null when there is none (an error when one was named).
     */
    private Path entryFile(Path dir, String from, Node namedBy) {
        if (from == null) {
            return main(dir);
        }
        Path base = dir.normalize();
        for (String ext : List.of(".yml", ".yaml", "")) {
            Path p = base.resolve(from + ext).normalize();
            if (p.startsWith(base) && Files.isRegularFile(p)) {
                return p;
            }
        }
        loading.problems.error(Yaml.mark(namedBy), "no file '" + from + "' (.yml, .yaml) in " + dir);
        return null;
    }

    private Map<String, Object> varsFile(Path dir, String from, Node namedBy) {
        Path f = entryFile(dir, from, namedBy);
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
