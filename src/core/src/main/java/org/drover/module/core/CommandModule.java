package org.drover.module.core;

import java.util.List;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;
import org.drover.text.Tokenizer;
import org.drover.transport.Sh;

/** {@code command}: one program with its arguments, every word quoted, no shell features. */
public final class CommandModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("command",
            "Run a program with arguments, without shell features",
            "Runs one program. The words are split like a shell splits them (quotes respected), then each is "
                    + "quoted, so pipes, redirections, variables and globs are passed literally: use shell for "
                    + "those. Reports changed unless changed_when says otherwise; skipped in check mode unless "
                    + "creates/removes decide.",
            List.of(ArgSpec.of("cmd", ArgType.STR)
                            .description("The command line (the free-form value: `command: ls -l /tmp`).")
                            .example("sysrc -n hostname").build(),
                    ArgSpec.of("argv", ArgType.LIST)
                            .description("The program and its arguments as a list; instead of cmd.")
                            .example("[ls, -l, /my dir]").build(),
                    Commands.CHDIR, Commands.CREATES, Commands.REMOVES, Commands.STDIN,
                    Commands.STDIN_ADD_NEWLINE, Commands.STRIP_EMPTY_ENDS),
            "cmd",
            List.of("- name: read the hostname\n  command: sysrc -n hostname\n  register: h\n  changed_when: false",
                    "- command:\n    argv: [touch, /tmp/a file]\n    creates: /tmp/a file"),
            Commands.RETURNS).withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        List<String> words;
        if (args.has("argv") == args.has("cmd")) {
            return Outcome.failed("give either cmd (free form) or argv", null);
        }
        try {
            words = args.has("argv") ? args.strings("argv") : Tokenizer.SHELL.words(args.string("cmd"));
        } catch (IllegalArgumentException e) {
            return Outcome.failed(e.getMessage(), null);
        }
        if (words.isEmpty()) {
            return Outcome.failed("no command given", null);
        }
        String script = Commands.chdir(args) + "exec " + Sh.join(words) + "\n";
        // Ansible's command module reports cmd as the argument list, split like this, whichever form was given.
        return Commands.run(ctx, args, script, words);
    }
}
