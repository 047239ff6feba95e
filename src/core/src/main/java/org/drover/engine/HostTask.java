package org.drover.engine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.playbook.Task;

/** One task on one host of a batch: what every step of its run needs, instead of six arguments each. */
record HostTask(Batch batch, Task task, Scope scope, PlayHost host, TaskLog.Entry entry) {
    HostState state() {
        return host.hs;
    }

    boolean isFacts() {
        return task == batch.factsTask;
    }

    boolean check() {
        Boolean own = scope.checkMode(task);
        return own != null ? own : batch.run.options.mode().check();
    }

    boolean diff() {
        return task.diff() != null ? task.diff() : batch.run.options.mode().diff();
    }

    /** The variables plus the result under the task's {@code register} name, for until/changed_when/failed_when. */
    Map<String, Object> withRegistered(Map<String, Object> vars, Map<String, Object> result) {
        if (task.register() == null) {
            return vars;
        }
        Map<String, Object> v = new LinkedHashMap<>(vars);
        v.put(task.register(), result);
        return v;
    }

    /**
     * What the listener gets for the task (or one loop item): no_log hides the message, the item, the result
     * and the traces; diffs only in diff mode.
     */
    HostResult report(ItemRun r, String item, Verdict verdict, long startNanos, boolean delegated) {
        boolean noLog = task.noLog();
        return new HostResult(entry.info, host.name(), r.status, noLog ? null : r.msg,
                item == null ? null : noLog ? "(censored)" : item, verdict.ignored(), verdict.rescued(), noLog,
                censor(r.result), noLog || !diff() ? List.of() : r.diffs, r.execs, noLog ? List.of() : r.traces,
                Duration.ofNanos(System.nanoTime() - startNanos), delegated ? task.delegateTo() : null);
    }

    private Map<String, Object> censor(Map<String, Object> result) {
        if (!task.noLog()) {
            return result;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("censored", HostResult.CENSORED);
        m.put("changed", result.getOrDefault("changed", false));
        return m;
    }

    /** How a failure counts: ignored (ignore_errors) or rescued (a rescue section follows). */
    record Verdict(boolean ignored, boolean rescued) {
        static final Verdict PLAIN = new Verdict(false, false);
    }
}
