package org.drover.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.drover.engine.HostContext.HostUnreachable;
import org.drover.engine.RunSummary.TaskStats;
import org.drover.inventory.ConnectionVars;
import org.drover.inventory.Host;
import org.drover.inventory.Inventory;
import org.drover.module.Args;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.module.Module;
import org.drover.module.ModuleRegistry;
import org.drover.module.Outcome;
import org.drover.playbook.Block;
import org.drover.playbook.BecomeSpec;
import org.drover.playbook.LoopControl;
import org.drover.playbook.Play;
import org.drover.playbook.Playbook;
import org.drover.playbook.Task;
import org.drover.playbook.TaskNode;
import org.drover.transport.Become;
import org.drover.transport.Connection;
import org.drover.transport.ConnectionFactory;
import org.drover.transport.ExecRequest;
import org.drover.transport.ExecResult;
import org.drover.template.Templater;
import org.drover.yaml.Yaml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs playbooks against an inventory: plays → hosts (pattern ∩ limit) → serial batches → tasks on a bounded pool
 * of host workers, linear or free. One connection per host, opened by the first task that needs it and closed at
 * the end of the run. Events go to a {@link RunListener}; {@link #run} returns the recap.
 *
 * <p>Block/rescue/always, handlers and failure policy follow Ansible: a failed host leaves the play while the
 * others go on; {@code any_errors_fatal} and {@code max_fail_percentage} stop the play for every host.
 * The same tree walk serves both strategies: linear walks it once for the whole batch and runs each task on
 * every host before the next; free walks it once per host, each in its own worker.
 */
public final class Engine {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);
    /** {@code default(omit)}: an argument rendered to this is left out, as if never written. */
    static final String OMIT = "__drover_omit__";
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> LOCALHOST = Set.of("localhost", "127.0.0.1", "::1");
    private static final String CENSORED = "the output has been hidden due to the 'no_log: true' specified for this result";

    private final ModuleRegistry modules;
    private final Templater templater;
    private final ConnectionFactory connections;
    private final RunOptions options;
    private final RunListener listener;
    private final Tags tags;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean interrupted;

    private final Map<String, HostState> hosts = new LinkedHashMap<>();
    private final Set<String> touched = ConcurrentHashMap.newKeySet();
    private final List<TaskAcc> taskAccs = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger taskIds = new AtomicInteger();
    private Map<String, Object> groupsVar = Map.of();
    private HostVarsView hostVars;
    private LocalConnection local;
    private ExecutorService pool;
    private final HostContext.Connector connector = new Connector();

    public Engine(ModuleRegistry modules, Templater templater, ConnectionFactory connections, RunOptions options,
                  RunListener listener) {
        this.modules = Objects.requireNonNull(modules);
        this.templater = Objects.requireNonNull(templater);
        this.connections = Objects.requireNonNull(connections);
        this.options = Objects.requireNonNull(options);
        this.listener = new SerializedListener(listener == null ? new RunListener() {} : listener);
        this.tags = new Tags(options.tags(), options.skipTags());
    }

    /** Runs the playbooks in order and blocks until done (or interrupted and drained). One run per engine. */
    public RunSummary run(List<Playbook> playbooks, Inventory inventory) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("an Engine runs once");
        }
        long t0 = System.nanoTime();
        for (Host h : inventory.hosts()) {
            hosts.put(h.name(), new HostState(h));
        }
        groupsVar = groupsOf(inventory);
        hostVars = new HostVarsView(hosts, name -> hosts.get(name).visibleVars());
        local = new LocalConnection("localhost", null, options.commandTimeout());
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(Math.max(1, options.forks()), r -> {
            Thread t = new Thread(r, "drover-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            outer:
            for (Playbook pb : playbooks) {
                for (Play play : pb.plays()) {
                    if (interrupted) {
                        break outer;
                    }
                    runPlay(inventory, pb, play);
                }
            }
        } finally {
            pool.shutdown();
            closeConnections();
        }
        RunSummary summary = summary(t0);
        listener.runEnd(summary);
        return summary;
    }

    /** Ctrl-C: start no new task or loop item; commands already running end or hit their deadline; the recap follows. */
    public void interrupt() {
        if (!interrupted) {
            interrupted = true;
            listener.warning("interrupted: no new task starts; waiting for running commands to end");
        }
    }

    // ---------------------------------------------------------------- plays and batches

    private void runPlay(Inventory inventory, Playbook pb, Play play) {
        List<Host> selected = select(inventory, play);
        List<String> names = selected.stream().map(Host::name).toList();
        listener.playStart(play, names);
        if (selected.isEmpty()) {
            listener.warning("no hosts matched '" + play.hosts() + "'"
                    + (options.limit() != null ? " with --limit " + options.limit() : "") + ": skipping the play");
            listener.playEnd(play);
            return;
        }
        for (List<Host> batch : Batches.split(selected, play.serial())) {
            if (interrupted) {
                break;
            }
            PlayRun pr = new PlayRun(pb, play, batch, names);
            batch.forEach(h -> touched.add(h.name()));
            listener.batchStart(play, pr.batchNames);
            if (pr.free) {
                List<Future<?>> walks = new ArrayList<>();
                for (PlayHost ph : pr.hosts) {
                    walks.add(pool.submit(() -> hostSequence(pr, List.of(ph))));
                }
                await(walks);
                pr.freeOrder.forEach(this::endTask);
            } else {
                hostSequence(pr, pr.hosts);
            }
            for (PlayHost ph : pr.hosts) {
                if (ph.failed) {
                    ph.hs.failedInRun = true;
                }
            }
            if (pr.aborted || pr.endedPlay) {
                break;
            }
            if (pr.hosts.stream().allMatch(ph -> ph.failed || ph.hs.unreachable)) {
                listener.warning("no hosts left in the batch: the play ends");
                break;
            }
        }
        listener.playEnd(play);
    }

    private List<Host> select(Inventory inventory, Play play) {
        String pattern = play.hosts();
        if (Templater.isTemplated(pattern)) {
            pattern = String.valueOf(templater.render(pattern, new LinkedHashMap<>(options.extraVars())));
        }
        List<Host> sel = inventory.select(pattern);
        if (options.limit() != null && !options.limit().isBlank()) {
            Set<String> limit = new HashSet<>();
            inventory.select(options.limit()).forEach(h -> limit.add(h.name()));
            sel = sel.stream().filter(h -> limit.contains(h.name())).toList();
        }
        return sel.stream().filter(h -> {
            HostState hs = hosts.get(h.name());
            return hs != null && !hs.unreachable && !hs.failedInRun;
        }).toList();
    }

    /** Facts, then each section followed by its handlers, as Ansible orders a play. */
    private void hostSequence(PlayRun pr, List<PlayHost> hs) {
        if (pr.play.gatherFacts()) {
            runTask(pr, pr.factsTask, Scope.ROOT, hs, false);
        }
        for (List<TaskNode> section : List.of(pr.play.preTasks(), pr.play.tasks(), pr.play.postTasks())) {
            if (!section.isEmpty()) {
                runNodes(pr, section, Scope.ROOT, hs);
                flushHandlers(pr, hs);
            }
        }
    }

    // ---------------------------------------------------------------- the tree walk

    /** Enclosing blocks (outer first) and whether a failure here goes to a rescue section. */
    private record Scope(List<Block> chain, boolean rescuable) {
        static final Scope ROOT = new Scope(List.of(), false);

        Scope enter(Block b, boolean rescueHere) {
            List<Block> c = new ArrayList<>(chain);
            c.add(b);
            return new Scope(List.copyOf(c), rescuable || rescueHere);
        }

        String role() {
            for (int i = chain.size() - 1; i >= 0; i--) {
                if (chain.get(i).role() != null) {
                    return chain.get(i).role();
                }
            }
            return null;
        }
    }

    private void runNodes(PlayRun pr, List<TaskNode> nodes, Scope sc, List<PlayHost> hs) {
        for (TaskNode node : nodes) {
            if (active(pr, hs).isEmpty()) {
                return;
            }
            if (node instanceof Task t) {
                runTask(pr, t, sc, hs, false);
            } else if (node instanceof Block b) {
                runBlock(pr, b, sc, hs);
            }
        }
    }

    private void runBlock(PlayRun pr, Block b, Scope sc, List<PlayHost> hs) {
        List<PlayHost> entered = active(pr, hs);
        if (entered.isEmpty()) {
            return;
        }
        runNodes(pr, b.block(), sc.enter(b, !b.rescue().isEmpty()), entered);
        if (!b.rescue().isEmpty() && !pr.stopped()) {
            List<PlayHost> rescue = entered.stream().filter(ph -> ph.failed && !ph.hs.unreachable && !ph.ended).toList();
            rescue.forEach(ph -> ph.failed = false);
            runNodes(pr, b.rescue(), sc.enter(b, false), rescue);
        }
        if (!b.always().isEmpty() && !pr.stopped()) {
            List<PlayHost> always = entered.stream().filter(ph -> !ph.hs.unreachable && !ph.ended).toList();
            Map<PlayHost, Boolean> was = new IdentityHashMap<>();
            always.forEach(ph -> {
                was.put(ph, ph.failed);
                ph.failed = false;
            });
            runNodes(pr, b.always(), sc.enter(b, false), always);
            always.forEach(ph -> ph.failed = ph.failed || was.get(ph));
        }
    }

    private List<PlayHost> active(PlayRun pr, List<PlayHost> hs) {
        if (pr.stopped()) {
            return List.of();
        }
        return hs.stream().filter(PlayHost::active).toList();
    }

    private void runTask(PlayRun pr, Task t, Scope sc, List<PlayHost> hs, boolean handler) {
        List<PlayHost> act = active(pr, hs);
        if (act.isEmpty()) {
            return;
        }
        if (!handler && t != pr.factsTask && !tags.selected(effectiveTags(pr.play, sc, t))) {
            return;
        }
        if ("meta".equals(t.module())) {
            meta(pr, t, sc, act);
            return;
        }
        TaskAcc acc = pr.free ? pr.freeAcc(t, sc, handler) : startTask(pr, t, sc, handler, act.size());
        if (act.size() == 1) {
            runOnHost(pr, t, sc, act.get(0), acc);
        } else {
            List<Future<?>> fs = new ArrayList<>();
            for (PlayHost ph : act) {
                fs.add(pool.submit(() -> runOnHost(pr, t, sc, ph, acc)));
            }
            await(fs);
        }
        if (!pr.free) {
            endTask(acc);
        }
        checkAbort(pr);
    }

    private void meta(PlayRun pr, Task t, Scope sc, List<PlayHost> act) {
        String action = t.args().values().stream().findFirst().map(String::valueOf).orElse("").trim();
        switch (action) {
            case "flush_handlers" -> flushHandlers(pr, act);
            case "noop", "" -> { }
            case "end_play" -> {
                if (act.stream().anyMatch(ph -> conditionHolds(pr, sc, t, ph))) {
                    pr.endedPlay = true;
                }
            }
            case "end_batch" -> {
                if (act.stream().anyMatch(ph -> conditionHolds(pr, sc, t, ph))) {
                    pr.endedBatch = true;
                }
            }
            case "end_host" -> act.stream().filter(ph -> conditionHolds(pr, sc, t, ph)).forEach(ph -> ph.ended = true);
            default -> listener.warning("meta: '" + action + "' is not supported; ignored");
        }
    }

    private boolean conditionHolds(PlayRun pr, Scope sc, Task t, PlayHost ph) {
        try {
            return allTrue(whens(sc, t), baseVars(pr, sc, t, ph).resolved());
        } catch (RuntimeException e) {
            listener.warning("meta on " + ph.hs.name() + ": " + e.getMessage());
            return false;
        }
    }

    private void flushHandlers(PlayRun pr, List<PlayHost> hs) {
        List<Task> handlers = pr.play.handlers();
        for (int pass = 0; pass < 10; pass++) { // a handler may notify one defined before it: go round again
            boolean ran = false;
            for (int i = 0; i < handlers.size(); i++) {
                int index = i;
                List<PlayHost> targets = active(pr, hs).stream().filter(ph -> ph.takeNotification(index)).toList();
                if (!targets.isEmpty()) {
                    ran = true;
                    runTask(pr, handlers.get(i), pr.handlerScope(handlers.get(i)), targets, true);
                }
            }
            if (!ran) {
                return;
            }
        }
    }

    private void checkAbort(PlayRun pr) {
        long bad = pr.hosts.stream().filter(ph -> ph.hardFailed || ph.hs.unreachable).count();
        if (bad == 0 || pr.aborted) {
            return;
        }
        String why = null;
        if (pr.play.anyErrorsFatal()) {
            why = "any_errors_fatal: a host failed, the play stops for every host";
        } else if (pr.play.maxFailPercentage() != null
                && bad * 100.0 / pr.hosts.size() > pr.play.maxFailPercentage()) {
            why = String.format("max_fail_percentage %d%% exceeded (%d of %d hosts failed): the play stops",
                    pr.play.maxFailPercentage(), bad, pr.hosts.size());
        }
        if (why != null) {
            synchronized (pr) {
                if (!pr.aborted) {
                    pr.aborted = true;
                    listener.warning(why);
                }
            }
        }
    }

    // ---------------------------------------------------------------- one task on one host

    /** What a task (or one loop item) produced. */
    private static final class ItemRun {
        HostResult.Status status;
        String msg;
        Map<String, Object> result = new LinkedHashMap<>();
        List<Diff> diffs = new ArrayList<>();
        int execs;
        List<ExecTrace> traces = new ArrayList<>();

        static ItemRun of(HostResult.Status s, String msg) {
            ItemRun r = new ItemRun();
            r.status = s;
            r.msg = msg;
            r.result.put("changed", false);
            if (s == HostResult.Status.FAILED) {
                r.result.put("failed", true);
            }
            if (s == HostResult.Status.SKIPPED) {
                r.result.put("skipped", true);
            }
            if (msg != null) {
                r.result.put(s == HostResult.Status.SKIPPED ? "skip_reason" : "msg", msg);
            }
            return r;
        }
    }

    private void runOnHost(PlayRun pr, Task t, Scope sc, PlayHost ph, TaskAcc acc) {
        try {
            if (t.runOnce()) {
                CompletableFuture<Map<String, Object>> mine = new CompletableFuture<>();
                CompletableFuture<Map<String, Object>> first;
                synchronized (pr.runOnce) {
                    first = pr.runOnce.putIfAbsent(t, mine);
                }
                if (first != null) { // another host ran it: share its registered result, as Ansible does
                    Map<String, Object> reg = first.join();
                    if (t.register() != null && reg != null) {
                        ph.hs.registered.put(t.register(), reg);
                    }
                    return;
                }
                try {
                    mine.complete(execute(pr, t, sc, ph, acc));
                } finally {
                    mine.complete(null);
                }
                return;
            }
            execute(pr, t, sc, ph, acc);
        } catch (RuntimeException | Error e) {
            log.error("internal error running '{}' on {}", t.displayName(), ph.hs.name(), e);
            HostResult r = new HostResult(acc.info, ph.hs.name(), HostResult.Status.FAILED,
                    "internal error: " + e, null, false, false, t.noLog(), Map.of(), List.of(), 0, List.of(),
                    Duration.ZERO, null);
            ph.fail(false, Map.of(), t.displayName());
            ph.hs.count(r, false);
            listener.hostResult(r);
        }
    }

    /** Runs a task on one host (all its loop items), records everything, returns the registered result. */
    private Map<String, Object> execute(PlayRun pr, Task t, Scope sc, PlayHost ph, TaskAcc acc) {
        long t0 = System.nanoTime();
        HostState hs = ph.hs;
        boolean check = t.checkMode() != null ? t.checkMode() : options.check();
        boolean diff = t.diff() != null ? t.diff() : options.diff();
        ItemRun agg;
        Vars base = null;
        String problem = null;
        try {
            base = baseVars(pr, sc, t, ph);
            base.map.put("ansible_check_mode", check);
            base.map.put("drover_check_mode", check);
            base.map.put("ansible_diff_mode", diff);
        } catch (RuntimeException e) {
            problem = "cannot load the variables: " + e.getMessage();
        }
        String delegated = null;
        if (base == null) {
            agg = ItemRun.of(HostResult.Status.FAILED, problem);
        } else if (t.loop() == null) {
            agg = runItem(pr, t, sc, ph, base, check, diff);
            delegated = t.delegateTo();
        } else {
            agg = runLoop(pr, t, sc, ph, acc, base, check, diff);
            delegated = t.delegateTo();
        }
        Map<String, Object> registered = agg.result;
        HostResult.Status s = agg.status;
        boolean ignored = s == HostResult.Status.FAILED && ignoreErrors(sc, t);
        if (t.register() != null && s != HostResult.Status.UNREACHABLE) {
            hs.registered.put(t.register(), registered);
        }
        if (s == HostResult.Status.CHANGED) {
            notify(pr, t, ph);
        }
        boolean rescuable = sc.rescuable() && !ignored;
        if (s == HostResult.Status.FAILED && !ignored) {
            ph.fail(!rescuable, registered, taskName(sc, t));
        } else if (s == HostResult.Status.UNREACHABLE) {
            ph.fail(true, registered, taskName(sc, t));
        }
        HostResult r = new HostResult(acc.info, hs.name(), s, t.noLog() ? null : agg.msg, null, ignored,
                s == HostResult.Status.FAILED && rescuable, t.noLog(), censor(t, registered),
                t.noLog() || !diff ? List.of() : agg.diffs, agg.execs, t.noLog() ? List.of() : agg.traces,
                Duration.ofNanos(System.nanoTime() - t0), delegated);
        hs.count(r, rescuable);
        acc.hosts.incrementAndGet();
        acc.execs.addAndGet(agg.execs);
        listener.hostResult(r);
        return registered;
    }

    private ItemRun runLoop(PlayRun pr, Task t, Scope sc, PlayHost ph, TaskAcc acc, Vars base,
                            boolean check, boolean diff) {
        List<?> items;
        LoopControl lc = t.loopControl() == null ? LoopControl.DEFAULT : t.loopControl();
        String loopVar = lc.loopVar() == null ? "item" : lc.loopVar();
        try {
            Object rendered = templater.render(t.loop(), base.copy().resolved());
            if (!(rendered instanceof List<?> l)) {
                return ItemRun.of(HostResult.Status.FAILED, "loop: expected a list, got '" + rendered + "'");
            }
            items = l;
        } catch (RuntimeException e) {
            return ItemRun.of(HostResult.Status.FAILED, "loop: " + e.getMessage());
        }
        ItemRun agg = new ItemRun();
        List<Object> results = new ArrayList<>();
        boolean anyFailed = false, anyChanged = false, allSkipped = true;
        for (int i = 0; i < items.size(); i++) {
            if (interrupted) {
                break;
            }
            Object item = items.get(i);
            Vars vars = base.copy();
            vars.map.put(loopVar, item);
            vars.map.put("ansible_loop_var", loopVar);
            vars.map.put("ansible_loop", Map.of("index", i + 1, "index0", i, "first", i == 0,
                    "last", i == items.size() - 1, "length", items.size(),
                    "revindex", items.size() - i, "revindex0", items.size() - i - 1));
            long t0 = System.nanoTime();
            ItemRun r = runItem(pr, t, sc, ph, vars, check, diff);
            String label = label(lc, item, vars.map);
            r.result.put(loopVar, item);
            r.result.put("ansible_loop_var", loopVar);
            results.add(r.result);
            agg.execs += r.execs;
            agg.traces.addAll(r.traces);
            agg.diffs.addAll(r.diffs);
            listener.itemResult(new HostResult(acc.info, ph.hs.name(), r.status, t.noLog() ? null : r.msg,
                    t.noLog() ? "(censored)" : label, false, false, t.noLog(), censor(t, r.result),
                    t.noLog() || !diff ? List.of() : r.diffs, r.execs, t.noLog() ? List.of() : r.traces,
                    Duration.ofNanos(System.nanoTime() - t0), t.delegateTo()));
            if (r.status == HostResult.Status.UNREACHABLE) {
                r.result.put("results", results);
                return r;
            }
            anyFailed |= r.status == HostResult.Status.FAILED;
            anyChanged |= r.status == HostResult.Status.CHANGED;
            allSkipped &= r.status == HostResult.Status.SKIPPED;
        }
        agg.status = anyFailed ? HostResult.Status.FAILED : anyChanged ? HostResult.Status.CHANGED
                : allSkipped ? HostResult.Status.SKIPPED : HostResult.Status.OK;
        agg.msg = anyFailed ? "one or more items failed" : items.isEmpty() ? "no items" : null;
        agg.result.put("changed", anyChanged);
        agg.result.put("failed", anyFailed);
        if (allSkipped) {
            agg.result.put("skipped", true);
        }
        agg.result.put("msg", anyFailed ? "One or more items failed" : "All items completed");
        agg.result.put("results", results);
        return agg;
    }

    private String label(LoopControl lc, Object item, Map<String, Object> vars) {
        if (lc.label() != null) {
            try {
                return String.valueOf(templater.render(lc.label(), vars));
            } catch (RuntimeException e) {
                return lc.label();
            }
        }
        return String.valueOf(item);
    }

    /** when → render args → bind → module (with retries/until) → changed_when/failed_when. */
    private ItemRun runItem(PlayRun pr, Task t, Scope sc, PlayHost ph, Vars rawVars, boolean check,
                            boolean diff) {
        Map<String, Object> vars = rawVars.resolved();
        for (String w : whens(sc, t)) {
            try {
                if (!templater.test(w, vars)) {
                    ItemRun r = ItemRun.of(HostResult.Status.SKIPPED, "Conditional result was False");
                    r.result.put("false_condition", w);
                    return r;
                }
            } catch (RuntimeException e) {
                return ItemRun.of(HostResult.Status.FAILED, "error while evaluating 'when: " + w + "': " + e.getMessage());
            }
        }
        Module module = null;
        Args args = null;
        if (t != pr.factsTask) {
            module = modules.find(t.module()).orElse(null);
            if (module == null) {
                return ItemRun.of(HostResult.Status.FAILED, "no module named '" + t.module() + "'");
            }
            Map<String, Object> rendered;
            try {
                rendered = renderArgs(t.args(), vars);
            } catch (RuntimeException e) {
                return ItemRun.of(HostResult.Status.FAILED, "template error in the arguments: " + e.getMessage());
            }
            List<String> errors = new ArrayList<>();
            args = Args.bind(module.spec(), rendered, false, errors);
            if (!errors.isEmpty()) {
                return ItemRun.of(HostResult.Status.FAILED, String.join("; ", errors));
            }
        }
        HostContext ctx;
        try {
            Become become = become(pr.play, sc, t, vars);
            Map<String, String> env = environment(pr.play, t, vars);
            Connection delegate = null;
            if (t.delegateTo() != null) {
                String to = String.valueOf(templater.render(t.delegateTo(), vars)).trim();
                if (!LOCALHOST.contains(to)) {
                    return ItemRun.of(HostResult.Status.FAILED, "delegate_to: only localhost is supported, got '" + to + "'");
                }
                delegate = local;
            }
            long deadline = t.timeout() != null && t.timeout() > 0
                    ? System.nanoTime() + TimeUnit.SECONDS.toNanos(t.timeout()) : 0;
            ctx = new HostContext(connector, ph.hs, delegate, become, env, options.commandTimeout(), deadline, check,
                    diff, vars, templater, searchDirs(pr.play, sc), options.verbosity() > 0);
        } catch (RuntimeException e) {
            return ItemRun.of(HostResult.Status.FAILED, e.getMessage());
        }
        int attempts = t.until().isEmpty() ? 1 : (t.retries() == null ? 3 : Math.max(0, t.retries())) + 1;
        long delay = t.delay() == null ? 5 : Math.max(0, t.delay());
        ItemRun r;
        for (int attempt = 1; ; attempt++) {
            r = invoke(pr, t, module, args, ctx, vars, ph.hs);
            if (r.status == HostResult.Status.UNREACHABLE || t.until().isEmpty()) {
                break;
            }
            r.result.put("attempts", attempt);
            String problem = null;
            boolean done;
            try {
                done = allTrue(t.until(), withRegistered(vars, t, r.result));
            } catch (RuntimeException e) {
                done = false;
                problem = "error while evaluating 'until': " + e.getMessage();
            }
            if (done) {
                break;
            }
            if (problem != null || attempt >= attempts || interrupted) {
                r.status = HostResult.Status.FAILED;
                r.msg = problem != null ? problem : "still not done after " + attempt + " attempts (until: "
                        + String.join(" and ", t.until()) + ")";
                r.result.put("failed", true);
                r.result.put("msg", r.msg);
                break;
            }
            sleep(delay);
        }
        r.execs = ctx.execs();
        r.traces = ctx.traces();
        return r;
    }

    private ItemRun invoke(PlayRun pr, Task t, Module module, Args args, HostContext ctx, Map<String, Object> vars,
                           HostState hs) {
        Outcome o;
        try {
            if (t == pr.factsTask) {
                ExecResult er = ctx.exec(Facts.SCRIPT);
                if (!er.ok()) {
                    o = Outcome.failed("fact gathering failed: " + (er.timedOut() ? "timed out" : er.stderr().strip()), null);
                } else {
                    Map<String, Object> facts = Facts.parse(er.stdout());
                    hs.facts = facts;
                    o = Outcome.ok(null, Map.of("ansible_facts", facts));
                }
            } else {
                o = module.run(ctx, args);
            }
        } catch (HostUnreachable e) {
            ItemRun r = ItemRun.of(HostResult.Status.UNREACHABLE, e.getMessage());
            r.result.put("unreachable", true);
            return r;
        } catch (Exception e) {
            o = Outcome.failed(e.getMessage() == null ? e.toString() : e.getMessage(), null);
        }
        if (o == null) {
            o = Outcome.failed("module '" + t.module() + "' returned nothing", null);
        }
        ItemRun r = new ItemRun();
        r.status = switch (o.status()) {
            case OK -> HostResult.Status.OK;
            case CHANGED -> HostResult.Status.CHANGED;
            case FAILED -> HostResult.Status.FAILED;
            case SKIPPED -> HostResult.Status.SKIPPED;
        };
        r.msg = o.message();
        r.result.putAll(o.result());
        if (r.status == HostResult.Status.FAILED) {
            r.result.putIfAbsent("changed", false); // a command that ran and failed says changed: true
        } else {
            r.result.put("changed", r.status == HostResult.Status.CHANGED);
        }
        r.result.put("failed", r.status == HostResult.Status.FAILED);
        if (r.status == HostResult.Status.SKIPPED) {
            r.result.put("skipped", true);
        }
        if (o.message() != null) {
            r.result.put("msg", o.message());
        }
        for (Change c : o.changes()) {
            if (c.diff() != null) {
                r.diffs.add(c.diff());
            }
        }
        if (!o.facts().isEmpty()) {
            hs.registered.putAll(o.facts());
            r.result.put("ansible_facts", o.facts());
        }
        if (r.status == HostResult.Status.SKIPPED) {
            return r;
        }
        try {
            if (!t.changedWhen().isEmpty() && r.status != HostResult.Status.FAILED) {
                boolean changed = allTrue(t.changedWhen(), withRegistered(vars, t, r.result));
                r.status = changed ? HostResult.Status.CHANGED : HostResult.Status.OK;
                r.result.put("changed", changed);
            }
            if (!t.failedWhen().isEmpty()) {
                boolean failed = allTrue(t.failedWhen(), withRegistered(vars, t, r.result));
                r.result.put("failed_when_result", failed);
                if (failed) {
                    r.status = HostResult.Status.FAILED;
                    if (r.msg == null) {
                        r.msg = "failed_when: " + String.join(" and ", t.failedWhen());
                    }
                } else if (r.status == HostResult.Status.FAILED) {
                    r.status = Boolean.TRUE.equals(r.result.get("changed")) ? HostResult.Status.CHANGED : HostResult.Status.OK;
                    r.msg = null;
                }
                r.result.put("failed", failed);
            }
        } catch (RuntimeException e) {
            r.status = HostResult.Status.FAILED;
            r.msg = "error while evaluating changed_when/failed_when: " + e.getMessage();
            r.result.put("failed", true);
            r.result.put("msg", r.msg);
        }
        return r;
    }

    private Map<String, Object> withRegistered(Map<String, Object> vars, Task t, Map<String, Object> result) {
        if (t.register() == null) {
            return vars;
        }
        Map<String, Object> v = new LinkedHashMap<>(vars);
        v.put(t.register(), result);
        return v;
    }

    private boolean allTrue(List<String> conditions, Map<String, Object> vars) {
        for (String c : conditions) {
            if (!templater.test(c, vars)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> renderArgs(Map<String, Object> raw, Map<String, Object> vars) {
        Map<String, Object> rendered = (Map<String, Object>) templater.render(raw, vars);
        rendered.values().removeIf(OMIT::equals);
        return rendered;
    }

    private void notify(PlayRun pr, Task t, PlayHost ph) {
        List<Task> handlers = pr.play.handlers();
        for (String name : t.notifies()) {
            boolean found = false;
            for (int i = 0; i < handlers.size(); i++) {
                Task h = handlers.get(i);
                if (name.equals(h.name()) || h.listen().contains(name)) {
                    found = true;
                    ph.notify(i);
                    listener.handlerNotified(ph.hs.name(), h.displayName());
                }
            }
            if (!found) {
                listener.warning("'" + t.displayName() + "' notified '" + name + "', but no handler has that name or listens to it");
            }
        }
    }

    private Map<String, Object> censor(Task t, Map<String, Object> result) {
        if (!t.noLog()) {
            return result;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("censored", CENSORED);
        m.put("changed", result.getOrDefault("changed", false));
        return m;
    }

    private void sleep(long seconds) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!interrupted && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---------------------------------------------------------------- variables and keywords

    /**
     * The host's variables for a task, lowest precedence first: role defaults, inventory, facts, play vars,
     * vars_files, role vars, block vars, task vars, registered and set_fact, extra vars; then the magic variables.
     */
    private Vars baseVars(PlayRun pr, Scope sc, Task t, PlayHost ph) {
        HostState hs = ph.hs;
        Vars v = new Vars(new LinkedHashMap<>(), new HashSet<>());
        for (Block b : sc.chain()) {
            v.define(b.roleDefaults());
        }
        v.define(hs.host.vars());
        Map<String, Object> facts = hs.facts;
        if (facts != null) {
            v.data(Facts.asVars(facts));
        }
        v.define(pr.play.vars());
        v.define(pr.varsFiles(v.map));
        for (Block b : sc.chain()) {
            if (b.role() != null) {
                v.define(b.vars());
            }
        }
        for (Block b : sc.chain()) {
            if (b.role() == null) {
                v.define(b.vars());
            }
        }
        v.define(t.vars());
        synchronized (hs.registered) {
            v.data(hs.registered);
        }
        v.define(options.extraVars());
        Map<String, Object> m = new LinkedHashMap<>();
        String name = hs.name();
        m.put("inventory_hostname", name);
        m.put("inventory_hostname_short", name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
        m.put("group_names", hs.groupNames());
        m.put("groups", groupsVar);
        m.put("hostvars", hostVars);
        List<String> playHosts = pr.activeNames();
        m.put("play_hosts", playHosts);
        m.put("ansible_play_hosts", playHosts);
        m.put("ansible_play_batch", playHosts);
        m.put("ansible_play_hosts_all", pr.allNames);
        m.put("ansible_play_name", pr.playName);
        m.put("drover_verbosity", options.verbosity());
        m.put("omit", OMIT);
        if (pr.playbook.file() != null && pr.playbook.file().toAbsolutePath().getParent() != null) {
            m.put("playbook_dir", pr.playbook.file().toAbsolutePath().getParent().toString());
        }
        String role = sc.role();
        if (role != null) {
            m.put("role_name", role);
            for (int i = sc.chain().size() - 1; i >= 0; i--) {
                Block b = sc.chain().get(i);
                if (b.role() != null && b.baseDir() != null) {
                    m.put("role_path", b.baseDir().toString());
                    break;
                }
            }
        }
        if (ph.failedResult != null) {
            m.put("ansible_failed_result", ph.failedResult);
            m.put("ansible_failed_task", Map.of("name", ph.failedTask));
        }
        v.data(m);
        return v;
    }

    /**
     * A host's variables for one task, and which of them come from definitions (inventory, play, files, role,
     * block, task, extra vars) rather than data (facts, registered results, the engine's magic variables).
     */
    private final class Vars {
        final Map<String, Object> map;
        final Set<String> defined;

        Vars(Map<String, Object> map, Set<String> defined) {
            this.map = map;
            this.defined = defined;
        }

        void define(Map<String, Object> layer) {
            map.putAll(layer);
            defined.addAll(layer.keySet());
        }

        void data(Map<String, Object> layer) {
            map.putAll(layer);
            defined.removeAll(layer.keySet());
        }

        Vars copy() {
            return new Vars(new LinkedHashMap<>(map), new HashSet<>(defined));
        }

        /**
         * Renders defined variables whose values are templates ({@code a: "{{ b }}-x"}), as Ansible does lazily,
         * so a task sees their values. Data (facts, results) is never rendered: a command's output may hold
         * braces. A variable that cannot be rendered yet is left as written: an error only if a task uses it.
         */
        Map<String, Object> resolved() {
            for (int pass = 0; pass < 4; pass++) {
                boolean changed = false;
                for (String k : defined) {
                    Object val = map.get(k);
                    if (!templated(val)) {
                        continue;
                    }
                    try {
                        Object r = templater.render(val, map);
                        if (!Objects.equals(r, val)) {
                            map.put(k, r);
                            changed = true;
                        }
                    } catch (RuntimeException ex) {
                        // left as written
                    }
                }
                if (!changed) {
                    break;
                }
            }
            return map;
        }
    }

    private static boolean templated(Object v) {
        if (v instanceof String s) {
            return Templater.isTemplated(s);
        }
        if (v instanceof List<?> l) {
            return l.stream().anyMatch(Engine::templated);
        }
        if (v instanceof LinkedHashMap<?, ?> || v instanceof java.util.HashMap<?, ?> || v instanceof java.util.TreeMap<?, ?>) {
            return ((Map<?, ?>) v).values().stream().anyMatch(Engine::templated);
        }
        return false;
    }

    private static List<String> whens(Scope sc, Task t) {
        List<String> w = new ArrayList<>();
        sc.chain().forEach(b -> w.addAll(b.when()));
        w.addAll(t.when());
        return w;
    }

    private static Set<String> effectiveTags(Play play, Scope sc, Task t) {
        Set<String> s = new LinkedHashSet<>(play.tags());
        sc.chain().forEach(b -> s.addAll(b.tags()));
        s.addAll(t.tags());
        return s;
    }

    private static boolean ignoreErrors(Scope sc, Task t) {
        if (t.ignoreErrors() != null) {
            return t.ignoreErrors();
        }
        for (int i = sc.chain().size() - 1; i >= 0; i--) {
            if (sc.chain().get(i).ignoreErrors() != null) {
                return sc.chain().get(i).ignoreErrors();
            }
        }
        return false;
    }

    private static String taskName(Scope sc, Task t) {
        String role = sc.role();
        return role != null && t.name() != null && !t.name().startsWith(role + " : ") ? role + " : " + t.displayName()
                : t.displayName();
    }

    private static List<Path> searchDirs(Play play, Scope sc) {
        List<Path> dirs = new ArrayList<>();
        for (int i = sc.chain().size() - 1; i >= 0; i--) {
            Path d = sc.chain().get(i).baseDir();
            if (d != null && !dirs.contains(d)) {
                dirs.add(d);
            }
        }
        if (play.baseDir() != null && !dirs.contains(play.baseDir())) {
            dirs.add(play.baseDir());
        }
        return dirs;
    }

    /**
     * become: keywords (task, then enclosing blocks inner to outer, then play) win; then the host's
     * {@code drover_become*} variables; then the command line; off by default, method sudo, user root.
     */
    private Become become(Play play, Scope sc, Task t, Map<String, Object> vars) {
        List<BecomeSpec> specs = new ArrayList<>();
        specs.add(t.become());
        for (int i = sc.chain().size() - 1; i >= 0; i--) {
            specs.add(sc.chain().get(i).become());
        }
        specs.add(play.become());
        Boolean on = null;
        String method = null;
        String user = null;
        for (BecomeSpec s : specs) {
            if (s == null) {
                continue;
            }
            on = on != null ? on : s.become();
            method = method != null ? method : s.method();
            user = user != null ? user : s.user();
        }
        if (on == null) {
            on = ConnectionVars.lookup(vars, ConnectionVars.BECOME).map(Engine::truthy).orElse(null);
        }
        if (on == null) {
            on = options.become();
        }
        if (!on) {
            return null;
        }
        if (method == null) {
            method = ConnectionVars.lookup(vars, ConnectionVars.BECOME_METHOD).map(String::valueOf)
                    .orElse(options.becomeMethod() != null ? options.becomeMethod() : "sudo");
        }
        if (user == null) {
            user = ConnectionVars.lookup(vars, ConnectionVars.BECOME_USER).map(String::valueOf).orElse("root");
        }
        char[] password = ConnectionVars.lookup(vars, ConnectionVars.BECOME_PASSWORD)
                .map(p -> String.valueOf(p).toCharArray()).orElse(options.becomePassword());
        Become.Method m;
        try {
            m = Become.Method.valueOf(method.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("become method '" + method + "' is not supported (doas, sudo, su)");
        }
        return new Become(m, user, password);
    }

    private static boolean truthy(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim().toLowerCase();
        return s.equals("true") || s.equals("yes") || s.equals("on") || s.equals("1");
    }

    private Map<String, String> environment(Play play, Task t, Map<String, Object> vars) {
        if (play.environment().isEmpty() && t.environment().isEmpty()) {
            return Map.of();
        }
        Map<String, Object> raw = new LinkedHashMap<>(play.environment());
        raw.putAll(t.environment());
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (!ENV_NAME.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("environment: '" + e.getKey() + "' is not a valid variable name");
            }
            env.put(e.getKey(), String.valueOf(templater.render(e.getValue(), vars)));
        }
        return env;
    }

    private static Map<String, Object> groupsOf(Inventory inventory) {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("all", new ArrayList<>());
        inventory.groups().keySet().forEach(name -> g.computeIfAbsent(name, k -> new ArrayList<>()));
        for (Host h : inventory.hosts()) {
            g.get("all").add(h.name());
            for (String group : h.groups()) {
                List<String> members = g.computeIfAbsent(group, k -> new ArrayList<>());
                if (!members.contains(h.name())) {
                    members.add(h.name());
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        g.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }

    // ---------------------------------------------------------------- connections

    private final class Connector implements HostContext.Connector {
        @Override
        public Connection connect(HostState hs) throws IOException {
            synchronized (hs) {
                if (hs.unreachable) {
                    throw new HostUnreachable("host is unreachable", null);
                }
                if (hs.connection == null) {
                    long t0 = System.nanoTime();
                    try {
                        hs.connection = isLocal(hs.host)
                                ? new LocalConnection(hs.name(), null, options.commandTimeout())
                                : connections.open(hs.host);
                    } catch (IOException | RuntimeException e) {
                        hs.unreachable = true;
                        throw new HostUnreachable(e.getMessage() == null ? e.toString() : e.getMessage(), e);
                    }
                    log.debug("connected to {} in {} ms", hs.name(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                }
                return hs.connection;
            }
        }

        @Override
        public void broken(HostState hs, Connection c) {
            synchronized (hs) {
                hs.unreachable = true;
                if (hs.connection == c) {
                    hs.connection = null;
                }
            }
            try {
                c.close();
            } catch (RuntimeException e) {
                log.debug("closing the broken connection to {}", hs.name(), e);
            }
        }

        @Override
        public boolean probe(HostState hs, Duration timeout) {
            FutureTask<Boolean> probe = new FutureTask<>(() -> {
                try (Connection c = connections.open(hs.host)) {
                    return c.exec(ExecRequest.of("true").withTimeout(timeout)).ok();
                }
            });
            Thread t = new Thread(probe, "drover-probe-" + hs.name());
            t.setDaemon(true);
            t.start();
            try {
                return probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                probe.cancel(true);
                return false;
            }
        }
    }

    private static boolean isLocal(Host h) {
        Object c = h.vars().get("drover_connection");
        if (c == null) {
            c = h.vars().get("ansible_connection");
        }
        return c != null && String.valueOf(c).trim().equals("local");
    }

    private void closeConnections() {
        for (HostState hs : hosts.values()) {
            Connection c;
            synchronized (hs) {
                c = hs.connection;
                hs.connection = null;
            }
            if (c != null) {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    log.debug("closing the connection to {}", hs.name(), e);
                }
            }
        }
        try {
            connections.close();
        } catch (RuntimeException e) {
            log.debug("closing the connection factory", e);
        }
    }

    // ---------------------------------------------------------------- bookkeeping

    private void await(List<Future<?>> fs) {
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (InterruptedException e) {
                interrupt();
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                log.error("a host worker failed", e.getCause());
            }
        }
    }

    private final class TaskAcc {
        final TaskInfo info;
        final long start = System.nanoTime();
        final AtomicInteger hosts = new AtomicInteger();
        final AtomicInteger execs = new AtomicInteger();
        volatile long end;

        TaskAcc(TaskInfo info) {
            this.info = info;
        }
    }

    private TaskAcc startTask(PlayRun pr, Task t, Scope sc, boolean handler, int nHosts) {
        String name = t == pr.factsTask ? "Gathering Facts" : taskName(sc, t);
        TaskAcc acc = new TaskAcc(new TaskInfo(taskIds.incrementAndGet(), pr.playName, name,
                t.module(), handler, nHosts, t.mark()));
        taskAccs.add(acc);
        listener.taskStart(acc.info);
        return acc;
    }

    private void endTask(TaskAcc acc) {
        acc.end = System.nanoTime();
        listener.taskEnd(acc.info, Duration.ofNanos(acc.end - acc.start));
    }

    private RunSummary summary(long t0) {
        Map<String, HostStats> stats = new LinkedHashMap<>();
        for (HostState hs : hosts.values()) {
            if (touched.contains(hs.name())) {
                stats.put(hs.name(), hs.stats());
            }
        }
        List<TaskStats> tasks = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (taskAccs) {
            for (TaskAcc a : taskAccs) {
                tasks.add(new TaskStats(a.info, a.hosts.get(), a.execs.get(),
                        Duration.ofNanos((a.end == 0 ? now : a.end) - a.start)));
            }
        }
        return new RunSummary(stats, interrupted, Duration.ofNanos(now - t0), tasks);
    }

    /** One host within one batch of one play. */
    private static final class PlayHost {
        final HostState hs;
        volatile boolean failed;
        /** Failed outside any rescue: counts for any_errors_fatal and max_fail_percentage. */
        volatile boolean hardFailed;
        volatile boolean ended;
        volatile Map<String, Object> failedResult;
        volatile String failedTask;
        private final Set<Integer> notified = new LinkedHashSet<>();

        PlayHost(HostState hs) {
            this.hs = hs;
        }

        boolean active() {
            return !failed && !ended && !hs.unreachable;
        }

        void fail(boolean hard, Map<String, Object> result, String task) {
            failed = true;
            hardFailed |= hard;
            failedResult = result;
            failedTask = task;
        }

        synchronized void notify(int handler) {
            notified.add(handler);
        }

        synchronized boolean takeNotification(int handler) {
            return notified.remove(handler);
        }
    }

    /** One serial batch of one play. */
    private final class PlayRun {
        final Playbook playbook;
        final Play play;
        final String playName;
        final List<PlayHost> hosts;
        final List<String> allNames;
        final List<String> batchNames;
        final boolean free;
        final Task factsTask;
        volatile boolean aborted;
        volatile boolean endedPlay;
        volatile boolean endedBatch;
        final Map<Task, CompletableFuture<Map<String, Object>>> runOnce = new IdentityHashMap<>();
        private final Map<Task, TaskAcc> freeAccs = new IdentityHashMap<>();
        final List<TaskAcc> freeOrder = new ArrayList<>();
        private final Map<Path, Map<String, Object>> varsFileCache = new ConcurrentHashMap<>();

        PlayRun(Playbook playbook, Play play, List<Host> batch, List<String> allNames) {
            this.playbook = playbook;
            this.play = play;
            this.playName = play.name() != null ? play.name() : play.hosts();
            this.hosts = batch.stream().map(h -> new PlayHost(Engine.this.hosts.get(h.name()))).toList();
            this.allNames = allNames;
            this.batchNames = batch.stream().map(Host::name).toList();
            this.free = "free".equals(play.strategy());
            this.factsTask = new Task("Gathering Facts", "gather_facts", Map.of(), List.of(), null,
                    LoopControl.DEFAULT, null, List.of(), List.of(), List.of("always"), null, List.of(), List.of(),
                    null, null, BecomeSpec.UNSET, Map.of(), null, List.of(), null, false, null, false, null,
                    Map.of(), play.mark());
        }

        boolean stopped() {
            return aborted || endedPlay || endedBatch || interrupted;
        }

        List<String> activeNames() {
            List<String> out = new ArrayList<>(hosts.size());
            for (PlayHost ph : hosts) {
                if (ph.active()) {
                    out.add(ph.hs.name());
                }
            }
            return out;
        }

        private Map<String, Block> roles;

        /**
         * A role's handler sees the role's defaults and vars (not its when or tags). The loader marks role
         * handlers by listening to Ansible's qualified name {@code role : handler}.
         */
        synchronized Scope handlerScope(Task handler) {
            if (roles == null) {
                roles = new LinkedHashMap<>();
                for (List<TaskNode> section : List.of(play.preTasks(), play.tasks(), play.postTasks())) {
                    collectRoles(section, roles);
                }
            }
            for (String l : handler.listen()) {
                int sep = l.indexOf(" : ");
                if (sep > 0 && handler.name() != null && l.substring(sep + 3).equals(handler.name())) {
                    Block b = roles.get(l.substring(0, sep));
                    if (b != null) {
                        return new Scope(List.of(new Block(null, List.of(), List.of(), List.of(), List.of(), b.vars(),
                                List.of(), b.become(), null, b.role(), b.roleDefaults(), b.baseDir(), b.mark())), false);
                    }
                }
            }
            return Scope.ROOT;
        }

        private void collectRoles(List<TaskNode> nodes, Map<String, Block> out) {
            for (TaskNode n : nodes) {
                if (n instanceof Block b) {
                    if (b.role() != null) {
                        out.putIfAbsent(b.role(), b);
                    }
                    collectRoles(b.block(), out);
                    collectRoles(b.rescue(), out);
                    collectRoles(b.always(), out);
                }
            }
        }

        /** Free strategy: one task record per task, started by the first host that reaches it. */
        TaskAcc freeAcc(Task t, Scope sc, boolean handler) {
            synchronized (freeAccs) {
                TaskAcc a = freeAccs.get(t);
                if (a == null) {
                    a = startTask(this, t, sc, handler, hosts.size());
                    freeAccs.put(t, a);
                    freeOrder.add(a);
                }
                return a;
            }
        }

        /** vars_files, loaded once per batch (per host when the file name is a template). */
        Map<String, Object> varsFiles(Map<String, Object> varsSoFar) {
            if (play.varsFiles().isEmpty()) {
                return Map.of();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (String f : play.varsFiles()) {
                String name = Templater.isTemplated(f) ? String.valueOf(templater.render(f, varsSoFar)) : f;
                Path p = play.baseDir() != null ? play.baseDir().resolve(name) : Path.of(name);
                out.putAll(varsFileCache.computeIfAbsent(p, Engine::loadVarsFile));
            }
            return out;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> loadVarsFile(Path p) {
        Object v = Yaml.loadPlain(p);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("vars_files: " + p + " must hold a mapping of variables");
        }
        return (Map<String, Object>) v;
    }

    /** Makes listener calls one at a time, so reporters need no locking. */
    private static final class SerializedListener implements RunListener {
        private final RunListener l;

        SerializedListener(RunListener l) {
            this.l = l;
        }

        @Override public synchronized void playStart(Play p, List<String> h) { l.playStart(p, h); }
        @Override public synchronized void batchStart(Play p, List<String> h) { l.batchStart(p, h); }
        @Override public synchronized void taskStart(TaskInfo t) { l.taskStart(t); }
        @Override public synchronized void itemResult(HostResult r) { l.itemResult(r); }
        @Override public synchronized void hostResult(HostResult r) { l.hostResult(r); }
        @Override public synchronized void taskEnd(TaskInfo t, Duration d) { l.taskEnd(t, d); }
        @Override public synchronized void handlerNotified(String h, String n) { l.handlerNotified(h, n); }
        @Override public synchronized void warning(String m) { l.warning(m); }
        @Override public synchronized void playEnd(Play p) { l.playEnd(p); }
        @Override public synchronized void runEnd(RunSummary s) { l.runEnd(s); }
    }
}
