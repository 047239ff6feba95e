package org.drover.playbook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drover.yaml.SourceMark;
import org.drover.yaml.Yaml;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads task lists and what they hold besides plain tasks: {@code block}s, {@code import_tasks}/
 * {@code include_tasks} (expanded into Blocks at load time) and {@code import_role}/{@code include_role}.
 */
final class TaskLists {
    static final List<String> INCLUDE_TASKS = List.of("import_tasks", "include_tasks");
    static final List<String> INCLUDE_ROLE = List.of("import_role", "include_role");

    /**
     * Where a task list comes from: the file (includes are relative to its directory), handlers or not, role, and
     * the playbook's directory (roles are found there).
     */
    record Ctx(Path file, Path dir, boolean handlers, String role, Path playbookDir) {}

    /** What a block keyword's reader needs: the value readers, and this reader for the nested task lists. */
    record BlockIn(Values v, TaskLists lists, Ctx ctx) {}

    static final Keywords<BlockIn> BLOCK = new Keywords<BlockIn>()
            .value("name", (in, e) -> in.v().scalar(e, "name"))
            .value("block", (in, e) -> in.lists().taskList(e, in.ctx(), "block"))
            .value("rescue", (in, e) -> in.lists().taskList(e, in.ctx(), "rescue"))
            .value("always", (in, e) -> in.lists().taskList(e, in.ctx(), "always"))
            .value("when", (in, e) -> in.v().conditions(e, "when"))
            .value("vars", (in, e) -> in.v().mapping(e))
            .value("tags", (in, e) -> in.v().tags(e))
            .group("become", (in, es) -> in.v().become(es))
            .part("become_user")
            .part("become_method")
            .value("ignore_errors", (in, e) -> in.v().flag(e, "ignore_errors"))
            .value("check_mode", (in, e) -> in.v().bool(e, "check_mode"))
            .value("jail", (in, e) -> JailKeyword.read(in.v(), e));

    /** The options of {@code include_role}/{@code import_role} besides {@code apply}. */
    static final List<String> ROLE_OPTIONS = List.of("name", "tasks_from", "vars_from", "defaults_from",
            "handlers_from", "public", "allow_duplicates");

    /** Keywords beside {@code import_tasks}/{@code include_tasks}/{@code import_role}/{@code include_role}. */
    static final Keywords<Values> INCLUDE = new Keywords<Values>()
            .value("name", (v, e) -> v.scalar(e, "name"))
            .value("when", (v, e) -> v.conditions(e, "when"))
            .value("tags", Values::tags)
            .value("vars", Values::mapping)
            .group("become", Values::become)
            .part("become_user")
            .part("become_method")
            .value("ignore_errors", (v, e) -> v.flag(e, "ignore_errors"))
            .value("check_mode", (v, e) -> v.bool(e, "check_mode"))
            .value("jail", JailKeyword::read);

    private final Loading loading;

    TaskLists(Loading loading) {
        this.loading = loading;
    }

    List<TaskNode> taskList(Yaml.Entry e, Ctx ctx, String what) {
        if (e == null || Yaml.isNull(e.value())) {
            return List.of();
        }
        List<Node> items = loading.problems.items(e.value(), "'" + what + "'");
        if (items == null) {
            return List.of();
        }
        return loading.deeper(e.value(), List.of(), () -> {
            List<TaskNode> out = new ArrayList<>();
            for (Node item : items) {
                TaskNode t = taskNode(item, ctx);
                if (t != null) {
                    out.add(t);
                }
            }
            return out;
        });
    }

    /** Handlers are tasks (an import_tasks contributes its tasks); each name is defined once. */
    List<Task> handlerList(Yaml.Entry e, Ctx ctx) {
        List<Task> out = new ArrayList<>();
        Map<String, Node> names = new HashMap<>();
        for (TaskNode n : taskList(e, ctx, "handlers")) {
            List<Task> flat = new ArrayList<>();
            flatten(n, flat);
            for (Task t : flat) {
                if (t.name() != null) {
                    Node at = loading.taskNameNodes.get(t);
                    Node first = names.putIfAbsent(t.name(), at);
                    if (first != null) {
                        loading.problems.error(Yaml.mark(at), "handler '" + t.name() + "' is defined twice (first"
                                + " at line " + Yaml.mark(first).line() + ")");
                    }
                }
                out.add(t);
            }
        }
        return out;
    }

