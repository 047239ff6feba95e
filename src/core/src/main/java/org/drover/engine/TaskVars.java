package org.drover.engine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.playbook.Block;
import org.drover.playbook.Task;

/**
 * Builds a host's variables for a task in Ansible's precedence order, lowest first: role defaults, inventory,
 * facts, play vars, vars_files, role vars, block vars, task vars, include_vars, registered and set_fact, extra vars; then the
 * magic variables.
 */
final class TaskVars {
    /** {@code default(omit)}: an argument rendered to this is left out, as if never written. */
    static final String OMIT = "__drover_omit__";

    private final RunContext run;
    private final RunHosts hosts;

    TaskVars(RunContext run, RunHosts hosts) {
        this.run = run;
        this.hosts = hosts;
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
        for (Block blk : sc.chain()) {
            v.define(blk.roleDefaults());
        }
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
        List<String> playHosts = b.activeNames();
        m.put("play_hosts", playHosts);
        m.put("ansible_play_hosts", playHosts);
        m.put("ansible_play_batch", playHosts);
        m.put("ansible_play_hosts_all", b.allNames);
        m.put("ansible_play_name", b.playName);
        m.put("drover_verbosity", run.options.execution().verbosity());
        m.put("omit", OMIT);
        Path file = b.playbook.file();
        if (file != null && file.toAbsolutePath().getParent() != null) {
            m.put("playbook_dir", file.toAbsolutePath().getParent().toString());
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
            m.put("ansible_failed_task", Map.of("name", ph.failedTask));
        }
        return m;
    }
}
