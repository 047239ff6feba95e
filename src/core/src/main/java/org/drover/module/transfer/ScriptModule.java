package org.drover.module.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.module.ArgChecks;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;
import org.drover.text.Tokenizer;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;

/**
 * {@code script}: a controller script sent on the standard input of one round trip, written to a private temp
 * directory (0700) on the host, run once and removed, with Ansible's creates/removes/chdir/executable and its
 * changed/check-mode rules.
 */
public final class ScriptModule implements Module {
    /** Shell syntax Ansible would let the host's shell interpret in the arguments; drover passes them literally. */
    private static final String SHELL_SYNTAX = "$`|&;<>()*?[~#\\\n";
    private static final String SKIPPED = "--drover-script-skipped--";

    private static final ModuleSpec SPEC = new ModuleSpec("script",
            "Run a controller script on the host",
            "Sends a script of the controller (looked up in the role's files/, then next to the playbook) to the "
                    + "host on the command's standard input, writes it into a private temp directory (mode 0700), "
                    + "runs it once with its arguments and removes it, in one round trip. Reports changed "
                    + "whenever it runs (as Ansible); creates/removes skip it; in check mode it only runs when "
                    + "creates/removes decide (changed), else it is skipped. The arguments are split as the shell "
                    + "splits words and passed literally: where Ansible hands them to the host's shell, drover "
                    + "refuses shell syntax ($, `, |, ;, &, <, >, (, ), *, ?, [, ~, #): use shell: for that.",
            List.of(ArgSpec.of("cmd", ArgType.STR).required()
                            .description("The script's path on the controller, then its arguments (the free form).")
                            .example("setup.sh --fast").validator(v -> ArgChecks.operandProblem(String.valueOf(v)))
                            .build(),
                    ArgSpec.of("creates", ArgType.STR).description("A host path; when it exists the script does "
                            + "not run.").validator(ArgChecks.operand()).build(),
                    ArgSpec.of("removes", ArgType.STR).description("A host path; when it does not exist the script "
                            + "does not run.").validator(ArgChecks.operand()).build(),
                    ArgSpec.of("chdir", ArgType.STR).description("An absolute directory of the host to run in.")
                            .example("/var/db/app").validator(v -> String.valueOf(v).startsWith("/")
                                    ? ArgChecks.controlProblem(String.valueOf(v))
                                    : "chdir " + v + " must be an absolute path for a Unix-aware remote node").build(),
                    ArgSpec.of("executable", ArgType.STR).description("The interpreter that runs the script "
                            + "(default: the script's #! line).").example("/usr/local/bin/python3")
                            .validator(ArgChecks.operand()).build()),
            "cmd",
            List.of("- script: files/bootstrap.sh --quiet\n  args:\n    creates: /var/db/bootstrapped"),
            List.of(ArgSpec.of("rc", ArgType.INT).description("the exit status").build(),
                    ArgSpec.of("stdout", ArgType.STR).description("standard output").build(),
                    ArgSpec.of("stderr", ArgType.STR).description("standard error").build(),
                    ArgSpec.of("stdout_lines", ArgType.LIST).description("stdout split into lines").build(),
                    ArgSpec.of("stderr_lines", ArgType.LIST).description("stderr split into lines").build()))
            .withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    /** The script, its arguments and the interpreter's words, as parsed from the task. */
    record Call(String local, List<String> args, List<String> executable) {}

