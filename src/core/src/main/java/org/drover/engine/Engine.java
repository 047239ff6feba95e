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
        return summary;
    }

    /** Ctrl-C: start no new task or loop item; commands already running end or hit their deadline; the recap follows. */
    public void interrupt() {
        run.interrupt();
    }
}
