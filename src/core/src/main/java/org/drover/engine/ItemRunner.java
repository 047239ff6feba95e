package org.drover.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.facts.SetupModule;
import org.drover.playbook.Task;

/** A task (or one loop item) on one host: when → render args → bind → module, with retries/until. */
final class ItemRunner {
    private final RunContext run;
    private final ExecKeywords keywords;
    private final ModuleInvocation invocation;

    ItemRunner(RunContext run, RunHosts hosts) {
        this.run = run;
        this.keywords = new ExecKeywords(run, hosts);
        this.invocation = new ModuleInvocation(run);
    }

    ItemRun run(HostTask ht, Vars rawVars) {
        Map<String, Object> vars = rawVars.resolved();
        ItemRun skipped = unlessWhen(ht, vars);
        if (skipped != null) {
            return skipped;
        }
        Task t = ht.task();
        if (t.isInclude()) {
            ht.host().included.add(t); // the file was read when the playbook loaded: include it on this host
            return ItemRun.of(HostResult.Status.OK, null);
        }
        // fact gathering is the setup module with the play's gather_subset
        Module module = run.modules.find(ht.isFacts() ? SetupModule.NAME : t.module()).orElse(null);
        if (module == null) {
            return ItemRun.failed("no module named '" + (ht.isFacts() ? SetupModule.NAME : t.module()) + "'");
        }
        Map<String, Object> rendered;
        try {
            rendered = renderArgs(t.args(), vars);
        } catch (RuntimeException e) {
            return ItemRun.failed("template error in the arguments: " + e.getMessage());
        }
        List<String> errors = new ArrayList<>();
        Args args = Args.bind(module.spec(), rendered, false, errors);
        if (!errors.isEmpty()) {
            return ItemRun.failed(String.join("; ", errors));
        }
        HostContext hc;
        try {
            hc = context(ht, vars);
        } catch (RuntimeException e) {
            return ItemRun.failed(e.getMessage());
        }
        ItemRun r = untilDone(ht, () -> invocation.invoke(ht, module, args, hc, vars), vars);
        r.execs = hc.execs();
        r.traces = hc.traces();
        return r;
    }

    /** The first condition (enclosing blocks', then the task's) that is false skips; one that errs fails. */
    private ItemRun unlessWhen(HostTask ht, Map<String, Object> vars) {
        for (String w : ht.scope().whens(ht.task())) {
            try {
                if (!run.holds(w, vars)) {
                    // Ansible 2.14's skipped result: changed, skipped, skip_reason (false_condition came in 2.15)
                    return ItemRun.of(HostResult.Status.SKIPPED, "Conditional result was False");
                }
            } catch (RuntimeException e) {
                return ItemRun.failed(e.getMessage());
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> renderArgs(Map<String, Object> raw, Map<String, Object> vars) {
        return withoutOmitted((Map<String, Object>) run.templater.render(raw, vars));
    }

    /**
     * Ansible's remove_omit: an argument rendered to {@code omit} is left out, in nested dicts too and in dicts
     * inside lists (a list item that is {@code omit} itself stays, as there).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutOmitted(Map<String, Object> args) {
        Map<String, Object> out = new LinkedHashMap<>();
        args.forEach((k, v) -> {
            if (TaskVars.OMIT.equals(v)) {
                return;
            }
            if (v instanceof Map<?, ?> m) {
                out.put(k, withoutOmitted((Map<String, Object>) m));
            } else if (v instanceof List<?> l) {
                out.put(k, l.stream().map(i -> i instanceof Map<?, ?> m ? withoutOmitted((Map<String, Object>) m) : i)
                        .toList());
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    private HostContext context(HostTask ht, Map<String, Object> vars) {
        HostContext.ExecSettings exec = keywords.settings(ht, vars);
        HostContext.ModuleView view = new HostContext.ModuleView(ht.check(), ht.diff(), vars,
                ht.scope().searchDirs(ht.batch().play, ht.task()), run.options.execution().verbosity() > 0,
                run.locks.runId());
        return new HostContext(run.connections, ht.state(), exec, view, run.templater);
    }

    /**
     * Without until: one attempt. With it, as Ansible: retries + 1 attempts at most (3 when retries is unset; a
     * retries of 0 or less means one attempt whose until is not even evaluated), delay apart. {@code attempts}
     * counts them, except when they run out: then it is the retries, as Ansible reports it.
     */
    private ItemRun untilDone(HostTask ht, Supplier<ItemRun> attempt, Map<String, Object> vars) {
        Task t = ht.task();
        int attempts = t.until().isEmpty() ? 1 : t.retries() == null ? 3 : t.retries() <= 0 ? 1 : t.retries() + 1;
        long delay = t.delay() == null ? 5 : Math.max(0, t.delay());
        for (int n = 1; ; n++) {
            ItemRun r = attempt.get();
            if (r.status == HostResult.Status.UNREACHABLE || t.until().isEmpty()) {
                return r;
            }
            r.result.put("attempts", n);
            if (attempts == 1) {
                return r;
            }
            String problem = null;
            boolean done;
            try {
                done = run.allTrue(t.until(), ht.withRegistered(vars, r.result));
            } catch (RuntimeException e) {
                done = false;
                problem = e.getMessage();
            }
            if (done) {
                return r;
            }
            if (problem != null) {
                r.fail(problem);
                return r;
            }
            if (n >= attempts || run.interrupted()) {
                r.result.put("attempts", n >= attempts ? attempts - 1 : n);
                r.status = HostResult.Status.FAILED;
                r.result.put("failed", true);
                if (r.msg == null) {
                    r.msg = "still not done after " + n + " attempts (until: " + String.join(" and ", t.until()) + ")";
                }
                return r;
            }
            sleep(delay);
        }
    }

    /** Sleeps in short steps, so an interrupt cuts the delay short. */
    private void sleep(long seconds) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!run.interrupted() && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
