package org.drover.module;

import java.util.List;

/**
 * A planner's answer: the changes that bring the host to the desired state, or why it must not be touched.
 * Empty changes and no failure means the host is already as asked ({@code ok}).
 */
public record Plan(List<Change> changes, String failure) {
    public Plan {
        changes = List.copyOf(changes);
    }

    public static Plan of(List<Change> changes) {
        return new Plan(changes, null);
    }

    public static Plan none() {
        return new Plan(List.of(), null);
    }

    public static Plan fail(String why) {
        return new Plan(List.of(), why);
    }

    public boolean isEmpty() {
        return changes.isEmpty() && failure == null;
    }
}