    private void flatten(TaskNode n, List<Task> out) {
        if (n instanceof Task t) {
            out.add(t);
        } else if (n instanceof Block b) {
            if (!b.rescue().isEmpty() || !b.always().isEmpty() || !b.when().isEmpty()) {
                loading.problems.error(b.mark(), "handlers cannot be blocks with rescue/always/when");
            }
            b.block().forEach(c -> flatten(c, out));
        }
    }

    private TaskNode taskNode(Node item, Ctx ctx) {
        Map<String, Yaml.Entry> es = loading.problems.entries(item, "a task");
        if (es == null) {
            return null;
        }
        if (es.containsKey("block")) {
            return block(item, es, ctx);
        }
        for (String k : INCLUDE_TASKS) {
            if (es.containsKey(k)) {
                return include(item, es, es.get(k), ctx);
            }
        }
        for (String k : INCLUDE_ROLE) {
            if (es.containsKey(k)) {
                return includeRole(item, es, es.get(k), ctx);
            }
        }
        for (String k : List.of("rescue", "always")) {
            if (es.containsKey(k)) {
                loading.problems.error(Yaml.mark(es.get(k).keyNode()), "'" + k + "' belongs to a 'block:' and this"
                        + " entry has none");
                return null;
            }
        }
        return loading.tasks.task(item, es, ctx);
    }

    private Block block(Node item, Map<String, Yaml.Entry> es, Ctx ctx) {
        for (Yaml.Entry e : es.values()) {
            if (BLOCK.allows(e.key())) {
                continue;
            }
            if (loading.modules.containsKey(e.key()) || e.key().equals("meta")) {
                loading.problems.error(Yaml.mark(e.keyNode()), "a block cannot run a module ('" + e.key()
                        + "'): put the task in the block's list");
            } else {
                loading.problems.unknownKey(e, BLOCK.keys(), "block");
            }
        }
        Keywords.Fields f = BLOCK.read(new BlockIn(loading.values, this, ctx), es);
        return new Block(f.get("name"), f.get("block"), f.get("rescue"), f.get("always"), f.get("when"),
                JailKeyword.withJail(f.get("vars"), f.get("jail")), f.get("tags"), f.get("become"),
                f.get("ignore_errors"), null, Map.of(), null, f.get("check_mode"), null, Yaml.mark(item));
    }

    /** Reports the keys beside an include that are not include keywords. */
    private void checkIncludeKeys(Map<String, Yaml.Entry> es, Yaml.Entry inc) {
        for (Yaml.Entry e : es.values()) {
            if (e == inc || INCLUDE.allows(e.key())) {
                continue;
            }
            if (INCLUDE_ROLE.contains(inc.key())) {
                loading.problems.unknownKey(e, INCLUDE.keys(), inc.key());
            } else if (e.key().equals("loop") || e.key().startsWith("with_")) {
                loading.problems.error(Yaml.mark(e.keyNode()), "'" + e.key() + "' on '" + inc.key() + "' is not"
                        + " supported: files are included when the playbook loads; put the loop on the included tasks");
            } else if (INCLUDE_TASKS.contains(e.key()) || loading.modules.containsKey(e.key())) {
                loading.problems.error(Yaml.mark(e.keyNode()), "'" + inc.key() + "' cannot be combined with '"
                        + e.key() + "'");
            } else {
                loading.problems.unknownKey(e, INCLUDE.keys(), inc.key());
            }
        }
    }

    private Block include(Node item, Map<String, Yaml.Entry> es, Yaml.Entry inc, Ctx ctx) {
        checkIncludeKeys(es, inc);
        boolean dynamic = inc.key().equals("include_tasks");
        Map<String, Yaml.Entry> opts = options(inc, "file", dynamic);
        if (opts == null) {
            return null;
        }
        Node fileNode = opts.containsKey("file") ? opts.get("file").value() : null;
        if (fileNode == null) {
            loading.problems.error(Yaml.mark(inc.value()), "'" + inc.key() + "' needs 'file:'");
            return null;
        }
        Path target = loading.includePath(ctx.file(), fileNode, inc.key());
        if (target == null) {
            return null;
        }
        List<TaskNode> tasks = taskFile(target, fileNode,
                new Ctx(target, Loading.dirOf(target), ctx.handlers(), ctx.role(), ctx.playbookDir()));
        Keywords.Fields f = INCLUDE.read(loading.values, es);
        Task gate = dynamic && !ctx.handlers() ? includeTask(f, inc.key(), null, Yaml.mark(item)) : null;
        return wrap(f, applied(opts.get("apply"), tasks, ctx), gate, Yaml.mark(item));
    }

