package org.drover.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a run: the recap per host (inventory order), and per task timings and round trips.
 *
 * @param interrupted true when {@link Engine#interrupt()} stopped the run before its end
 * @param tasks       every task that ran, in start order (for {@code --profile} and "execs per task")
 */
public record RunSummary(Map<String, HostStats> hosts, boolean interrupted, Duration elapsed,
                         List<TaskStats> tasks) {
    public RunSummary {
        hosts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hosts));
        tasks = List.copyOf(tasks);
    }

    /**
     * One task's totals over the hosts it ran on.
     *
     * @param hosts   hosts it ran on (skipped ones included)
     * @param execs   round trips summed over those hosts
     * @param elapsed wall time from its start on the first host to its end on the last
     */
    public record TaskStats(TaskInfo task, int hosts, int execs, Duration elapsed) {
        /** Round trips per host that ran it, e.g. 1.0 for an idempotent copy that changed nothing. */
        public double execsPerHost() {
            return hosts == 0 ? 0 : (double) execs / hosts;
        }
    }

    public boolean anyFailed() {
        return hosts.values().stream().anyMatch(s -> s.failed() > 0);
    }

    public boolean anyUnreachable() {
        return hosts.values().stream().anyMatch(s -> s.unreachable() > 0);
    }

    public boolean anyChanged() {
        return hosts.values().stream().anyMatch(s -> s.changed() > 0);
    }

    /** Total round trips of the run. */
    public int execs() {
        return hosts.values().stream().mapToInt(HostStats::execs).sum();
    }
}
