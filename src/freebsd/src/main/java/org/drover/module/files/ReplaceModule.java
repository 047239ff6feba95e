package org.drover.module.files;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;
import org.drover.text.PyRegex;
import org.drover.transport.ExecResult;

/**
 * {@code replace} (also {@code ansible.builtin.replace}): every match of a Python regular expression (MULTILINE,
 * as Ansible compiles it) replaced, optionally only between {@code after} and {@code before}. One round trip reads
 * the file; the edit is pure ({@link #edit}); a change is one more ({@link TextFile}).
 */
public final class ReplaceModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("replace",
            "Replace every match of a regular expression in a file",
            "Ansible's replace: regexp is a Python regular expression searched in the whole file with re.MULTILINE "
                    + "(^ and $ match at each line); replace may use \\1 and \\g<name>; after and before (DOTALL) "
                    + "limit the edit to the text between them. msg is 'N replacements made', or '' when nothing "
                    + "changes. One round trip when nothing changes.",
            List.of(FileArgs.path("The file to edit.", "dest", "destfile", "name"),
                    ArgSpec.of("regexp", ArgType.STR).required().description("What to replace (Python re).")
                            .example("'^(\\s*)PermitRootLogin\\s.*$'").build(),
                    ArgSpec.of("replace", ArgType.STR).defaultValue("")
                            .description("The replacement; \\1 and \\g<name> are the regexp's groups.").build(),
                    ArgSpec.of("after", ArgType.STR)
                            .description("Only after the first match of this regexp.").build(),
                    ArgSpec.of("before", ArgType.STR)
                            .description("Only before the last match of this regexp.").build(),
                    FileArgs.BACKUP, FileArgs.VALIDATE,
                    ArgSpec.of("encoding", ArgType.STR).defaultValue("utf-8").choices("utf-8")
                            .description("drover edits UTF-8 text only.").build(),
                    FileArgs.MODE, FileArgs.OWNER, FileArgs.GROUP),
            null,
            List.of("""
                    - replace:
                        path: /etc/ssh/sshd_config
                        regexp: '^#?PasswordAuthentication\\s.*$'
                        replace: PasswordAuthentication no
                    """),
            List.of(ArgSpec.of("msg", ArgType.STR).description("'N replacements made', or ''").build(),
                    ArgSpec.of("backup_file", ArgType.STR).description("the old file (backup: true)").build()))
            .withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    /** The edited text and how many matches were replaced; count 0 or equal text: unchanged. */
    record Edit(String text, int count, String sectionMiss) {}

    static Edit edit(String contents, Args a) {
        String after = a.string("after");
        String before = a.string("before");
        String pattern = after != null && !after.isEmpty() && before != null && !before.isEmpty()
                ? after + "(?P<subsection>.*?)" + before
                : after != null && !after.isEmpty() ? after + "(?P<subsection>.*)"
                : before != null && !before.isEmpty() ? "(?P<subsection>.*)" + before : "";
        int start = 0;
        int end = contents.length();
        if (!pattern.isEmpty()) {
            Matcher m = PyRegex.compile("(?s)" + pattern).matcher(contents);
            if (!m.find()) {
                return new Edit(contents, 0, pattern);
            }
            start = m.start("subsection");
            end = m.end("subsection");
        }
        String section = contents.substring(start, end);
        Pattern re = PyRegex.compile(a.string("regexp"), false, true);
        Matcher m = re.matcher(section);
        StringBuilder out = new StringBuilder();
        int count = 0;
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(PyRegex.expand(m, a.string("replace"))));
            count++;
        }
        m.appendTail(out);
        return new Edit(contents.substring(0, start) + out + contents.substring(end), count, null);
    }

    @Override
    public Outcome run(ModuleContext ctx, Args a) throws Exception {
        String path = a.string("path");
        if (a.has("validate") && !a.string("validate").contains("%s")) {
            return Outcome.failed("validate must contain %s: " + a.string("validate"), null);
        }
        ExecResult read = ctx.exec(TextFile.readScript(path));
        TextFile.Current cur;
        try {
            cur = TextFile.parse(path, read);
        } catch (IllegalStateException e) {
            return Outcome.failed(e.getMessage(), null);
        }
        if (cur.isDir()) {
            return Outcome.failed("Path " + path + " is a directory !", Map.of("rc", 256));
        }
        if (!cur.exists()) {
            return Outcome.failed("Path " + path + " does not exist !", Map.of("rc", 257));
        }
        Edit e;
        try {
            e = edit(cur.content(), a);
        } catch (IllegalArgumentException ex) {
            return Outcome.failed(ex.getMessage(), null);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rc", 0);
        if (e.sectionMiss() != null) {
            result.put("msg", "Pattern for before/after params did not match the given file: " + e.sectionMiss());
            return Outcome.ok(null, result);
        }
        boolean changed = e.count() > 0 && !e.text().equals(cur.content());
        result.put("msg", changed ? e.count() + " replacements made" : "");
        Change content = changed ? new Change(e.count() + " replacements made in " + path,
                new Diff(path, cur.content(), e.text()), List.of("write " + cur.target())) : null;
        return TextFile.apply(ctx, a, cur, new TextFile.Edit(content, e.text()), result);
    }
}
