package org.drover.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.drover.module.ArgSpec;
import org.drover.module.Module;
import org.drover.module.ModuleRegistry;
import org.drover.module.ModuleSpec;
import org.drover.text.Suggest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drover doc}: module documentation, generated from each module's own declaration. */
@Command(name = "doc", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = "Show the modules, or one module's arguments, examples and returned values.",
        footer = {"", "Examples:", "  drover doc", "  drover doc bridge", "  drover doc --markdown > modules.md"})
public final class DocCommand implements Callable<Integer> {
    static final int WIDTH = 100;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "MODULE", description = "The module to document; none: list them all.")
    String module;

    @Option(names = "--markdown", description = "Print Markdown (the module table, or the module's page) for the docs.")
    boolean markdown;

    /** For tests: document these modules instead of the registry's. */
    List<ModuleSpec> specs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ModuleSpec> all = specs != null ? specs : ModuleRegistry.load().all().stream().map(Module::spec).toList();
        try {
            if (module == null) {
                if (markdown) {
                    markdownTable(all, out);
                } else {
                    table(all, out);
                }
                return ExitCodes.OK;
            }
            Optional<ModuleSpec> m = all.stream().filter(s -> ModuleRegistry.names(s).contains(module)).findFirst();
            if (m.isEmpty()) {
                spec.commandLine().getErr().println("drover doc: no module named '" + module + "'"
                        + Suggest.didYouMean(module, all.stream().map(ModuleSpec::name).toList())
                        + "; 'drover doc' lists them");
                return ExitCodes.USAGE;
            }
            if (markdown) {
                markdownPage(m.get(), out);
            } else {
                page(m.get(), out);
            }
            return ExitCodes.OK;
        } finally {
            out.flush();
            spec.commandLine().getErr().flush();
        }
    }

    static void table(List<ModuleSpec> all, PrintWriter out) {
        if (all.isEmpty()) {
            out.println("(no modules found)");
            return;
        }
        int w = Math.max(6, all.stream().mapToInt(s -> s.name().length()).max().orElse(6));
        out.printf("%-" + w + "s  %s%n", "MODULE", "SUMMARY");
        for (ModuleSpec s : all) {
            out.printf("%-" + w + "s  %s%n", s.name(), s.summary());
            if (!s.aliases().isEmpty()) {
                out.printf("%-" + w + "s    also: %s%n", "", String.join(", ", s.aliases()));
            }
        }
        out.println();
        out.println("'drover doc MODULE' shows a module's arguments and examples.");
    }

    static void markdownTable(List<ModuleSpec> all, PrintWriter out) {
        out.println("| Module | Summary |");
        out.println("|---|---|");
        for (ModuleSpec s : all) {
            String also = s.aliases().isEmpty() ? ""
                    : " (also " + String.join(", ", s.aliases().stream().map(a -> "`" + a + "`").toList()) + ")";
            out.println("| `" + s.name() + "` | " + cell(s.summary()) + also + " |");
        }
    }

    static void page(ModuleSpec s, PrintWriter out) {
        out.println(s.name() + " - " + s.summary());
        out.println();
        if (!s.aliases().isEmpty()) {
            wrap("Also answers to: " + String.join(", ", s.aliases()) + " (the same arguments, the same meaning).",
                    "  ", out);
            out.println();
        }
        if (s.description() != null && !s.description().isBlank()) {
            wrap(s.description(), "  ", out);
            out.println();
        }
        if (s.freeForm() != null) {
            wrap("Takes a free-form string: '" + s.name() + ": TEXT' sets " + s.freeForm() + ".", "  ", out);
            out.println();
        }
        out.println("ARGUMENTS");
        if (s.args().isEmpty()) {
            out.println("  (none)");
        }
        for (ArgSpec a : s.args()) {
            out.println("  " + (a.name().equals(ModuleSpec.ANY) ? "<any name>" : a.name()) + " (" + type(a)
                    + (a.required() ? ", required" : "") + ")");
            if (a.description() != null && !a.description().isBlank()) {
                wrap(a.description(), "      ", out);
            }
            List<String> facts = facts(a);
            if (!facts.isEmpty()) {
                wrap(String.join("; ", facts), "      ", out);
            }
        }
        if (!s.examples().isEmpty()) {
            out.println();
            out.println("EXAMPLES");
            for (String e : s.examples()) {
                for (String line : e.split("\n", -1)) {
                    out.println("  " + line);
                }
                out.println();
            }
        }
        if (!s.returns().isEmpty()) {
            if (s.examples().isEmpty()) {
                out.println();
            }
            out.println("RETURNS");
            for (ArgSpec r : s.returns()) {
                out.println("  " + r.name() + " (" + type(r) + ")");
                if (r.description() != null && !r.description().isBlank()) {
                    wrap(r.description(), "      ", out);
                }
            }
        }
    }

    static void markdownPage(ModuleSpec s, PrintWriter out) {
        out.println("### `" + s.name() + "`: " + s.summary());
        out.println();
        if (s.description() != null && !s.description().isBlank()) {
            out.println(s.description());
            out.println();
        }
        out.println("| Argument | Type | Required | Default | Choices | Description |");
        out.println("|---|---|---|---|---|---|");
        for (ArgSpec a : s.args()) {
            out.println("| `" + a.name() + "` | " + type(a) + " | " + (a.required() ? "yes" : "") + " | "
                    + (a.defaultValue() == null ? "" : "`" + a.defaultValue() + "`") + " | "
                    + a.choices().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", ")) + " | "
                    + cell(a.description()) + (a.example() == null ? "" : " Example: `" + a.example() + "`") + " |");
        }
        for (String e : s.examples()) {
            out.println();
            out.println("```yaml");
            out.println(e);
            out.println("```");
        }
        if (!s.returns().isEmpty()) {
            out.println();
            out.println("Returns: " + s.returns().stream().map(r -> "`" + r.name() + "` (" + cell(r.description()) + ")")
                    .collect(Collectors.joining(", ")));
        }
    }

    private static List<String> facts(ArgSpec a) {
        List<String> f = new ArrayList<>();
        if (!a.choices().isEmpty()) {
            f.add("choices: " + String.join(", ", a.choices()));
        }
        if (a.defaultValue() != null) {
            f.add("default: " + a.defaultValue());
        }
        if (!a.aliases().isEmpty()) {
            f.add("aliases: " + String.join(", ", a.aliases()));
        }
        if (a.example() != null) {
            f.add("example: " + a.example());
        }
        return f;
    }

    private static String type(ArgSpec a) {
        return a.type().name().toLowerCase();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    /** Word-wraps text to {@link #WIDTH} columns with an indent. */
    static void wrap(String text, String indent, PrintWriter out) {
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
                out.println(line);
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > indent.length()) {
            out.println(line);
        }
    }
}
