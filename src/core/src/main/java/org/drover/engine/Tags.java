package org.drover.engine;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * {@code --tags}/{@code --skip-tags} selection with Ansible's meaning: {@code always} runs unless skipped by
 * name, {@code never} runs only when one of its tags is asked for, {@code all}, {@code tagged} and
 * {@code untagged} select by kind.
 */
public final class Tags {
    private final Set<String> only;
    private final Set<String> skip;

    public Tags(List<String> only, List<String> skip) {
        this.only = Set.copyOf(only.isEmpty() ? List.of("all") : only);
        this.skip = Set.copyOf(skip);
    }

    /** @param tags the task's own tags and every enclosing block's, role's and play's */
    public boolean selected(Collection<String> tags) {
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
            return tags.stream().anyMatch(only::contains);
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
