package org.drover.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.drover.engine.RunSummary.TaskStats;

/** Every task the run started, in start order, with its timing and round trips (for the summary). */
final class TaskLog {
    /** One task's run over the hosts of a batch: hosts and round trips are added by concurrent workers. */
    static final class Entry {
        final TaskInfo info;
        final long start = System.nanoTime();
        final AtomicInteger hosts = new AtomicInteger();
        final AtomicInteger execs = new AtomicInteger();
        volatile long end;

        Entry(TaskInfo info) {
            this.info = info;
        }

        /** A host is done with the task after {@code execs} round trips. */
        void hostDone(int execs) {
            hosts.incrementAndGet();
            this.execs.addAndGet(execs);
        }

        TaskStats stats(long now) {
            return new TaskStats(info, hosts.get(), execs.get(), Duration.ofNanos((end == 0 ? now : end) - start));
        }
    }

    private final RunListener listener;
    private final AtomicInteger ids = new AtomicInteger();
    /** A concurrent queue keeps the start order, and a summary after an interrupt may read it while workers add. */
    private final Queue<Entry> entries = new ConcurrentLinkedQueue<>();

    TaskLog(RunListener listener) {
        this.listener = listener;
    }

    /** Starts a task: a fresh id, then {@link RunListener#taskStart}. */
    Entry start(IntFunction<TaskInfo> info) {
        Entry e = new Entry(info.apply(ids.incrementAndGet()));
        entries.add(e);
        listener.taskStart(e.info);
        return e;
    }

    void end(Entry e) {
        e.end = System.nanoTime();
        listener.taskEnd(e.info, Duration.ofNanos(e.end - e.start));
    }

    List<TaskStats> stats(long now) {
        List<TaskStats> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(e.stats(now));
        }
        return out;
    }
}
