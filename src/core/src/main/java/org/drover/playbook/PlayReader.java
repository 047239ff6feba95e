package org.drover.playbook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.drover.text.Suggest;
import org.drover.yaml.SourceMark;
import org.drover.yaml.Yaml;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads a playbook file: its plays, and the plays of the playbooks it imports. */
final class PlayReader {
    static final List<String> STRATEGIES = List.of("linear", "free");

    /** What a play keyword's reader needs: the value readers and the playbook's directory. */
    record In(Values v, Path dir) {}

    static final Keywords<In> PLAY = new Keywords<In>()
            .value("name", (in, e) -> in.v().scalar(e, "name"))
            .part("hosts")
            .value("vars", (in, e) -> in.v().mapping(e))
            .value("vars_files", (in, e) -> in.v().varsFiles(in.dir(), e))
            .group("become", (in, es) -> in.v().become(es))
            .part("become_user")
            .part("become_method")
            .value("serial", (in, e) -> in.v().serial(e))
            .value("strategy", (in, e) -> in.v().choice(e, STRATEGIES, "strategy"))
            .value("max_fail_percentage", (in, e) -> in.v().integer(e, "max_fail_percentage", 0, 100))
            .value("any_errors_fatal", (in, e) -> in.v().bool(e, "any_errors_fatal"))
            .value("force_handlers", (in, e) -> in.v().bool(e, "force_handlers"))
            .value("gather_facts", (in, e) -> in.v().bool(e, "gather_facts"))
            .value("gather_subset", (in, e) -> in.v().gatherSubset(e))
            .part("pre_tasks")
            .part("roles")
            .part("tasks")
            .part("post_tasks")
            .part("handlers")
            .value("tags", (in, e) -> in.v().tags(e))
            .value("environment", (in, e) -> in.v().environment(e))
            .value("jail", (in, e) -> JailKeyword.read(in.v(), e));

    static final Keywords<Values> IMPORT_PLAYBOOK = new Keywords<Values>()
            .part("import_playbook")
            .part("name")
            .value("vars", Values::mapping)
            .value("tags", Values::tags);

    private final Loading loading;

    PlayReader(Loading loading) {
        this.loading = loading;
    }

    /** @param importedBy the import_playbook value that names this file, for error marks; null for a top file */
    List<Play> playbook(Path file, Node importedBy) {
        Problems problems = loading.problems;
        Optional<Node> root = problems.compose(file, importedBy);
        if (root == null) {
            return List.of();
        }
        if (root.isEmpty() || Yaml.isNull(root.get())) {
            problems.error(root.isEmpty() ? new SourceMark(file.toString(), 1, 1) : Yaml.mark(root.get()),
                    "the playbook is empty: it should be a list of plays");
            return List.of();
        }
        if (!Yaml.isSequence(root.get())) {
            problems.error(Yaml.mark(root.get()), "a playbook must be a list of plays (each starting with '- hosts:'),"
                    + " got " + Yaml.describe(root.get()));
            return List.of();
        }
        return loading.within(file, () -> loading.deeper(root.get(), List.<Play>of(), () -> plays(file, root.get())));
    }

    private List<Play> plays(Path file, Node root) {
        List<Play> plays = new ArrayList<>();
        for (Node item : Yaml.items(root, "a playbook")) {
            Map<String, Yaml.Entry> es = loading.problems.entries(item, "a play");
            if (es == null) {
                continue;
            }
            if (es.containsKey("import_playbook")) {
                plays.addAll(importPlaybook(file, es));
            } else {
                Play p = play(file, item, es);
                if (p != null) {
                    plays.add(p);
                }
            }
        }
        return plays;
    }

    private List<Play> importPlaybook(Path file, Map<String, Yaml.Entry> es) {
        loading.problems.unknownKeys(es, IMPORT_PLAYBOOK.keys(), "import_playbook");
        Yaml.Entry imp = es.get("import_playbook");
        Path target = loading.includePath(file, imp.value(), "import_playbook");
        if (target == null) {
            return List.of();
        }
        Keywords.Fields f = IMPORT_PLAYBOOK.read(loading.values, es);
        Map<String, Object> vars = f.get("vars");
        List<String> tags = f.get("tags");
        List<Play> out = new ArrayList<>();
        for (Play p : playbook(target, imp.value())) {
            Map<String, Object> v = new LinkedHashMap<>(p.vars());
            v.putAll(vars);
            List<String> t = new ArrayList<>(p.tags());
            t.addAll(tags);
            out.add(new Play(p.name(), p.hosts(), v, p.varsFiles(), p.become(), p.serial(), p.strategy(),
                    p.maxFailPercentage(), p.anyErrorsFatal(), p.forceHandlers(), p.gatherFacts(), p.gatherSubset(), p.preTasks(), p.tasks(),
                    p.postTasks(), p.handlers(), t, p.environment(), p.baseDir(), p.mark()));
        }
        return out;
    }