    /**
     * An include's options: its value when a mapping, else {@code {file: value}} for a task file named inline; {@code apply} only for the dynamic includes, as in Ansible. Null after an error.
     */
    private Map<String, Yaml.Entry> options(Yaml.Entry inc, String main, boolean dynamic) {
        if (main.equals("file") && !Yaml.isMapping(inc.value())) {
            return Map.of(main, new Yaml.Entry(main, inc.keyNode(), inc.value()));
        }
        Map<String, Yaml.Entry> opts = loading.problems.entries(inc.value(), "'" + inc.key() + "'");
        if (opts == null) {
            return null;
        }
        List<String> allowed = new ArrayList<>(main.equals("file") ? List.of("file") : ROLE_OPTIONS);
        if (dynamic) {
            allowed.add("apply");
        } else if (opts.containsKey("apply")) {
            loading.problems.error(Yaml.mark(opts.get("apply").keyNode()), "'apply' is for include_tasks and"
                    + " include_role: an import's keywords already apply to every task it imports");
            opts.remove("apply");
        }
        loading.problems.unknownKeys(opts, allowed, inc.key());
        return opts;
    }

    /**
     * {@code apply:}: block keywords for the included tasks, which Ansible puts in a block of their own (the
     * include's own when and tags do not reach them).
     */
    private List<TaskNode> applied(Yaml.Entry apply, List<TaskNode> tasks, Ctx ctx) {
        if (apply == null || Yaml.isNull(apply.value())) {
            return tasks;
        }
        Map<String, Yaml.Entry> es = loading.problems.entries(apply.value(), "'apply'");
        if (es == null) {
            return tasks;
        }
        List<String> keys = BLOCK.keys().stream().filter(k -> !List.of("block", "rescue", "always").contains(k))
                .toList();
        loading.problems.unknownKeys(es, keys, "apply");
        Keywords.Fields f = BLOCK.read(new BlockIn(loading.values, this, ctx), es);
        return List.of(new Block(f.get("name"), tasks, List.of(), List.of(), f.get("when"),
                JailKeyword.withJail(f.get("vars"), f.get("jail")), f.get("tags"), f.get("become"),
                f.get("ignore_errors"), null, Map.of(), null, f.get("check_mode"), null, Yaml.mark(apply.value())));
    }

    /**
     * The Block an include expands to. A dynamic include ({@code gate} not null) is a task of its own in Ansible:
     * its when and tags decide whether the file is included on a host and do not pass to the included tasks, which
     * run only where the include did; an import's keywords pass to every task it imports.
     */
    private static Block wrap(Keywords.Fields f, List<TaskNode> tasks, Task gate, SourceMark mark) {
        List<TaskNode> body = new ArrayList<>(tasks);
        if (gate != null) {
            body.add(0, gate);
        }
        return new Block(f.get("name"), body, List.of(), List.of(), gate != null ? List.of() : f.get("when"),
                JailKeyword.withJail(f.get("vars"), f.get("jail")), gate != null ? List.of() : f.get("tags"),
                f.get("become"), f.get("ignore_errors"), null, Map.of(), null, f.get("check_mode"), null, mark);
    }

    /**
     * include_tasks/include_role is a task of its own in Ansible, reported ok on each host that includes (skipped
     * where its when is false), before the included tasks; the engine runs it as that report only.
     */
    private static Task includeTask(Keywords.Fields f, String module, String role, SourceMark mark) {
        String name = f.get("name");
        if (name == null && role != null) {
            name = module + " : " + role; // as Ansible names an unnamed include_role
        }
        return new Task(name, module, Map.of(), f.get("when"), null, LoopControl.DEFAULT, null, List.of(),
                List.of(), f.get("tags"), null, List.of(), List.of(), null, null, BecomeSpec.UNSET, Map.of(), null,
                List.of(), null, false, null, false, null, Map.of(), mark);
    }

