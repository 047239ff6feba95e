package org.drover.engine;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.drover.playbook.Task;

/** One host within one batch of one play: whether it is still in, and the handlers it notified. */
final class PlayHost {
    final HostState hs;
    volatile boolean failed;
    /** Failed outside any rescue: counts for any_errors_fatal and max_fail_percentage. */
    volatile boolean hardFailed;
    volatile boolean ended;
    volatile Map<String, Object> failedResult;
    volatile Task failedTask;
    /** The include tasks that ran here: the tasks of their Blocks run on this host. */
    final Set<Task> included = ConcurrentHashMap.newKeySet();
    /** Indexes of notified handlers; a concurrent set, as a task's workers notify while others may flush. */
    private final Set<Integer> notified = ConcurrentHashMap.newKeySet();

    PlayHost(HostState hs) {
        this.hs = hs;
    }

    String name() {
        return hs.name();
    }

    boolean active() {
        return !failed && !ended && !hs.unreachable;
    }

    void fail(boolean hard, Map<String, Object> result, Task task) {
        failed = true;
        hardFailed |= hard;
        failedResult = result;
        failedTask = task;
    }

    void markNotified(int handler) {
        notified.add(handler);
    }

    /** True once per notification: the handler runs, and the next flush does not run it again. */
    boolean takeNotification(int handler) {
        return notified.remove(handler);
    }
}
