package org.drover.module.files;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drover.freebsd.FileStat;
import org.drover.freebsd.Sections;
import org.drover.module.Args;
import org.drover.module.Change;
import org.drover.module.ModuleContext;
import org.drover.module.Outcome;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;

/**
 * A text file edited whole, for blockinfile and replace: one round trip reads what a symbolic link leads to,
 * stat, the umask and the content; a change is written as Ansible's atomic_move does it (a temp file in the same
 * directory, given the attributes, validated, renamed over the file; the backup as Ansible names it).
 */
final class TextFile {
    private TextFile() {}

    /** Files up to this size are edited (the whole file travels both ways). */
    static final long SIZE_LIMIT = 16L * 1024 * 1024;

    /** The file now; {@code stat} empty when it does not exist, content null when it is not a readable file. */
    record Current(String path, Optional<FileStat> stat, String realPath, boolean parentExists, int umask,
                   String content) {
        boolean exists() {
            return stat.isPresent();
        }

        boolean isDir() {
            return stat.isPresent() && stat.get().isDir();
        }

        /** Where a write goes: the file a link points to, as Ansible writes to realpath. */
        String target() {
            return realPath != null ? realPath : path;
        }
    }

    static String readScript(String path) {
        StringBuilder s = new StringBuilder("p=").append(Sh.quote(path)).append('\n');
        s.append(Sections.section("umask", "umask"));
        s.append(Sections.section("stat", "stat -L -f " + Sh.quote(FileStat.FORMAT) + " -- \"$p\""));
        s.append(Sections.section("real", "[ -L \"$p\" ] && realpath -- \"$p\""));
        s.append(Sections.section("parent", "[ -d \"$(dirname -- \"$p\")\" ]"));
        s.append(Sections.section("content", "[ -f \"$p\" ] || exit 3; [ \"$(wc -c < \"$p\")\" -le " + SIZE_LIMIT
                + " ] || exit 4; cat -- \"$p\""));
        return s.toString();
    }

    /** The current file, or a message saying why it cannot be edited. */
    static Current parse(String path, ExecResult r) {
        Map<String, Sections.Section> sec = Sections.parse(r.stdout());
        Sections.Section um = Sections.get(sec, "umask");
        if (!um.ok() || !um.output().strip().matches("[0-7]{1,4}")) {
            throw new IllegalStateException("cannot read " + path + ": " + (r.timedOut() ? "timed out"
                    : (r.stderr() + um.output()).strip()));
        }
        Sections.Section st = Sections.get(sec, "stat");
        Optional<FileStat> stat = FileStat.parse(path, st.output(), st.status());
        Sections.Section real = Sections.get(sec, "real");
        Sections.Section content = Sections.get(sec, "content");
        if (stat.isPresent() && !stat.get().isDir() && content.status() == 4) {
            throw new IllegalStateException(path + " is larger than " + SIZE_LIMIT + " bytes: not edited");
        }
        if (stat.isPresent() && stat.get().type().equals("file") && !content.ok()) {
            throw new IllegalStateException("cannot read " + path + ": " + content.output().strip());
        }
        String text = content.ok() ? content.output() : null;
        if (text != null && (text.indexOf('\0') >= 0 || text.indexOf('\uFFFD') >= 0)) {
            throw new IllegalStateException(path + " is not UTF-8 text: not edited");
        }
        return new Current(path, stat, real.ok() ? real.output().strip() : null,
                Sections.get(sec, "parent").ok(), Integer.parseInt(um.output().strip(), 8), text);
    }

    /** The content change (null: the content stays) and the new text. */
    record Edit(Change change, String text) {}

    /** The task's mode, owner and group (the file modules' common arguments). */
    static FileWant attributes(Args a) {
        return new FileWant(a.string("path"), "file", a.get("mode"), a.string("owner"), a.string("group"), false,
                null, false, true);
    }

