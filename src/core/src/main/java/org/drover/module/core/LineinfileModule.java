package org.drover.module.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;
import org.drover.transport.ExecResult;
import org.drover.text.PyText;
import org.drover.transport.Sh;

/**
 * {@code lineinfile} (also {@code ansible.builtin.lineinfile}): Ansible's module, argument for argument. One round
 * trip reads the file (content, mode, owner); {@link LineEdit} decides purely; a change is written as copy writes
 * (temp file in the same directory, validated, renamed into place): a second round trip.
 */
public final class LineinfileModule implements Module {
    /** Files up to this size are edited (the whole file travels both ways). */
    static final long SIZE_LIMIT = 16L * 1024 * 1024;

    private final ModuleSpec spec;

    public LineinfileModule() {
        this("lineinfile", "Ensure a line is in a text file (or not), replacing a matching line");
    }

    LineinfileModule(String name, String summary) {
        this.spec = spec(name, summary).withBuiltinAliases();
    }

    static ModuleSpec spec(String name, String summary) {
        return new ModuleSpec(name, summary,
                "Ansible's lineinfile: the same arguments, algorithm and results (msg 'line added', 'line "
                        + "replaced', 'N line(s) removed'). regexp, insertafter and insertbefore are Python regular "
                        + "expressions searched in each line; with backrefs, line is expanded from the last (or, with "
                        + "firstmatch, the first) matching line and nothing is added when none matches. One round "
                        + "trip when nothing changes; --diff shows the file before and after.",
                List.of(ArgSpec.of("path", ArgType.STR).required().aliases("dest", "destfile", "name")
                                .description("The file to edit.").example("/etc/ssh/sshd_config").build(),
                        ArgSpec.of("state", ArgType.STR).defaultValue("present").choices("absent", "present")
                                .description("present: the line is there; absent: every matching line is removed.")
                                .build(),
                        ArgSpec.of("line", ArgType.STR).aliases("value").description("The line to put.")
                                .example("PermitRootLogin no").build(),
                        ArgSpec.of("regexp", ArgType.STR).aliases("regex")
                                .description("The line to replace (the last match) or remove (every match).")
                                .example("'^#?PermitRootLogin'").build(),
                        ArgSpec.of("search_string", ArgType.STR)
                                .description("As regexp, a literal substring.").build(),
                        ArgSpec.of("insertafter", ArgType.STR)
                                .description("Without a match, add after the last line matching this regexp, or "
                                        + "EOF (default) or BOF.").build(),
                        ArgSpec.of("insertbefore", ArgType.STR)
                                .description("Without a match, add before the last line matching this regexp, or "
                                        + "BOF.").build(),
                        ArgSpec.of("backrefs", ArgType.BOOL).defaultValue(false)
                                .description("Expand \\1 and \\g<name> in line from the regexp's match.").build(),
                        ArgSpec.of("firstmatch", ArgType.BOOL).defaultValue(false)
                                .description("Use the first matching line instead of the last.").build(),
                        ArgSpec.of("create", ArgType.BOOL).defaultValue(false)
                                .description("Create the file (and its directories) when missing.").build(),
                        RemoteFile.BACKUP, RemoteFile.VALIDATE, RemoteFile.MODE, RemoteFile.OWNER,
                        RemoteFile.GROUP),
                null,
                List.of("""
                        - lineinfile:
                            path: /etc/ssh/sshd_config
                            regexp: '^#?PermitRootLogin'
                            line: PermitRootLogin no
                            validate: /usr/sbin/sshd -t -f %s
                        """),
                List.of(Commands.ret("msg", ArgType.STR, "line added, line replaced, N line(s) removed"),
                        Commands.ret("found", ArgType.INT, "state=absent: how many lines matched"),
                        Commands.ret("backup", ArgType.STR, "where the old file was kept (backup: true), or ''")));
    }

