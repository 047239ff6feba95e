package org.drover.engine;

import java.time.Duration;
import java.util.List;
import org.drover.playbook.Play;

/**
 * Receives the events of a run, in order. The engine calls a listener from one thread at a time (it serialises
 * calls), so implementations need no locking. Every method has an empty default: listen only to what you need.
 */
public interface RunListener {
    /** A play starts; {@code hosts} are the selected hosts (pattern ∩ limit), in inventory order. */
    default void playStart(Play play, List<String> hosts) {}

    /** A serial batch of a play starts (also called once for a play without {@code serial}). */
    default void batchStart(Play play, List<String> hosts) {}

    /** A task (or handler, or fact gathering) starts on {@code task.hosts()} hosts. */
    default void taskStart(TaskInfo task) {}

    /** One loop item finished on one host (loops only; the task's aggregate follows as {@link #hostResult}). */
    default void itemResult(HostResult result) {}

    /** A task finished on one host: the aggregate over loop items. This is what the recap counts. */
    default void hostResult(HostResult result) {}

    /** Every host of the batch is done with the task (linear), or the batch ended (free). */
    default void taskEnd(TaskInfo task, Duration elapsed) {}

    /** A host's change notified a handler (by name or {@code listen}). */
    default void handlerNotified(String host, String handler) {}

    /** Something worth a line that is not a task result (a play aborted by max_fail_percentage...). */
    default void warning(String message) {}

    default void playEnd(Play play) {}

    /** The run is over (also after an interrupt); the summary holds the recap. */
    default void runEnd(RunSummary summary) {}

    /** Calls each listener in turn. */
    static RunListener all(List<RunListener> listeners) {
        List<RunListener> ls = List.copyOf(listeners);
        return new RunListener() {
            @Override public void playStart(Play p, List<String> h) { ls.forEach(l -> l.playStart(p, h)); }
            @Override public void batchStart(Play p, List<String> h) { ls.forEach(l -> l.batchStart(p, h)); }
            @Override public void taskStart(TaskInfo t) { ls.forEach(l -> l.taskStart(t)); }
            @Override public void itemResult(HostResult r) { ls.forEach(l -> l.itemResult(r)); }
            @Override public void hostResult(HostResult r) { ls.forEach(l -> l.hostResult(r)); }
            @Override public void taskEnd(TaskInfo t, Duration d) { ls.forEach(l -> l.taskEnd(t, d)); }
            @Override public void handlerNotified(String h, String n) { ls.forEach(l -> l.handlerNotified(h, n)); }
            @Override public void warning(String m) { ls.forEach(l -> l.warning(m)); }
            @Override public void playEnd(Play p) { ls.forEach(l -> l.playEnd(p)); }
            @Override public void runEnd(RunSummary s) { ls.forEach(l -> l.runEnd(s)); }
        };
    }
}
