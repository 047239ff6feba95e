package org.drover.module.core;

import java.util.List;
import java.util.Map;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;

/** {@code fail}: fails the host with a message (usually under a when:). */
public final class FailModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("fail",
            "Fail the host with a message",
            "Always fails; put it under when: to stop hosts that do not qualify. Runs on the controller.",
            List.of(ArgSpec.of("msg", ArgType.STR).defaultValue("Failed as requested from task")
                    .description("The failure message.").build()),
            null,
            List.of("- fail:\n    msg: this playbook needs FreeBSD\n  when: ansible_system != 'FreeBSD'"),
            List.of()).withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) {
        return Outcome.failed(args.string("msg"), Map.of());
    }
}
