package org.drover.engine;

import java.util.concurrent.atomic.AtomicBoolean;
import org.drover.playbook.Task;
import org.drover.text.Glob;

/**
 * {@code --start-at-task NAME}, as Ansible's play iterator applies it: tasks are skipped, silently, until the first
 * whose name (or "role : name") equals NAME or matches it as a glob; from there on, in this play and the ones after,
 * everything runs. Fact gathering and handlers are not tasks in that sense.
 */
final class StartAt {
    private final String name;
    private final AtomicBoolean reached;

    StartAt(String name) {
        this.name = name;
        this.reached = new AtomicBoolean(name == null || name.isEmpty());
    }

    /** True once the named task has come: the task t runs. */
    boolean reached(Task t, String role) {
        if (reached.get()) {
            return true;
        }
        String own = t.name() != null ? t.name() : t.displayName();
        String qualified = role != null ? role + " : " + own : own;
        if (matches(own) || matches(qualified)) {
            reached.set(true);
        }
        return reached.get();
    }

    private boolean matches(String taskName) {
        return taskName != null && (taskName.equals(name) || Glob.matches(name, taskName));
    }

    /** The name that never matched, or null. */
    String missed() {
        return reached.get() ? null : name;
    }
}
