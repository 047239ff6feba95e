package org.drover.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.drover.text.JsonText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code drover adhoc PATTERN -m MODULE -a ARGS}, Ansible's {@code ansible} command: one task on the hosts of a
 * pattern, printed as Ansible's minimal callback prints it. Every option of {@code drover play} applies (-i, -l,
 * -b, -C, -f, -e, ...): the task runs as a one-play playbook through the same code, whose base directory is the
 * current one, as for Ansible's ad-hoc commands. {@code drover PATTERN -m ...} is the same command.
 */
@Command(name = "adhoc", description = "Run one module on the hosts of a pattern (Ansible's ad-hoc command).",
        customSynopsis = "drover adhoc PATTERN [-m MODULE] [-a ARGS] [OPTIONS of drover play]",
        footer = {"", "  -m, --module-name MODULE   the module (default: command)",
            "  -a, --args ARGS            its arguments: k=v pairs, or the command line for command/shell",
            "  -o, --one-line             (accepted; the output is Ansible's minimal one)",
            "", "Every option of 'drover play' applies: drover play --help.", "",
            "Examples:", "  drover adhoc all -i inventory/lab.yml -a 'uptime'",
            "  drover web -i inventory/lab.yml -m service -a 'name=nginx state=restarted' -b"})
public final class AdhocCommand implements Callable<Integer> {
    /** Where the ad-hoc play says it comes from: the current directory, so relative paths mean what they say. */
    static final Path SOURCE = Path.of("").toAbsolutePath().resolve("(ad-hoc)");
    /** Modules that take a free-form command line and refuse to run without one (Ansible's message). */
    static final List<String> FREE_FORM = List.of("command", "shell", "raw", "ansible.builtin.command",
            "ansible.builtin.shell", "ansible.builtin.raw");

    /** The one task: module and its arguments as given on the command line. */
    record Task(String module, String args) {
        /** A playbook of one play (JSON, which YAML reads): gather_facts off, as ad-hoc commands run. */
        String playbook(String pattern) {
            Map<String, Object> task = new LinkedHashMap<>();
            task.put(module, args);
            Map<String, Object> play = new LinkedHashMap<>();
            play.put("name", "Ansible Ad-Hoc");
            play.put("hosts", pattern);
            play.put("gather_facts", false);
            play.put("tasks", List.of(task));
            return JsonText.pretty(List.of(play));
        }
    }

    @Unmatched
    List<String> arguments = new ArrayList<>();
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String module = "command";
        String args = null;
        List<String> rest = new ArrayList<>();
        boolean output = false;
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i);
            switch (a) {
                case "-h", "--help" -> {
                    spec.commandLine().usage(spec.commandLine().getOut());
                    return ExitCodes.OK;
                }
                case "-m", "--module-name", "-a", "--args" -> {
                    if (i + 1 >= arguments.size()) {
                        return usage("option " + a + " needs a value");
                    }
                    String v = arguments.get(++i);
                    if (a.startsWith("-m") || a.equals("--module-name")) {
                        module = v;
                    } else {
                        args = v;
                    }
                }
                case "-o", "--one-line" -> { }
                default -> {
                    output |= a.equals("--output") || a.startsWith("--output=");
                    rest.add(a);
                }
            }
        }
        if (FREE_FORM.contains(module) && (args == null || args.isBlank())) {
            return usage("No argument passed to " + module + " module");
        }
        PlayCommand play = new PlayCommand();
        play.adhoc = new Task(module, args);
        CommandLine cl = Main.commandLine(play);
        cl.setOut(spec.commandLine().getOut());
        cl.setErr(spec.commandLine().getErr());
        if (spec.root().commandLine().getDefaultValueProvider() != null) {
            cl.setDefaultValueProvider(spec.root().commandLine().getDefaultValueProvider());
        }
        List<String> playArgs = new ArrayList<>(rest);
        if (!output) {
            playArgs.add("--output=minimal");
        }
        return cl.execute(playArgs.toArray(String[]::new));
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("drover adhoc: " + message);
        spec.commandLine().getErr().println("Run 'drover adhoc --help' for the usage.");
        spec.commandLine().getErr().flush();
        return ExitCodes.USAGE;
    }
}
