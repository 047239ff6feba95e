package org.drover.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.drover.inventory.Inventory;
import org.drover.module.ModuleRegistry;
import org.drover.playbook.Play;
import org.drover.playbook.Playbook;
import org.drover.template.Templater;
import org.drover.transport.ConnectionFactory;
import org.drover.transport.StopSignal;

/**
 * Runs playbooks against an inventory: plays → hosts (pattern ∩ limit) → serial batches → tasks on a bounded pool
 * of host workers, linear or free. One connection per host, opened by the first task that needs it and closed at
 * the end of the run. Events go to a {@link RunListener}; {@link #run} returns the recap.
 *
 * <p>Block/rescue/always, handlers and failure policy follow Ansible: a failed host leaves the play while the
 * others go on; {@code any_errors_fatal} and {@code max_fail_percentage} stop the play for every host.
 *
 * <p>The parts: {@link PlayRunner} (hosts, batches, strategy), {@link BatchWalker} (the task tree, handlers),
 * {@link HostTaskRunner} / {@link LoopRunner} / {@link ItemRunner} / {@link ModuleInvocation} (one task on one
 * host), {@link TaskVars} (variable precedence), {@link ConnectionPool} (connections).
 */
public final class Engine {
    private final RunContext run;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    private volatile RemoteStop remote;
    /** The first Ctrl-C's thread, signalling the hosts: the connections stay open until it is done. */
    private volatile Thread stopping;
    private volatile boolean killed;

    public Engine(ModuleRegistry modules, Templater templater, ConnectionFactory connections, RunOptions options,
                  RunListener listener) {
        Objects.requireNonNull(options);
        this.run = new RunContext(Objects.requireNonNull(modules), Objects.requireNonNull(templater), options,
                listener, Objects.requireNonNull(connections));
    }

    /** Runs the playbooks in order and blocks until done (or interrupted and drained). One run per engine. */
    public RunSummary run(List<Playbook> playbooks, Inventory inventory) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("an Engine runs once");
        }
        long t0 = System.nanoTime();
        RunHosts hosts = new RunHosts(inventory, run.templater);
        remote = new RemoteStop(hosts.all());
        Workers workers = new Workers(run.options.execution().forks(), run);
        try {
            PlayRunner plays = new PlayRunner(run, hosts, workers);
            outer:
            for (Playbook pb : playbooks) {
                for (Play play : pb.plays()) {
                    if (run.interrupted()) {
                        break outer;
                    }
                    if (!plays.run(pb, play)) {
                        break outer;
                    }
                }
            }
        } finally {
            finished.set(true);
            awaitStopping();
            run.locks.releaseAll(hosts.all(), workers);
            workers.close();
            run.connections.closeAll(hosts.all());
        }
        if (run.startAt.missed() != null) { // Ansible's words; like Ansible, the run's result stays what it was
            run.listener.warning("No matching task \"" + run.startAt.missed() + "\" found. Note: --start-at-task can"
                    + " only follow static includes.");
        }
        long now = System.nanoTime();
        RunSummary summary = new RunSummary(hosts.stats(), run.interrupted(), Duration.ofNanos(now - t0),
                run.tasks.stats(now));
        run.listener.runEnd(summary);
        ended.countDown();
        return summary;
    }

    /** Commands running on the hosts now (for Ctrl-C's message). */
    public int running() {
        RemoteStop r = remote;
        return r == null ? 0 : r.running();
    }

    /**
     * First Ctrl-C: no new task or loop item starts; the commands running now get SIGTERM (their process groups,
     * every host at once), and SIGKILL if they are still there {@link RemoteStop#GRACE} later; the recap follows once
     * the running tasks have ended. Returns at once.
     */
    public void interrupt() {
        run.interrupt();
        RemoteStop r = remote;
        if (r == null || stopping != null) {
            return;
        }
        Thread t = new Thread(() -> {
            r.signal(StopSignal.TERM); // the hosts themselves KILL what outlives the grace
            if (!finished.get() && r.running() > 0) {
                run.listener.warning("commands still running " + RemoteStop.GRACE.toSeconds()
                        + " s after the interrupt: killed (SIGKILL)");
                r.signal(StopSignal.KILL);
                pause(2000);
                if (!finished.get()) {
                    r.abandon();
                }
            }
        }, "drover-interrupt");
        t.setDaemon(true);
        stopping = t;
        t.start();
    }

    /** Second Ctrl-C: SIGKILL to the running commands' process groups; returns once sent (bounded). */
    public int kill() {
        killed = true; // the first Ctrl-C's thread is not waited for any more: the recap comes at once
        run.interrupt();
        RemoteStop r = remote;
        return r == null ? 0 : r.signal(StopSignal.KILL);
    }

    /** Waits up to TIMEOUT for the run's end (its recap printed); true if it ended. */
    public boolean awaitEnd(Duration timeout) {
        try {
            return ended.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitStopping() {
        Thread t = stopping;
        long end = System.nanoTime() + RemoteStop.BOUND.toNanos();
        try {
            while (t != null && t.isAlive() && !killed && System.nanoTime() < end) {
                t.join(100); // in steps: a second Ctrl-C stops the waiting
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
