package org.drover.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.drover.inventory.Inventory;
import org.drover.playbook.Block;
import org.drover.playbook.Play;
import org.drover.playbook.Playbook;
import org.drover.playbook.Task;
import org.drover.playbook.TaskNode;
import org.drover.template.Templater;
import org.drover.yaml.LoadError;

/**
 * Checks before a run that every {@code delegate_to} written as a plain name is a host of the inventory or
 * localhost, so that a typo is a load error, not a failure halfway through (a templated one is checked when the
 * task runs).
 */
public final class Delegation {
    private static final Set<String> LOCALHOST = Set.of("localhost", "127.0.0.1", "::1");

    private Delegation() {}

    public static List<LoadError> check(List<Playbook> playbooks, Inventory inventory) {
        List<LoadError> errors = new ArrayList<>();
        for (Playbook pb : playbooks) {
            for (Play play : pb.plays()) {
                for (List<? extends TaskNode> nodes : List.of(play.preTasks(), play.tasks(), play.postTasks(),
                        play.handlers())) {
                    check(nodes, inventory, errors);
                }
            }
        }
        return errors;
    }

    private static void check(List<? extends TaskNode> nodes, Inventory inventory, List<LoadError> errors) {
        for (TaskNode n : nodes) {
            if (n instanceof Block b) {
                check(b.block(), inventory, errors);
                check(b.rescue(), inventory, errors);
                check(b.always(), inventory, errors);
            } else if (n instanceof Task t) {
                String to = t.delegateTo();
                if (to != null && !Templater.isTemplated(to) && !LOCALHOST.contains(to)
                        && inventory.host(to).isEmpty()) {
                    errors.add(new LoadError(t.mark(), "delegate_to: '" + to + "' is not a host of the inventory"
                            + " (drover delegates to inventory hosts and to localhost)"));
                }
            }
        }
    }
}
