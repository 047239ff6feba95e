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

/** {@code assert}: fails the host unless every expression holds. Never touches the host. */
public final class AssertModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("assert",
            "Fail unless conditions hold",
            "Evaluates each expression of that (bare, like when:) with the host's variables; the host fails at the "
                    + "first one that does not hold. Runs on the controller.",
            List.of(ArgSpec.of("that", ArgType.LIST).required()
                            .description("Expressions that must all be true.")
                            .example("[\"ansible_system == 'FreeBSD'\", \"jails | length < 200\"]").build(),
                    ArgSpec.of("fail_msg", ArgType.STR).aliases("msg")
                            .description("Message when an expression is false.").build(),
                    ArgSpec.of("success_msg", ArgType.STR).description("Message when all hold.").build(),
                    ArgSpec.of("quiet", ArgType.BOOL).defaultValue(false).description("Print no success message.").build()),
            null,
            List.of("- assert:\n    that:\n      - ansible_system == 'FreeBSD'\n      - ansible_distribution_major_version | int >= 13\n    fail_msg: needs FreeBSD 13 or later"),
            List.of(Commands.ret("assertion", ArgType.STR, "the first expression that did not hold"),
                    Commands.ret("evaluated_to", ArgType.BOOL, "what it evaluated to"))).withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) {
        for (String that : args.strings("that")) {
            boolean holds;
            try {
                holds = ctx.templater().test(that, ctx.vars());
            } catch (RuntimeException e) {
                return Outcome.failed("cannot evaluate '" + that + "': " + e.getMessage(), Map.of("assertion", that));
            }
            if (!holds) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("assertion", that);
                result.put("evaluated_to", false);
                return Outcome.failed(args.has("fail_msg") ? args.string("fail_msg") : "Assertion failed: " + that, result);
            }
        }
        String msg = args.bool("quiet") ? null : args.has("success_msg") ? args.string("success_msg") : "All assertions passed";
        return Outcome.ok(msg, Map.of());
    }
}
