package org.drover.module.core;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.module.ArgChecks;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.ModuleContext;
import org.drover.module.Outcome;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;

/** What command, shell and raw share: creates/removes guards, check mode, the registered result. */
final class Commands {
    private Commands() {}

    static final ArgSpec CHDIR = ArgSpec.of("chdir", ArgType.STR)
            .description("Change into this directory before running.").example("/usr/local/etc")
            .validator(ArgChecks.operand()).build();
    static final ArgSpec CREATES = ArgSpec.of("creates", ArgType.STR)
            .description("A path; when it already exists, the command does not run (the task is ok).")
            .example("/var/db/.initialised").validator(ArgChecks.operand()).build();
    static final ArgSpec REMOVES = ArgSpec.of("removes", ArgType.STR)
            .description("A path; when it does not exist, the command does not run (the task is ok).")
            .validator(ArgChecks.operand()).build();
    static final ArgSpec STDIN = ArgSpec.of("stdin", ArgType.STR)
            .description("Text fed to the command's standard input.").build();

    static final ArgSpec STDIN_ADD_NEWLINE = ArgSpec.of("stdin_add_newline", ArgType.BOOL).defaultValue(true)
            .description("Append a newline to stdin.").build();
    static final ArgSpec STRIP_EMPTY_ENDS = ArgSpec.of("strip_empty_ends", ArgType.BOOL).defaultValue(true)
            .description("Remove the trailing newlines of stdout and stderr in the result.").build();

    static final List<ArgSpec> RETURNS = List.of(
            ret("rc", ArgType.INT, "the exit status"),
            ret("stdout", ArgType.STR, "standard output, trailing newlines removed"),
            ret("stderr", ArgType.STR, "standard error, trailing newlines removed"),
            ret("stdout_lines", ArgType.LIST, "stdout split into lines"),
            ret("stderr_lines", ArgType.LIST, "stderr split into lines"),
            ret("cmd", ArgType.RAW, "what ran"));

    static ArgSpec ret(String name, ArgType type, String meaning) {
        return ArgSpec.of(name, type).description(meaning).build();
    }

    /** A line of cd for chdir, or nothing. */
    static String chdir(Args args) {
        return args.has("chdir") ? "cd -- " + Sh.quote(args.string("chdir")) + " || exit 1\n" : "";
    }

    /**
     * Runs script once (changed, as Ansible reports commands), unless creates/removes say it is not needed;
     * in check mode it never runs.
     */
    static Outcome run(ModuleContext ctx, Args args, String script, Object cmd) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cmd", cmd);
        String guard = guard(ctx, args);
        if (guard != null) {
            result.put("rc", 0);
            result.put("stdout", guard);
            result.put("stdout_lines", List.of(guard));
            return Outcome.ok(guard, result);
        }
        if (ctx.check()) {
            if (args.has("creates") || args.has("removes")) {
                return Outcome.changed("would run (check mode)", List.of(), result);
            }
            return new Outcome(Outcome.Status.SKIPPED, "skipped in check mode", List.of(), result, Map.of());
        }
        boolean newline = !args.has("stdin_add_newline") || args.bool("stdin_add_newline");
        byte[] stdin = args.has("stdin")
                ? (args.string("stdin") + (newline ? "\n" : "")).getBytes(StandardCharsets.UTF_8) : null;
        boolean strip = !args.has("strip_empty_ends") || args.bool("strip_empty_ends");
        long t0 = System.nanoTime();
        ExecResult r = ctx.exec(script, stdin);
        result.put("rc", r.exitStatus());
        String out = strip ? stripEnd(r.stdout()) : r.stdout();
        String err = strip ? stripEnd(r.stderr()) : r.stderr();
        result.put("stdout", out);
        result.put("stderr", err);
        result.put("stdout_lines", lines(out));
        result.put("stderr_lines", lines(err));
        result.put("delta", String.format("%.3fs", (System.nanoTime() - t0) / 1e9));
        if (r.timedOut()) {
            return failed("timed out", result);
        }
        if (r.signal() != null) {
            return failed("killed by signal " + r.signal(), result);
        }
        if (r.exitStatus() != 0) {
            result.put("msg", "non-zero return code"); // registered as Ansible words it; the report says more
            return failed("non-zero return code " + r.exitStatus() + (err.isEmpty() ? "" : ": " + firstLine(err)), result);
        }
        result.put("msg", "");
        return Outcome.changed(null, List.of(), result);
    }

    private static Outcome failed(String msg, Map<String, Object> result) {
        result.put("changed", true); // it ran: failed_when: false turns it into a change, as in Ansible
        return new Outcome(Outcome.Status.FAILED, msg, List.of(), result, Map.of());
    }

    /** Null when the command should run; else why not. One extra round trip, only when creates/removes is set. */
    private static String guard(ModuleContext ctx, Args args) throws Exception {
        if (!args.has("creates") && !args.has("removes")) {
            return null;
        }
        StringBuilder s = new StringBuilder(chdir(args));
        if (args.has("creates")) {
            s.append("if [ -e ").append(Sh.quote(args.string("creates"))).append(" ]; then echo creates; exit 0; fi\n");
        }
        if (args.has("removes")) {
            s.append("if [ ! -e ").append(Sh.quote(args.string("removes"))).append(" ]; then echo removes; exit 0; fi\n");
        }
        s.append("echo run\n");
        ExecResult r = ctx.exec(s.toString());
        String word = r.stdout().strip();
        if (word.equals("creates")) {
            return "skipped, since " + args.string("creates") + " exists";
        }
        if (word.equals("removes")) {
            return "skipped, since " + args.string("removes") + " does not exist";
        }
        if (!r.ok() || !word.equals("run")) {
            throw new IllegalStateException("cannot check creates/removes: " + r.stderr().strip());
        }
        return null;
    }

    static String stripEnd(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    static List<String> lines(String s) {
        return s.isEmpty() ? List.of() : List.of(s.split("\r?\n", -1));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }
}
