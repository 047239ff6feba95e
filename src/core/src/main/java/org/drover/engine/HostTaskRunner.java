package org.drover.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.drover.engine.HostTask.Verdict;
import org.drover.playbook.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task on one host, all loop items included: registers the result, notifies handlers, marks the host failed
 * as the failure policy reads it, counts the recap, reports to the listener.
 */
final class HostTaskRunner {
    private static final Logger log = LoggerFactory.getLogger(HostTaskRunner.class);

    private final RunContext run;
    private final TaskVars taskVars;
    private final ItemRunner items;
    private final LoopRunner loops;

    HostTaskRunner(RunContext run, TaskVars taskVars) {
        this.run = run;
        this.taskVars = taskVars;
        this.items = new ItemRunner(run, taskVars.hosts());
        this.loops = new LoopRunner(run, items);
    }

    /** Never throws: an internal error fails the host with a message instead of killing the worker. */
    void run(HostTask ht) {
        try {
            if (ht.task().runOnce()) {
                runOnce(ht);
            } else {
                execute(ht);
            }
        } catch (RuntimeException | Error e) {
            Task t = ht.task();
            // a no_log task's error may quote its values: only the type of the error is written
            log.error("internal error running '{}' on {}{}", t.displayName(), ht.host().name(),
                    t.noLog() ? ": " + e.getClass().getName() : "", t.noLog() ? null : e);
            HostResult r = new HostResult(ht.entry().info, ht.host().name(), HostResult.Status.FAILED,
                    t.noLog() ? null : "internal error: " + e, null, false, false, t.noLog(), Map.of(), List.of(), 0, List.of(),
                    Duration.ZERO, null);
            ht.host().fail(false, Map.of(), t);
            ht.state().count(r, false);
            run.listener.hostResult(r);
        }
    }

    /**
     * The first host runs the task and reports; the others, silently, take its registered result and the facts
     * it set (set_fact included), and fail with it when it failed, as Ansible does.
     */
    private void runOnce(HostTask ht) {
        CompletableFuture<Map<String, Object>> mine = new CompletableFuture<>();
        CompletableFuture<Map<String, Object>> first = ht.batch().claimRunOnce(ht.task(), mine);
        if (first != null) {
            Map<String, Object> reg = first.join();
            if (reg != null) {
                shareRunOnce(ht, reg);
            }
            return;
        }
        try {
            mine.complete(execute(ht));
        } finally {
            mine.complete(null); // a failed run must not leave the other hosts waiting
        }
    }

    private void shareRunOnce(HostTask ht, Map<String, Object> reg) {
        Task t = ht.task();
        if (t.register() != null) {
            ht.state().registered.put(t.register(), reg);
        }
        setFacts(ht.state(), reg.get("ansible_facts"));
        if (reg.get("results") instanceof List<?> items) {
            items.forEach(i -> setFacts(ht.state(), i instanceof Map<?, ?> m ? m.get("ansible_facts") : null));
        }
        if (Boolean.TRUE.equals(reg.get("failed")) && !ignoresErrors(ht)) {
            ht.host().fail(!ht.scope().rescuable(), reg, t);
        }
    }

    /** The task's ignore_errors for this host (templated as Ansible does); a value that is no bool ignores. */
    private boolean ignoresErrors(HostTask ht) {
        try {
            return Flags.eval(ht.scope().ignoreErrors(ht.task()), "ignore_errors", run.templater,
                    taskVars.of(ht).resolved());
        } catch (RuntimeException e) {
            return true; // as execute(): Ansible then reads the keyword as written, a template string, true
        }
    }

    @SuppressWarnings("unchecked")
    private static void setFacts(HostState hs, Object facts) {
        if (facts instanceof Map<?, ?> f) {
            hs.registered.putAll((Map<String, Object>) f);
        }
    }

    /** Runs the task (all its loop items), records everything, returns the registered result. */
    private Map<String, Object> execute(HostTask ht) {
        long t0 = System.nanoTime();
        Task t = ht.task();
        Vars base;
        boolean ignore;
        try {
            base = taskVars.of(ht);
            // ansible_check_mode stays --check's (as in Ansible 2.14); drover_check_mode is this task's
            base.map.put("drover_check_mode", ht.check());
            base.map.put("ansible_diff_mode", ht.diff());
        } catch (RuntimeException e) {
            ItemRun failed = ItemRun.failed("cannot load the variables: " + e.getMessage());
            record(ht, failed, t0, false, false);
            return failed.result;
        }
        try {
            ignore = Flags.eval(ht.scope().ignoreErrors(t), "ignore_errors", run.templater, base.copy().resolved());
        } catch (RuntimeException e) {
            // Ansible fails the task, then reads the keyword as written: a template string, which is true
            ItemRun failed = ItemRun.failed("the field 'ignore_errors' has an invalid value ("
                    + ht.scope().ignoreErrors(t) + "), and could not be converted to a bool: " + e.getMessage());
            record(ht, failed, t0, false, true);
            return failed.result;
        }
        ItemRun agg = t.loop() == null ? items.run(ht, base) : loops.run(ht, base);
        record(ht, agg, t0, true, ignore);
        return agg.result;
    }

    private void record(HostTask ht, ItemRun agg, long t0, boolean delegated, boolean ignore) {
        Task t = ht.task();
        HostResult.Status s = agg.status;
        boolean ignored = s == HostResult.Status.FAILED && ignore;
        if (t.register() != null && s != HostResult.Status.UNREACHABLE) {
            ht.state().registered.put(t.register(), agg.result);
        }
        if (s == HostResult.Status.CHANGED) {
            ht.batch().handlers.notify(t, ht.host(), run.listener);
        }
        if (s != HostResult.Status.SKIPPED && s != HostResult.Status.UNREACHABLE) {
            ht.batch().roleRuns.taskRan(ht.scope(), ht.host());
        }
        boolean rescuable = ht.scope().rescuable() && !ignored;
        if (s == HostResult.Status.FAILED && !ignored) {
            ht.host().fail(!rescuable, agg.result, t);
        } else if (s == HostResult.Status.UNREACHABLE) {
            ht.host().fail(true, agg.result, t);
        }
        HostResult r = ht.report(agg, null, new Verdict(ignored, s == HostResult.Status.FAILED && rescuable), t0,
                delegated);
        if (!(t.module().equals("include_role") && s == HostResult.Status.OK)) {
            ht.state().count(r, rescuable); // Ansible's recap does not count an include_role that included
        }
        ht.entry().hostDone(agg.execs);
        run.listener.hostResult(r);
    }
}
