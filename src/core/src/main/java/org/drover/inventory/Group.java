package org.drover.inventory;

import java.util.List;
import java.util.Map;

/**
 * An inventory group as declared (vars not yet merged into hosts).
 *
 * @param hosts    hosts listed directly in this group, in declaration order
 * @param children child group names
 */
public record Group(String name, List<String> hosts, List<String> children, Map<String, Object> vars) {
    public Group {
        hosts = List.copyOf(hosts);
        children = List.copyOf(children);
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    }
}
