package org.drover.inventory;

import java.nio.file.Path;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A loaded inventory: hosts in declaration order with merged variables, and the groups as declared. */
public final class Inventory {
    private final Map<String, Host> hosts;
    private final Map<String, Group> groups;
    /** The inventory file each host was first read from ({@code inventory_file}). */
    private final Map<String, Path> sources;

    public Inventory(List<Host> hosts, List<Group> groups) {
        this(hosts, groups, Map.of());
    }

    public Inventory(List<Host> hosts, List<Group> groups, Map<String, Path> sources) {
        this.sources = Map.copyOf(sources);
        this.hosts = new LinkedHashMap<>();
        hosts.forEach(h -> this.hosts.put(h.name(), h));
        this.groups = new LinkedHashMap<>();
        groups.forEach(g -> this.groups.put(g.name(), g));
    }

    public List<Host> hosts() {
        return new ArrayList<>(hosts.values());
    }

    public Optional<Host> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    /** The absolute path of the file that first declared the host, if it came from a file. */
    public Optional<Path> source(String host) {
        return Optional.ofNullable(sources.get(host));
    }

    public Map<String, Group> groups() {
        return java.util.Collections.unmodifiableMap(groups);
    }

    /** Hosts of a group and its descendants: direct hosts first, then each child's, in declaration order. */
    public List<Host> hostsOf(String group) {
        if (group.equals("all")) {
            return hosts();
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        collect(group, names, new java.util.HashSet<>());
        List<Host> out = new ArrayList<>();
        for (String n : names) {
            Host h = hosts.get(n);
            if (h != null) {
                out.add(h);
            }
        }
        return out;
    }

    private void collect(String group, java.util.Set<String> names, java.util.Set<String> seen) {
        Group g = groups.get(group);
        if (g == null || !seen.add(group)) {
            return;
        }
        names.addAll(g.hosts());
        for (String child : g.children()) {
            collect(child, names, seen);
        }
    }

    /** Hosts matching an Ansible host pattern ({@code all}, globs, {@code a:b}, {@code a:&b}, {@code a:!b}, ...). */
    public List<Host> select(String pattern) {
        return HostPattern.parse(pattern).select(this);
    }
}
