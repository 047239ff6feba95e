package org.drover.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.drover.playbook.Block;
import org.drover.playbook.Task;
import org.drover.playbook.TaskNode;

/**
 * Walks a play's task tree for a set of hosts of a batch: blocks with rescue/always, meta tasks, handler flushes.
 * Linear walks it once for the whole batch and runs each task on every host before the next; free walks it once
 * per host, each in its own worker.
 */
final class BatchWalker {
    /** Meta actions Ansible's linear strategy runs host by host rather than once for all. */
    private static final List<String> PER_HOST_META = List.of("noop", "end_host", "flush_handlers", "");
    private final RunContext run;
    private final Workers workers;
    private final TaskVars taskVars;
    private final HostTaskRunner tasks;

    BatchWalker(RunContext run, Workers workers, TaskVars taskVars) {
        this.run = run;
        this.workers = workers;
        this.taskVars = taskVars;
        this.tasks = new HostTaskRunner(run, taskVars);
    }

    /** Facts, then each section followed by its handlers, as Ansible orders a play. */
    void walk(Batch b, List<PlayHost> hs) {
        if (b.play.gatherFacts()) {
            runTask(b, b.factsTask, Scope.ROOT, hs, false);
        }
        boolean force = b.play.forceHandlers() != null ? b.play.forceHandlers()
                : run.options.execution().forceHandlers();
        for (List<TaskNode> section : List.of(b.play.preTasks(), b.play.tasks(), b.play.postTasks())) {
            if (!section.isEmpty()) {
                List<PlayHost> entered = active(b, hs);
                runNodes(b, section, Scope.ROOT, hs);
                if (force) {
                    forcedFlush(b, entered);
                } else {
                    flushHandlers(b, hs);
                }
            }
        }
    }

    /**
     * force_handlers: Ansible puts each section in a block whose {@code always} flushes the handlers, so the hosts
     * that entered it and failed there run their notified handlers too (and stay failed).
     */
    private void forcedFlush(Batch b, List<PlayHost> entered) {
        if (b.stopped()) {
            return;
        }
        List<PlayHost> hosts = entered.stream().filter(ph -> !ph.hs.unreachable && !ph.ended).toList();
        Map<PlayHost, Boolean> was = new IdentityHashMap<>();
        hosts.forEach(ph -> {
            was.put(ph, ph.failed);
            ph.failed = false;
        });
        flushHandlers(b, hosts);
        hosts.forEach(ph -> ph.failed = ph.failed || was.get(ph));
    }

    private void runNodes(Batch b, List<TaskNode> nodes, Scope sc, List<PlayHost> hs) {
        for (TaskNode node : nodes) {
            if (active(b, hs).isEmpty()) {
                return;
            }
            if (node instanceof Task t) {
                runTask(b, t, sc, hs, false);
            } else if (node instanceof Block blk) {
                runBlock(b, blk, sc, hs);
            }
        }
    }

    /** rescue runs for the hosts that failed in the block; always for every host still there, failed or not. */
    private void runBlock(Batch b, Block blk, Scope sc, List<PlayHost> hs) {
        List<PlayHost> entered = active(b, hs).stream().filter(ph -> !b.roleRuns.hasRun(blk, ph)).toList();
        if (entered.isEmpty()) {
            return;
        }
        List<TaskNode> body = blk.block();
        if (!body.isEmpty() && body.get(0) instanceof Task gate && gate.isInclude()) {
            // a dynamic include: its tasks run on the hosts where the include task ran
            entered.forEach(ph -> ph.included.remove(gate));
            runTask(b, gate, sc.enter(blk, !blk.rescue().isEmpty()), entered, false);
            entered = entered.stream().filter(ph -> ph.included.contains(gate)).toList();
            body = body.subList(1, body.size());
            if (entered.isEmpty()) {
                return;
            }
        }
        b.roleRuns.entered(blk);
        runNodes(b, body, sc.enter(blk, !blk.rescue().isEmpty()), entered);
        if (!blk.rescue().isEmpty() && !b.stopped()) {
            List<PlayHost> rescue = entered.stream().filter(ph -> ph.failed && !ph.hs.unreachable && !ph.ended).toList();
            rescue.forEach(ph -> ph.failed = false);
            runNodes(b, blk.rescue(), sc.enter(blk, false), rescue);
        }
        if (!blk.always().isEmpty() && !b.stopped()) {
            List<PlayHost> always = entered.stream().filter(ph -> !ph.hs.unreachable && !ph.ended).toList();
            Map<PlayHost, Boolean> was = new IdentityHashMap<>();
            always.forEach(ph -> {
                was.put(ph, ph.failed);
                ph.failed = false;
            });
            runNodes(b, blk.always(), sc.enter(blk, false), always);
            always.forEach(ph -> ph.failed = ph.failed || was.get(ph));
        }
        b.roleRuns.ended(blk, active(b, entered));
    }

