package org.drover.playbook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.drover.module.ArgSpec;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleRegistry;
import org.drover.module.ModuleSpec;
import org.drover.text.Suggest;
import org.drover.yaml.LoadError;
import org.drover.yaml.LoadException;
import org.drover.yaml.SourceMark;
import org.drover.yaml.Yaml;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Loads playbooks into the immutable model and validates them before anything connects: keywords, modules and
 * their arguments (through each module's {@link ModuleSpec}), conditions, loops, handlers, includes and roles.
 * Every problem of every file is collected and thrown together as one {@link LoadException}, each pointing at
 * the offending key or value as {@code file:line:column}.
 *
 * <p>Includes ({@code import_tasks}, {@code include_tasks}, {@code import_playbook}) and roles are resolved here,
 * at load time, relative to the including file; they become {@link Block}s (or inlined plays), so the engine
 * only ever sees one tree.
 */
public final class PlaybookLoader {
    static final List<String> PLAY_KEYS = List.of("name", "hosts", "vars", "vars_files", "become", "become_user",
            "become_method", "serial", "strategy", "max_fail_percentage", "any_errors_fatal", "gather_facts",
            "pre_tasks", "roles", "tasks", "post_tasks", "handlers", "tags", "environment");
    static final List<String> TASK_KEYS = List.of("name", "when", "loop", "with_items", "loop_control", "register",
            "notify", "listen", "tags", "ignore_errors", "changed_when", "failed_when", "check_mode", "diff",
            "become", "become_user", "become_method", "vars", "retries", "until", "delay", "run_once",
            "delegate_to", "no_log", "timeout", "environment", "args");
    static final List<String> BLOCK_KEYS = List.of("name", "block", "rescue", "always", "when", "vars", "tags",
            "become", "become_user", "become_method", "ignore_errors");
    static final List<String> INCLUDE_KEYS = List.of("name", "when", "tags", "vars", "become", "become_user",
            "become_method", "ignore_errors");
    static final List<String> ROLE_KEYS = List.of("role", "name", "vars", "tags", "when", "become", "become_user",
            "become_method");
    static final List<String> IMPORT_PLAYBOOK_KEYS = List.of("import_playbook", "name", "vars", "tags");
    static final List<String> LOOP_CONTROL_KEYS = List.of("loop_var", "label");
    static final List<String> INCLUDE_TASKS = List.of("import_tasks", "include_tasks");
    static final List<String> INCLUDE_ROLE = List.of("import_role", "include_role");
    static final List<String> BECOME_METHODS = List.of("doas", "sudo", "su");
    static final List<String> STRATEGIES = List.of("linear", "free");
    static final List<String> META_ACTIONS = List.of("flush_handlers", "noop", "end_play", "end_batch", "end_host");
    static final Set<String> LOCALHOST = Set.of("localhost", "127.0.0.1");

    /** Ansible keywords drover knows but does not support, with what to do instead. */
    static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("remote_user", "use -u, or drover_user/ansible_user in the inventory"),
            Map.entry("connection", "drover always connects over SSH; 'delegate_to: localhost' runs a task locally"),
            Map.entry("vars_prompt", "pass values with -e"),
            Map.entry("include", "use import_tasks or include_tasks"),
            Map.entry("with_dict", "use loop: \"{{ mydict | dict2items }}\""),
            Map.entry("with_list", "use loop:"),
            Map.entry("with_fileglob", "list the files with loop:"),
            Map.entry("with_together", "use loop: with the zip filter"),
            Map.entry("with_nested", "use loop: with the product filter"),
            Map.entry("with_sequence", "use loop: \"{{ range(1, 5) | list }}\""),
            Map.entry("with_subelements", "use loop: with the subelements filter"),
            Map.entry("loop_with", "use loop:"),
            Map.entry("async", "drover runs every task to its end; use timeout: for a deadline"),
            Map.entry("poll", "drover runs every task to its end; use timeout: for a deadline"),
            Map.entry("throttle", "use serial: or --forks"),
            Map.entry("collections", "drover's modules need no collection"),
            Map.entry("module_defaults", "give the arguments on each task"),
            Map.entry("vars_prompt_once", "pass values with -e"),
            Map.entry("ignore_unreachable", "unreachable hosts always leave the play"),
            Map.entry("order", "hosts run in inventory order"),
            Map.entry("force_handlers", "handlers of a failed host do not run"),
            Map.entry("debugger", "there is no task debugger"));

    private static final Pattern ARG_IN_MESSAGE = Pattern.compile("argument '([^']+)'");
    private static final Pattern DID_YOU_MEAN = Pattern.compile("did you mean '([^']+)'");
    private static final Pattern NEEDS_ARG = Pattern.compile("needs argument '([^']+)'");
    private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, ModuleSpec> modules;
    private final List<LoadError> errors = new ArrayList<>();
    /** Files being loaded, outermost first: an include of one of them is a loop. */
    private final Deque<Path> including = new ArrayDeque<>();
    /** Where each task's notify entries were written, to point at an unknown handler. */
    private final IdentityHashMap<Task, List<Node>> notifyNodes = new IdentityHashMap<>();

    public PlaybookLoader(Collection<ModuleSpec> specs) {
        Map<String, ModuleSpec> m = new TreeMap<>();
        for (ModuleSpec s : specs) {
            m.put(s.name(), s);
        }
        this.modules = m;
    }

    public static PlaybookLoader of(ModuleRegistry registry) {
        return new PlaybookLoader(registry.all().stream().map(Module::spec).toList());
    }

    /** Loads one playbook; throws a {@link LoadException} holding every problem found. */
    public Playbook load(Path file) {
        return loadAll(List.of(file)).get(0);
    }

    /** Loads several playbooks; problems of all of them are thrown together. */
    public List<Playbook> loadAll(List<Path> files) {
        errors.clear();
        List<Playbook> out = new ArrayList<>();
        for (Path f : files) {
            out.add(new Playbook(f, playbook(f, null)));
        }
        if (!errors.isEmpty()) {
            throw new LoadException(errors);
        }
        return out;
    }

    // ---------------------------------------------------------------- plays

    /** @param importedBy the import_playbook value that names this file, for error marks; null for a top file */
    private List<Play> playbook(Path file, Node importedBy) {
        Optional<Node> root = compose(file, importedBy);
        if (root == null) {
            return List.of();
        }
        if (root.isEmpty() || Yaml.isNull(root.get())) {
            error(root.isEmpty() ? new SourceMark(file.toString(), 1, 1) : Yaml.mark(root.get()),
                    "the playbook is empty: it should be a list of plays");
            return List.of();
        }
        if (!Yaml.isSequence(root.get())) {
            error(Yaml.mark(root.get()), "a playbook must be a list of plays (each starting with '- hosts:'), got "
                    + Yaml.describe(root.get()));
            return List.of();
        }
        Path abs = file.toAbsolutePath().normalize();
        including.push(abs);
        try {
            List<Play> plays = new ArrayList<>();
            for (Node item : Yaml.items(root.get(), "a playbook")) {
                Map<String, Yaml.Entry> es = entries(item, "a play");
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
        } finally {
            including.pop();
        }
    }

    private List<Play> importPlaybook(Path file, Map<String, Yaml.Entry> es) {
        unknownKeys(es, IMPORT_PLAYBOOK_KEYS, "import_playbook");
        Yaml.Entry imp = es.get("import_playbook");
        Path target = includePath(file, imp.value(), "import_playbook");
        if (target == null) {
            return List.of();
        }
        Map<String, Object> vars = mapping(es.get("vars"));
        List<String> tags = tags(es.get("tags"));
        List<Play> out = new ArrayList<>();
        for (Play p : playbook(target, imp.value())) {
            Map<String, Object> v = new LinkedHashMap<>(p.vars());
            v.putAll(vars);
            List<String> t = new ArrayList<>(p.tags());
            t.addAll(tags);
            out.add(new Play(p.name(), p.hosts(), v, p.varsFiles(), p.become(), p.serial(), p.strategy(),
                    p.maxFailPercentage(), p.anyErrorsFatal(), p.gatherFacts(), p.preTasks(), p.tasks(),
                    p.postTasks(), p.handlers(), t, p.environment(), p.baseDir(), p.mark()));
        }
        return out;
    }

    private Play play(Path file, Node item, Map<String, Yaml.Entry> es) {
        if (!es.containsKey("hosts") && es.keySet().stream().anyMatch(k -> modules.containsKey(k)
                || INCLUDE_TASKS.contains(k) || k.equals("block"))) {
            error(Yaml.mark(item), "this is a task, not a play: a playbook's entries start with '- hosts:' (a file of"
                    + " tasks is included with import_tasks)");
            return null;
        }
        unknownKeys(es, PLAY_KEYS, "play");
        Path dir = dirOf(file);
        String hosts = null;
        Yaml.Entry h = es.get("hosts");
        boolean misspelt = es.keySet().stream().anyMatch(k -> Suggest.didYouMean(k, PLAY_KEYS).contains("'hosts'"));
        if (h == null) {
            if (!misspelt) {
                error(Yaml.mark(item), "a play needs 'hosts:' (a host pattern such as 'all' or a group name)");
            }
        } else if (Yaml.isSequence(h.value())) {
            List<String> parts = stringList(h, "hosts");
            hosts = parts == null ? null : String.join(",", parts);
        } else {
            hosts = scalar(h, "hosts");
            if (hosts != null && hosts.isBlank()) {
                error(Yaml.mark(h.value()), "'hosts' must name a host pattern, got nothing");
            }
        }
        String name = scalar(es.get("name"), "name");
        Map<String, Object> vars = mapping(es.get("vars"));
        List<String> varsFiles = varsFiles(dir, es.get("vars_files"));
        BecomeSpec become = become(es);
        List<Object> serial = serial(es.get("serial"));
        String strategy = choice(es.get("strategy"), STRATEGIES, "strategy");
        Integer maxFail = integer(es.get("max_fail_percentage"), "max_fail_percentage", 0, 100);
        Boolean anyFatal = bool(es.get("any_errors_fatal"), "any_errors_fatal");
        Boolean facts = bool(es.get("gather_facts"), "gather_facts");
        List<String> tags = tags(es.get("tags"));
        Map<String, Object> env = environment(es.get("environment"));

        Ctx ctx = new Ctx(file, dir, false, null, dir);
        List<TaskNode> pre = taskList(es.get("pre_tasks"), ctx, "pre_tasks");
        List<TaskNode> tasks = new ArrayList<>();
        List<Task> handlers = new ArrayList<>();
        List<Task> roleHandlers = new ArrayList<>();
        Yaml.Entry roles = es.get("roles");
        if (roles != null && !Yaml.isNull(roles.value())) {
            List<Node> items = items(roles.value(), "'roles'");
            if (items != null) {
                for (Node r : items) {
                    Block b = role(dir, r, roleHandlers);
                    if (b != null) {
                        tasks.add(b);
                    }
                }
            }
        }
        tasks.addAll(taskList(es.get("tasks"), ctx, "tasks"));
        List<TaskNode> post = taskList(es.get("post_tasks"), ctx, "post_tasks");
        Yaml.Entry hs = es.get("handlers");
        if (hs != null) {
            handlers.addAll(handlerList(hs, new Ctx(file, dir, true, null, dir)));
        }
        handlers.addAll(roleHandlers);
        checkNotify(handlers, List.of(pre, tasks, post));
        return new Play(name, hosts, vars, varsFiles, become, serial, strategy == null ? "linear" : strategy,
                maxFail, Boolean.TRUE.equals(anyFatal), facts == null || facts, pre, tasks, post, handlers, tags,
                env, dir, Yaml.mark(item));
    }

    private List<String> varsFiles(Path dir, Yaml.Entry e) {
        if (e == null || Yaml.isNull(e.value())) {
            return List.of();
        }
        List<Node> nodes = Yaml.isSequence(e.value()) ? e.value() instanceof org.snakeyaml.engine.v2.nodes.SequenceNode s
                ? s.getValue() : List.of() : List.of(e.value());
        List<String> out = new ArrayList<>();
        for (Node n : nodes) {
            if (!Yaml.isScalar(n) || Yaml.isNull(n)) {
                error(Yaml.mark(n), "each 'vars_files' entry must be a file name, got " + Yaml.describe(n));
                continue;
            }
            String f = ((ScalarNode) n).getValue();
            if (!isTemplated(f) && !Files.isRegularFile(dir.resolve(f))) {
                error(Yaml.mark(n), "vars file not found: " + dir.resolve(f).normalize());
                continue;
            }
            out.add(f);
        }
        return out;
    }

    private List<Object> serial(Yaml.Entry e) {
        if (e == null || Yaml.isNull(e.value())) {
            return List.of();
        }
        List<Node> nodes = e.value() instanceof org.snakeyaml.engine.v2.nodes.SequenceNode s ? s.getValue()
                : List.of(e.value());
        List<Object> out = new ArrayList<>();
        for (Node n : nodes) {
            String v = n instanceof ScalarNode s ? s.getValue().trim() : null;
            if (v != null && v.matches("\\d+")) {
                long num = Long.parseLong(v);
                if (num >= 1 && num <= Integer.MAX_VALUE) {
                    out.add((int) num);
                    continue;
                }
            } else if (v != null && v.matches("\\d+(\\.\\d+)?\\s*%")) {
                double pct = Double.parseDouble(v.substring(0, v.length() - 1).trim());
                if (pct > 0 && pct <= 100) {
                    out.add(v.replace(" ", ""));
                    continue;
                }
            }
            error(Yaml.mark(n), "'serial' must be a positive number of hosts, a percentage like \"30%\", or a list of"
                    + " those, got " + Yaml.describe(n));
        }
        return out;
    }

    // ---------------------------------------------------------------- roles

    /** Expands one entry of {@code roles:} into a Block; its handlers go to {@code handlersOut}. */
    private Block role(Path playbookDir, Node entry, List<Task> handlersOut) {
        String name;
        Node nameNode;
        Map<String, Yaml.Entry> es = Map.of();
        Map<String, Object> params = new LinkedHashMap<>();
        if (Yaml.isScalar(entry) && !Yaml.isNull(entry)) {
            name = ((ScalarNode) entry).getValue();
            nameNode = entry;
        } else {
            es = entries(entry, "a role entry");
            if (es == null) {
                return null;
            }
            Yaml.Entry n = es.containsKey("role") ? es.get("role") : es.get("name");
            if (n == null) {
                error(Yaml.mark(entry), "a role entry needs 'role:' (the role's name)");
                return null;
            }
            name = scalar(n, n.key());
            nameNode = n.value();
            if (name == null) {
                return null;
            }
            for (Yaml.Entry p : es.values()) {
                if (!ROLE_KEYS.contains(p.key())) {
                    if (!VAR_NAME.matcher(p.key()).matches()) {
                        error(Yaml.mark(p.keyNode()), "role parameter '" + p.key() + "' is not a valid variable name");
                    }
                    params.put(p.key(), Yaml.toValue(p.value()));
                }
            }
        }
        return roleBlock(playbookDir, name, nameNode, entry, es, params, handlersOut);
    }

    private Block roleBlock(Path playbookDir, String name, Node nameNode, Node entry, Map<String, Yaml.Entry> es,
                            Map<String, Object> params, List<Task> handlersOut) {
        if (isTemplated(name)) {
            error(Yaml.mark(nameNode), "a role's name cannot be a template (roles are loaded before the run)");
            return null;
        }
        Path roleDir = name.contains("/") ? playbookDir.resolve(name).normalize()
                : playbookDir.resolve("roles").resolve(name);
        if (!Files.isDirectory(roleDir)) {
            error(Yaml.mark(nameNode), "role '" + name + "' not found: no directory " + roleDir
                    + suggestRole(playbookDir, name));
            return null;
        }
        String roleName = roleDir.getFileName().toString();
        Map<String, Object> defaults = varsFile(roleDir.resolve("defaults"));
        Map<String, Object> vars = new LinkedHashMap<>(varsFile(roleDir.resolve("vars")));
        vars.putAll(params);
        vars.putAll(mapping(es.get("vars")));
        Path meta = main(roleDir.resolve("meta"));
        if (meta != null) {
            Optional<Node> m = compose(meta, null);
            if (m != null && m.isPresent() && Yaml.isMapping(m.get())) {
                Map<String, Yaml.Entry> me = entries(m.get(), "a role's meta/main.yml");
                Yaml.Entry deps = me == null ? null : me.get("dependencies");
                if (deps != null && Yaml.isSequence(deps.value())
                        && !((org.snakeyaml.engine.v2.nodes.SequenceNode) deps.value()).getValue().isEmpty()) {
                    error(Yaml.mark(deps.keyNode()), "role dependencies are not supported: list the roles in the"
                            + " play's 'roles:' instead");
                }
            }
        }
        List<TaskNode> tasks = List.of();
        Path tasksFile = main(roleDir.resolve("tasks"));
        if (tasksFile != null) {
            tasks = taskFile(tasksFile, nameNode, new Ctx(tasksFile, dirOf(tasksFile), false, roleName, playbookDir));
        }
        Path handlersFile = main(roleDir.resolve("handlers"));
        if (handlersFile != null) {
            Optional<Node> h = compose(handlersFile, nameNode);
            if (h != null && h.isPresent() && !Yaml.isNull(h.get())) {
                handlersOut.addAll(handlerList(new Yaml.Entry("handlers", h.get(), h.get()),
                        new Ctx(handlersFile, dirOf(handlersFile), true, roleName, playbookDir)));
            }
        }
        return new Block(null, tasks, List.of(), List.of(), conditions(es.get("when"), "when"), vars,
                tags(es.get("tags")), become(es), null, roleName, defaults, roleDir, Yaml.mark(entry));
    }

    private String suggestRole(Path playbookDir, String name) {
        Path roles = playbookDir.resolve("roles");
        if (!Files.isDirectory(roles)) {
            return "";
        }
        try (var s = Files.list(roles)) {
            return Suggest.didYouMean(name, s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList());
        } catch (java.io.IOException e) {
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
        Optional<Node> n = compose(f, null);
        if (n == null || n.isEmpty() || Yaml.isNull(n.get())) {
            return Map.of();
        }
        Map<String, Yaml.Entry> es = entries(n.get(), "a variables file");
        if (es == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        es.values().forEach(e -> out.put(e.key(), Yaml.toValue(e.value())));
        return out;
    }

    // ---------------------------------------------------------------- task lists

    /** Where a task list comes from: the file (includes are relative to its directory), handlers or not, role, and the playbook's directory (roles are found there). */
    private record Ctx(Path file, Path dir, boolean handlers, String role, Path playbookDir) {}

    private List<TaskNode> taskList(Yaml.Entry e, Ctx ctx, String what) {
        if (e == null || Yaml.isNull(e.value())) {
            return List.of();
        }
        List<Node> items = items(e.value(), "'" + what + "'");
        if (items == null) {
            return List.of();
        }
        List<TaskNode> out = new ArrayList<>();
        for (Node item : items) {
            TaskNode t = taskNode(item, ctx);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private List<Task> handlerList(Yaml.Entry e, Ctx ctx) {
        List<Task> out = new ArrayList<>();
        Map<String, Node> names = new HashMap<>();
        for (TaskNode n : taskList(e, ctx, "handlers")) {
            List<Task> flat = new ArrayList<>();
            flatten(n, flat);
            for (Task t : flat) {
                if (t.name() != null) {
                    Node first = names.putIfAbsent(t.name(), nameNode(t));
                    if (first != null) {
                        error(Yaml.mark(nameNode(t)), "handler '" + t.name() + "' is defined twice (first at line "
                                + Yaml.mark(first).line() + ")");
                    }
                }
                out.add(t);
            }
        }
        return out;
    }

    /** Handlers are tasks; an import_tasks in handlers: contributes its tasks. */
    private void flatten(TaskNode n, List<Task> out) {
        if (n instanceof Task t) {
            out.add(t);
        } else if (n instanceof Block b) {
            if (!b.rescue().isEmpty() || !b.always().isEmpty() || !b.when().isEmpty()) {
                error(b.mark(), "handlers cannot be blocks with rescue/always/when");
            }
            b.block().forEach(c -> flatten(c, out));
        }
    }

    private final IdentityHashMap<Task, Node> taskNameNodes = new IdentityHashMap<>();

    private Node nameNode(Task t) {
        return taskNameNodes.get(t);
    }

    private TaskNode taskNode(Node item, Ctx ctx) {
        Map<String, Yaml.Entry> es = entries(item, "a task");
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
                error(Yaml.mark(es.get(k).keyNode()), "'" + k + "' belongs to a 'block:' and this entry has none");
                return null;
            }
        }
        return task(item, es, ctx);
    }

    private Block block(Node item, Map<String, Yaml.Entry> es, Ctx ctx) {
        for (Yaml.Entry e : es.values()) {
            if (!BLOCK_KEYS.contains(e.key())) {
                if (modules.containsKey(e.key()) || e.key().equals("meta")) {
                    error(Yaml.mark(e.keyNode()), "a block cannot run a module ('" + e.key()
                            + "'): put the task in the block's list");
                } else {
                    unknownKey(e, BLOCK_KEYS, "block");
                }
            }
        }
        String name = scalar(es.get("name"), "name");
        List<TaskNode> body = taskList(es.get("block"), ctx, "block");
        List<TaskNode> rescue = taskList(es.get("rescue"), ctx, "rescue");
        List<TaskNode> always = taskList(es.get("always"), ctx, "always");
        return new Block(name, body, rescue, always, conditions(es.get("when"), "when"), mapping(es.get("vars")),
                tags(es.get("tags")), become(es), bool(es.get("ignore_errors"), "ignore_errors"), null, Map.of(), null,
                Yaml.mark(item));
    }

    private Block include(Node item, Map<String, Yaml.Entry> es, Yaml.Entry inc, Ctx ctx) {
        for (Yaml.Entry e : es.values()) {
            if (e != inc && !INCLUDE_KEYS.contains(e.key())) {
                if (e.key().equals("loop") || e.key().startsWith("with_")) {
                    error(Yaml.mark(e.keyNode()), "'" + e.key() + "' on '" + inc.key() + "' is not supported: files are"
                            + " included when the playbook loads; put the loop on the included tasks");
                } else if (INCLUDE_TASKS.contains(e.key()) || modules.containsKey(e.key())) {
                    error(Yaml.mark(e.keyNode()), "'" + inc.key() + "' cannot be combined with '" + e.key() + "'");
                } else {
                    unknownKey(e, INCLUDE_KEYS, inc.key());
                }
            }
        }
        Node fileNode = inc.value();
        if (Yaml.isMapping(fileNode)) {
            Map<String, Yaml.Entry> opts = entries(fileNode, "'" + inc.key() + "'");
            if (opts == null) {
                return null;
            }
            unknownKeys(opts, List.of("file"), inc.key());
            if (!opts.containsKey("file")) {
                error(Yaml.mark(fileNode), "'" + inc.key() + "' needs 'file:'");
                return null;
            }
            fileNode = opts.get("file").value();
        }
        Path target = includePath(ctx.file(), fileNode, inc.key());
        if (target == null) {
            return null;
        }
        List<TaskNode> tasks = taskFile(target, fileNode, new Ctx(target, dirOf(target), ctx.handlers(), ctx.role(), ctx.playbookDir()));
        return new Block(scalar(es.get("name"), "name"), tasks, List.of(), List.of(), conditions(es.get("when"), "when"),
                mapping(es.get("vars")), tags(es.get("tags")), become(es),
                bool(es.get("ignore_errors"), "ignore_errors"), null, Map.of(), null, Yaml.mark(item));
    }

    /** {@code import_role: name: x} inside a task list; role handlers are not reachable from here. */
    private Block includeRole(Node item, Map<String, Yaml.Entry> es, Yaml.Entry inc, Ctx ctx) {
        for (Yaml.Entry e : es.values()) {
            if (e != inc && !INCLUDE_KEYS.contains(e.key())) {
                unknownKey(e, INCLUDE_KEYS, inc.key());
            }
        }
        Map<String, Yaml.Entry> opts = entries(inc.value(), "'" + inc.key() + "'");
        if (opts == null) {
            return null;
        }
        unknownKeys(opts, List.of("name"), inc.key());
        Yaml.Entry n = opts.get("name");
        if (n == null) {
            error(Yaml.mark(inc.value()), "'" + inc.key() + "' needs 'name:' (the role's name)");
            return null;
        }
        String name = scalar(n, "name");
        if (name == null) {
            return null;
        }
        Path playbookDir = ctx.playbookDir();
        List<Task> handlers = new ArrayList<>();
        Block b = roleBlock(playbookDir, name, n.value(), item, es, Map.of(), handlers);
        if (b != null && !handlers.isEmpty()) {
            error(Yaml.mark(inc.keyNode()), "role '" + name + "' has handlers: list it under the play's 'roles:'"
                    + " so they can be notified");
        }
        return b;
    }

    /** Resolves an include's file name relative to the including file; null (and an error) when it cannot be used. */
    private Path includePath(Path from, Node fileNode, String what) {
        if (!Yaml.isScalar(fileNode) || Yaml.isNull(fileNode)) {
            error(Yaml.mark(fileNode), "'" + what + "' must name a file, got " + Yaml.describe(fileNode));
            return null;
        }
        String name = ((ScalarNode) fileNode).getValue();
        if (isTemplated(name)) {
            error(Yaml.mark(fileNode), "'" + what + "' cannot be a template: files are included when the playbook"
                    + " is loaded");
            return null;
        }
        Path target = dirOf(from).resolve(name).normalize();
        if (!Files.isRegularFile(target)) {
            error(Yaml.mark(fileNode), "file not found: " + target);
            return null;
        }
        Path abs = target.toAbsolutePath().normalize();
        if (including.contains(abs)) {
            List<Path> chain = new ArrayList<>(including);
            java.util.Collections.reverse(chain);
            String loop = chain.subList(chain.indexOf(abs), chain.size()).stream()
                    .map(p -> p.getFileName().toString()).collect(Collectors.joining(" -> "));
            error(Yaml.mark(fileNode), "import loop: " + loop + " -> " + abs.getFileName());
            return null;
        }
        return target;
    }

    /** A file holding a list of tasks (included, or a role's tasks/main.yml). */
    private List<TaskNode> taskFile(Path file, Node includedBy, Ctx ctx) {
        Optional<Node> root = compose(file, includedBy);
        if (root == null || root.isEmpty() || Yaml.isNull(root.get())) {
            return List.of();
        }
        Path abs = file.toAbsolutePath().normalize();
        including.push(abs);
        try {
            if (!Yaml.isSequence(root.get())) {
                error(Yaml.mark(root.get()), "a task file must be a list of tasks, got " + Yaml.describe(root.get()));
                return List.of();
            }
            return taskList(new Yaml.Entry("tasks", root.get(), root.get()), ctx, "tasks");
        } finally {
            including.pop();
        }
    }

    // ---------------------------------------------------------------- one task

    /** Builds the task even when some of it is wrong, so later checks (notify) still see it; errors are kept. */
    private Task task(Node item, Map<String, Yaml.Entry> es, Ctx ctx) {
        List<String> keywords = ctx.handlers() ? TASK_KEYS : TASK_KEYS.stream().filter(k -> !k.equals("listen")).toList();
        Yaml.Entry moduleEntry = null;
        List<Yaml.Entry> unknown = new ArrayList<>();
        for (Yaml.Entry e : es.values()) {
            if (TASK_KEYS.contains(e.key())) {
                if (e.key().equals("listen") && !ctx.handlers()) {
                    error(Yaml.mark(e.keyNode()), "'listen' is only for handlers");
                }
                continue;
            }
            boolean isModule = modules.containsKey(e.key()) || e.key().equals("meta") || e.key().equals("action")
                    || e.key().equals("local_action");
            if (!isModule) {
                unknown.add(e);
            } else if (moduleEntry != null) {
                error(Yaml.mark(e.keyNode()), "a task runs one module: found '" + moduleEntry.key() + "' and '"
                        + e.key() + "'");
            } else {
                moduleEntry = e;
            }
        }
        for (Yaml.Entry u : unknown) {
            String k = u.key();
            String kw = Suggest.didYouMean(k, keywords);
            String mod = Suggest.didYouMean(k, modules.keySet());
            if (UNSUPPORTED.containsKey(k)) {
                error(Yaml.mark(u.keyNode()), "'" + k + "' is not supported by drover: " + UNSUPPORTED.get(k));
            } else if (!kw.isEmpty() && (moduleEntry != null || mod.isEmpty())) {
                error(Yaml.mark(u.keyNode()), "unknown task keyword '" + k + "'" + kw);
            } else if (!mod.isEmpty()) {
                error(Yaml.mark(u.keyNode()), "unknown module '" + k + "'" + mod);
            } else if (moduleEntry != null) {
                error(Yaml.mark(u.keyNode()), "unknown task keyword '" + k + "' (this task already runs '"
                        + moduleEntry.key() + "')");
            } else {
                error(Yaml.mark(u.keyNode()), "unknown module '" + k + "' ('drover doc' lists the modules)");
            }
        }
        if (moduleEntry == null) {
            if (unknown.isEmpty()) {
                error(Yaml.mark(item), "a task needs a module, e.g. 'command: ls' ('drover doc' lists the modules)");
            }
            return null;
        }

        // the module and its arguments
        String module = moduleEntry.key();
        Node moduleKey = moduleEntry.keyNode();
        Node argsNode = moduleEntry.value();
        String delegateTo = null;
        Map<String, Object> raw = new LinkedHashMap<>();
        Map<String, Node[]> argNodes = new LinkedHashMap<>();
        boolean argsParsed = true;
        Yaml.Entry argsKw = es.get("args");
        if (argsKw != null) {
            Map<String, Yaml.Entry> ae = entries(argsKw.value(), "'args'");
            if (ae != null) {
                ae.values().forEach(a -> {
                    raw.put(a.key(), Yaml.toValue(a.value()));
                    argNodes.put(a.key(), new Node[] {a.keyNode(), a.value()});
                });
            }
        }
        if (module.equals("action") || module.equals("local_action")) {
            if (module.equals("local_action")) {
                delegateTo = "localhost";
            }
            String what = module;
            if (Yaml.isMapping(argsNode)) {
                Map<String, Yaml.Entry> ae = entries(argsNode, "'" + what + "'");
                if (ae == null) {
                    return null;
                }
                Yaml.Entry m = ae.get("module");
                if (m == null) {
                    error(Yaml.mark(argsNode), "'" + what + "' needs 'module:'");
                    return null;
                }
                module = scalar(m, "module");
                moduleKey = m.value();
                if (module == null || !knownModule(module, m.value())) {
                    return null;
                }
                for (Yaml.Entry a : ae.values()) {
                    if (a != m) {
                        raw.put(a.key(), Yaml.toValue(a.value()));
                        argNodes.put(a.key(), new Node[] {a.keyNode(), a.value()});
                    }
                }
                argsNode = null;
            } else {
                String text = Yaml.isScalar(argsNode) && !Yaml.isNull(argsNode) ? ((ScalarNode) argsNode).getValue().strip() : "";
                if (text.isEmpty()) {
                    error(Yaml.mark(argsNode), "'" + what + "' must name a module and its arguments, e.g. '"
                            + what + ": command ls'");
                    return null;
                }
                String[] parts = text.split("\\s+", 2);
                module = parts[0];
                moduleKey = argsNode;
                if (!knownModule(module, argsNode)) {
                    return null;
                }
                String rest = parts.length > 1 ? parts[1] : "";
                if (!module.equals("meta")) {
                    argsParsed = freeOrKv(modules.get(module), rest, argsNode, raw, argNodes);
                    argsNode = null;
                } else {
                    argsNode = new ScalarNode(Tag.STR, true, rest, org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN,
                            argsNode.getStartMark(), argsNode.getEndMark());
                }
            }
        }
        if (module.equals("meta") && !modules.containsKey("meta")) {
            String action = argsNode == null ? null : scalar(new Yaml.Entry("meta", moduleKey, argsNode), "meta");
            if (action == null) {
                error(Yaml.mark(moduleKey), "meta needs an action, one of " + META_ACTIONS);
            } else if (!META_ACTIONS.contains(action.strip())) {
                error(Yaml.mark(argsNode), "meta: '" + action + "' is not supported; use one of " + META_ACTIONS
                        + Suggest.didYouMean(action.strip(), META_ACTIONS));
            }
            raw.clear();
            if (action != null) {
                raw.put("_raw", action.strip());
            }
        } else {
            ModuleSpec spec = modules.get(module);
            if (argsNode != null) {
                argsParsed = moduleArgs(spec, argsNode, raw, argNodes);
            }
            List<String> msgs = new ArrayList<>();
            if (argsParsed) {
                Args.bind(spec, raw, true, msgs);
            }
            Set<String> suggested = new LinkedHashSet<>();
            for (String m : msgs) {
                Matcher dym = DID_YOU_MEAN.matcher(m);
                if (m.contains("has no argument") && dym.find()) {
                    suggested.add(dym.group(1));
                }
            }
            for (String m : msgs) {
                Matcher needs = NEEDS_ARG.matcher(m);
                if (needs.find() && (given(spec, needs.group(1), raw) || suggested.contains(needs.group(1)))) {
                    continue; // given but invalid, or misspelt: that error is already reported where it was written
                }
                error(argMark(spec, m, argNodes, moduleKey, argsNode), m);
            }
        }

        // keywords
        String name = scalar(es.get("name"), "name");
        if (es.containsKey("name")) {
            // remembered for "defined twice" errors on handlers
        }
        List<String> when = conditions(es.get("when"), "when");
        Object loop = loop(es);
        LoopControl lc = loopControl(es.get("loop_control"));
        String register = null;
        Yaml.Entry reg = es.get("register");
        if (reg != null) {
            register = scalar(reg, "register");
            if (register != null && !VAR_NAME.matcher(register).matches()) {
                error(Yaml.mark(reg.value()), "'register' must be a variable name (letters, digits, _), got '"
                        + register + "'");
            }
        }
        List<String> notify = new ArrayList<>();
        List<Node> notifyAt = new ArrayList<>();
        Yaml.Entry nt = es.get("notify");
        if (nt != null && !Yaml.isNull(nt.value())) {
            List<Node> ns = Yaml.isSequence(nt.value()) ? ((org.snakeyaml.engine.v2.nodes.SequenceNode) nt.value()).getValue()
                    : List.of(nt.value());
            for (Node n : ns) {
                if (!Yaml.isScalar(n) || Yaml.isNull(n)) {
                    error(Yaml.mark(n), "'notify' must name handlers (a name or a list of names), got " + Yaml.describe(n));
                } else {
                    notify.add(((ScalarNode) n).getValue());
                    notifyAt.add(n);
                }
            }
        }
        List<String> listen = ctx.handlers() ? new ArrayList<>(stringOrList(es.get("listen"), "listen")) : new ArrayList<>();
        if (ctx.handlers() && ctx.role() != null && name != null) {
            listen.add(ctx.role() + " : " + name); // Ansible's qualified handler name
        }
        Yaml.Entry dt = es.get("delegate_to");
        if (dt != null) {
            String to = scalar(dt, "delegate_to");
            if (delegateTo != null) {
                error(Yaml.mark(dt.keyNode()), "'delegate_to' cannot be combined with 'local_action'");
            } else if (to != null && !isTemplated(to) && !LOCALHOST.contains(to.strip())) {
                error(Yaml.mark(dt.value()), "delegate_to: only 'localhost' (or 127.0.0.1) is supported, got '"
                        + to + "'");
            } else {
                delegateTo = to == null ? null : to.strip();
            }
        }
        Integer retries = integer(es.get("retries"), "retries", 0, Integer.MAX_VALUE);
        Integer delay = integer(es.get("delay"), "delay", 0, Integer.MAX_VALUE);
        Integer timeout = integer(es.get("timeout"), "timeout", 1, Integer.MAX_VALUE);
        List<String> until = conditions(es.get("until"), "until");
        Boolean runOnce = bool(es.get("run_once"), "run_once");
        Boolean noLog = bool(es.get("no_log"), "no_log");
        Task t = new Task(name, module, raw, when, loop, lc, register, notify, listen, tags(es.get("tags")),
                bool(es.get("ignore_errors"), "ignore_errors"), conditions(es.get("changed_when"), "changed_when"),
                conditions(es.get("failed_when"), "failed_when"), bool(es.get("check_mode"), "check_mode"),
                bool(es.get("diff"), "diff"), become(es), mapping(es.get("vars")), retries, until, delay,
                Boolean.TRUE.equals(runOnce), delegateTo, Boolean.TRUE.equals(noLog), timeout,
                environment(es.get("environment")), Yaml.mark(item));
        if (!notifyAt.isEmpty()) {
            notifyNodes.put(t, notifyAt);
        }
        if (es.containsKey("name")) {
            taskNameNodes.put(t, es.get("name").value());
        }
        return t;
    }

    private static boolean given(ModuleSpec spec, String arg, Map<String, Object> raw) {
        return raw.keySet().stream().anyMatch(k -> k.equals(arg) || spec.arg(k).map(a -> a.name().equals(arg)).orElse(false));
    }

    private boolean knownModule(String module, Node at) {
        if (modules.containsKey(module) || module.equals("meta")) {
            return true;
        }
        error(Yaml.mark(at), "unknown module '" + module + "'" + Suggest.didYouMean(module, modules.keySet()));
        return false;
    }

    /** A module's value: a mapping of arguments, a {@code k=v} string, or the free-form string. */
    private boolean moduleArgs(ModuleSpec spec, Node argsNode, Map<String, Object> raw, Map<String, Node[]> argNodes) {
        if (Yaml.isNull(argsNode)) {
            return true;
        }
        if (Yaml.isMapping(argsNode)) {
            Map<String, Yaml.Entry> ae = entries(argsNode, "the arguments of '" + spec.name() + "'");
            if (ae != null) {
                for (Yaml.Entry a : ae.values()) {
                    raw.put(a.key(), Yaml.toValue(a.value()));
                    argNodes.put(a.key(), new Node[] {a.keyNode(), a.value()});
                }
            }
            return ae != null;
        }
        if (Yaml.isSequence(argsNode)) {
            error(Yaml.mark(argsNode), "the arguments of '" + spec.name() + "' must be a mapping (key: value)"
                    + (spec.freeForm() != null ? " or a string" : " or a 'key=value' string") + ", got a list");
            return false;
        }
        return freeOrKv(spec, ((ScalarNode) argsNode).getValue(), argsNode, raw, argNodes);
    }

    /** @return false when the string could not be parsed (the error is recorded) */
    private boolean freeOrKv(ModuleSpec spec, String text, Node at, Map<String, Object> raw, Map<String, Node[]> argNodes) {
        try {
            Map<String, Object> parsed;
            if (spec.freeForm() != null) {
                Set<String> known = new LinkedHashSet<>();
                for (ArgSpec a : spec.args()) {
                    if (a.name().equals("*")) {
                        continue;
                    }
                    known.add(a.name());
                    known.addAll(a.aliases());
                }
                parsed = KeyValue.parseFreeForm(text, spec.freeForm(), known);
            } else {
                parsed = KeyValue.parse(text);
            }
            for (Map.Entry<String, Object> e : parsed.entrySet()) {
                raw.put(e.getKey(), e.getValue());
                argNodes.put(e.getKey(), new Node[] {at, at});
            }
            return true;
        } catch (KeyValue.KeyValueException e) {
            error(Yaml.mark(at), "arguments of '" + spec.name() + "': " + e.getMessage());
            return false;
        }
    }

    /** Where an argument error points: the argument's key (unknown), its value (bad value), or the module key. */
    private static SourceMark argMark(ModuleSpec spec, String message, Map<String, Node[]> argNodes, Node moduleKey,
                                      Node argsNode) {
        Matcher m = ARG_IN_MESSAGE.matcher(message);
        if (m.find() && !message.contains("needs argument")) {
            String arg = m.group(1);
            boolean unknown = message.contains("has no argument");
            for (Map.Entry<String, Node[]> e : argNodes.entrySet()) {
                boolean same = e.getKey().equals(arg)
                        || spec.arg(e.getKey()).map(a -> a.name().equals(arg)).orElse(false);
                if (same) {
                    return Yaml.mark(unknown ? e.getValue()[0] : e.getValue()[1]);
                }
            }
        }
        return Yaml.mark(moduleKey);
    }

    private Object loop(Map<String, Yaml.Entry> es) {
        Yaml.Entry loop = es.get("loop");
        Yaml.Entry items = es.get("with_items");
        if (loop != null && items != null) {
            error(Yaml.mark(items.keyNode()), "'with_items' and 'loop' cannot both be given");
            return null;
        }
        Yaml.Entry e = loop != null ? loop : items;
        if (e == null) {
            return null;
        }
        Node v = e.value();
        if (Yaml.isSequence(v)) {
            return Yaml.toValue(v);
        }
        if (Yaml.isScalar(v) && !Yaml.isNull(v) && isTemplated(((ScalarNode) v).getValue())) {
            return ((ScalarNode) v).getValue();
        }
        error(Yaml.mark(v), "'" + e.key() + "' must be a list or a template that gives one (\"{{ my_list }}\"), got "
                + Yaml.describe(v));
        return null;
    }

    private LoopControl loopControl(Yaml.Entry e) {
        if (e == null || Yaml.isNull(e.value())) {
            return LoopControl.DEFAULT;
        }
        Map<String, Yaml.Entry> es = entries(e.value(), "'loop_control'");
        if (es == null) {
            return LoopControl.DEFAULT;
        }
        unknownKeys(es, LOOP_CONTROL_KEYS, "loop_control");
        String var = scalar(es.get("loop_var"), "loop_var");
        if (var != null && !VAR_NAME.matcher(var).matches()) {
            error(Yaml.mark(es.get("loop_var").value()), "'loop_var' must be a variable name, got '" + var + "'");
        }
        return new LoopControl(var == null ? "item" : var, scalar(es.get("label"), "label"));
    }

    // ---------------------------------------------------------------- notify

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
            List<Node> at = notifyNodes.getOrDefault(t, List.of());
            for (int i = 0; i < t.notifies().size(); i++) {
                String n = t.notifies().get(i);
                if (!isTemplated(n) && !topics.contains(n)) {
                    error(Yaml.mark(at.get(i)), "notify: no handler named or listening to '" + n + "'"
                            + Suggest.didYouMean(n, topics));
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

    // ---------------------------------------------------------------- typed keyword values

    private BecomeSpec become(Map<String, Yaml.Entry> es) {
        Boolean b = bool(es.get("become"), "become");
        String user = scalar(es.get("become_user"), "become_user");
        String method = choice(es.get("become_method"), BECOME_METHODS, "become_method");
        return b == null && user == null && method == null ? BecomeSpec.UNSET : new BecomeSpec(b, user, method);
    }

    private String choice(Yaml.Entry e, List<String> choices, String what) {
        String v = scalar(e, what);
        if (v == null) {
            return null;
        }
        if (!choices.contains(v)) {
            error(Yaml.mark(e.value()), "'" + what + "' must be one of " + String.join(", ", choices) + ", got '" + v
                    + "'" + Suggest.didYouMean(v, choices));
            return null;
        }
        return v;
    }

    private Boolean bool(Yaml.Entry e, String what) {
        if (e == null || Yaml.isNull(e.value())) {
            return null;
        }
        if (e.value() instanceof ScalarNode s) {
            switch (s.getValue().trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> {
                    return true;
                }
                case "false", "no", "off" -> {
                    return false;
                }
                default -> { }
            }
        }
        error(Yaml.mark(e.value()), "'" + what + "' must be true or false, got " + Yaml.describe(e.value())
                + (e.value() instanceof ScalarNode s && isTemplated(s.getValue()) ? " (templates are not supported here)" : ""));
        return null;
    }

    private Integer integer(Yaml.Entry e, String what, int min, int max) {
        if (e == null || Yaml.isNull(e.value())) {
            return null;
        }
        if (e.value() instanceof ScalarNode s && s.getValue().trim().matches("-?\\d{1,9}")) {
            int v = Integer.parseInt(s.getValue().trim());
            if (v >= min && v <= max) {
                return v;
            }
        }
        error(Yaml.mark(e.value()), "'" + what + "' must be a whole number"
                + (max == 100 ? " from " + min + " to 100" : min > 0 ? " of at least " + min : " (0 or more)")
                + ", got " + Yaml.describe(e.value()));
        return null;
    }

    private String scalar(Yaml.Entry e, String what) {
        if (e == null || Yaml.isNull(e.value())) {
            return null;
        }
        if (e.value() instanceof ScalarNode s) {
            return s.getValue();
        }
        error(Yaml.mark(e.value()), "'" + what + "' must be a single value, got " + Yaml.describe(e.value()));
        return null;
    }

    /** {@code when}/{@code changed_when}/{@code failed_when}/{@code until}: a condition or a list (all must hold). */
    private List<String> conditions(Yaml.Entry e, String what) {
        if (e == null || Yaml.isNull(e.value())) {
            return List.of();
        }
        List<Node> nodes = e.value() instanceof org.snakeyaml.engine.v2.nodes.SequenceNode s ? s.getValue()
                : List.of(e.value());
        List<String> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n instanceof ScalarNode s && !Yaml.isNull(n)) {
                String c = s.getValue().strip();
                if (c.startsWith("{{") && c.endsWith("}}") && c.indexOf("{{", 2) < 0) {
                    c = c.substring(2, c.length() - 2).strip(); // Ansible warns; the bare expression means the same
                }
                out.add(c);
            } else {
                error(Yaml.mark(n), "'" + what + "' must be a condition (an expression such as \"x == 'a'\") or a"
                        + " list of them, got " + Yaml.describe(n)
                        + (Yaml.isMapping(n) ? "; quote a condition that contains ': '" : ""));
            }
        }
        return out;
    }

    private List<String> tags(Yaml.Entry e) {
        List<String> out = new ArrayList<>();
        for (String t : stringOrList(e, "tags")) {
            for (String p : t.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
        }
        return out;
    }

    private List<String> stringOrList(Yaml.Entry e, String what) {
        if (e == null || Yaml.isNull(e.value())) {
            return List.of();
        }
        if (Yaml.isScalar(e.value())) {
            return List.of(((ScalarNode) e.value()).getValue());
        }
        List<String> l = stringList(e, what);
        return l == null ? List.of() : l;
    }

    private List<String> stringList(Yaml.Entry e, String what) {
        List<Node> items = items(e.value(), "'" + what + "'");
        if (items == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Node n : items) {
            if (n instanceof ScalarNode s && !Yaml.isNull(n)) {
                out.add(s.getValue());
            } else {
                error(Yaml.mark(n), "each '" + what + "' entry must be a single value, got " + Yaml.describe(n));
            }
        }
        return out;
    }

    private Map<String, Object> mapping(Yaml.Entry e) {
        if (e == null || Yaml.isNull(e.value())) {
            return Map.of();
        }
        Map<String, Yaml.Entry> es = entries(e.value(), "'" + e.key() + "'");
        if (es == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Yaml.Entry v : es.values()) {
            if (e.key().equals("vars") && !VAR_NAME.matcher(v.key()).matches()) {
                error(Yaml.mark(v.keyNode()), "'" + v.key() + "' is not a valid variable name (letters, digits, _)");
            }
            out.put(v.key(), Yaml.toValue(v.value()));
        }
        return out;
    }

    private Map<String, Object> environment(Yaml.Entry e) {
        Map<String, Object> env = mapping(e);
        if (e != null) {
            for (Map.Entry<String, Object> v : env.entrySet()) {
                if (!VAR_NAME.matcher(v.getKey()).matches()) {
                    error(Yaml.mark(e.value()), "environment: '" + v.getKey() + "' is not a valid variable name");
                } else if (v.getValue() instanceof Map || v.getValue() instanceof List) {
                    error(Yaml.mark(e.value()), "environment: '" + v.getKey() + "' must be a single value");
                }
            }
        }
        return env;
    }

    // ---------------------------------------------------------------- plumbing

    private void unknownKeys(Map<String, Yaml.Entry> es, List<String> allowed, String where) {
        for (Yaml.Entry e : es.values()) {
            if (!allowed.contains(e.key())) {
                unknownKey(e, allowed, where);
            }
        }
    }

    private void unknownKey(Yaml.Entry e, List<String> allowed, String where) {
        if (UNSUPPORTED.containsKey(e.key())) {
            error(Yaml.mark(e.keyNode()), "'" + e.key() + "' is not supported by drover: " + UNSUPPORTED.get(e.key()));
        } else {
            error(Yaml.mark(e.keyNode()), "unknown " + where + " keyword '" + e.key() + "'"
                    + Suggest.didYouMean(e.key(), allowed));
        }
    }

    /** Composes a file; null after recording the error. A missing file is reported at the line that named it. */
    private Optional<Node> compose(Path file, Node namedBy) {
        try {
            return Yaml.compose(file);
        } catch (LoadException e) {
            if (namedBy != null && e.errors().size() == 1 && e.errors().get(0).mark().line() == 0) {
                error(Yaml.mark(namedBy), file + ": " + e.errors().get(0).message());
            } else {
                errors.addAll(e.errors());
            }
            return null;
        }
    }

    private Map<String, Yaml.Entry> entries(Node node, String what) {
        try {
            Map<String, Yaml.Entry> out = new LinkedHashMap<>();
            for (Yaml.Entry e : Yaml.entries(node, what)) {
                out.put(e.key(), e);
            }
            return out;
        } catch (LoadException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    private List<Node> items(Node node, String what) {
        try {
            return Yaml.items(node, what);
        } catch (LoadException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    private void error(SourceMark mark, String message) {
        errors.add(new LoadError(mark, message));
    }

    private static Path dirOf(Path file) {
        Path p = file.getParent();
        return p == null ? Path.of("") : p;
    }

    private static boolean isTemplated(String s) {
        return s != null && (s.contains("{{") || s.contains("{%"));
    }
}