    @Override
    public ModuleSpec spec() {
        return spec;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        String problem = problem(args);
        if (problem != null) {
            return Outcome.failed(problem, null);
        }
        String path = args.string("path");
        // As Ansible, edit the file a symbolic link points to (and keep the link).
        String base = RemoteFile.readScript(path, null, true, SIZE_LIMIT);
        int afterT = base.indexOf('\n') + 1; // right after "t=PATH"
        String script = base.substring(0, afterT)
                + "if [ -L \"$t\" ]; then t=$(realpath \"$t\" 2>/dev/null || printf '%s' \"$t\"); fi\n"
                + base.substring(afterT);
        ExecResult read = ctx.exec(script);
        if (!read.ok()) {
            return Outcome.failed("cannot read " + path + ": " + (read.timedOut() ? "timed out" : read.stderr().strip()),
                    null);
        }
        RemoteFile.Current cur = RemoteFile.parse(read);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("backup", "");
        if (cur.isDir()) {
            return Outcome.failed("Path " + path + " is a directory !", Map.of("rc", 256));
        }
        boolean present = args.string("state").equals("present");
        if (!cur.exists() && !present) {
            result.put("msg", "file not present");
            return Outcome.ok(null, result);
        }
        if (!cur.exists() && !args.bool("create")) {
            return Outcome.failed("Destination " + path + " does not exist !", Map.of("rc", 257));
        }
        if (cur.exists() && cur.content() == null) {
            return Outcome.failed(path + " is larger than " + SIZE_LIMIT + " bytes: lineinfile does not edit it", null);
        }
        String before = cur.exists() ? cur.content() : "";
        if (before.indexOf('\uFFFD') >= 0 || before.indexOf('\0') >= 0) {
            return Outcome.failed(path + " is not UTF-8 text: lineinfile does not edit it", null);
        }
        LineEdit.Result edit = edit(before, args, present);
        return apply(ctx, args, cur, edit, result);
    }

    /** Ansible's argument checks, in its order and words. */
    static String problem(Args a) {
        String[][] exclusive = {{"insertbefore", "insertafter"}, {"regexp", "search_string"},
                {"backrefs", "search_string"}};
        for (String[] pair : exclusive) {
            boolean first = pair[0].equals("backrefs") ? a.bool("backrefs") : a.has(pair[0]);
            if (first && a.has(pair[1])) {
                return "parameters are mutually exclusive: " + pair[0] + "|" + pair[1];
            }
        }
        if (a.string("path").chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "path must not contain control characters";
        }
        if (a.has("validate") && !a.string("validate").contains("%s")) {
            return "validate must contain %s: " + a.string("validate");
        }
        if (a.string("state").equals("present")) {
            if (a.bool("backrefs") && !a.has("regexp")) {
                return "regexp is required with backrefs=true";
            }
            if (!a.has("line")) {
                return "line is required with state=present";
            }
        } else if (!a.has("regexp") && !a.has("search_string") && !a.has("line")) {
            return "one of line, search_string, or regexp is required with state=absent";
        }
        return null;
    }

    static LineEdit.Result edit(String text, Args a, boolean present) {
        LineEdit.Params p = new LineEdit.Params(a.string("line"), a.string("regexp"), a.string("search_string"),
                a.string("insertafter"), a.string("insertbefore"), a.bool("backrefs"), a.bool("firstmatch"));
        return present ? LineEdit.present(PyText.linesKeepingEnds(text), p)
                : LineEdit.absent(PyText.linesKeepingEnds(text), p);
    }

    private static Outcome apply(ModuleContext ctx, Args args, RemoteFile.Current cur, LineEdit.Result edit,
                                 Map<String, Object> result) throws Exception {
        String path = cur.path() != null ? cur.path() : args.string("path");
        String after = String.join("", edit.lines());
        result.put("msg", edit.msg());
        if (!args.string("state").equals("present")) {
            result.put("found", edit.found());
        }
        List<Change> changes = new ArrayList<>();
        if (edit.changed()) {
            changes.add(new Change(edit.msg() + " in " + path, new Diff(path + " (content)",
                    cur.exists() ? cur.content() : "", after), List.of("write " + path)));
        }
        RemoteFile.Wanted want = new RemoteFile.Wanted(args.has("mode") ? RemoteFile.octal(args.string("mode"))
                : null, args.string("owner"), args.string("group"));
        List<String> attrs = RemoteFile.attributes(path, cur, want, changes);
        if (changes.isEmpty()) {
            return Outcome.ok(null, result);
        }
        if (ctx.check()) {
            return Outcome.changed(null, changes, result);
        }
        String script;
        if (edit.changed()) {
            script = RemoteFile.writeScript(path, want, cur, args.bool("backup"), args.string("validate"));
            if (!cur.exists()) { // create: true makes the directories too, as Ansible's os.makedirs
                script = script.replaceFirst("set -e\n", "set -e\nmkdir -p " + Sh.quote(parent(path)) + "\n");
            }
        } else {
            script = "set -e\n" + String.join("\n", attrs) + "\n";
        }
        ExecResult w = ctx.exec(script, edit.changed() ? after.getBytes(StandardCharsets.UTF_8) : null);
        if (!w.ok()) {
            return new Outcome(Outcome.Status.FAILED, "cannot write " + path + ": "
                    + (w.timedOut() ? "timed out" : w.stderr().strip()), changes, result, Map.of());
        }
        for (String line : w.stdout().split("\n")) {
            if (line.startsWith("backup=")) {
                result.put("backup", line.substring("backup=".length()));
            }
        }
        return Outcome.changed(null, changes, result);
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
