package org.drover.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code drover completion}: prints a bash completion script (zsh loads it through bashcompinit). */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a bash/zsh completion script.",
        footer = {"", "Install: drover completion > /etc/bash_completion.d/drover",
                "   or:   source <(drover completion)"})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("drover", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
