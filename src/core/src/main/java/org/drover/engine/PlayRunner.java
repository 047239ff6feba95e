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

    void run(Playbook pb, Play play) {
        List<Host> selected = select(play);
        List<String> names = selected.stream().map(Host::name).toList();
        run.listener.playStart(play, names);
        if (selected.isEmpty()) {
            String limit = run.options.selection().limit();
            run.listener.warning("no hosts matched '" + play.hosts() + "'"
                    + (limit != null ? " with --limit " + limit : "") + ": skipping the play");
            run.listener.playEnd(play);
            return;
        }
        for (List<Host> batchHosts : Batches.split(selected, play.serial())) {
            if (run.interrupted()) {
                break;
            }
            Batch b = new Batch(run, pb, play, batchHosts.stream().map(h -> new PlayHost(hosts.get(h.name()))).toList(),
                    names);
            hosts.touch(batchHosts);
            if (!runBatch(b)) {
                break;
            }
        }
        run.listener.playEnd(play);
    }

    private List<Host> select(Play play) {
        String pattern = play.hosts();
        if (Templater.isTemplated(pattern)) {
            pattern = String.valueOf(run.templater.render(pattern, new LinkedHashMap<>(run.options.extraVars())));
        }
        return hosts.select(pattern, run.options.selection().limit());
    }

    /** Runs the batch; false when the play goes no further (aborted, ended, or no host left). */
    private boolean runBatch(Batch b) {
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
        if (b.aborted() || b.endedPlay) {
            return false;
        }
        if (b.hosts.stream().allMatch(ph -> ph.failed || ph.hs.unreachable)) {
            run.listener.warning("no hosts left in the batch: the play ends");
            return false;
        }
        return true;
    }
}
