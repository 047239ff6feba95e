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
import org.drover.transport.ExecResult;

/** {@code ping}: proves the host answers and runs /bin/sh (with become, when asked). One round trip. */
public final class PingModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("ping",
            "Check that a host answers and runs /bin/sh",
            "Runs a trivial script on the host (with the task's become) and returns pong. Not an ICMP ping.",
            List.of(ArgSpec.of("data", ArgType.STR).defaultValue("pong")
                    .description("What to return in ping.").build()),
            null,
            List.of("- ping:", "- ping:\n  become: true"),
            List.of(Commands.ret("ping", ArgType.STR, "the data argument, pong by default"))).withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        ExecResult r = ctx.exec("echo pong");
        if (!r.ok() || !r.stdout().strip().equals("pong")) {
            return Outcome.failed("the host did not answer: " + (r.timedOut() ? "timed out" : r.stderr().strip()),
                    Map.of("rc", r.exitStatus()));
        }
        return Outcome.ok(null, Map.of("ping", args.string("data")));
    }
}
