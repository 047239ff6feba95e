package org.drover.playbook;

import java.util.List;

/**
 * A {@code with_X:} loop: the lookup that turns its terms into items, and the terms as written (templated at run
 * time, then listified as Ansible's {@code listify_lookup_plugin_terms} does).
 *
 * @param lookup one of {@link #LOOKUPS}
 */
public record LoopWith(String lookup, Object terms) {
    /** The {@code with_X} forms drover runs as Ansible does. */
    public static final List<String> LOOKUPS = List.of("items", "list", "dict", "indexed_items", "sequence",
            "together", "nested");
}
