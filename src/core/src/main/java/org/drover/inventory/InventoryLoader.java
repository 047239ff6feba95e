package org.drover.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.drover.yaml.LoadError;
import org.drover.yaml.LoadException;
import org.drover.yaml.SourceMark;
import org.drover.yaml.Yaml;

/**
 * Loads Ansible-compatible inventories: YAML and INI files, directories of them, several sources merged, and
 * {@code group_vars/} and {@code host_vars/} next to each source and next to the playbooks.
 *
 * <p>Variable precedence, lowest first, as Ansible's: groups sorted by depth (all, then parents, then children),
 * then {@code ansible_group_priority}, then name; every group's inventory-file vars in that order, then
 * group_vars/all (inventory's, then the playbook's), then the other groups' group_vars (inventory's, then the
 * playbook's); then the host's inventory-file vars, its inventory host_vars, its playbook host_vars.
 * All problems are collected and thrown together as one {@link LoadException}.
 */
public final class InventoryLoader {
    static final String ALL = "all";
    static final String UNGROUPED = "ungrouped";

    final Map<String, GroupDraft> groups = new LinkedHashMap<>();
    final Map<String, HostDraft> hosts = new LinkedHashMap<>();
    final List<LoadError> errors = new ArrayList<>();
    /** The file each host was first seen in, as Ansible sets {@code inventory_file}. */
    private final Map<String, Path> sources = new HashMap<>();
    private Path current;

    static final class GroupDraft {
        final String name;
        final Set<String> hosts = new LinkedHashSet<>();
        final Set<String> children = new LinkedHashSet<>();
        /** Where each child was listed, to point at a children loop. */
        final Map<String, SourceMark> childMarks = new HashMap<>();
        /** Where ansible_group_priority was set, to point at a bad one. */
        SourceMark priorityMark = SourceMark.UNKNOWN;
        final Map<String, Object> vars = new LinkedHashMap<>();
        /** group_vars/ files next to the inventory, and next to the playbooks. */
        final Map<String, Object> dirVars = new LinkedHashMap<>();
        final Map<String, Object> playDirVars = new LinkedHashMap<>();

        GroupDraft(String name) {
            this.name = name;
        }
    }

    static final class HostDraft {
        final String name;
        final Map<String, Object> vars = new LinkedHashMap<>();
        final Map<String, Object> dirVars = new LinkedHashMap<>();

        HostDraft(String name) {
            this.name = name;
        }
    }

    /** Groups nested in one another ({@code children}), counting all; deeper would overflow the stack. */
    static final int MAX_GROUP_DEPTH = 100;
    private static final java.util.regex.Pattern BAD_NAME = java.util.regex.Pattern.compile("[\\s\\p{Cntrl}=\\[\\]]");

    private InventoryLoader() {
        group(ALL);
        group(UNGROUPED);
    }

    public static Inventory load(List<Path> sources) {
        return load(sources, List.of());
    }

    /** @param playbookDirs directories of the playbooks being run: their group_vars/ and host_vars/ apply too */
    public static Inventory load(List<Path> sources, List<Path> playbookDirs) {
        InventoryLoader l = new InventoryLoader();
        List<Path> varsDirs = new ArrayList<>();
        for (Path src : sources) {
            if (Files.isDirectory(src)) {
                for (Path f : listInventoryFiles(src, l)) {
                    l.parseFile(f);
                }
                varsDirs.add(src);
            } else if (Files.isRegularFile(src)) {
                l.parseFile(src);
                varsDirs.add(src.toAbsolutePath().getParent());
            } else {
                l.errors.add(new LoadError(new SourceMark(src.toString(), 0, 0), Files.exists(src)
                        ? "inventory source is not a regular file or a directory (a FIFO, a device?): not read"
                        : "inventory source not found"));
            }
        }
        for (Path d : varsDirs) {
            l.readVarsDirs(d, false);
        }
        for (Path d : playbookDirs) {
            if (!varsDirs.contains(d.toAbsolutePath()) && !varsDirs.contains(d)) {
                l.readVarsDirs(d, true);
            }
        }
        Inventory inv = l.build();
        if (!l.errors.isEmpty()) {
            throw new LoadException(l.errors);
        }
        return inv;
    }

