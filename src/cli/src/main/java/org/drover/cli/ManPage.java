package org.drover.cli;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * drover(1) in troff, generated from the picocli model, so the manual can never disagree with {@code --help}.
 * One section per subcommand: synopsis, description, arguments, options, and the command's footer (exit codes,
 * examples) as written for {@code --help}.
 */
final class ManPage {
    private final StringBuilder out = new StringBuilder();

    private ManPage() {}

    static String of(CommandLine root, String version) {
        ManPage m = new ManPage();
        m.header(root.getCommandSpec(), version);
        documented(root).forEach(m::command);
        m.line(".SH SEE ALSO").line("ssh(1), ssh_config(5), jail(8), pfctl(8), zfs(8), sysrc(8), ansible-playbook(1)");
        return m.out.toString();
    }

    private void header(CommandSpec root, String version) {
        line(".TH DROVER 1 \"\" " + quoted(version) + " \"drover manual\"");
        line(".SH NAME");
        line("drover \\- " + escape(String.join(" ", root.usageMessage().description())));
        line(".SH SYNOPSIS");
        line(".B drover").line("[\\fB\\-hV\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR...]");
        line(".SH COMMANDS");
        for (CommandSpec spec : documented(root.commandLine())) {
            line(".TP").line("\\fB" + escape(spec.name()) + "\\fR").line(escape(text(spec.usageMessage().description())));
        }
    }

    /** The subcommands worth a section: not hidden, and not picocli's own "help" (the manual is the help). */
    private static List<CommandSpec> documented(CommandLine root) {
        return root.getSubcommands().values().stream()
                .filter(sub -> !(sub.getCommand() instanceof CommandLine.HelpCommand))
                .map(CommandLine::getCommandSpec)
                .filter(spec -> !spec.usageMessage().hidden())
                .toList();
    }

    private void command(CommandSpec spec) {
        line(".SH " + quoted(spec.qualifiedName(" ").toUpperCase(java.util.Locale.ROOT)));
        String synopsis = spec.commandLine().getHelp().synopsis(0).strip();
        line(".nf").line(escape(synopsis)).line(".fi");
        line(".PP").line(escape(text(spec.usageMessage().description())));
        List<PositionalParamSpec> params = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!params.isEmpty()) {
            line(".SS Arguments");
            params.forEach(p -> item("\\fI" + escape(p.paramLabel()) + "\\fR", p));
        }
        List<OptionSpec> options = spec.options().stream().filter(o -> !o.hidden()).toList();
        if (!options.isEmpty()) {
            line(".SS Options");
            options.forEach(o -> item(optionTerm(o), o));
        }
        List<String> footer = List.of(spec.usageMessage().footer());
        if (footer.stream().anyMatch(s -> !s.isBlank())) {
            line(".PP").line(".nf").line(escape(text(spec.usageMessage().footer()).strip())).line(".fi");
        }
    }

    private static String optionTerm(OptionSpec o) {
        String names = List.of(o.names()).stream().map(n -> "\\fB" + escape(n) + "\\fR").collect(Collectors.joining(", "));
        return o.arity().max() == 0 ? names : names + " \\fI" + escape(o.paramLabel()) + "\\fR";
    }

    private void item(String term, ArgSpec arg) {
        line(".TP").line(term).line(escape(text(arg.description())));
    }

    /** picocli's %n is a line break in help; the manual refills the text, so it is a space. */
    private static String text(String[] lines) {
        return String.join("\n", lines).replace("%n", "\n");
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\"", "\\(dq") + "\"";
    }

    /** Backslashes and dashes escaped; a line that starts with '.' or ''' must not be read as a request. */
    static String escape(String s) {
        String e = s.replace("\\", "\\e").replace("-", "\\-");
        return e.lines().map(l -> l.startsWith(".") || l.startsWith("'") ? "\\&" + l : l)
                .collect(Collectors.joining("\n"));
    }

    private ManPage line(String s) {
        out.append(s).append('\n');
        return this;
    }
}
