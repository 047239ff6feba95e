package org.drover.module.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.module.ArgChecks;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.module.ModuleContext;
import org.drover.module.Outcome;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;

/**
 * Puts a file on a host idempotently, for copy and template: one round trip reads checksum, mode and owner
 * (and, for --diff, the old text); nothing changed costs nothing more; a change costs one more round trip that
 * writes a temp file in the target directory and renames it into place.
 */
final class RemoteFile {
    private RemoteFile() {}

    /** Files up to this size are shown in diffs (and read for them). */
    static final int DIFF_LIMIT = 64 * 1024;
    private static final String CONTENT_MARK = "--drover-content--";

    static final ArgSpec DEST = ArgSpec.of("dest", ArgType.STR).required()
            .description("Path on the host. An existing directory receives the file under the source's name.")
            .example("/usr/local/etc/app.conf").validator(ArgChecks.operand()).build();
    static final ArgSpec MODE = ArgSpec.of("mode", ArgType.STR)
            .description("Octal permissions such as '0644' (quote it: YAML 1.2 reads 0644 as the number 644, "
                    + "which is accepted too). Default: an existing file keeps its mode; a new one follows the umask.")
            .example("'0640'").validator(v -> octal(String.valueOf(v)) == null
                    ? "expected octal permissions like 0644, got '" + v + "'" : null).build();
    static final ArgSpec OWNER = ArgSpec.of("owner", ArgType.STR).description("Owner (name or uid).").example("root")
            .validator(ArgChecks.account()).build();
    static final ArgSpec GROUP = ArgSpec.of("group", ArgType.STR).description("Group (name or gid).").example("wheel")
            .validator(ArgChecks.account()).build();
    static final ArgSpec BACKUP = ArgSpec.of("backup", ArgType.BOOL).defaultValue(false)
            .description("Keep the old file as DEST.<timestamp>~ when replacing it.").build();
    static final ArgSpec VALIDATE = ArgSpec.of("validate", ArgType.STR)
            .description("A command that checks the new file before it replaces the old one; %s is the temp file.")
            .example("/usr/sbin/pfctl -nf %s").build();

    static final List<ArgSpec> RETURNS = List.of(
            Commands.ret("dest", ArgType.STR, "the file written"),
            Commands.ret("checksum", ArgType.STR, "sha256 of the content"),
            Commands.ret("size", ArgType.INT, "bytes"),
            Commands.ret("mode", ArgType.STR, "the mode after the task"),
            Commands.ret("backup_file", ArgType.STR, "where the old file was kept (backup: true)"));

    /** "0644" for "644", "0644", 644; null when not octal. */
    static String octal(String s) {
        String t = s.trim();
        if (!t.matches("[0-7]{3,4}")) {
            return null;
        }
        return t.length() == 3 ? "0" + t : t;
    }

    /** What the host has now. */
    record Current(String path, boolean exists, boolean isDir, boolean parentExists, String sha256, String mode,
                   String owner, String group, String content) {}

    static String readScript(String dest, String srcName, boolean wantContent) {
        return readScript(dest, srcName, wantContent, DIFF_LIMIT);
    }

    /** As above, reading the content of files up to {@code limit} bytes (lineinfile needs all of it). */
    static String readScript(String dest, String srcName, boolean wantContent, long limit) {
        StringBuilder s = new StringBuilder();
        s.append("t=").append(Sh.quote(dest)).append('\n');
        if (srcName != null) {
            s.append("if [ -d \"$t\" ]; then t=\"${t%/}\"/").append(Sh.quote(srcName)).append("; fi\n");
        }
        s.append("""
                printf 'path=%s\\n' "$t"
                if [ -d "$t" ]; then echo state=directory; exit 0; fi
                if [ -e "$t" ]; then
                  echo state=file
                  if command -v sha256 >/dev/null 2>&1; then h=$(sha256 -q "$t")
                  elif command -v sha256sum >/dev/null 2>&1; then h=$(sha256sum "$t" | cut -d' ' -f1)
                  else h=$(openssl dgst -sha256 -r "$t" | cut -d' ' -f1); fi
                  printf 'sha256=%s\\n' "$h"
                  printf 'stat=%s\\n' "$(stat -c '%a %U %G %s' "$t" 2>/dev/null || stat -f '%Lp %Su %Sg %z' "$t")"
                """);
        if (wantContent) {
            s.append("  if [ \"$(wc -c < \"$t\")\" -le ").append(limit).append(" ]; then echo ")
                    .append(CONTENT_MARK).append("; cat \"$t\"; fi\n");
        }
        s.append("""
                else
                  echo state=absent
                  if [ -d "$(dirname "$t")" ]; then echo parent=1; else echo parent=0; fi
                fi
                """);
        return s.toString();
    }