    /**
     * {@code import_role}/{@code include_role} inside a task list, with the role's entry files, whether it may run
     * again and who sees its vars; role handlers are not reachable from here.
     */
    private Block includeRole(Node item, Map<String, Yaml.Entry> es, Yaml.Entry inc, Ctx ctx) {
        checkIncludeKeys(es, inc);
        boolean dynamic = inc.key().equals("include_role");
        Map<String, Yaml.Entry> opts = options(inc, "name", dynamic);
        if (opts == null) {
            return null;
        }
        Yaml.Entry n = opts.get("name");
        if (n == null) {
            loading.problems.error(Yaml.mark(inc.value()), "'" + inc.key() + "' needs 'name:' (the role's name)");
            return null;
        }
        String name = loading.values.scalar(n, "name");
        if (name == null) {
            return null;
        }
        Values v = loading.values;
        RoleReader.From from = new RoleReader.From(fromFile(opts, "tasks_from"), fromFile(opts, "vars_from"),
                fromFile(opts, "defaults_from"), fromFile(opts, "handlers_from"));
        Boolean dup = v.bool(opts.get("allow_duplicates"), "allow_duplicates");
        boolean isPublic = Boolean.TRUE.equals(v.bool(opts.get("public"), "public"));
        RoleMeta.Visibility vis = !dynamic ? RoleMeta.Visibility.PLAY
                : isPublic ? RoleMeta.Visibility.AFTER_INCLUDE : RoleMeta.Visibility.OWN;
        Map<String, Yaml.Entry> keywords = dynamic ? onlyVars(es) : es;
        List<Task> handlers = new ArrayList<>();
        RoleReader.Ref ref = new RoleReader.Ref(new RoleReader.Named(name, n.value(), item), keywords, Map.of(), from,
                new RoleReader.Reuse(true, dup == null || dup, vis, false));
        Block b = loading.roles.roleBlock(ctx.playbookDir(), ref, handlers);
        if (b != null && !handlers.isEmpty()) {
            loading.problems.error(Yaml.mark(inc.keyNode()), "role '" + name + "' has handlers: list it under the"
                    + " play's 'roles:' so they can be notified");
        }
        if (b == null || !dynamic) {
            return b;
        }
        Keywords.Fields f = INCLUDE.read(loading.values, withoutVars(es));
        return wrap(f, applied(opts.get("apply"), List.of(b), ctx), includeTask(f, inc.key(), name, Yaml.mark(item)),
                Yaml.mark(item));
    }

    private static Map<String, Yaml.Entry> onlyVars(Map<String, Yaml.Entry> es) {
        return es.containsKey("vars") ? Map.of("vars", es.get("vars")) : Map.of();
    }

    /** The include's keywords but vars, which the role holds as its own (as Ansible adds them to the role's). */
    private static Map<String, Yaml.Entry> withoutVars(Map<String, Yaml.Entry> es) {
        Map<String, Yaml.Entry> out = new LinkedHashMap<>(es);
        out.remove("vars");
        return out;
    }

    /** A {@code *_from} option: a file name in the role's folder, known when the playbook loads. */
    private String fromFile(Map<String, Yaml.Entry> opts, String key) {
        String f = loading.values.scalar(opts.get(key), key);
        if (f != null && Values.isTemplated(f)) {
            loading.problems.error(Yaml.mark(opts.get(key).value()), "'" + key + "' cannot be a template: roles are"
                    + " loaded before the run");
            return null;
        }
        return f;
    }

    /** A file holding a list of tasks (included, or a role's tasks/main.yml). */
    List<TaskNode> taskFile(Path file, Node includedBy, Ctx ctx) {
        Optional<Node> root = loading.problems.compose(file, includedBy);
        if (root == null || root.isEmpty() || Yaml.isNull(root.get())) {
            return List.of();
        }
        return loading.within(file, () -> {
            if (!Yaml.isSequence(root.get())) {
                loading.problems.error(Yaml.mark(root.get()), "a task file must be a list of tasks, got "
                        + Yaml.describe(root.get()));
                return List.of();
            }
            return taskList(new Yaml.Entry("tasks", root.get(), root.get()), ctx, "tasks");
        });
    }
}
