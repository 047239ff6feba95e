package org.drover.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.drover.module.Diff;

/**
 * What one task did on one host (or, for {@link RunListener#itemResult}, one loop item).
 *
 * @param item     the loop item's label, or null
 * @param ignored  failed, but {@code ignore_errors} let the host go on
 * @param rescued  failed inside a block whose rescue section will run
 * @param result   the registered result (censored when {@code noLog})
 * @param diffs    before/after texts of what changed (empty unless diff mode)
 * @param execs    round trips made on the host by this task
 * @param traces   the round trips in detail (only recorded with {@code -v})
 * @param delegatedTo {@code localhost} when the task was delegated, else null
 */
public record HostResult(TaskInfo task, String host, Status status, String message, String item, boolean ignored,
                         boolean rescued, boolean noLog, Map<String, Object> result, List<Diff> diffs, int execs,
                         List<ExecTrace> traces, Duration elapsed, String delegatedTo) {
    /** Ansible's words for a no_log result, wherever one is shown. */
    public static final String CENSORED =
            "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

    public enum Status {
        OK, CHANGED, FAILED, SKIPPED, UNREACHABLE;

        public String label() {
            return name().toLowerCase();
        }
    }

    public HostResult {
        result = result == null ? Map.of() : result;
        diffs = diffs == null ? List.of() : List.copyOf(diffs);
        traces = traces == null ? List.of() : List.copyOf(traces);
    }
}
