package org.drover.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.drover.template.Templater;

/**
 * A host's variables for one task, and which of them come from definitions (inventory, play, files, role,
 * block, task, extra vars) rather than data (facts, registered results, the engine's magic variables).
 * Confined to the worker running the task.
 */
final class Vars {
    final Map<String, Object> map;
    private final Set<String> defined;
    private final Templater templater;

    Vars(Templater templater) {
        this(new LinkedHashMap<>(), new HashSet<>(), templater);
    }

    private Vars(Map<String, Object> map, Set<String> defined, Templater templater) {
        this.map = map;
        this.defined = defined;
        this.templater = templater;
    }

    /** A definition layer: it wins over the layers before it, and its templates are rendered on use. */
    void define(Map<String, Object> layer) {
        map.putAll(layer);
        defined.addAll(layer.keySet());
    }

    /** A data layer: it wins over the layers before it, and is never rendered. */
    void data(Map<String, Object> layer) {
        map.putAll(layer);
        defined.removeAll(layer.keySet());
    }

    Vars copy() {
        return new Vars(new LinkedHashMap<>(map), new HashSet<>(defined), templater);
    }

    /**
     * Renders defined variables whose values are templates ({@code a: "{{ b }}-x"}), as Ansible does lazily,
     * so a task sees their values. Data (facts, results) is never rendered: a command's output may hold
     * braces. A variable that cannot be rendered yet is left as written: an error only if a task uses it.
     */
    Map<String, Object> resolved() {
        for (int pass = 0; pass < 4; pass++) {
            boolean changed = false;
            for (String k : defined) {
                Object val = map.get(k);
                if (!templated(val)) {
                    continue;
                }
                try {
                    Object r = templater.render(val, map);
                    if (!Objects.equals(r, val)) {
                        map.put(k, r);
                        changed = true;
                    }
                } catch (RuntimeException ex) {
                    // left as written
                }
            }
            if (!changed) {
                break;
            }
        }
        return map;
    }

    private static boolean templated(Object v) {
        if (v instanceof String s) {
            return Templater.isTemplated(s);
        }
        if (v instanceof List<?> l) {
            return l.stream().anyMatch(Vars::templated);
        }
        if (v instanceof LinkedHashMap<?, ?> || v instanceof HashMap<?, ?> || v instanceof TreeMap<?, ?>) {
            return ((Map<?, ?>) v).values().stream().anyMatch(Vars::templated);
        }
        return false;
    }
}
