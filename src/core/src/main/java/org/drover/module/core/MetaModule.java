package org.drover.module.core;

import java.util.List;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;

/** {@code meta}: instructions to the engine. Declared here for validation and docs; the engine carries them out. */
public final class MetaModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("meta",
            "Instructions to the engine",
            "flush_handlers runs the handlers notified so far (on the hosts that notified them); end_host ends the "
                    + "play for hosts where when: holds; end_batch ends the current serial batch; end_play ends the "
                    + "play for every host; noop does nothing.",
            List.of(ArgSpec.of("action", ArgType.STR).required()
                    .choices("flush_handlers", "noop", "end_host", "end_batch", "end_play")
                    .description("The instruction (the free-form value: `meta: flush_handlers`).").build()),
            "action",
            List.of("- meta: flush_handlers", "- meta: end_host\n  when: ansible_system != 'FreeBSD'"),
            List.of()).withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) {
        return Outcome.failed("meta runs inside the engine, not as a module", null);
    }
}
