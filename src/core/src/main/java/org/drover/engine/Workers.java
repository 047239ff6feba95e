package org.drover.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The bounded pool of host workers ({@code forks}): runs jobs in parallel and waits for all of them. */
final class Workers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Workers.class);

    private final ExecutorService pool;
    private final RunContext run;

    Workers(int forks, RunContext run) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, forks), r -> {
            Thread t = new Thread(r, "drover-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.run = run;
    }

    /** Runs each job on a worker and returns when all are done (or this thread is interrupted: the run stops). */
    void runAll(List<Runnable> jobs) {
        List<Future<?>> fs = new ArrayList<>(jobs.size());
        for (Runnable job : jobs) {
            fs.add(pool.submit(job));
        }
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (InterruptedException e) {
                run.interrupt();
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                log.error("a host worker failed", e.getCause());
            }
        }
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
