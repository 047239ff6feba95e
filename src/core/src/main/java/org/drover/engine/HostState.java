package org.drover.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.inventory.Host;
import org.drover.transport.Connection;

/** What the run knows about one host across plays: its connection, facts, registered vars, and recap counters. */
final class HostState {
    final Host host;
    /** set_fact and register results: they outlive the play, as in Ansible. */
    final Map<String, Object> registered = Collections.synchronizedMap(new LinkedHashMap<>());
    /** include_vars results: definitions (templated on use) that outlive the play, below set_fact. */
    final Map<String, Object> includedVars = Collections.synchronizedMap(new LinkedHashMap<>());
    volatile Map<String, Object> facts;
    volatile boolean unreachable;
    /** Failed in an earlier play: later plays leave the host out, as Ansible does. */
    volatile boolean failedInRun;

    Connection connection; // guarded by this
    /** A jail target: the host whose connection reaches it (set before the first play), else null. */
    HostState physical;
    /** A jail target that cannot be reached, and why (set before the first play), else null. */
    String jailProblem;
    /** The run lock: taken under lockGuard; refused says why another run kept it. */
    final Object lockGuard = new Object();
    volatile boolean locked;
    volatile String lockRefused;
    private int ok, changed, unreach, failed, skipped, rescued, ignored, execs;

    HostState(Host host) {
        this.host = host;
    }

    String name() {
        return host.name();
    }

    /** Neither unreachable nor failed in an earlier play: the host can run in a play. */
    boolean inPlay() {
        return !unreachable && !failedInRun;
    }

    synchronized void count(HostResult r, boolean rescuable) {
        execs += r.execs();
        switch (r.status()) {
            case OK -> ok++;
            case CHANGED -> { ok++; changed++; }
            case SKIPPED -> skipped++;
            case UNREACHABLE -> unreach++;
            case FAILED -> {
                if (r.ignored()) {
                    ok++;
                    ignored++;
                    if (r.result() != null && Boolean.TRUE.equals(r.result().get("changed"))) {
                        changed++; // as Ansible counts an ignored failure that changed something
                    }
                } else if (rescuable) {
                    rescued++;
                } else {
                    failed++;
                }
            }
        }
    }

    /** Round trips outside any task (the run lock). */
    synchronized void countExecs(int n) {
        execs += n;
    }

    synchronized HostStats stats() {
        return new HostStats(ok, changed, unreach, failed, skipped, rescued, ignored, execs);
    }

    /** The variables other hosts see through {@code hostvars}: inventory, facts, registered. */
    Map<String, Object> visibleVars() {
        Map<String, Object> m = new LinkedHashMap<>(host.vars());
        Map<String, Object> f = facts;
        if (f != null) {
            m.putAll(Facts.asVars(f));
        }
        synchronized (includedVars) {
            m.putAll(includedVars);
        }
        synchronized (registered) {
            m.putAll(registered);
        }
        m.put("inventory_hostname", host.name());
        m.put("group_names", groupNames());
        return m;
    }

    /** {@code group_names}: the host's groups but {@code all} ({@code ungrouped} included), sorted as Ansible's. */
    List<String> groupNames() {
        return host.groups().stream().filter(g -> !g.equals("all")).sorted().toList();
    }
}
