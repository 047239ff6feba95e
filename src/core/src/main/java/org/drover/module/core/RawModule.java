package org.drover.module.core;

import java.util.List;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;

/** {@code raw}: the text as it is, nothing added (no chdir, no guards); always runs, even in check mode. */
public final class RawModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("raw",
            "Run text on the host as it is",
            "Sends the text to /bin/sh as it is. Meant for bootstrapping; prefer command or shell. Runs in check "
                    + "mode too, as Ansible's raw does.",
            List.of(ArgSpec.of("cmd", ArgType.STR).required()
                    .description("The text to run (the free-form value).").example("pkg bootstrap -y").build()),
            "cmd",
            List.of("- raw: uname -a"),
            Commands.RETURNS).withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        var r = ctx.exec(args.string("cmd"));
        var result = new java.util.LinkedHashMap<String, Object>();
        String out = Commands.stripEnd(r.stdout());
        String err = Commands.stripEnd(r.stderr());
        result.put("cmd", args.string("cmd"));
        result.put("rc", r.exitStatus());
        result.put("stdout", out);
        result.put("stderr", err);
        result.put("stdout_lines", Commands.lines(out));
        result.put("stderr_lines", Commands.lines(err));
        if (!r.ok()) {
            return new Outcome(Outcome.Status.FAILED, r.timedOut() ? "timed out" : "non-zero return code " + r.exitStatus(),
                    List.of(), result, java.util.Map.of());
        }
        return Outcome.changed(null, List.of(), result);
    }
}
