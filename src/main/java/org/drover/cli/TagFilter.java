package org.drover.cli;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * {@code --tags}/{@code --skip-tags} for the listing options, with Ansible's meaning (the engine applies the same
 * rules when it runs): {@code always} unless skipped by name, {@code never} only when asked for, and the
 * {@code all}/{@code tagged}/{@code untagged} kinds.
 */
record TagFilter(Set<String> only, Set<String> skip) {
    static TagFilter of(List<String> only, List<String> skip) {
        return new TagFilter(Set.copyOf(only.isEmpty() ? List.of("all") : only), Set.copyOf(skip));
    }

    boolean selected(Collection<String> tags) {
        if (skip.contains("all") && !tags.contains("always")) {
            return false;
        }
        if (tags.stream().anyMatch(skip::contains)) {
            return false;
        }
        if (skip.contains("tagged") && !tags.isEmpty() || skip.contains("untagged") && tags.isEmpty()) {
            return false;
        }
        if (tags.contains("never")) {
            return tags.stream().anyMatch(t -> !t.equals("never") && only.contains(t)) || only.contains("never");
        }
        if (tags.contains("always") || only.contains("all")) {
            return true;
        }
        if (only.contains("tagged") && !tags.isEmpty() || only.contains("untagged") && tags.isEmpty()) {
            return true;
        }
        return tags.stream().anyMatch(only::contains);
    }
}
