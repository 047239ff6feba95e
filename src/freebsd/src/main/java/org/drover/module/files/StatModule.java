package org.drover.module.files;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drover.freebsd.FileStat;
import org.drover.freebsd.Sections;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;

/**
 * {@code stat} (also {@code ansible.builtin.stat}): one round trip ({@code stat -f}, the checksum with FreeBSD's
 * {@code sha1 -q} and friends, {@code file --mime-type}), the result under {@code stat} with Ansible's keys.
 */
public final class StatModule implements Module {
    private static final List<String> ALGORITHMS = List.of("md5", "sha1", "sha224", "sha256", "sha384", "sha512");

    private static final ModuleSpec SPEC = new ModuleSpec("stat",
            "Read a file's facts (exists, type, mode, owner, size, times, checksum)",
            "Ansible's stat module: never changes anything; the facts are under stat (stat.exists, stat.isdir, "
                    + "stat.mode as '0644', stat.pw_name, stat.checksum, ...), with Ansible's key names. On FreeBSD "
                    + "there are no lsattr attributes: attributes is [] as Ansible reports there.",
            List.of(FileArgs.path("The path to look at.", "dest", "name"),
                    ArgSpec.of("follow", ArgType.BOOL).defaultValue(false)
                            .description("Look at what a symbolic link points to.").build(),
                    ArgSpec.of("get_checksum", ArgType.BOOL).defaultValue(true)
                            .description("Checksum a readable regular file.").build(),
                    ArgSpec.of("checksum_algorithm", ArgType.STR).defaultValue("sha1")
                            .choices(ALGORITHMS.toArray(String[]::new)).aliases("checksum", "checksum_algo")
                            .description("The checksum's algorithm (FreeBSD's command of that name).").build(),
                    ArgSpec.of("get_mime", ArgType.BOOL).defaultValue(true).aliases("mime", "mime_type", "mime-type")
                            .description("mimetype and charset, from file(1).").build(),
                    ArgSpec.of("get_attributes", ArgType.BOOL).defaultValue(true).aliases("attr", "attributes")
                            .description("version, attributes, attr_flags (empty on FreeBSD, as Ansible).").build(),
                    ArgSpec.of("get_md5", ArgType.BOOL).defaultValue(false)
                            .description("Also md5 (Ansible's undocumented option).").build()),
            null,
            List.of("""
                    - stat:
                        path: /usr/local/etc/nginx/nginx.conf
                      register: conf
                    - debug:
                        msg: "{{ conf.stat.mode }} {{ conf.stat.pw_name }}"
                      when: conf.stat.exists
                    """),
            List.of(ArgSpec.of("stat", ArgType.MAP).description("exists, path, mode, isdir, isreg, islnk, uid, gid, "
                    + "pw_name, gr_name, size, mtime, checksum, lnk_source, lnk_target, ...").build()))
            .withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    static String script(Args a) {
        String follow = a.bool("follow") ? "-L " : "";
        String algo = a.string("checksum_algorithm");
        StringBuilder s = new StringBuilder("p=").append(Sh.quote(a.string("path"))).append('\n');
        s.append(Sections.section("stat", "if [ -L \"$p\" ] && [ ! -e \"$p\" ] && [ -n " + Sh.quote(follow)
                + " ]; then echo 'stat: '\"$p\"': stat: No such file or directory'; exit 1; fi; stat " + follow
                + "-f " + Sh.quote(FileStat.FORMAT) + " -- \"$p\""));
        s.append(Sections.section("access", "for t in r w x; do if [ -$t \"$p\" ]; then echo 1; else echo 0; fi; done"));
        s.append(Sections.section("real", "[ -L \"$p\" ] && realpath -- \"$p\""));
        if (a.bool("get_checksum")) {
            s.append(Sections.section("checksum", "[ -f \"$p\" ] && [ -r \"$p\" ] && " + algo + " -q -- \"$p\""));
        }
        if (a.bool("get_md5")) {
            s.append(Sections.section("md5", "[ -f \"$p\" ] && [ -r \"$p\" ] && md5 -q -- \"$p\""));
        }
        if (a.bool("get_mime")) {
            s.append(Sections.section("mime", "command -v file >/dev/null && file --mime-type --mime-encoding -- \"$p\""));
        }
        return s.toString();
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        String path = args.string("path");
        ExecResult read = ctx.exec(script(args));
        if (read.timedOut()) {
            return Outcome.failed("cannot read " + path + ": timed out", null);
        }
        Map<String, Sections.Section> sec = Sections.parse(read.stdout());
        Sections.Section st = Sections.get(sec, "stat");
        Optional<FileStat> s;
        try {
            s = FileStat.parse(path, st.output(), st.status());
        } catch (IllegalStateException e) {
            return Outcome.failed(e.getMessage(), null);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("stat", s.isEmpty() ? new LinkedHashMap<>(Map.of("exists", false)) : facts(args, s.get(), sec));
        return Outcome.ok(null, result);
    }

    /** Ansible's format_output() and what main() adds, in its order. */
    static Map<String, Object> facts(Args a, FileStat s, Map<String, Sections.Section> sec) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("exists", true);
        o.put("path", a.string("path"));
        o.put("mode", s.modeString());
        String t = s.type();
        for (String[] k : new String[][] {{"isdir", "directory"}, {"ischr", "chr"}, {"isblk", "blk"},
                {"isreg", "file"}, {"isfifo", "fifo"}, {"islnk", "link"}, {"issock", "socket"}}) {
            o.put(k[0], t.equals(k[1]));
        }
        o.put("uid", s.uid());
        o.put("gid", s.gid());
        o.put("size", s.size());
        o.put("inode", s.inode());
        o.put("dev", s.dev());
        o.put("nlink", s.nlink());
        o.put("atime", Double.parseDouble(s.atime()));
        o.put("mtime", Double.parseDouble(s.mtime()));
        o.put("ctime", Double.parseDouble(s.ctime()));
        String[] bits = {"wusr", "rusr", "xusr", "wgrp", "rgrp", "xgrp", "woth", "roth", "xoth"};
        int[] masks = {0200, 0400, 0100, 020, 040, 010, 02, 04, 01};
        for (int i = 0; i < bits.length; i++) {
            o.put(bits[i], (s.mode() & masks[i]) != 0);
        }
        o.put("isuid", (s.mode() & 04000) != 0);
        o.put("isgid", (s.mode() & 02000) != 0);
        List<String> access = List.of(Sections.get(sec, "access").output().strip().split("\n"));
        o.put("readable", access.size() == 3 && access.get(0).equals("1"));
        o.put("writeable", access.size() == 3 && access.get(1).equals("1"));
        o.put("executable", access.size() == 3 && access.get(2).equals("1"));
        if (s.isLink()) {
            Sections.Section real = Sections.get(sec, "real");
            o.put("lnk_source", real.ok() ? real.output().strip() : null);
            o.put("lnk_target", s.tail());
        }
        putIf(o, "pw_name", s.owner());
        putIf(o, "gr_name", s.group());
        if (t.equals("file") && Boolean.TRUE.equals(o.get("readable"))) {
            digest(o, "md5", sec.get("md5"));
            digest(o, "checksum", sec.get("checksum"));
        }
        if (a.bool("get_mime")) {
            mime(o, Sections.get(sec, "mime"));
        }
        if (a.bool("get_attributes")) {
            o.put("version", null);
            o.put("attributes", new ArrayList<>());
            o.put("attr_flags", "");
        }
        return o;
    }

    private static void putIf(Map<String, Object> o, String key, Object value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    private static void digest(Map<String, Object> o, String key, Sections.Section s) {
        if (s != null) {
            o.put(key, s.ok() && s.output().strip().matches("[0-9a-f]+") ? s.output().strip() : null);
        }
    }

    /** As Ansible: "path: text/plain; charset=us-ascii", else unknown. */
    private static void mime(Map<String, Object> o, Sections.Section s) {
        o.put("mimetype", "unknown");
        o.put("charset", "unknown");
        if (s.ok()) {
            String out = s.output().strip();
            String tail = out.substring(out.lastIndexOf(':') + 1);
            String[] parts = tail.split(";");
            if (parts.length == 2 && parts[1].contains("=")) {
                o.put("mimetype", parts[0].strip());
                o.put("charset", parts[1].substring(parts[1].indexOf('=') + 1).strip());
            }
        }
    }
}