    private static List<PlayHost> active(Batch b, List<PlayHost> hs) {
        return b.stopped() ? List.of() : hs.stream().filter(PlayHost::active).toList();
    }

    /** Runs a task (or a handler: no tag selection) on the hosts still active, in parallel when there are several. */
    private void runTask(Batch b, Task t, Scope sc, List<PlayHost> hs, boolean handler) {
        List<PlayHost> act = active(b, hs);
        if (act.isEmpty()) {
            return;
        }
        if (!handler && t != b.factsTask && !run.startAt.reached(t, sc.role())) {
            return;
        }
        if (!handler && t != b.factsTask && !run.tags.selected(sc.tags(b.play, t))) {
            return;
        }
        if ("meta".equals(t.module())) {
            meta(b, t, sc, act);
            return;
        }
        if (!handler && t != b.factsTask && !run.stepAllows(sc.taskName(t))) {
            return;
        }
        TaskLog.Entry entry = b.taskEntry(t, sc, handler, act.size());
        if (t.runOnce() && act.size() > 1) {
            // the batch's first host runs it (the others then share its result), as Ansible picks it
            tasks.run(new HostTask(b, t, sc, act.get(0), entry));
            act = act.subList(1, act.size());
        }
        if (act.size() == 1) {
            tasks.run(new HostTask(b, t, sc, act.get(0), entry));
        } else {
            List<Runnable> jobs = new ArrayList<>();
            for (PlayHost ph : act) {
                jobs.add(() -> tasks.run(new HostTask(b, t, sc, ph, entry)));
            }
            workers.runAll(jobs);
        }
        b.taskDone(entry);
        FailurePolicy.check(b, run.listener);
    }

    private void meta(Batch b, Task t, Scope sc, List<PlayHost> act) {
        String action = t.args().values().stream().findFirst().map(String::valueOf).orElse("").trim();
        // Ansible starts a meta task once per host for these, once in all for the others; it reports no result
        int starts = PER_HOST_META.contains(action) && b.strategy == Strategy.LINEAR ? act.size() : 1;
        for (int i = 0; i < starts; i++) {
            b.taskDone(b.taskEntry(t, sc, false, act.size()));
        }
        switch (action) {
            case "flush_handlers" -> flushHandlers(b, act);
            case "noop", "" -> { }
            case "end_play" -> {
                if (act.stream().anyMatch(ph -> conditionHolds(b, sc, t, ph))) {
                    b.endedPlay = true;
                }
            }
            case "end_batch" -> {
                if (act.stream().anyMatch(ph -> conditionHolds(b, sc, t, ph))) {
                    b.endedBatch = true;
                }
            }
            case "end_host" -> act.stream().filter(ph -> conditionHolds(b, sc, t, ph)).forEach(ph -> ph.ended = true);
            default -> run.listener.warning("meta: '" + action + "' is not supported; ignored");
        }
    }

    private boolean conditionHolds(Batch b, Scope sc, Task t, PlayHost ph) {
        try {
            return run.allTrue(sc.whens(t), taskVars.of(b, sc, t, ph).resolved());
        } catch (RuntimeException e) {
            run.listener.warning("meta on " + ph.name() + ": " + e.getMessage());
            return false;
        }
    }

    private void flushHandlers(Batch b, List<PlayHost> hs) {
        List<Task> handlers = b.handlers.all();
        for (int pass = 0; pass < 10; pass++) { // a handler may notify one defined before it: go round again
            boolean ran = false;
            for (int i = 0; i < handlers.size(); i++) {
                int index = i;
                List<PlayHost> targets = active(b, hs).stream().filter(ph -> ph.takeNotification(index)).toList();
                if (!targets.isEmpty()) {
                    ran = true;
                    Task h = handlers.get(i);
                    runTask(b, h, b.handlers.scope(h), targets, true);
                }
            }
            if (!ran) {
                return;
            }
        }
    }
}
