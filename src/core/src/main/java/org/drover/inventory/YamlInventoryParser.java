package org.drover.inventory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.text.Suggest;
import org.drover.yaml.LoadError;
import org.drover.yaml.LoadException;
import org.drover.yaml.Yaml;
import org.snakeyaml.engine.v2.nodes.Node;

/** Ansible's YAML inventory: groups with {@code hosts}, {@code vars}, {@code children}, nested to any depth. */
final class YamlInventoryParser {
    private static final List<String> GROUP_KEYS = List.of("hosts", "vars", "children");

    private final InventoryLoader l;

    private YamlInventoryParser(InventoryLoader l) {
        this.l = l;
    }

    static void parse(Path file, InventoryLoader l) {
        var root = Yaml.compose(file);
        if (root.isEmpty() || Yaml.isNull(root.get())) {
            return;
        }
        YamlInventoryParser p = new YamlInventoryParser(l);
        for (Yaml.Entry e : Yaml.entries(root.get(), "an inventory")) {
            p.group(e.key(), e.value(), e);
        }
    }

    private void group(String name, Node node, Yaml.Entry where) {
        InventoryLoader.GroupDraft g = l.group(name);
        if (Yaml.isNull(node)) {
            return;
        }
        if (!Yaml.isMapping(node)) {
            l.errors.add(new LoadError(Yaml.mark(node), "group '" + name + "' must be a mapping with hosts, vars or children, got "
                    + Yaml.describe(node)));
            return;
        }
        for (Yaml.Entry e : Yaml.entries(node, "group '" + name + "'")) {
            try {
                switch (e.key()) {
                    case "hosts" -> hosts(g, e.value());
                    case "vars" -> {
                        if (!Yaml.isNull(e.value())) {
                            for (Yaml.Entry v : Yaml.entries(e.value(), "vars of group '" + name + "'")) {
                                g.vars.put(v.key(), Yaml.toValue(v.value()));
                                if (v.key().equals("ansible_group_priority")) {
                                    g.priorityMark = Yaml.mark(v.value());
                                }
                            }
                        }
                    }
                    case "children" -> {
                        if (!Yaml.isNull(e.value())) {
                            if (!Yaml.isMapping(e.value())) {
                                throw new LoadException(Yaml.mark(e.value()), "children of group '" + name
                                        + "' must be a mapping of group names (each followed by ':'), got " + Yaml.describe(e.value()));
                            }
                            for (Yaml.Entry c : Yaml.entries(e.value(), "children")) {
                                g.children.add(c.key());
                                g.childMarks.putIfAbsent(c.key(), Yaml.mark(c.keyNode()));
                                group(c.key(), c.value(), c);
                            }
                        }
                    }
                    default -> l.errors.add(new LoadError(Yaml.mark(e.keyNode()), "unknown key '" + e.key() + "' in group '"
                            + name + "': expected hosts, vars or children" + Suggest.didYouMean(e.key(), GROUP_KEYS)));
                }
            } catch (LoadException ex) {
                l.errors.addAll(ex.errors());
            }
        }
    }

    private void hosts(InventoryLoader.GroupDraft g, Node node) {
        if (Yaml.isNull(node)) {
            return;
        }
        if (!Yaml.isMapping(node)) {
            throw new LoadException(Yaml.mark(node), "hosts of group '" + g.name
                    + "' must be a mapping of host names (each followed by ':'), got " + Yaml.describe(node));
        }
        for (Yaml.Entry h : Yaml.entries(node, "hosts")) {
            Map<String, Object> vars = new LinkedHashMap<>();
            List<String> names = l.hostNames(h.key(), Yaml.mark(h.keyNode()), vars);
            if (!Yaml.isNull(h.value())) {
                if (!Yaml.isMapping(h.value())) {
                    l.errors.add(new LoadError(Yaml.mark(h.value()), "host '" + h.key()
                            + "' must be followed by a mapping of its variables or nothing, got " + Yaml.describe(h.value())));
                    continue;
                }
                for (Yaml.Entry v : Yaml.entries(h.value(), "host vars")) {
                    vars.put(v.key(), Yaml.toValue(v.value()));
                }
            }
            for (String n : names) {
                g.hosts.add(n);
                l.host(n).vars.putAll(vars);
            }
        }
    }
}
