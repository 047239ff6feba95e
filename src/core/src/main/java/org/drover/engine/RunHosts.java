package org.drover.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.drover.inventory.Host;
import org.drover.inventory.Inventory;
import org.drover.template.Lazy;
import org.drover.template.TemplateException;
import org.drover.template.Templater;

/** The inventory's hosts and what the run learns about them, plus the inventory-wide magic variables. */
final class RunHosts {
    private final Inventory inventory;
    /** Filled before the first play, read-only afterwards: safe to read from any worker. */
    private final Map<String, HostState> hosts = new LinkedHashMap<>();
    /** Hosts that were in at least one batch: the recap lists only them. */
    private final Set<String> touched = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> groups;
    private final HostVarsView hostVars;

    /** Hosts whose definitions this thread is rendering for {@code hostvars}: guards a cycle across hosts. */
    private static final ThreadLocal<Set<String>> RENDERING = ThreadLocal.withInitial(HashSet::new);

    private final Templater templater;

    RunHosts(Inventory inventory, Templater templater) {
        this.inventory = inventory;
        this.templater = templater;
        for (Host h : inventory.hosts()) {
            hosts.put(h.name(), new HostState(h));
        }
        hosts.values().forEach(this::linkJailTarget);
        this.groups = groupsOf(inventory);
        this.hostVars = new HostVarsView(hosts, this::visibleVars);
    }

    /** A jail target's physical host, or the reason it has none (reported when the target first connects). */
    private void linkJailTarget(HostState hs) {
        try {
            String via = JailTargets.physicalHost(hs.host);
            if (via == null) {
                return;
            }
            HostState p = hosts.get(via);
            if (p == null || JailTargets.physicalHost(p.host) != null) {
                hs.jailProblem = "jail target " + hs.name() + ": " + (p == null ? "no inventory host " + via
                        : via + " is itself a jail target") + " to reach it through";
            } else {
                hs.physical = p;
            }
        } catch (IllegalArgumentException e) {
            hs.jailProblem = e.getMessage();
        }
    }

    /**
     * A host's variables as others see them: its inventory definitions rendered in its own context (as Ansible
     * does), its data (facts, registered results) as it is. A definition that reads back a host being rendered
     * on this thread sees that host's definitions as written.
     */
    private Map<String, Object> visibleVars(String name) {
        HostState hs = hosts.get(name);
        Set<String> rendering = RENDERING.get();
        if (!rendering.add(name)) {
            return recursing(hs);
        }
        try {
            Vars v = new Vars(templater);
            v.define(inventoryVars(hs));
            v.define(hs.host.vars());
            Map<String, Object> facts = hs.facts;
            if (facts != null) {
                v.data(Facts.asVars(facts));
            }
            synchronized (hs.registered) { // a synchronised map: copying iterates it
                v.data(hs.registered);
            }
            v.data(Map.of("inventory_hostname", hs.host.name(), "group_names", hs.groupNames()));
            v.data(Map.of("groups", groups, "hostvars", hostVars));
            Map<String, Object> m = v.resolved();
            m.remove("groups");
            m.remove("hostvars");
            return m;
        } finally {
            rendering.remove(name);
        }
    }

    /** A host read back while its definitions render: those that are templates fail, naming the loop. */
    private static Map<String, Object> recursing(HostState hs) {
        Map<String, Object> m = hs.visibleVars();
        for (Map.Entry<String, Object> e : hs.host.vars().entrySet()) {
            if (e.getValue() instanceof String s && Templater.isTemplated(s) && m.get(e.getKey()) == s) {
                TemplateException err = new TemplateException("recursive loop detected in variable '" + e.getKey()
                        + "' of host '" + hs.host.name() + "' (through hostvars)", null);
                m.put(e.getKey(), new Lazy(() -> {
                    throw err;
                }, s));
            }
        }
        return m;
    }

    /** {@code inventory_file} and {@code inventory_dir}: host variables in Ansible, the lowest of them. */
    Map<String, Object> inventoryVars(HostState hs) {
        return inventory.source(hs.name()).<Map<String, Object>>map(p -> Map.of("inventory_file", p.toString(),
                "inventory_dir", String.valueOf(p.getParent()))).orElse(Map.of());
    }

    HostState get(String name) {
        return hosts.get(name);
    }

    Collection<HostState> all() {
        return hosts.values();
    }

    /** {@code groups}: every group's members, {@code all} first. */
    Map<String, Object> groups() {
        return groups;
    }

    HostVarsView hostVars() {
        return hostVars;
    }

    /**
     * The play's pattern ∩ the limit ({@code ansible_play_hosts_all}), hosts that are unreachable or failed in an
     * earlier play included: {@link HostState#inPlay} tells which can run.
     */
    List<Host> select(String pattern, RunOptions.Selection selection) {
        String limit = selection.limit();
        List<Host> sel = inventory.select(pattern);
        if (selection.shard() != null) {
            sel = sel.stream().filter(h -> selection.shard().includes(h.name())).toList();
        }
        if (limit != null && !limit.isBlank()) {
            Set<String> allowed = new HashSet<>();
            inventory.select(limit).forEach(h -> allowed.add(h.name()));
            sel = sel.stream().filter(h -> allowed.contains(h.name())).toList();
        }
        return sel.stream().filter(h -> hosts.containsKey(h.name())).toList();
    }

    void touch(List<Host> batch) {
        batch.forEach(h -> touched.add(h.name()));
    }

    /** The recap, in inventory order. */
    Map<String, HostStats> stats() {
        Map<String, HostStats> stats = new LinkedHashMap<>();
        for (HostState hs : hosts.values()) {
            HostStats st = hs.stats();
            // as Ansible's recap: only hosts something was counted for (a run_once task's other hosts, or a
            // host whose every task was filtered out by tags, are not listed)
            if (touched.contains(hs.name()) && st.ok() + st.changed() + st.unreachable() + st.failed() + st.skipped()
                    + st.rescued() + st.ignored() > 0) {
                stats.put(hs.name(), st);
            }
        }
        return stats;
    }

    private static Map<String, Object> groupsOf(Inventory inventory) {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("all", new ArrayList<>());
        inventory.groups().keySet().forEach(name -> g.computeIfAbsent(name, k -> new ArrayList<>()));
        for (Host h : inventory.hosts()) {
            g.get("all").add(h.name());
            for (String group : h.groups()) {
                List<String> members = g.computeIfAbsent(group, k -> new ArrayList<>());
                if (!members.contains(h.name())) {
                    members.add(h.name());
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        g.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }
}
