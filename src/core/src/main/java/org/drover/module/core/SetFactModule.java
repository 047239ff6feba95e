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

/** {@code set_fact}: sets host variables (precedence of registered variables) for the rest of the run. */
public final class SetFactModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("set_fact",
            "Set host variables",
            "Each argument becomes a variable of the host, with the precedence of registered variables, for the "
                    + "rest of the run (later plays too). Values are templated first. Runs on the controller.",
            List.of(ArgSpec.of(ModuleSpec.ANY, ArgType.RAW)
                            .description("Any name: the variable to set, with its value.").example("bridge: bridge0").build(),
                    ArgSpec.of("cacheable", ArgType.BOOL)
                            .description("Accepted for Ansible compatibility; drover keeps no fact cache.").build()),
            null,
            List.of("- set_fact:\n    uplink: \"{{ ansible_default_ipv4.interface | default('em0') }}\""),
            List.of(Commands.ret("ansible_facts", ArgType.MAP, "the variables set"))).withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) {
        Map<String, Object> facts = new LinkedHashMap<>(args.asMap());
        facts.remove("cacheable");
        // Ansible's set_fact (jinja2_native off) reads these strings, however written, as booleans.
        facts.replaceAll((k, v) -> v instanceof String s && List.of("true", "yes").contains(s.toLowerCase()) ? Boolean.TRUE
                : v instanceof String s && List.of("false", "no").contains(s.toLowerCase()) ? Boolean.FALSE : v);
        if (facts.isEmpty()) {
            return Outcome.failed("set_fact needs at least one variable", null);
        }
        return new Outcome(Outcome.Status.OK, null, List.of(), Map.of(), facts);
    }
}
