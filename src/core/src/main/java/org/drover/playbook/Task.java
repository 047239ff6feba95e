package org.drover.playbook;

import java.util.List;
import java.util.Map;
import org.drover.yaml.SourceMark;

/**
 * One task. {@code args} hold raw values (strings may contain {@code {{ }}}); the engine renders them per host.
 * Nullable fields are "not set" (inherit from block/play or use the default).
 *
 * @param loop      a list, or a string template that renders to one; null when there is no loop
 * @param delegateTo a host of the inventory, or {@code localhost} (the controller when not in the inventory)
 * @param timeout   per-task command deadline in seconds
 * @param ignoreErrors a Boolean, or a template rendered per host (as Ansible templates the keyword); null: unset
 * @param action    the module's name as the playbook wrote it ({@code ansible.builtin.copy} for copy), or null
 *                  when it is the module's own name: an unnamed task is shown by it, as Ansible shows it
 */
public record Task(String name, String module, Map<String, Object> args, List<String> when, Object loop,
                   LoopControl loopControl, String register, List<String> notifies, List<String> listen,
                   List<String> tags, Object ignoreErrors, List<String> changedWhen, List<String> failedWhen,
                   Boolean checkMode, Boolean diff, BecomeSpec become, Map<String, Object> vars,
                   Integer retries, List<String> until, Integer delay, boolean runOnce, String delegateTo,
                   boolean noLog, Integer timeout, Map<String, Object> environment, SourceMark mark,
                   String action)
        implements TaskNode {
    public Task {
        args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        when = List.copyOf(when);
        notifies = List.copyOf(notifies);
        listen = List.copyOf(listen);
        tags = List.copyOf(tags);
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    }

    public Task(String name, String module, Map<String, Object> args, List<String> when, Object loop,
                LoopControl loopControl, String register, List<String> notifies, List<String> listen,
                List<String> tags, Object ignoreErrors, List<String> changedWhen, List<String> failedWhen,
                Boolean checkMode, Boolean diff, BecomeSpec become, Map<String, Object> vars,
                Integer retries, List<String> until, Integer delay, boolean runOnce, String delegateTo,
                boolean noLog, Integer timeout, Map<String, Object> environment, SourceMark mark) {
        this(name, module, args, when, loop, loopControl, register, notifies, listen, tags, ignoreErrors, changedWhen,
                failedWhen, checkMode, diff, become, vars, retries, until, delay, runOnce, delegateTo, noLog, timeout,
                environment, mark, null);
    }

    /**
     * Whether this is the task that opens a dynamic include's Block (include_tasks/include_role): it reports the
     * include, and the Block's other tasks run only on the hosts where it ran.
     */
    public boolean isInclude() {
        return module.equals("include_tasks") || module.equals("include_role");
    }

    /** The name shown in output: the task's name, else the module name. */
    public String displayName() {
        return name != null ? name : action != null ? action : module;
    }
}
