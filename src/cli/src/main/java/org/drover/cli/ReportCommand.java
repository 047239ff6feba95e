package org.drover.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.drover.engine.RunSummary;
import org.drover.report.JunitReporter;
import org.drover.report.ReportOptions;
import org.drover.report.Reporters;
import org.drover.report.RunMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drover report}: work on the reports runs wrote. */
@Command(name = "report", description = "Work on the reports of runs: 'drover report merge' joins shards' JSON output.",
        subcommands = ReportCommand.Merge.class, mixinStandardHelpOptions = true)
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** {@code drover report merge A.json B.json ...}. */
    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = {"Join the --output json files of several runs (the shards of one fleet: play --shard K/N)"
                    + " into one recap, with the exit code one unsharded run would have had.",
                    "A file without its recap (a shard that did not finish) is an error."})
    static final class Merge implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "The runs' --output json files.")
        List<Path> files;

        @Option(names = "--junit", paramLabel = "FILE", description = "Also write one JUnit XML report of all the runs.")
        Path junit;

        @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "console",
                description = "console (default: Ansible's recap) or json (one recap line, as play --output json).")
        String output;

        @Option(names = "--profile", description = "Also print the slowest tasks, over all the runs.")
        boolean profile;

        @Option(names = "--detailed-exitcode", description = "Exit 8 when the runs succeeded and changed something.")
        boolean detailedExitcode;

        @Override
        public Integer call() {
            RunMerge merged;
            try {
                merged = RunMerge.read(files);
            } catch (IOException | UncheckedIOException e) {
                spec.commandLine().getErr().println("drover report merge: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return ExitCodes.BAD_INPUT;
            }
            ReportOptions.Format format;
            try {
                format = ReportOptions.Format.parse(output);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("drover report merge: --output is console or json, not '"
                        + output + "'");
                spec.commandLine().getErr().flush();
                return ExitCodes.USAGE;
            }
            RunSummary summary = merged.summary();
            PrintStream out = System.out;
            Reporters.create(new ReportOptions(format, 0, null, profile, System.console() != null), out)
                    .runEnd(summary);
            out.flush();
            if (junit != null) {
                JunitReporter.write(junit, merged.cases(), summary.elapsed().toNanos());
            }
            return PlayCommand.exitCode(summary, detailedExitcode);
        }
    }
}
