package org.drover.playbook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
            .value("jail", (in, e) -> JailKeyword.read(in.v(), e));

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
                f.get("ignore_errors"), null, Map.of(), null, Yaml.mark(item));
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
        Node fileNode = includedFile(inc);
        if (fileNode == null) {
            return null;
        }
        Path target = loading.includePath(ctx.file(), fileNode, inc.key());
        if (target == null) {
            return null;
        }
        List<TaskNode> tasks = taskFile(target, fileNode,
                new Ctx(target, Loading.dirOf(target), ctx.handlers(), ctx.role(), ctx.playbookDir()));
        Keywords.Fields f = INCLUDE.read(loading.values, es);
        if (inc.key().equals("include_tasks") && !ctx.handlers()) {
            tasks = new ArrayList<>(tasks);
            tasks.add(0, includeTask(f.get("name"), Yaml.mark(item)));
        }
        return new Block(f.get("name"), tasks, List.of(), List.of(), f.get("when"),
                JailKeyword.withJail(f.get("vars"), f.get("jail")), f.get("tags"),
                f.get("become"), f.get("ignore_errors"), null, Map.of(), null, Yaml.mark(item));
    }

    /**
     * include_tasks is a task of its own in Ansible, reported ok on each host that includes the file (skipped
     * where its when is false), before the included tasks; the engine runs it as that report only.
     */
    private static Task includeTask(String name, SourceMark mark) {
        return new Task(name, INCLUDE_TASKS.get(1), Map.of(), List.of(), null, LoopControl.DEFAULT, null, List.of(),
                List.of(), List.of(), null, List.of(), List.of(), null, null, BecomeSpec.UNSET, Map.of(), null,
                List.of(), null, false, null, false, null, Map.of(), mark);
    }

    /** The node naming an include's file: its value, or its {@code file:}; null after an error. */
    private Node includedFile(Yaml.Entry inc) {
        Node fileNode = inc.value();
        if (!Yaml.isMapping(fileNode)) {
            return fileNode;
        }
        Map<String, Yaml.Entry> opts = loading.problems.entries(fileNode, "'" + inc.key() + "'");
        if (opts == null) {
            return null;
        }
        loading.problems.unknownKeys(opts, List.of("file"), inc.key());
        if (!opts.containsKey("file")) {
            loading.problems.error(Yaml.mark(fileNode), "'" + inc.key() + "' needs 'file:'");
            return null;
        }
        return opts.get("file").value();
    }

    /** {@code import_role: name: x} inside a task list; role handlers are not reachable from here. */
    private Block includeRole(Node item, Map<String, Yaml.Entry> es, Yaml.Entry inc, Ctx ctx) {
        checkIncludeKeys(es, inc);
        Map<String, Yaml.Entry> opts = loading.problems.entries(inc.value(), "'" + inc.key() + "'");
        if (opts == null) {
            return null;
        }
        loading.problems.unknownKeys(opts, List.of("name"), inc.key());
        Yaml.Entry n = opts.get("name");
        if (n == null) {
            loading.problems.error(Yaml.mark(inc.value()), "'" + inc.key() + "' needs 'name:' (the role's name)");
            return null;
        }
        String name = loading.values.scalar(n, "name");
        if (name == null) {
            return null;
        }
        List<Task> handlers = new ArrayList<>();
        Block b = loading.roles.roleBlock(ctx.playbookDir(), new RoleReader.Named(name, n.value(), item), es,
                Map.of(), handlers);
        if (b != null && !handlers.isEmpty()) {
            loading.problems.error(Yaml.mark(inc.keyNode()), "role '" + name + "' has handlers: list it under the"
                    + " play's 'roles:' so they can be notified");
        }
        return b;
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
