package org.drover.module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.transport.ExecResult;

/**
 * The read → plan → apply contract of a state module. Reading is one round trip; planning is pure (tested without
 * SSH); applying runs every change's commands in one {@code set -e} script (a module may apply in stages: see
 * {@link #apply}). Check mode stops after planning.
 *
 * @param <P> the typed desired state, built from the arguments
 * @param <S> the parsed current state
 */
public abstract class StateModule<P, S> implements Module {

    /** Builds the typed desired state from validated arguments (override this or the context-aware variant). */
    protected P desired(Args args) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " must override a desired(...) method");
    }

    /** As {@link #desired(Args)}, for modules that read controller files or templates to know what they want. */
    protected P desired(ModuleContext ctx, Args args) throws Exception {
        return desired(args);
    }

    /** Bytes for the read and apply scripts' standard input (file content), or null. */
    protected byte[] stdin(P desired) {
        return null;
    }

    /** One script that prints everything the planner needs. */
    protected abstract String readScript(P desired);

    /** Parses the read script's output; a missing object is a normal state, not an error. */
    protected abstract S parse(P desired, ExecResult read);

    /** Pure: current state + desired state → changes. */
    protected abstract Plan plan(S current, P desired);

    /** Called after a successful apply when the commands' exit status is no proof (default: trust it). */
    protected String verify(ModuleContext ctx, P desired) throws Exception {
        return null;
    }

    /** The state as a registered-result value (maps, lists, strings). */
    protected abstract Object describe(S state);

    /** Fields the result carries right after {@code before}, whatever the outcome (default: none). */
    protected void describeMore(S current, P desired, Map<String, Object> result) {
    }

    /** With no changes, whether {@code after} repeats {@code before} in the result (default: yes). */
    protected boolean afterWhenUnchanged() {
        return true;
    }

    /**
     * The state the plan leads to, as a registered-result value for {@code after}; null leaves {@code after}
     * out. Only called when there are changes (with none, {@code after} is {@code before}, see
     * {@link #afterWhenUnchanged()}).
     */
    protected Object describeAfter(S current, P desired, Plan plan) {
        return null;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        P want = desired(ctx, args);
        byte[] in = stdin(want);
        ExecResult read = in == null ? ctx.exec(readScript(want)) : ctx.exec(readScript(want), in);
        S before = parse(want, read);
        Plan plan = plan(before, want);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("before", describe(before));
        describeMore(before, want, result);
        if (plan.failure() != null) {
            return Outcome.failed(plan.failure(), result);
        }
        if (plan.changes().isEmpty()) {
            if (afterWhenUnchanged()) {
                result.put("after", result.get("before"));
            }
            return Outcome.ok(null, result);
        }
        Object after = describeAfter(before, want, plan);
        if (after != null) {
            result.put("after", after);
        }
        List<String> commands = new ArrayList<>();
        plan.changes().forEach(c -> commands.addAll(c.commands()));
        result.put("commands", commands);
        result.put("changes", plan.changes().stream().map(Change::description).toList());
        if (ctx.check()) {
            return Outcome.changed(null, plan.changes(), result);
        }
        return apply(ctx, want, before, plan, result);
    }

    /**
     * Makes the planned changes (never in check mode); {@code result} already holds {@code commands}. Default: all
     * commands in one script, then {@link #verify}. Override for an apply in stages (pf's lock-out guard).
     */
    protected Outcome apply(ModuleContext ctx, P desired, S current, Plan plan, Map<String, Object> result)
            throws Exception {
        ExecResult applied = ctx.exec(applyScript(commands(plan.changes())));
        if (!applied.ok()) {
            return failed("failed to apply: " + (applied.timedOut() ? "timed out" : applied.stderr().strip()), plan,
                    result, applied);
        }
        String problem = verify(ctx, desired);
        if (problem != null) {
            return failed(problem, plan, result, null);
        }
        return Outcome.changed(null, plan.changes(), result);
    }

    /** A failed apply: the plan's changes, and the failing script's stderr and exit status when there is one. */
    protected static Outcome failed(String message, Plan plan, Map<String, Object> result, ExecResult r) {
        if (r != null) {
            result.put("stderr", r.stderr());
            result.put("rc", r.exitStatus());
        }
        return new Outcome(Outcome.Status.FAILED, message, plan.changes(), result, Map.of());
    }

    /** The changes' commands, in order. */
    public static List<String> commands(List<Change> changes) {
        return changes.stream().flatMap(c -> c.commands().stream()).toList();
    }

    /** All commands in one script that stops at the first failure. */
    public static String applyScript(List<String> commands) {
        return "set -e\n" + String.join("\n", commands) + "\n";
    }
}
