package org.drover.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.drover.playbook.BecomeSpec;
import org.drover.playbook.Block;
import org.drover.playbook.LoopControl;
import org.drover.playbook.Play;
import org.drover.playbook.Playbook;
import org.drover.playbook.RoleMeta;
import org.drover.playbook.Task;
import org.drover.playbook.TaskNode;

/** One serial batch of one play: its hosts, how it ends early, and what its tasks share across hosts. */
final class Batch {
    final RunContext run;
    final Playbook playbook;
    final Play play;
    final String playName;
    final List<PlayHost> hosts;
    /** The play's hosts over all batches ({@code ansible_play_hosts_all}). */
    final List<String> allNames;
    final Strategy strategy;
    /** Fact gathering, run as a task of its own. */
    final Task factsTask;
    final Handlers handlers;
    final VarsFiles varsFiles;
    /**
     * The play's roles (from {@code roles:}, their dependencies and role imports), in play order: their vars apply
     * play-wide. Included roles are not among them: theirs apply to their own tasks (and, public, to the tasks after).
     */
    final List<Block> roles;
    final RoleRuns roleRuns = new RoleRuns();
    final List<String> roleNames;
    private final Map<String, PlayHost> byName = new java.util.HashMap<>();
    private final AtomicBoolean aborted = new AtomicBoolean();
    volatile boolean endedPlay;
    volatile boolean endedBatch;
    // Keyed by identity: two tasks written alike are still two tasks. Synchronised maps make
    // putIfAbsent/computeIfAbsent atomic.
    private final Map<Task, CompletableFuture<Map<String, Object>>> runOnce =
            Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<Task, TaskLog.Entry> freeEntries = Collections.synchronizedMap(new IdentityHashMap<>());
    /** Free strategy: the batch's task records in start order. */
    private final Queue<TaskLog.Entry> freeOrder = new ConcurrentLinkedQueue<>();

    Batch(RunContext run, Playbook playbook, Play play, List<PlayHost> hosts, List<String> allNames) {
        this.run = run;
        this.playbook = playbook;
        this.play = play;
        this.playName = play.name() != null ? play.name() : play.hosts();
        this.hosts = hosts;
        this.allNames = allNames;
        this.strategy = Strategy.of(play);
        this.factsTask = new Task("Gathering Facts", "gather_facts",
                play.gatherSubset().isEmpty() ? Map.of() : Map.of("gather_subset", play.gatherSubset()), List.of(), null,
                LoopControl.DEFAULT, null, List.of(), List.of(), List.of("always"), null, List.of(), List.of(),
                null, null, BecomeSpec.UNSET, Map.of(), null, List.of(), null, false, null, false, null,
                Map.of(), play.mark());
        this.handlers = new Handlers(play);
        this.varsFiles = new VarsFiles(play, run.templater);
        this.roles = roles(play);
        // the roles the play names (Ansible's play.roles): dependencies are not among them
        this.roleNames = roles.stream().filter(r -> r.roleMeta() == null || !r.roleMeta().dependency())
                .map(Block::role).distinct().toList();
        hosts.forEach(ph -> byName.put(ph.name(), ph));
    }

    /** The batch's host of that name, or null when it is not in this batch. */
    PlayHost host(String name) {
        return byName.get(name);
    }

    private static List<Block> roles(Play play) {
        List<Block> out = new ArrayList<>();
        for (List<TaskNode> section : List.of(play.preTasks(), play.tasks(), play.postTasks())) {
            collectRoles(section, out);
        }
        return List.copyOf(out);
    }

    private static void collectRoles(List<TaskNode> nodes, List<Block> out) {
        for (TaskNode n : nodes) {
            if (n instanceof Block b) {
                if (b.role() != null && (b.roleMeta() == null || b.roleMeta().visibility() == RoleMeta.Visibility.PLAY)) {
                    out.add(b);
                }
                collectRoles(b.block(), out);
                collectRoles(b.rescue(), out);
                collectRoles(b.always(), out);
            }
        }
    }

    List<String> names() {
        return hosts.stream().map(PlayHost::name).toList();
    }

    /** No new task starts in this batch. */
    boolean stopped() {
        return aborted.get() || endedPlay || endedBatch || run.interrupted();
    }

    boolean aborted() {
        return aborted.get();
    }

    /** True for the one caller that aborts the batch. */
    boolean abort() {
        return aborted.compareAndSet(false, true);
    }

    /** The batch's hosts still in the play ({@code ansible_play_hosts}). */
    List<String> activeNames() {
        List<String> out = new ArrayList<>(hosts.size());
        for (PlayHost ph : hosts) {
            if (ph.active()) {
                out.add(ph.name());
            }
        }
        return out;
    }

    /** {@code run_once}: the first host to call this runs the task (null back); the others get its result. */
    CompletableFuture<Map<String, Object>> claimRunOnce(Task t, CompletableFuture<Map<String, Object>> mine) {
        return runOnce.putIfAbsent(t, mine);
    }

    /** The record a task's hosts report to: one per task and host set (linear), one per task (free). */
    TaskLog.Entry taskEntry(Task t, Scope sc, boolean handler, int nHosts) {
        if (strategy == Strategy.LINEAR) {
            return startTask(t, sc, handler, nHosts);
        }
        return freeEntries.computeIfAbsent(t, k -> {
            TaskLog.Entry e = startTask(t, sc, handler, hosts.size());
            freeOrder.add(e);
            return e;
        });
    }

    /** The task is over on the hosts it ran on: linear ends it now, free at the end of the batch. */
    void taskDone(TaskLog.Entry e) {
        if (strategy == Strategy.LINEAR) {
            run.tasks.end(e);
        }
    }

    /** Free strategy, once every host's walk has returned. */
    void endFreeTasks() {
        freeOrder.forEach(run.tasks::end);
    }

    private TaskLog.Entry startTask(Task t, Scope sc, boolean handler, int nHosts) {
        String name = t == factsTask ? "Gathering Facts" : sc.taskName(t);
        return run.tasks.start(id -> new TaskInfo(id, playName, name, t.module(), handler, nHosts, t.mark()));
    }
}
