package org.drover.module;

/**
 * A unit of work a task runs on one host. Implementations are stateless and thread-safe: the same instance
 * runs on every host at once. Registered through {@link ModuleProvider}.
 */
public interface Module {
    /** The module's declaration: name, arguments, documentation. Validates playbooks before anything connects. */
    ModuleSpec spec();

    /** Runs on one host. Argument values arrive rendered and validated against {@link #spec()}. */
    Outcome run(ModuleContext ctx, Args args) throws Exception;
}