    static Current parse(ExecResult r) {
        String out = r.stdout();
        String content = null;
        int mark = out.indexOf(CONTENT_MARK + "\n");
        if (mark >= 0) {
            content = out.substring(mark + CONTENT_MARK.length() + 1);
            out = out.substring(0, mark);
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        String state = kv.getOrDefault("state", "");
        String mode = null, owner = null, group = null;
        if (kv.containsKey("stat")) {
            String[] f = kv.get("stat").trim().split("\\s+");
            if (f.length >= 3) {
                mode = octal(f[0]);
                owner = f[1];
                group = f[2];
            }
        }
        return new Current(kv.get("path"), state.equals("file"), state.equals("directory"),
                !"0".equals(kv.get("parent")), kv.get("sha256"), mode, owner, group, content);
    }

    /** The attributes the task asks for; null fields are left as they are. */
    record Wanted(String mode, String owner, String group) {}

    /**
     * @param srcName the source file's name (for a directory dest), or null for content
     */
    static Outcome put(ModuleContext ctx, Args args, byte[] content, String srcName) throws Exception {
        String dest = args.string("dest");
        Wanted want = new Wanted(args.has("mode") ? octal(args.string("mode")) : null, args.string("owner"),
                args.string("group"));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        ExecResult read = ctx.exec(readScript(dest, srcName, ctx.diff()));
        if (!read.ok()) {
            return Outcome.failed("cannot read " + dest + ": " + (read.timedOut() ? "timed out" : read.stderr().strip()), null);
        }
        Current cur = parse(read);
        String path = cur.path() != null ? cur.path() : dest;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dest", path);
        result.put("checksum", sha);
        result.put("size", content.length);
        if (cur.isDir()) {
            return Outcome.failed(path + " is a directory", result);
        }
        if (!cur.exists() && !cur.parentExists()) {
            return Outcome.failed("the directory of " + path + " does not exist", result);
        }
        boolean write = !cur.exists() || !sha.equalsIgnoreCase(cur.sha256());
        List<Change> changes = new ArrayList<>();
        if (write) {
            changes.add(new Change((cur.exists() ? "replace " : "create ") + path + " (" + content.length + " bytes)",
                    contentDiff(path, cur, content), List.of("write " + path)));
        }
        List<String> attrs = attributes(path, cur, want, changes);
        result.put("mode", want.mode() != null ? want.mode() : cur.mode());
        if (changes.isEmpty()) {
            return Outcome.ok(null, result);
        }
        if (ctx.check()) {
            return Outcome.changed(null, changes, result);
        }
        String script = write ? writeScript(path, want, cur, args.bool("backup"), args.string("validate"))
                : "set -e\n" + String.join("\n", attrs) + "\n";
        return apply(ctx, script, write ? content : null, changes, result);
    }

    /**
     * The commands that set the attributes that differ ({@code chmod}, {@code chown}, {@code chgrp}), in that
     * order; on an existing file each is also a change, added to {@code changes}.
     */
    static List<String> attributes(String path, Current cur, Wanted want, List<Change> changes) {
        String q = Sh.quote(path);
        List<String> attrs = new ArrayList<>();
        String chmod = want.mode() == null ? null : "chmod " + want.mode() + " " + q;
        String chown = want.owner() == null ? null : "chown -- " + Sh.quote(want.owner()) + " " + q;
        String chgrp = want.group() == null ? null : "chgrp -- " + Sh.quote(want.group()) + " " + q;
        String[][] rows = {{"mode", cur.mode(), want.mode(), chmod}, {"owner", cur.owner(), want.owner(), chown},
                {"group", cur.group(), want.group(), chgrp}};
        for (String[] r : rows) {
            String what = r[0];
            String have = r[1];
            String wanted = r[2];
            if (wanted != null && !wanted.equals(have)) {
                attrs.add(r[3]);
                if (cur.exists()) {
                    changes.add(new Change(what + " of " + path + ": " + have + " -> " + wanted,
                            new Diff(path + " (" + what + ")", have + "\n", wanted + "\n"), List.of(r[3])));
                }
            }
        }
        return attrs;
    }

    /** Runs the write (or attribute) script; the result gets {@code backup_file} when a backup was kept. */
    private static Outcome apply(ModuleContext ctx, String script, byte[] stdin, List<Change> changes,
                                 Map<String, Object> result) throws Exception {
        ExecResult w = ctx.exec(script, stdin);
        if (!w.ok()) {
            return new Outcome(Outcome.Status.FAILED, "cannot write " + result.get("dest") + ": "
                    + (w.timedOut() ? "timed out" : w.stderr().strip()), changes, result, Map.of());
        }
        for (String line : w.stdout().split("\n")) {
            if (line.startsWith("backup=")) {
                result.put("backup_file", line.substring("backup=".length()));
            }
        }
        return Outcome.changed(null, changes, result);
    }

    /** Temp file in the target directory, attributes set on it, validated, then renamed over the target. */
    static String writeScript(String path, Wanted want, Current cur, boolean backup, String validate) {
        String mode = want.mode();
        String owner = want.owner();
        String group = want.group();
        String q = Sh.quote(path);
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "./";
        StringBuilder s = new StringBuilder("set -e\n");
        s.append("t=").append(q).append('\n');
        s.append("tmp=$(mktemp ").append(Sh.quote(dir.isEmpty() ? "/" : dir)).append(".drover.XXXXXX)\n");
        s.append("trap 'rm -f \"$tmp\"' EXIT\n");
        s.append("cat > \"$tmp\"\n");
        if (mode != null) {
            s.append("chmod ").append(mode).append(" \"$tmp\"\n");
        } else if (cur.exists() && cur.mode() != null) {
            s.append("chmod ").append(cur.mode()).append(" \"$tmp\"\n");
        } else {
            s.append("chmod \"$(printf '%o' $((0666 & ~0$(umask))))\" \"$tmp\"\n");
        }
        if (owner != null) {
            s.append("chown -- ").append(Sh.quote(owner)).append(" \"$tmp\"\n");
        } else if (cur.exists() && cur.owner() != null) {
            s.append("chown -- ").append(Sh.quote(cur.owner())).append(" \"$tmp\" 2>/dev/null || true\n");
        }
        if (group != null) {
            s.append("chgrp -- ").append(Sh.quote(group)).append(" \"$tmp\"\n");
        } else if (cur.exists() && cur.group() != null) {
            s.append("chgrp -- ").append(Sh.quote(cur.group())).append(" \"$tmp\" 2>/dev/null || true\n");
        }
        if (validate != null && !validate.isBlank()) {
            // The playbook's own command (like shell:); only %s is ours, and it is quoted.
            s.append(validate.replace("%s", "\"$tmp\"")).append('\n');
        }
        if (backup && cur.exists()) {
            s.append("b=\"$t.$(date +%Y%m%d%H%M%S)~\"\ncp -p \"$t\" \"$b\"\nprintf 'backup=%s\\n' \"$b\"\n");
        }
        s.append("mv -f \"$tmp\" \"$t\"\ntrap - EXIT\n");
        return s.toString();
    }

    private static Diff contentDiff(String path, Current cur, byte[] content) {
        if (content.length > DIFF_LIMIT || !isText(content)) {
            return null;
        }
        String before = "";
        if (cur.exists()) {
            if (cur.content() == null || cur.content().indexOf('\0') >= 0) {
                return null; // not read (no --diff, or too large) or binary
            }
            before = cur.content();
        }
        return new Diff(path, before, new String(content, StandardCharsets.UTF_8));
    }

    private static boolean isText(byte[] b) {
        for (byte x : b) {
            if (x == 0) {
                return false;
            }
        }
        return true;
    }
}
