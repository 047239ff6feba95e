package org.drover.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.playbook.Block;
import org.drover.playbook.Task;

/**
 * Builds a host's variables for a task in Ansible's precedence order, lowest first: role defaults, inventory,
 * inventory (inventory_file/dir, then group and host vars as the inventory merged them), facts, play vars,
 * vars_files, role vars, block vars, task vars, include_vars, registered and set_fact, role params, extra vars; then
 * the magic variables.
 */
final class TaskVars {
    /** {@code default(omit)}: an argument rendered to this is left out, as if never written. */
    static final String OMIT = "__drover_omit__";
    /**
     * {@code ansible_version}: the Ansible release whose behaviour drover reproduces (and its conformance suite
     * was recorded with), so that version gates in playbooks take the branch they would take there.
     */
    static final Map<String, Object> ANSIBLE_VERSION = Map.of("string", "2.14.18", "full", "2.14.18", "major", 2,
            "minor", 14, "revision", 18);

    private final RunContext run;
    private final RunHosts hosts;

    TaskVars(RunContext run, RunHosts hosts) {
        this.run = run;
        this.hosts = hosts;
    }

    RunHosts hosts() {
        return hosts;
    }

    Vars of(HostTask ht) {
        return of(ht.batch(), ht.scope(), ht.task(), ht.host());
    }

    Vars of(Batch b, Scope sc, Task t, PlayHost ph) {
        Vars v = new Vars(run.templater);
        v.data(layers(v, b, sc, t, ph));
        return v;
    }

    /** Defines the layers in order; returns the magic variables, which go on top. */
    private Map<String, Object> layers(Vars v, Batch b, Scope sc, Task t, PlayHost ph) {
        HostState hs = ph.hs;
        Map<String, Object> magic = magic(b, sc, ph);
        // Ansible merges the defaults and vars of every role of the play into each task's variables (roles run
        // before the tasks, so their vars apply after them), then the task's own role's again.
        for (Block role : b.roles) {
            v.define(role.roleDefaults());
        }
        for (Block role : b.roleRuns.published()) {
            v.define(role.roleDefaults());
        }
        for (Block blk : sc.chain()) {
            v.define(blk.roleDefaults());
        }
        v.define(hosts.inventoryVars(hs));
        v.define(hs.host.vars());
        Map<String, Object> facts = hs.facts;
        if (facts != null) {
            v.data(Facts.asVars(facts));
        }
        v.define(b.play.vars());
        Map<String, Object> soFar = new LinkedHashMap<>(v.map); // as Ansible templates vars_files names
        soFar.putAll(run.options.extraVars());
        soFar.putAll(magic);
        v.define(b.varsFiles.load(soFar, facts != null));
        for (Block role : b.roles) {
            v.define(role.vars());
        }
        for (Block role : b.roleRuns.published()) {
            v.define(role.vars());
        }
        for (Block blk : sc.chain()) {
            if (blk.role() != null) {
                v.define(blk.vars());
            }
        }
        for (Block blk : sc.chain()) {
            if (blk.role() == null) {
                v.define(blk.vars());
            }
        }
        v.define(t.vars());
        synchronized (hs.includedVars) {
            v.define(hs.includedVars);
        }
        synchronized (hs.registered) { // a synchronised map: copying iterates it
            v.data(hs.registered);
        }
        for (Block blk : sc.chain()) { // role params: above registered variables, only for the role's own tasks
            if (blk.roleMeta() != null) {
                v.define(blk.roleMeta().params());
            }
        }
        v.define(run.options.extraVars());
        return magic;
    }

    private Map<String, Object> magic(Batch b, Scope sc, PlayHost ph) {
        Map<String, Object> m = new LinkedHashMap<>();
        String name = ph.name();
        m.put("inventory_hostname", name);
        m.put("inventory_hostname_short", name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
        m.put("group_names", ph.hs.groupNames());
        m.put("groups", hosts.groups());
        m.put("hostvars", hosts.hostVars());
        playHosts(b, m);
        m.put("ansible_play_name", b.playName);
        m.put("ansible_play_role_names", b.roleNames);
        m.put("ansible_role_names", b.roles.stream().map(Block::role).distinct().toList()); // with dependencies
        m.put("role_names", b.roleNames);
        RunOptions o = run.options;
        m.put("ansible_check_mode", o.mode().check());
        m.put("ansible_diff_mode", o.mode().diff());
        m.put("ansible_forks", o.execution().forks());
        m.put("ansible_verbosity", o.execution().verbosity());
        m.put("ansible_run_tags", o.selection().tags().isEmpty() ? List.of("all") : o.selection().tags());
        m.put("ansible_skip_tags", o.selection().skipTags());
        m.put("ansible_version", ANSIBLE_VERSION);
        m.put("drover_verbosity", o.execution().verbosity());
        m.put("omit", OMIT);
        Path file = b.playbook.file();
        if (file != null && file.toAbsolutePath().getParent() != null) {
            m.put("playbook_dir", file.toAbsolutePath().normalize().getParent().toString());
        }
        String role = sc.role();
        if (role != null) {
            m.put("role_name", role);
            Path rolePath = sc.rolePath();
            if (rolePath != null) {
                m.put("role_path", rolePath.toString());
            }
        }
        if (ph.failedResult != null) {
            m.put("ansible_failed_result", ph.failedResult);
            m.put("ansible_failed_task", failedTask(ph.failedTask));
        }
        return m;
    }

    /**
     * {@code ansible_play_hosts_all}: the play's hosts, failed ones included; {@code ansible_play_hosts}: those
     * still in the play (not failed here or in an earlier play, not unreachable, not ended);
     * {@code ansible_play_batch} ({@code play_hosts}): the same within this batch.
     */
    private void playHosts(Batch b, Map<String, Object> m) {
        List<String> batch = b.activeNames();
        List<String> inPlay = new ArrayList<>();
        for (String n : b.allNames) {
            PlayHost ph = b.host(n);
            if (ph != null ? ph.active() : hosts.get(n).inPlay()) {
                inPlay.add(n);
            }
        }
        m.put("play_hosts", batch);
        m.put("ansible_play_batch", batch);
        m.put("ansible_play_hosts", inPlay);
        m.put("ansible_play_hosts_all", b.allNames);
    }

    /** The failed task as Ansible serialises it, reduced to what a rescue reads: name, action, args. */
    private static Map<String, Object> failedTask(Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name() != null ? t.name() : "");
        m.put("action", t.module());
        m.put("args", t.args());
        return m;
    }
}