    private static List<Path> listInventoryFiles(Path dir, InventoryLoader l) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return !n.startsWith(".") && !n.endsWith("~") && !n.endsWith(".retry") && !n.endsWith(".bak")
                                && !n.endsWith(".orig") && !n.endsWith(".md") && !n.endsWith(".cfg");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            l.errors.add(new LoadError(new SourceMark(dir.toString(), 0, 0), "cannot list directory: " + e.getMessage()));
            return List.of();
        }
    }

    private void parseFile(Path f) {
        current = f.toAbsolutePath().normalize();
        String n = f.getFileName().toString().toLowerCase();
        try {
            if (n.endsWith(".yml") || n.endsWith(".yaml") || n.endsWith(".json")) {
                YamlInventoryParser.parse(f, this);
            } else {
                IniInventoryParser.parse(f, this);
            }
        } catch (LoadException e) {
            errors.addAll(e.errors());
        }
    }

    GroupDraft group(String name) {
        return groups.computeIfAbsent(name, GroupDraft::new);
    }

    HostDraft host(String name) {
        if (current != null) {
            sources.putIfAbsent(name, current);
        }
        return hosts.computeIfAbsent(name, HostDraft::new);
    }

    /** group_vars/NAME{,.yml,.yaml,.json} or group_vars/NAME/*.yml; the same for host_vars. */
    private void readVarsDirs(Path base, boolean playbook) {
        readVarsDir(base.resolve("group_vars"), groups.keySet(),
                (name, vars) -> (playbook ? group(name).playDirVars : group(name).dirVars).putAll(vars));
        readVarsDir(base.resolve("host_vars"), hosts.keySet(), (name, vars) -> host(name).dirVars.putAll(vars));
    }

    private void readVarsDir(Path dir, Set<String> known, java.util.function.BiConsumer<String, Map<String, Object>> sink) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.sorted().toList();
        } catch (IOException e) {
            errors.add(new LoadError(new SourceMark(dir.toString(), 0, 0), "cannot list directory: " + e.getMessage()));
            return;
        }
        for (Path e : entries) {
            String file = e.getFileName().toString();
            if (file.startsWith(".")) {
                continue;
            }
            String name = file.replaceFirst("\\.(ya?ml|json)$", "");
            if (!known.contains(name)) {
                continue; // Ansible ignores vars for groups and hosts the inventory does not have
            }
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(e)) {
                try (Stream<Path> s = Files.walk(e)) {
                    s.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(ya?ml|json)$") || !p.getFileName().toString().contains("."))
                            .sorted(Comparator.naturalOrder()).forEach(files::add);
                } catch (IOException ex) {
                    errors.add(new LoadError(new SourceMark(e.toString(), 0, 0), "cannot list directory: " + ex.getMessage()));
                }
            } else if (file.matches(".*\\.(ya?ml|json)$") || !file.contains(".")) {
                files.add(e);
            }
            for (Path f : files) {
                try {
                    var node = Yaml.compose(f);
                    if (node.isEmpty() || Yaml.isNull(node.get())) {
                        continue;
                    }
                    Map<String, Object> vars = new LinkedHashMap<>();
                    for (Yaml.Entry en : Yaml.entries(node.get(), "a variables file")) {
                        vars.put(en.key(), Yaml.toValue(en.value()));
                    }
                    sink.accept(name, vars);
                } catch (LoadException ex) {
                    errors.addAll(ex.errors());
                }
            }
        }
    }

    private Inventory build() {
        GroupDraft all = groups.get(ALL);
        attachTopGroups(all);
        Map<String, Set<String>> parents = parents();
        Map<String, Integer> depth = new HashMap<>();
        for (String g : groups.keySet()) {
            depthOf(g, parents, depth, new LinkedHashSet<>());
        }
        moveUngroupedHosts(all);
        groups.values().forEach(this::priority); // reports a bad one even where no sibling needs comparing
        List<Host> built = new ArrayList<>();
        for (HostDraft h : hosts.values()) {
            built.add(buildHost(h, parents, depth));
        }
        List<Group> builtGroups = new ArrayList<>();
        for (GroupDraft g : groups.values()) {
            Map<String, Object> vars = new LinkedHashMap<>(g.vars);
            vars.putAll(g.dirVars);
            vars.putAll(g.playDirVars);
            builtGroups.add(new Group(g.name, List.copyOf(g.hosts), List.copyOf(g.children), vars));
        }
        return new Inventory(built, builtGroups, sources);
    }

    /** Every group without a parent hangs under all. */
    private void attachTopGroups(GroupDraft all) {
        Set<String> hasParent = new LinkedHashSet<>();
        for (GroupDraft g : groups.values()) {
            for (String c : g.children) {
                group(c);
                hasParent.add(c);
            }
        }
        for (GroupDraft g : new ArrayList<>(groups.values())) {
            if (!g.name.equals(ALL) && !hasParent.contains(g.name)) {
                all.children.add(g.name);
            }
        }
    }

    /** Each group's parent groups. */
    private Map<String, Set<String>> parents() {
        Map<String, Set<String>> parents = new HashMap<>();
        for (GroupDraft g : groups.values()) {
            for (String c : g.children) {
                parents.computeIfAbsent(c, k -> new LinkedHashSet<>()).add(g.name);
            }
        }
        return parents;
    }

    /** Hosts with no group but all go to ungrouped. */
    private void moveUngroupedHosts(GroupDraft all) {
        Map<String, Set<String>> directGroups = new HashMap<>();
        for (GroupDraft g : groups.values()) {
            for (String h : g.hosts) {
                directGroups.computeIfAbsent(h, k -> new LinkedHashSet<>()).add(g.name);
            }
        }
        GroupDraft ungrouped = groups.get(UNGROUPED);
        for (HostDraft h : hosts.values()) {
            Set<String> direct = directGroups.getOrDefault(h.name, Set.of());
            if (direct.isEmpty() || direct.equals(Set.of(ALL))) {
                ungrouped.hosts.add(h.name);
                all.hosts.remove(h.name);
            }
        }
    }

    /**
     * A host with its groups (all, then by depth, ansible_group_priority and name, as Ansible sorts them) and its
     * variables in Ansible's order: every group's inventory-file vars, then group_vars/all (inventory's, then the
     * playbook's), then the other groups' group_vars (inventory's, then the playbook's); then its own.
     */
    private Host buildHost(HostDraft h, Map<String, Set<String>> parents, Map<String, Integer> depth) {
        Set<String> member = new LinkedHashSet<>();
        for (GroupDraft g : groups.values()) {
            if (g.hosts.contains(h.name)) {
                ancestors(g.name, parents, member);
            }
        }
        member.remove(ALL);
        List<String> ordered = new ArrayList<>();
        ordered.add(ALL);
        member.stream()
                .sorted(Comparator.comparing((String g) -> depth.getOrDefault(g, 0))
                        .thenComparing(g -> priority(groups.get(g))).thenComparing(g -> g))
                .forEach(ordered::add);
        Map<String, Object> vars = new LinkedHashMap<>();
        ordered.forEach(g -> vars.putAll(groups.get(g).vars));
        vars.putAll(groups.get(ALL).dirVars);
        vars.putAll(groups.get(ALL).playDirVars);
        ordered.stream().skip(1).forEach(g -> vars.putAll(groups.get(g).dirVars));
        ordered.stream().skip(1).forEach(g -> vars.putAll(groups.get(g).playDirVars));
        vars.putAll(h.vars);
        vars.putAll(h.dirVars);
        return new Host(h.name, ordered, vars);
    }

    /** {@code ansible_group_priority}, read from the inventory source only (as Ansible does); 1 when unset. */
    private int priority(GroupDraft g) {
        Object p = g.vars.get("ansible_group_priority");
        if (p == null) {
            return 1;
        }
        try {
            return p instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(p).strip());
        } catch (NumberFormatException e) {
            errors.add(new LoadError(g.priorityMark, "group '" + g.name + "': ansible_group_priority must be an"
                    + " integer, got '" + p + "'"));
            g.vars.remove("ansible_group_priority");
            return 1;
        }
    }

    private static void ancestors(String g, Map<String, Set<String>> parents, Set<String> out) {
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(g));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (out.add(next)) {
                todo.addAll(parents.getOrDefault(next, Set.of()));
            }
        }
    }

    /** Where parent lists child; else (all's own edges have no text) where child lists a group of its own. */
    private SourceMark edgeMark(String parent, String child) {
        SourceMark m = groups.get(parent).childMarks.get(child);
        if (m == null && child != null) {
            m = groups.get(child).childMarks.values().stream().findFirst().orElse(null);
        }
        return m == null ? SourceMark.UNKNOWN : m;
    }

    /** The groups of a loop, from the child listed last back to it: "b -> a -> b" when a lists b and b lists a. */
    private static String loop(Set<String> path, String g) {
        List<String> chain = new ArrayList<>(path);
        return String.join(" -> ", chain.subList(chain.indexOf(g), chain.size())) + " -> " + g;
    }

    /**
     * A group's depth below all (memoised); a children loop, or nesting deeper than {@link #MAX_GROUP_DEPTH}, is an
     * error pointing at the children entry that closes it. {@code path}: the groups being resolved, child first.
     */
    private int depthOf(String g, Map<String, Set<String>> parents, Map<String, Integer> depth, Set<String> path) {
        Integer known = depth.get(g);
        if (known != null) {
            return known;
        }
        String child = null;
        for (String p : path) {
            child = p; // the last one: the group that g lists as a child
        }
        if (path.contains(g) || path.size() >= MAX_GROUP_DEPTH) {
            SourceMark at = edgeMark(g, child);
            errors.add(new LoadError(at, path.contains(g)
                    ? "group '" + g + "' is its own ancestor (children loop: " + loop(path, g) + ")"
                    : "groups are nested deeper than " + MAX_GROUP_DEPTH + " levels of children"));
            depth.put(g, 0);
            return 0;
        }
        path.add(g);
        int d = 0;
        String deepest = null;
        for (String p : parents.getOrDefault(g, Set.of())) {
            int pd = depthOf(p, parents, depth, path) + 1;
            if (pd > d) {
                d = pd;
                deepest = p;
            }
        }
        path.remove(g);
        if (d == MAX_GROUP_DEPTH + 1) {
            errors.add(new LoadError(edgeMark(deepest, g),
                    "groups are nested deeper than " + MAX_GROUP_DEPTH + " levels of children"));
        }
        depth.put(g, d);
        return d;
    }

    /**
     * Splits "host:port" (not IPv6 literals) and expands ranges; errors go to the list. A port is 1 to 65535, and
     * a name holds no whitespace, control character, '=', '[' or ']' (an unclosed range, a stray value).
     */
    List<String> hostNames(String spec, SourceMark mark, Map<String, Object> varsOut) {
        String name = spec;
        int colon = spec.lastIndexOf(':');
        if (colon > 0 && spec.indexOf(':') == colon && spec.substring(colon + 1).matches("\\d+")) {
            name = spec.substring(0, colon);
            String port = spec.substring(colon + 1);
            if (port.length() > 5 || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                errors.add(new LoadError(mark, "bad port in '" + spec + "': a port is a number from 1 to 65535"));
                return List.of();
            }
            varsOut.put("ansible_port", Long.parseLong(port));
        }
        List<String> names;
        try {
            names = HostRanges.expand(name);
        } catch (IllegalArgumentException e) {
            errors.add(new LoadError(mark, "bad host range in '" + spec + "': " + e.getMessage()));
            return List.of();
        }
        for (String n : names) {
            java.util.regex.Matcher bad = BAD_NAME.matcher(n);
            if (n.isEmpty() || bad.find()) {
                errors.add(new LoadError(mark, "bad host name '" + BAD_NAME.matcher(n).replaceAll("?") + "': "
                        + (n.isEmpty() ? "it is empty" : "it contains " + describe(bad.group().charAt(0)))));
                return List.of();
            }
        }
        return names;
    }

    private static String describe(char c) {
        return Character.isWhitespace(c) || Character.isISOControl(c)
                ? String.format("the character U+%04X (whitespace or control)", (int) c) : "'" + c + "'";
    }
}
