package org.drover.module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.transport.ExecResult;

/**
 * The read → plan → apply contract of a state module. Reading is one round trip; planning is pure (tested without
 * SSH); applying runs every change's commands in one {@code set -e} script. Check mode stops after planning.
 *
 * @param <P> the typed desired state, built from the arguments
 * @param <S> the parsed current state
 */
public abstract class StateModule<P, S> implements Module {

    /** Builds the typed desired state from validated arguments. */
    protected abstract P desired(Args args);

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

    /**
     * The state the plan leads to, as a registered-result value for {@code after}; null leaves {@code after}
     * out. Only called when there are changes (with none, {@code after} is {@code before}).
     */
    protected Object describeAfter(S current, P desired, Plan plan) {
        return null;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        P want = desired(args);
        ExecResult read = ctx.exec(readScript(want));
        S before = parse(want, read);
        Plan plan = plan(before, want);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("before", describe(before));
        if (plan.failure() != null) {
            return Outcome.failed(plan.failure(), result);
        }
        if (plan.changes().isEmpty()) {
            result.put("after", result.get("before"));
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
        ExecResult applied = ctx.exec(applyScript(commands));
        if (!applied.ok()) {
            result.put("stderr", applied.stderr());
            result.put("rc", applied.exitStatus());
            String err = applied.timedOut() ? "timed out" : applied.stderr().strip();
            return new Outcome(Outcome.Status.FAILED, "failed to apply: " + err, plan.changes(), result, Map.of());
        }
        String problem = verify(ctx, want);
        if (problem != null) {
            return new Outcome(Outcome.Status.FAILED, problem, plan.changes(), result, Map.of());
        }
        return Outcome.changed(null, plan.changes(), result);
    }

    /** All commands in one script that stops at the first failure. */
    public static String applyScript(List<String> commands) {
        return "set -e\n" + String.join("\n", commands) + "\n";
    }
}
