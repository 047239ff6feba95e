package org.drover.engine;

import java.util.Map;
import org.drover.engine.HostContext.HostUnreachable;
import org.drover.module.Args;
import org.drover.module.Change;
import org.drover.module.Module;
import org.drover.module.Outcome;
import org.drover.playbook.Task;
import org.drover.transport.ExecResult;
import org.drover.transport.JailConnection;
import org.drover.module.facts.SetupModule;

/** One call of a task's module (or of fact gathering) on a host, then changed_when and failed_when on its result. */
final class ModuleInvocation {
    private final RunContext run;

    ModuleInvocation(RunContext run) {
        this.run = run;
    }

    ItemRun invoke(HostTask ht, Module module, Args args, HostContext hc, Map<String, Object> vars) {
        Outcome o;
        try {
            o = module.run(hc, args);
        } catch (HostUnreachable e) {
            ItemRun r = ItemRun.of(HostResult.Status.UNREACHABLE, e.getMessage());
            r.result.put("unreachable", true);
            return r;
        } catch (JailConnection.JailUnavailableException e) {
            if (!run.options.mode().check()) {
                o = Outcome.failed(e.getMessage(), null);
            } else {
                // --check starts no jail, so a jail an earlier task would start cannot be looked into: say so
                return ItemRun.of(HostResult.Status.SKIPPED, e.getMessage() + "; in check mode nothing inside it "
                        + "can be read");
            }
        } catch (Exception e) {
            o = Outcome.failed(e.getMessage() == null ? e.toString() : e.getMessage(), null);
        }
        if (o == null) {
            o = Outcome.failed("module '" + ht.task().module() + "' returned nothing", null);
        }
        ItemRun r = fromOutcome(o, ht.state(), "include_vars".equals(ht.task().module()));
        if (SetupModule.NAME.equals(module.spec().name()) && r.result.get("ansible_facts") instanceof Map<?, ?> f) {
            keepFacts(ht.state(), f);
        }
        if (r.status != HostResult.Status.SKIPPED) {
            applyConditions(ht, r, vars);
        }
        return r;
    }

    /** Gathered facts stay on the host for the run, merged over what earlier gathering found (Ansible's cache). */
    @SuppressWarnings("unchecked")
    private static void keepFacts(HostState hs, Map<?, ?> gathered) {
        Map<String, Object> all = hs.facts == null ? new java.util.LinkedHashMap<>()
                : new java.util.LinkedHashMap<>(hs.facts);
        all.putAll((Map<String, Object>) gathered);
        hs.facts = all;
    }

    /**
     * The registered result as Ansible shapes it; facts a module sets are kept on the host: set_fact's as data,
     * include_vars' as definitions at their own level.
     */
    private static ItemRun fromOutcome(Outcome o, HostState hs, boolean includeVars) {
        ItemRun r = new ItemRun();
        r.status = switch (o.status()) {
            case OK -> HostResult.Status.OK;
            case CHANGED -> HostResult.Status.CHANGED;
            case FAILED -> HostResult.Status.FAILED;
            case SKIPPED -> HostResult.Status.SKIPPED;
        };
        r.msg = o.message();
        r.result.putAll(o.result());
        if (r.status == HostResult.Status.FAILED) {
            r.result.putIfAbsent("changed", false); // a command that ran and failed says changed: true
        } else {
            r.result.put("changed", r.status == HostResult.Status.CHANGED);
        }
        r.result.put("failed", r.status == HostResult.Status.FAILED);
        if (r.status == HostResult.Status.SKIPPED) {
            r.result.put("skipped", true);
        }
        if (o.message() != null) {
            r.result.putIfAbsent("msg", o.message()); // a module's own registered msg wins over its report line
        }
        for (Change c : o.changes()) {
            if (c.diff() != null) {
                r.diffs.add(c.diff());
            }
        }
        if (!o.facts().isEmpty()) {
            (includeVars ? hs.includedVars : hs.registered).putAll(o.facts());
            r.result.put("ansible_facts", o.facts());
        }
        return r;
    }

    /** changed_when overrides a success's changed; failed_when decides failure either way. */
    private void applyConditions(HostTask ht, ItemRun r, Map<String, Object> vars) {
        Task t = ht.task();
        try {
            if (!t.changedWhen().isEmpty() && r.status != HostResult.Status.FAILED) {
                boolean changed = run.allTrue(t.changedWhen(), ht.withRegistered(vars, r.result));
                r.status = changed ? HostResult.Status.CHANGED : HostResult.Status.OK;
                r.result.put("changed", changed);
            }
            if (!t.failedWhen().isEmpty()) {
                boolean failed = run.allTrue(t.failedWhen(), ht.withRegistered(vars, r.result));
                r.result.put("failed_when_result", failed);
                if (failed) {
                    r.status = HostResult.Status.FAILED;
                    if (r.msg == null) {
                        r.msg = "failed_when: " + String.join(" and ", t.failedWhen());
                    }
                } else if (r.status == HostResult.Status.FAILED) {
                    r.status = Boolean.TRUE.equals(r.result.get("changed"))
                            ? HostResult.Status.CHANGED : HostResult.Status.OK;
                    r.msg = null;
                }
                r.result.put("failed", failed);
            }
        } catch (RuntimeException e) {
            r.fail(e.getMessage());
        }
    }
}
