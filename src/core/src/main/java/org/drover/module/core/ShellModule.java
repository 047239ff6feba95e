package org.drover.module.core;

import java.util.List;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;

/** {@code shell}: a script for the host's /bin/sh, with pipes, redirections and variables. */
public final class ShellModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("shell",
            "Run a /bin/sh script",
            "Runs the text as a /bin/sh script (never the login shell), with LC_ALL=C and FreeBSD's standard PATH. "
                    + "Values templated into the script are not quoted for you: use the quote filter. Reports "
                    + "changed unless changed_when says otherwise; skipped in check mode unless creates/removes decide.",
            List.of(ArgSpec.of("cmd", ArgType.STR).required()
                            .description("The script (the free-form value: `shell: ls | wc -l`).")
                            .example("sysctl -n kern.osreldate > /tmp/osrel").build(),
                    Commands.CHDIR, Commands.CREATES, Commands.REMOVES, Commands.STDIN,
                    Commands.STDIN_ADD_NEWLINE, Commands.STRIP_EMPTY_ENDS),
            "cmd",
            List.of("- shell: ifconfig -l | tr ' ' '\\n' | grep -c epair\n  register: n\n  changed_when: false"),
            Commands.RETURNS).withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        return Commands.run(ctx, args, Commands.chdir(args) + args.string("cmd") + "\n", args.string("cmd"));
    }
}
