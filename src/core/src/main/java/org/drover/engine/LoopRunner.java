package org.drover.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        List<?> list;
        try {
            list = LoopItems.of(t.loop(), run.templater, base.copy().resolved());
        } catch (LoopItems.LoopException e) {
            return ItemRun.failed(e.getMessage());
        } catch (RuntimeException e) {
            return ItemRun.failed("loop: " + e.getMessage());
        }
        ItemRun agg = new ItemRun();
        List<Object> results = new ArrayList<>();
        List<HostResult.Status> statuses = new ArrayList<>();
        for (int i = 0; i < list.size() && !run.interrupted(); i++) {
            if (i > 0 && lc.pause() > 0) {
                pause(lc.pause());
            }
            Vars vars = base.copy();
            Map<String, Object> loopVars = loopVars(lc, list, i);
            vars.data(loopVars);
            long t0 = System.nanoTime();
            ItemRun r = items.run(ht, vars);
            String label = label(lc, r, vars.map);
            loopVars.forEach(r.result::put);
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

    /** What Ansible sets for one item: the loop variable, the index variable, {@code ansible_loop} if extended. */
    static Map<String, Object> loopVars(LoopControl lc, List<?> items, int i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(lc.loopVar(), items.get(i));
        m.put("ansible_loop_var", lc.loopVar());
        if (lc.indexVar() != null) {
            m.put(lc.indexVar(), i);
            m.put("ansible_index_var", lc.indexVar());
        }
        if (lc.extended()) {
            int size = items.size();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("index", i + 1);
            info.put("index0", i);
            info.put("first", i == 0);
            info.put("last", i + 1 == size);
            info.put("length", size);
            info.put("revindex", size - i);
            info.put("revindex0", size - i - 1);
            if (lc.extendedAllitems()) {
                info.put("allitems", items);
            }
            if (i + 1 < size) {
                info.put("nextitem", items.get(i + 1));
            }
            if (i > 0) {
                info.put("previtem", items.get(i - 1));
            }
            m.put("ansible_loop", info);
        }
        return m;
    }

    /** loop_control's pause between two items, cut short by an interrupt. */
    private void pause(double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (!run.interrupted() && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, Math.min(100, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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

    /** loop_control.label rendered (else the loop variable); one that cannot be rendered fails the item. */
    private String label(LoopControl lc, ItemRun r, Map<String, Object> vars) {
        String label = lc.label() != null ? lc.label() : "{{" + lc.loopVar() + "}}";
        try {
            return String.valueOf(run.templater.render(label, vars));
        } catch (RuntimeException e) {
            r.fail("Failed to template loop_control.label: " + e.getMessage());
            return label;
        }
    }
}
