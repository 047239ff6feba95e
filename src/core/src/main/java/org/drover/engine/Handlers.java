package org.drover.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.playbook.Block;
import org.drover.playbook.Play;
import org.drover.playbook.Task;
import org.drover.playbook.TaskNode;

/** A play's handlers: who a task notifies, and the scope a role's handler runs in. Immutable once built. */
final class Handlers {
    private final List<Task> handlers;
    /** The play's roles by name, first occurrence: built up front, so workers read it without locking. */
    private final Map<String, Block> roles = new LinkedHashMap<>();

    Handlers(Play play) {
        this.handlers = play.handlers();
        for (List<TaskNode> section : List.of(play.preTasks(), play.tasks(), play.postTasks())) {
            collectRoles(section);
        }
    }

    List<Task> all() {
        return handlers;
    }

    /** A changed task notifies its handlers (by name or {@code listen}) on the host; unknown names are warned. */
    void notify(Task t, PlayHost ph, RunListener listener) {
        for (String name : t.notifies()) {
            boolean found = false;
            for (int i = 0; i < handlers.size(); i++) {
                Task h = handlers.get(i);
                if (name.equals(h.name()) || h.listen().contains(name)) {
                    found = true;
                    ph.markNotified(i);
                    listener.handlerNotified(ph.name(), h.displayName());
                }
            }
            if (!found) {
                listener.warning("'" + t.displayName() + "' notified '" + name + "', but no handler has that name or listens to it");
            }
        }
    }

    /**
     * A role's handler sees the role's defaults and vars (not its when or tags). The loader marks role
     * handlers by listening to Ansible's qualified name {@code role : handler}.
     */
    Scope scope(Task handler) {
        for (String l : handler.listen()) {
            int sep = l.indexOf(" : ");
            if (sep > 0 && handler.name() != null && l.substring(sep + 3).equals(handler.name())) {
                Block b = roles.get(l.substring(0, sep));
                if (b != null) {
                    return new Scope(List.of(new Block(null, List.of(), List.of(), List.of(), List.of(), b.vars(),
                            List.of(), b.become(), null, b.role(), b.roleDefaults(), b.baseDir(), null, b.roleMeta(), b.mark())), false);
                }
            }
        }
        return Scope.ROOT;
    }

    private void collectRoles(List<TaskNode> nodes) {
        for (TaskNode n : nodes) {
            if (n instanceof Block b) {
                if (b.role() != null) {
                    roles.putIfAbsent(b.role(), b);
                }
                collectRoles(b.block());
                collectRoles(b.rescue());
                collectRoles(b.always());
            }
        }
    }
}
