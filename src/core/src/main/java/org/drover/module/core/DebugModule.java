package org.drover.module.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;

/** {@code debug}: prints a message or a variable. Never touches the host. */
public final class DebugModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("debug",
            "Print a message or a variable",
            "Prints msg, or the value of the expression in var. Runs on the controller: no connection.",
            List.of(ArgSpec.of("msg", ArgType.RAW).description("What to print (templated).")
                            .example("\"{{ inventory_hostname }} runs {{ ansible_distribution_version }}\"").build(),
                    ArgSpec.of("var", ArgType.STR).description("A variable name or expression to print, without braces.")
                            .example("result.stdout_lines").build(),
                    ArgSpec.of("verbosity", ArgType.INT).defaultValue(0L)
                            .description("Print only at this -v level or above; skipped below it.").build()),
            null,
            List.of("- debug:\n    msg: \"{{ inventory_hostname }}\"", "- debug:\n    var: hostvars[inventory_hostname]"),
            List.of(Commands.ret("msg", ArgType.RAW, "the message (msg given)"),
                    Commands.ret("<var>", ArgType.RAW, "the variable's value, under its own name (var given)"))).withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) {
        if (args.has("msg") && args.has("var")) {
            return Outcome.failed("msg and var are mutually exclusive", null);
        }
        Object level = ctx.vars().get("drover_verbosity");
        long verbosity = level instanceof Number n ? n.longValue() : 0;
        if (verbosity < args.integer("verbosity")) {
            return new Outcome(Outcome.Status.SKIPPED, "verbosity threshold not met", List.of(), Map.of(), Map.of());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        if (args.has("var")) {
            String var = args.string("var").trim();
            Object value;
            try {
                // As Ansible's debug action: var is rendered as "{{ var }}", with the rules of any template.
                value = ctx.templater().render(var.contains("{{") ? var : "{{" + var + "}}", ctx.vars());
            } catch (RuntimeException e) {
                value = "VARIABLE IS NOT DEFINED!";
            }
            result.put(var, value);
        } else {
            result.put("msg", args.has("msg") ? args.get("msg") : "Hello world!");
        }
        return Outcome.ok(null, result);
    }
}
