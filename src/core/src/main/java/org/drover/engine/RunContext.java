package org.drover.engine;

import java.util.List;
import java.util.Map;
import org.drover.module.ModuleRegistry;
import org.drover.template.TemplateException;
import org.drover.template.Templater;
import org.drover.transport.ConnectionFactory;

/** What every part of one run shares: its services, options, event sink, task log and the interrupt flag. */
final class RunContext {
    final ModuleRegistry modules;
    final Templater templater;
    final RunOptions options;
    /** Serialised: workers call it concurrently. */
    final RunListener listener;
    final ConnectionPool connections;
    final HostLocks locks;
    final Tags tags;
    final StartAt startAt;
    final TaskLog tasks;
    private volatile boolean interrupted;

    RunContext(ModuleRegistry modules, Templater templater, RunOptions options, RunListener listener,
               ConnectionFactory factory) {
        this.modules = modules;
        this.templater = templater;
        this.options = options;
        this.listener = new SerializedListener(listener == null ? new RunListener() {} : listener);
        this.locks = new HostLocks(options.execution().lockTimeout(), this.listener);
        this.connections = new ConnectionPool(factory, options.execution().commandTimeout(), locks);
        this.tags = new Tags(options.selection().tags(), options.selection().skipTags());
        this.startAt = new StartAt(options.selection().startAtTask());
        this.tasks = new TaskLog(this.listener);
    }

    private boolean stepping = true; // until the user answers "continue"

    /** {@code --step}: whether the user wants the task to run; asked once at a time. */
    synchronized boolean stepAllows(String task) {
        Step step = options.selection().step();
        if (step == null || !stepping) {
            return true;
        }
        Step.Answer a = step.ask(task);
        stepping = a != Step.Answer.CONTINUE;
        return a != Step.Answer.NO;
    }

    boolean interrupted() {
        return interrupted;
    }

    void interrupt() {
        if (!interrupted) {
            interrupted = true;
            listener.warning("interrupted: no new task starts; the running commands are stopped (SIGTERM)");
        }
    }

    /** True when every condition renders true with these variables (Ansible's list form of when/until). */
    boolean allTrue(List<String> conditions, Map<String, Object> vars) {
        for (String c : conditions) {
            if (!holds(c, vars)) {
                return false;
            }
        }
        return true;
    }

    /**
     * One condition. One that cannot be evaluated (an undefined variable, a syntax error) fails in Ansible's words:
     * "The conditional check 'C' failed. The error was: error while evaluating conditional (C): 'x' is undefined".
     */
    boolean holds(String condition, Map<String, Object> vars) {
        try {
            return templater.test(condition, vars);
        } catch (RuntimeException e) {
            String why = e instanceof TemplateException te ? te.reason() : e.getMessage();
            throw new TemplateException("The conditional check '" + condition + "' failed. The error was: "
                    + "error while evaluating conditional (" + condition + "): " + why,
                    e instanceof TemplateException te ? te.variable() : null);
        }
    }
}
