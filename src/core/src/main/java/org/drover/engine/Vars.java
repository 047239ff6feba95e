package org.drover.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.drover.template.Lazy;
import org.drover.template.TemplateException;
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
     * Renders defined variables whose values are templates ({@code a: "{{ b }}-x"}), as Ansible does lazily:
     * each definition is rendered once, reading the definitions it names (rendered first, in turn) and data as
     * it is. Data (facts, results) is never rendered, nor is what a rendering yields: a command's output may hold
     * braces. A definition that cannot be rendered (undefined variable, recursion) fails only the templates that
     * read it; outside templates it stands for its text as written.
     */
    Map<String, Object> resolved() {
        List<String> pending = defined.stream().filter(k -> templated(map.get(k))).toList();
        if (pending.isEmpty()) {
            return map;
        }
        Resolution res = new Resolution(pending);
        for (String k : pending) {
            try {
                map.put(k, res.resolve(k));
            } catch (RuntimeException ex) {
                RuntimeException err = res.failed.get(k);
                String text = String.valueOf(res.raw.get(k));
                map.put(k, err instanceof TemplateException te && te.variable() != null ? Lazy.undefined(text, te)
                        : new Lazy(() -> {
                            throw err;
                        }, text));
            }
            defined.remove(k); // rendered once: from now on a value, never rendered again
        }
        return map;
    }

    /** One {@link #resolved()}: each pending definition rendered at most once, reading the others lazily. */
    private final class Resolution {
        final Map<String, Object> raw = new HashMap<>();
        final Map<String, Object> context = new LinkedHashMap<>(map);
        final Map<String, Object> done = new HashMap<>();
        final Map<String, RuntimeException> failed = new HashMap<>();
        final Deque<String> path = new ArrayDeque<>();

        Resolution(List<String> pending) {
            for (String k : pending) {
                raw.put(k, map.get(k));
                context.put(k, new Lazy(() -> {
                    // Throws; one that reads an undefined variable (variable() set) is undefined in its turn.
                    return resolve(k);
                }, String.valueOf(raw.get(k))));
            }
        }

        Object resolve(String k) {
            if (done.containsKey(k)) {
                return done.get(k);
            }
            if (failed.containsKey(k)) {
                throw failed.get(k);
            }
            if (path.contains(k)) {
                throw cycle(k);
            }
            path.push(k);
            try {
                Object r = templater.render(raw.get(k), context);
                done.put(k, r);
                context.put(k, r);
                return r;
            } catch (TemplateException ex) {
                TemplateException full = ex;
                if (ex.variable() != null && failed.get(ex.variable()) instanceof TemplateException cause) {
                    full = new TemplateException(ex.getMessage() + ": " + cause.getMessage(), ex.variable());
                }
                failed.put(k, full);
                throw full;
            } catch (RuntimeException ex) {
                failed.put(k, ex);
                throw ex;
            } finally {
                path.pop();
            }
        }

        private TemplateException cycle(String k) {
            List<String> cycle = new ArrayList<>();
            Iterator<String> it = path.descendingIterator();
            while (it.hasNext()) {
                cycle.add(it.next());
            }
            cycle = new ArrayList<>(cycle.subList(cycle.indexOf(k), cycle.size()));
            cycle.add(k);
            return new TemplateException("recursive loop detected in variable '" + k + "' ("
                    + String.join(" -> ", cycle) + ")", null);
        }
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
