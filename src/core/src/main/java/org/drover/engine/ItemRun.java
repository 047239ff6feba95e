package org.drover.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.module.Diff;

/** What a task (or one loop item) produced on one host; built up by one worker, so plainly mutable. */
final class ItemRun {
    HostResult.Status status;
    String msg;
    Map<String, Object> result = new LinkedHashMap<>();
    List<Diff> diffs = new ArrayList<>();
    int execs;
    List<ExecTrace> traces = new ArrayList<>();

    /** A result the module never produced: skipped by when, or failed before (or instead of) running. */
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

    static ItemRun failed(String msg) {
        return of(HostResult.Status.FAILED, msg);
    }

    /** Turns this result into a failure with a message (until exhausted, a condition that cannot be evaluated). */
    void fail(String message) {
        status = HostResult.Status.FAILED;
        msg = message;
        result.put("failed", true);
        result.put("msg", message);
    }
}