    /**
     * Writes {@code after} (when not null) and sets the attributes: the content change first, then each attribute
     * that differs, with Ansible's message ("... and ownership, perms or SE linux context changed").
     */
    static Outcome apply(ModuleContext ctx, Args a, Current cur, Edit edit, Map<String, Object> result) throws Exception {
        Change content = edit.change();
        String after = edit.text();
        FileWant w = attributes(a);
        List<Change> changes = new ArrayList<>();
        if (content != null) {
            changes.add(content);
        }
        Attrs.Now now = cur.exists() ? Attrs.Now.of(cur.stat().get())
                : new Attrs.Now(0666 & ~cur.umask(), -1, -1, null, null, false);
        List<Change> attrs = cur.exists() ? Attrs.changes(cur.target(), now, w, cur.umask(), false) : List.of();
        changes.addAll(attrs);
        if (!attrs.isEmpty()) {
            String msg = String.valueOf(result.getOrDefault("msg", ""));
            result.put("msg", (msg.isEmpty() ? "" : msg + " and ") + "ownership, perms or SE linux context changed");
        }
        if (changes.isEmpty()) {
            return Outcome.ok(null, result);
        }
        if (ctx.check()) {
            return Outcome.changed(null, changes, result);
        }
        String script = content == null ? "set -e\n" + String.join("\n", org.drover.module.StateModule.commands(attrs))
                + "\n" : writeScript(cur, w, Attrs.after(now, w, cur.umask()), a.bool("backup"), a.string("validate"));
        ExecResult r = ctx.exec(script, content == null ? null : after.getBytes(StandardCharsets.UTF_8));
        if (!r.ok()) {
            return new Outcome(Outcome.Status.FAILED, "cannot write " + cur.target() + ": "
                    + (r.timedOut() ? "timed out" : r.stderr().strip()), changes, result, Map.of());
        }
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith("backup=")) {
                result.put("backup_file", line.substring("backup=".length()));
            }
        }
        return Outcome.changed(null, changes, result);
    }

    /** Temp file beside the target, mode/owner/group set on it, validated, old file kept if asked, renamed over. */
    static String writeScript(Current cur, FileWant w, int mode, boolean backup, String validate) {
        String t = cur.target();
        String dir = LinkPlanner.parent(t);
        StringBuilder s = new StringBuilder("set -e\n");
        s.append("t=").append(Sh.quote(t)).append('\n');
        if (!cur.exists() && !cur.parentExists()) {
            s.append("mkdir -p -- ").append(Sh.quote(dir)).append('\n'); // create: true, as os.makedirs
        }
        s.append("tmp=$(mktemp ").append(Sh.quote(dir + "/.drover.XXXXXX")).append(")\n");
        s.append("trap 'rm -f \"$tmp\"' EXIT\ncat > \"$tmp\"\n");
        s.append("chmod ").append(Attrs.octal(mode)).append(" \"$tmp\"\n");
        String owner = w.owner() != null ? w.owner() : cur.exists() ? Long.toString(cur.stat().get().uid()) : null;
        String group = w.group() != null ? w.group() : cur.exists() ? Long.toString(cur.stat().get().gid()) : null;
        if (owner != null) {
            s.append("chown -- ").append(Sh.quote(owner)).append(" \"$tmp\"\n");
        }
        if (group != null) {
            s.append("chgrp -- ").append(Sh.quote(group)).append(" \"$tmp\"\n");
        }
        if (validate != null && !validate.isBlank()) {
            // The playbook's own command (like shell:); only %s is ours, and it is quoted.
            s.append(validate.replace("%s", "\"$tmp\"")).append('\n');
        }
        if (backup && cur.exists()) {
            s.append("b=\"$t.$$.$(date +%Y-%m-%d@%H:%M:%S)~\"\ncp -p -- \"$t\" \"$b\"\nprintf 'backup=%s\\n' \"$b\"\n");
        }
        s.append("mv -f -- \"$tmp\" \"$t\"\ntrap - EXIT\n");
        return s.toString();
    }
}