    /** Splits cmd and executable; IllegalArgumentException for shell syntax or an empty command. */
    static Call call(String cmd, String executable) {
        List<String> words = Tokenizer.SHELL.words(cmd);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("no script given");
        }
        refuseShell(cmd, "command");
        List<String> exe = List.of();
        if (executable != null) {
            refuseShell(executable, "executable");
            exe = Tokenizer.SHELL.words(executable);
        }
        return new Call(words.get(0), words.subList(1, words.size()), exe);
    }

    private static void refuseShell(String text, String what) {
        for (char c : text.toCharArray()) {
            if (SHELL_SYNTAX.indexOf(c) >= 0) {
                throw new IllegalArgumentException("the script's " + what + " hold shell syntax ('"
                        + (c == '\n' ? "\\n" : String.valueOf(c)) + "'): drover passes them literally, Ansible "
                        + "to the host's shell; run the script with shell: to use the shell");
            }
        }
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        Call call;
        try {
            call = call(args.string("cmd"), args.string("executable"));
        } catch (IllegalArgumentException e) {
            return Outcome.failed(e.getMessage(), null);
        }
        Path local = ctx.resolveLocal(call.local(), "files");
        if (!Files.isRegularFile(local)) {
            return Outcome.failed("Could not find or access '" + call.local() + "' (looked for " + local + ")", null);
        }
        boolean guarded = args.has("creates") || args.has("removes");
        if (ctx.check()) {
            if (guarded) {
                ExecResult g = ctx.exec(guards(args) + "echo run\n");
                if (!g.ok() || !g.stdout().strip().equals("run") && !g.stdout().startsWith(SKIPPED)) {
                    return Outcome.failed("cannot check creates/removes: " + g.stderr().strip(), null);
                }
                return g.stdout().startsWith(SKIPPED) ? skipped(g, args) : Outcome.changed(null, List.of(), null);
            }
            return new Outcome(Outcome.Status.SKIPPED, "Check mode is not supported for this task.", List.of(),
                    null, Map.of());
        }
        ExecResult r = ctx.exec(guards(args) + runScript(call, local.getFileName().toString(), args.string("chdir")),
                Files.readAllBytes(local));
        if (r.ok() && r.stdout().startsWith(SKIPPED)) {
            return skipped(r, args);
        }
        return ran(r);
    }

    /** Lines that end the script early, saying why, when creates/removes say it need not run (before chdir). */
    static String guards(Args args) {
        StringBuilder s = new StringBuilder();
        if (args.has("creates")) {
            s.append("if [ -e ").append(Sh.quote(args.string("creates"))).append(" ]; then echo ").append(SKIPPED)
                    .append(" creates; exit 0; fi\n");
        }
        if (args.has("removes")) {
            s.append("if [ ! -e ").append(Sh.quote(args.string("removes"))).append(" ]; then echo ").append(SKIPPED)
                    .append(" removes; exit 0; fi\n");
        }
        return s.toString();
    }

    /** Standard input to a private temp dir, run once with stdin closed, the directory removed whatever happens. */
    static String runScript(Call call, String name, String chdir) {
        List<String> command = new ArrayList<>(call.executable());
        command.add("\"$d\"/" + Sh.quote(name));
        call.args().forEach(a -> command.add(Sh.quote(a)));
        return "d=$(mktemp -d \"${TMPDIR:-/tmp}/drover-script.XXXXXX\") || exit 1\n"
                + "trap 'rm -rf \"$d\"' EXIT\n"
                + "cat > \"$d\"/" + Sh.quote(name) + " || exit 1\n"
                + "chmod 0700 \"$d\" \"$d\"/" + Sh.quote(name) + " || exit 1\n"
                + (chdir == null ? "" : "cd -- " + Sh.quote(chdir) + " || exit 1\n")
                + quoteExecutable(call.executable()) + String.join(" ", command.subList(call.executable().size(),
                command.size())) + " </dev/null\n";
    }

    private static String quoteExecutable(List<String> exe) {
        StringBuilder s = new StringBuilder();
        exe.forEach(w -> s.append(Sh.quote(w)).append(' '));
        return s.toString();
    }

    private static Outcome skipped(ExecResult r, Args args) {
        String why = r.stdout().substring(SKIPPED.length()).strip().equals("creates")
                ? "skipped, since " + args.string("creates") + " exists"
                : "skipped, since " + args.string("removes") + " does not exist";
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rc", 0);
        result.put("stdout", why);
        result.put("stdout_lines", List.of(why));
        return Outcome.ok(why, result);
    }

    private static Outcome ran(ExecResult r) {
        Map<String, Object> result = new LinkedHashMap<>();
        String out = stripEnd(r.stdout());
        String err = stripEnd(r.stderr());
        result.put("rc", r.exitStatus());
        result.put("stdout", out);
        result.put("stderr", err);
        result.put("stdout_lines", out.isEmpty() ? List.of() : List.of(out.split("\r?\n", -1)));
        result.put("stderr_lines", err.isEmpty() ? List.of() : List.of(err.split("\r?\n", -1)));
        if (r.timedOut() || r.signal() != null || r.exitStatus() != 0) {
            result.put("changed", true); // it ran, as Ansible reports it
            String why = r.timedOut() ? "timed out" : r.signal() != null ? "killed by signal " + r.signal()
                    : "non-zero return code";
            return new Outcome(Outcome.Status.FAILED, why, List.of(), result, Map.of());
        }
        return Outcome.changed(null, List.of(), result);
    }

    private static String stripEnd(String s) {
        return s.replaceFirst("[\r\n]+$", "");
    }
}
