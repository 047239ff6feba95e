package org.drover.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.drover.engine.HostTask.Verdict;
import org.drover.playbook.LoopControl;
import org.drover.playbook.Task;

/** A looped task on one host: each item in turn (reported one by one), then the aggregate Ansible registers. */
final class LoopRunner {
    private final RunContext run;
    private final ItemRunner items;

    LoopRunner(RunContext run, ItemRunner items) {
        this.run = run;
        this.items = items;
    }

    ItemRun run(HostTask ht, Vars base) {
        Task t = ht.task();
        LoopControl lc = t.loopControl() == null ? LoopControl.DEFAULT : t.loopControl();
        String loopVar = lc.loopVar() == null ? "item" : lc.loopVar();
        List<?> list;
        try {
            Object rendered = run.templater.render(t.loop(), base.copy().resolved());
            if (!(rendered instanceof List<?> l)) {
                return ItemRun.failed("loop: expected a list, got '" + rendered + "'");
            }
            list = l;
        } catch (RuntimeException e) {
            return ItemRun.failed("loop: " + e.getMessage());
        }
        ItemRun agg = new ItemRun();
        List<Object> results = new ArrayList<>();
        List<HostResult.Status> statuses = new ArrayList<>();
        for (int i = 0; i < list.size() && !run.interrupted(); i++) {
            Object item = list.get(i);
            Vars vars = base.copy();
            vars.map.put(loopVar, item);
            vars.map.put("ansible_loop_var", loopVar);
            vars.map.put("ansible_loop", loopInfo(i, list.size()));
            long t0 = System.nanoTime();
            ItemRun r = items.run(ht, vars);
            String label = label(lc, item, vars.map);
            r.result.put(loopVar, item);
            r.result.put("ansible_loop_var", loopVar);
            results.add(r.result);
            agg.execs += r.execs;
            agg.traces.addAll(r.traces);
            agg.diffs.addAll(r.diffs);
            run.listener.itemResult(ht.report(r, label, Verdict.PLAIN, t0, true));
            if (r.status == HostResult.Status.UNREACHABLE) {
                r.result.put("results", results);
                return r;
            }
            statuses.add(r.status);
        }
        summarise(agg, results, statuses, list.isEmpty());
        return agg;
    }

    private static Map<String, Object> loopInfo(int i, int size) {
        return Map.of("index", i + 1, "index0", i, "first", i == 0, "last", i == size - 1, "length", size,
                "revindex", size - i, "revindex0", size - i - 1);
    }

    /** Failed if any item failed, else changed if any changed, skipped if all were (also with no items run). */
    private static void summarise(ItemRun agg, List<Object> results, List<HostResult.Status> statuses,
                                  boolean noItems) {
        boolean anyFailed = statuses.contains(HostResult.Status.FAILED);
        boolean anyChanged = statuses.contains(HostResult.Status.CHANGED);
        boolean allSkipped = statuses.stream().allMatch(st -> st == HostResult.Status.SKIPPED);
        agg.status = anyFailed ? HostResult.Status.FAILED : anyChanged ? HostResult.Status.CHANGED
                : allSkipped ? HostResult.Status.SKIPPED : HostResult.Status.OK;
        agg.msg = anyFailed ? "one or more items failed" : noItems ? "no items" : null;
        // Ansible's keys: failed only when an item failed; skipped always; no msg for an empty loop
        agg.result.put("changed", anyChanged);
        if (anyFailed) {
            agg.result.put("failed", true);
        }
        agg.result.put("skipped", allSkipped);
        if (noItems) {
            agg.result.put("skipped_reason", "No items in the list");
        } else {
            agg.result.put("msg", anyFailed ? "One or more items failed"
                    : allSkipped ? "All items skipped" : "All items completed");
        }
        agg.result.put("results", results);
    }

    /** loop_control.label rendered (as written if it cannot be), else the item itself. */
    private String label(LoopControl lc, Object item, Map<String, Object> vars) {
        if (lc.label() != null) {
            try {
                return String.valueOf(run.templater.render(lc.label(), vars));
            } catch (RuntimeException e) {
                return lc.label();
            }
        }
        return String.valueOf(item);
    }
}
