package org.drover.cli;

import java.nio.file.Path;
import picocli.CommandLine;

/** Test helper: lets the conformance runner set the play command's working directory (package-private). */
public final class ConformanceAccess {
    private ConformanceAccess() {
    }

    public static void workDir(CommandLine cl, Path dir) {
        ((PlayCommand) cl.getSubcommands().get("play").getCommand()).workDir = dir;
    }
}
