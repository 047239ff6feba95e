package org.drover.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code drover man}: prints drover(1), generated from the same model as {@code --help}. */
@Command(name = "man", mixinStandardHelpOptions = true,
        description = "Print drover's manual page (troff).",
        footer = {"", "Read it:  drover man | man -l -",
                "Install:  drover man > /usr/local/share/man/man1/drover.1"})
public final class ManCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String version = new Main.Version().getVersion()[0];
        spec.commandLine().getOut().print(ManPage.of(spec.root().commandLine(), version));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
