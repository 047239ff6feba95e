package org.drover.module;

import java.util.List;

/**
 * One difference between a host's state and the playbook, and how to remove it.
 *
 * @param description human text, e.g. {@code add member epair1a to bridge0}
 * @param diff        the fragment {@code --diff} prints, or null
 * @param commands    sh commands (already quoted) that make the change
 */
public record Change(String description, Diff diff, List<String> commands) {
    public Change {
        commands = List.copyOf(commands);
    }
}
