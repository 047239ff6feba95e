package org.drover.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.drover.inventory.Host;
import org.drover.playbook.Play;
import org.drover.playbook.Playbook;
import org.drover.template.Templater;

/** Runs one play: selects its hosts, splits them into serial batches, runs each batch by the play's strategy. */
final class PlayRunner {
    private final RunContext run;
    private final RunHosts hosts;
    private final Workers workers;
    private final BatchWalker walker;

    PlayRunner(RunContext run, RunHosts hosts, Workers workers) {
        this.run = run;
        this.hosts = hosts;
        this.workers = workers;
        this.walker = new BatchWalker(run, workers, new TaskVars(run, hosts));
    }

    /**
     * Runs the play; false when the run stops here, as Ansible stops a playbook: any_errors_fatal or
     * max_fail_percentage aborted the play, or every host of a batch failed in it.
     */
    boolean run(Playbook pb, Play play) {
        List<Host> matched = select(play);
        List<String> all = matched.stream().map(Host::name).toList();
        List<String> names = matched.stream().filter(h -> hosts.get(h.name()).inPlay()).map(Host::name).toList();
        run.listener.playStart(play, names);
        if (names.isEmpty()) {
            RunOptions.Selection sel = run.options.selection();
            run.listener.warning("no hosts matched '" + play.hosts() + "'"
                    + (sel.limit() != null ? " with --limit " + sel.limit() : "")
                    + (sel.shard() != null ? " in shard " + sel.shard() : "") + ": skipping the play");
            run.listener.playEnd(play);
            return true;
        }
        boolean goOn = true;
        // Batches are cut from every host of the play, those that failed in an earlier play included (as Ansible
        // does); those run nothing.
        for (List<Host> batch : Batches.split(matched, play.serial())) {
            List<Host> batchHosts = batch.stream().filter(h -> hosts.get(h.name()).inPlay()).toList();
            if (run.interrupted()) {
                break;
            }
            if (batchHosts.isEmpty()) {
                continue;
            }
            Batch b = new Batch(run, pb, play, batchHosts.stream().map(h -> new PlayHost(hosts.get(h.name()))).toList(),
                    all);
            hosts.touch(batchHosts);
            BatchEnd end = runBatch(b, batch.size());
            if (end != BatchEnd.NEXT) {
                goOn = end != BatchEnd.STOP_RUN;
                break;
            }
        }
        run.listener.playEnd(play);
        return goOn;
    }

    private List<Host> select(Play play) {
        String pattern = play.hosts();
        if (Templater.isTemplated(pattern)) {
            pattern = String.valueOf(run.templater.render(pattern, new LinkedHashMap<>(run.options.extraVars())));
        }
        return hosts.select(pattern, run.options.selection());
    }

    private enum BatchEnd { NEXT, END_PLAY, STOP_RUN }

    /** Runs the batch; says whether the play goes on, ends (end_play), or the whole run stops. */
    private BatchEnd runBatch(Batch b, int batchSize) {
        run.listener.batchStart(b.play, b.names());
        if (b.strategy == Strategy.FREE) {
            List<Runnable> walks = new ArrayList<>();
            for (PlayHost ph : b.hosts) {
                walks.add(() -> walker.walk(b, List.of(ph)));
            }
            workers.runAll(walks);
            b.endFreeTasks();
        } else {
            walker.walk(b, b.hosts);
        }
        for (PlayHost ph : b.hosts) {
            if (ph.failed) {
                ph.hs.failedInRun = true; // later plays leave the host out
            }
        }
        if (b.aborted()) {
            return BatchEnd.STOP_RUN;
        }
        if (b.endedPlay) {
            return BatchEnd.END_PLAY;
        }
        // Ansible compares the hosts that failed in this batch with the batch's size, hosts that had already
        // failed in an earlier play counted in the size but not among the failures.
        if (b.hosts.stream().filter(ph -> ph.failed || ph.hs.unreachable).count() == batchSize) {
            run.listener.warning("no hosts left in the batch: the run ends");
            return BatchEnd.STOP_RUN;
        }
        return BatchEnd.NEXT;
    }
}
