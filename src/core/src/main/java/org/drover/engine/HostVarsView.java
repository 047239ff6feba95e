package org.drover.engine;

import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code hostvars}: every host's variables, computed only for the hosts a template actually looks at, so a task
 * on a thousand hosts does not build a thousand maps a thousand times.
 */
final class HostVarsView extends AbstractMap<String, Object> {
    private final Map<String, ?> hosts;
    private final Function<String, Map<String, Object>> varsOf;

    HostVarsView(Map<String, ?> hosts, Function<String, Map<String, Object>> varsOf) {
        this.hosts = hosts;
        this.varsOf = varsOf;
    }

    @Override
    public Object get(Object key) {
        return key instanceof String s && hosts.containsKey(s) ? varsOf.apply(s) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return hosts.containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Set<Entry<String, Object>> out = new LinkedHashSet<>();
        for (String h : hosts.keySet()) {
            out.add(new SimpleImmutableEntry<>(h, varsOf.apply(h)));
        }
        return out;
    }

    @Override
    public int size() {
        return hosts.size();
    }

    @Override
    public String toString() {
        return "hostvars" + hosts.keySet();
    }
}