    private Play play(Path file, Node item, Map<String, Yaml.Entry> es) {
        if (!es.containsKey("hosts") && es.keySet().stream().anyMatch(k -> loading.modules.containsKey(k)
                || TaskLists.INCLUDE_TASKS.contains(k) || k.equals("block"))) {
            loading.problems.error(Yaml.mark(item), "this is a task, not a play: a playbook's entries start with"
                    + " '- hosts:' (a file of tasks is included with import_tasks)");
            return null;
        }
        loading.problems.unknownKeys(es, PLAY.keys(), "play");
        Path dir = Loading.dirOf(file);
        String hosts = hosts(item, es);
        Keywords.Fields f = PLAY.read(new In(loading.values, dir), es);
        TaskLists.Ctx ctx = new TaskLists.Ctx(file, dir, false, null, dir);
        List<TaskNode> pre = loading.taskLists.taskList(es.get("pre_tasks"), ctx, "pre_tasks");
        List<Task> roleHandlers = new ArrayList<>();
        List<TaskNode> tasks = new ArrayList<>(roles(dir, es.get("roles"), roleHandlers));
        tasks.addAll(loading.taskLists.taskList(es.get("tasks"), ctx, "tasks"));
        List<TaskNode> post = loading.taskLists.taskList(es.get("post_tasks"), ctx, "post_tasks");
        List<Task> handlers = new ArrayList<>();
        Yaml.Entry hs = es.get("handlers");
        if (hs != null) {
            handlers.addAll(loading.taskLists.handlerList(hs, new TaskLists.Ctx(file, dir, true, null, dir)));
        }
        handlers.addAll(roleHandlers);
        checkNotify(handlers, List.of(pre, tasks, post));
        String strategy = f.get("strategy");
        Boolean facts = f.get("gather_facts");
        return new Play(f.get("name"), hosts, JailKeyword.withJail(f.get("vars"), f.get("jail")), f.get("vars_files"), f.get("become"), f.get("serial"),
                strategy == null ? "linear" : strategy, f.get("max_fail_percentage"), f.isTrue("any_errors_fatal"),
                f.get("force_handlers"), facts == null || facts, f.get("gather_subset"), pre, tasks, post, handlers, f.get("tags"), f.get("environment"), dir,
                Yaml.mark(item));
    }

    /** {@code hosts}: a pattern or a list of patterns (joined with ','); a misspelt key is reported only once. */
    private String hosts(Node item, Map<String, Yaml.Entry> es) {
        Yaml.Entry h = es.get("hosts");
        if (h == null) {
            boolean misspelt = es.keySet().stream()
                    .anyMatch(k -> Suggest.didYouMean(k, PLAY.keys()).contains("'hosts'"));
            if (!misspelt) {
                loading.problems.error(Yaml.mark(item), "a play needs 'hosts:' (a host pattern such as 'all' or a"
                        + " group name)");
            }
            return null;
        }
        if (Yaml.isSequence(h.value())) {
            List<String> parts = loading.values.stringList(h, "hosts");
            if (parts != null && parts.isEmpty()) {
                loading.problems.error(Yaml.mark(h.value()), "'hosts' must name a host pattern, got an empty list");
            }
            return parts == null ? null : String.join(",", parts);
        }
        String hosts = loading.values.scalar(h, "hosts");
        if (Yaml.isNull(h.value()) || hosts != null && hosts.isBlank()) {
            loading.problems.error(Yaml.mark(h.value()), "'hosts' must name a host pattern, got nothing");
        }
        return hosts;
    }

    /** The play's {@code roles:}, each expanded into a Block; their handlers go to {@code handlersOut}. */
    private List<TaskNode> roles(Path dir, Yaml.Entry roles, List<Task> handlersOut) {
        List<TaskNode> out = new ArrayList<>();
        if (roles == null || Yaml.isNull(roles.value())) {
            return out;
        }
        List<Node> items = loading.problems.items(roles.value(), "'roles'");
        if (items != null) {
            for (Node r : items) {
                Block b = loading.roles.role(dir, r, handlersOut);
                if (b != null) {
                    out.add(b);
                }
            }
        }
        return out;
    }

    /** Every notify of the play's tasks and handlers must name a handler or a topic one listens to. */
    private void checkNotify(List<Task> handlers, List<List<TaskNode>> lists) {
        Set<String> topics = new LinkedHashSet<>();
        for (Task h : handlers) {
            if (h.name() != null) {
                topics.add(h.name());
            }
            topics.addAll(h.listen());
        }
        List<Task> all = new ArrayList<>(handlers);
        for (List<TaskNode> l : lists) {
            l.forEach(n -> collect(n, all));
        }
        for (Task t : all) {
            List<Node> at = loading.notifyNodes.getOrDefault(t, List.of());
            for (int i = 0; i < t.notifies().size(); i++) {
                String n = t.notifies().get(i);
                if (!Values.isTemplated(n) && !topics.contains(n)) {
                    loading.problems.error(Yaml.mark(at.get(i)), "notify: no handler named or listening to '" + n
                            + "'" + Suggest.didYouMean(n, topics));
                }
            }
        }
    }

    private static void collect(TaskNode n, List<Task> out) {
        if (n instanceof Task t) {
            out.add(t);
        } else if (n instanceof Block b) {
            b.block().forEach(c -> collect(c, out));
            b.rescue().forEach(c -> collect(c, out));
            b.always().forEach(c -> collect(c, out));
        }
    }
}
