package org.drover.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code drover} root command: only global options; one class per subcommand. */
@Command(name = "drover", mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Agentless orchestration of FreeBSD hosts over SSH.",
        subcommands = {PlayCommand.class, AdhocCommand.class, DocCommand.class, InventoryCommand.class, VaultCommand.class, CompletionCommand.class,
                ManCommand.class, ReportCommand.class, TrainCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // what picocli would print, without building every subcommand's model first (half the start-up)
            System.out.println(new Version().getVersion()[0]);
            return;
        }
        CommandLine cl = commandLine();
        try {
            ConfigFile config = ConfigFile.find(System.getenv(), Path.of("").toAbsolutePath(),
                    Path.of(System.getProperty("user.home")));
            if (List.of(args).stream().anyMatch(a -> a.matches("-v+"))) {
                config.file().ifPresent(f -> System.err.println("Using " + f + " as config file"));
            }
            config.warnings().forEach(w -> System.err.println("[WARNING]: " + w));
            cl.setDefaultValueProvider(config);
        } catch (IOException e) {
            System.err.println("drover: cannot read the configuration file: " + e.getMessage());
            System.exit(ExitCodes.USAGE);
        }
        System.exit(cl.execute(adhocShortcut(cl, args)));
    }

    /** {@code drover PATTERN -m MODULE -a ARGS}, as Ansible's {@code ansible PATTERN ...}, is {@code drover adhoc}. */
    static String[] adhocShortcut(CommandLine cl, String[] args) {
        boolean moduleCall = List.of(args).stream().anyMatch(a -> List.of("-m", "-a", "--module-name", "--args")
                .contains(a));
        if (args.length == 0 || !moduleCall || cl.getSubcommands().containsKey(args[0])) {
            return args;
        }
        String[] out = new String[args.length + 1];
        out[0] = "adhoc";
        System.arraycopy(args, 0, out, 1, args.length);
        return out;
    }

    public static CommandLine commandLine() {
        return commandLine(new Main());
    }

    /** A command line for command (the root, or a subcommand run on its own) with drover's error handling. */
    static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        // Usage mistakes are USAGE, for every subcommand; anything else thrown is an internal ERROR.
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.ERROR);
        // "-l @file" and "-e @vars.yml" are Ansible's syntax, not picocli argument files.
        cl.setExpandAtFiles(false);
        cl.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        cl.setParameterExceptionHandler(Main::usageMistake);
        return cl;
    }

    /** A usage mistake is one line, picocli's "did you mean" if it has one, and where to read more: no usage dump. */
    private static int usageMistake(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Run '" + cl.getCommandSpec().qualifiedName(" ") + " --help' for the usage.");
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    /** Reads the version Maven wrote into the jar, so it is never stale. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"drover " + (v != null ? v : "dev")};
        }
    }
}
