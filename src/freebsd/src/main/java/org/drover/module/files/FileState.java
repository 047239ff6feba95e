package org.drover.module.files;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drover.freebsd.FileStat;
import org.drover.freebsd.Sections;
import org.drover.transport.Sh;

/**
 * What the {@code file} module reads in its one round trip, and the script that reads it: the path itself
 * (lstat), where a link leads (realpath and stat -L), the link source, the directories {@code mkdir} would create,
 * whether a directory is empty, and the entries under a directory (for recurse and for the absent diff).
 */
record FileState(int umask, Optional<FileStat> path, Optional<Followed> followed, Optional<FileStat> src,
                 Optional<FileStat> inner, List<String> missing, boolean empty, List<FileStat> tree, String error) {

    /** Where a link at the path leads: the resolved path and its stat (empty when the target is missing). */
    record Followed(String realPath, Optional<FileStat> stat) {}

    static FileState failed(String error) {
        return new FileState(022, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                false, List.of(), error);
    }

    /** The read script for what {@code w} needs. */
    static String script(FileWant w) {
        String f = Sh.quote(FileStat.FORMAT);
        StringBuilder s = new StringBuilder("p=").append(Sh.quote(w.path())).append('\n');
        s.append(Sections.section("umask", "umask"));
        s.append(Sections.section("path", "stat -f " + f + " -- \"$p\""));
        if (w.follow()) {
            s.append(Sections.section("follow", "if [ -L \"$p\" ]; then realpath -- \"$p\" && stat -L -f " + f
                    + " -- \"$p\"; fi"));
        }
        if (w.src() != null && w.state().equals("link")) {
            // As Ansible: a relative src is relative to the link's directory (to the path, if that is a directory)
            s.append(Sections.section("src", "if [ -d \"$p\" ] && [ ! -L \"$p\" ]; then r=\"$p\"; else r=$(dirname -- "
                    + "\"$p\"); fi; cd -- \"$r\" 2>/dev/null || exit 2; stat -L -f " + f + " -- " + Sh.quote(w.src())));
        } else if (w.src() != null) {
            s.append(Sections.section("src", "stat -L -f " + f + " -- " + Sh.quote(w.src())));
            s.append(Sections.section("inner", "stat -f " + f + " -- \"$p\"/" + Sh.quote(basename(w.src()))));
        }
        if ("link".equals(w.state()) && w.force()) {
            s.append(Sections.section("empty", "[ -d \"$p\" ] && ls -A -- \"$p\" | head -n 1"));
        }
        if (w.recurse() || "absent".equals(w.state())) {
            s.append(Sections.section("tree", "[ ! -d \"$p\" ] || [ -L \"$p\" ] || find \"$p\" -mindepth 1 -exec stat -f "
                    + Sh.quote(FileStat.TREE_FORMAT) + " {} +"));
        }
        if ("directory".equals(w.state()) || w.state() == null) {
            StringBuilder m = new StringBuilder();
            for (String a : ancestors(w.path())) {
                m.append("[ -e ").append(Sh.quote(a)).append(" ] || printf '%s\\n' ").append(Sh.quote(a)).append("; ");
            }
            s.append(Sections.section("missing", m.append("true").toString()));
        }
        return s.toString();
    }

    static FileState parse(FileWant w, String stdout) {
        Map<String, Sections.Section> sec = Sections.parse(stdout);
        try {
            Sections.Section um = Sections.get(sec, "umask");
            if (!um.ok() || !um.output().strip().matches("[0-7]{1,4}")) {
                throw new IllegalStateException("cannot read the umask: " + um.output().strip());
            }
            Sections.Section p = Sections.get(sec, "path");
            Optional<FileStat> path = FileStat.parse(w.path(), p.output(), p.status());
            Optional<Followed> followed = Optional.empty();
            Sections.Section fo = sec.get("follow");
            if (fo != null && path.isPresent() && path.get().isLink()) {
                followed = Optional.of(followed(fo));
            }
            Optional<FileStat> src = stat(sec.get("src"), w.src());
            Optional<FileStat> inner = stat(sec.get("inner"), null);
            Sections.Section missing = sec.get("missing");
            List<String> miss = missing == null || missing.output().isBlank() ? List.of()
                    : List.of(missing.output().strip().split("\n"));
            Sections.Section empty = sec.get("empty");
            Sections.Section tree = sec.get("tree");
            if (tree != null && !tree.ok()) {
                throw new IllegalStateException("cannot list " + w.path() + ": " + tree.output().strip());
            }
            return new FileState(Integer.parseInt(um.output().strip(), 8), path, followed, src, inner, miss,
                    empty == null || empty.output().isBlank(),
                    tree == null ? List.of() : FileStat.parseTree(tree.output()), null);
        } catch (IllegalStateException e) {
            return failed(e.getMessage());
        }
    }

    private static Followed followed(Sections.Section fo) {
        if (!fo.ok()) {
            return new Followed(null, Optional.empty()); // realpath fails on a link to nothing
        }
        String out = fo.output();
        int nl = out.indexOf('\n');
        String real = nl < 0 ? out : out.substring(0, nl);
        return new Followed(real, FileStat.parse(real, nl < 0 ? "" : out.substring(nl + 1), 0));
    }

    /** A stat section: empty when missing (any "stat: ...: stat:" error), the error otherwise. */
    private static Optional<FileStat> stat(Sections.Section s, String name) {
        if (s == null || s.status() == 1 && s.output().matches("(?s)stat: .*: stat: (No such file or directory|Not a "
                + "directory)\n?") || s.status() == 2 && s.output().isBlank()) {
            return Optional.empty();
        }
        if (!s.ok()) {
            throw new IllegalStateException("cannot stat " + (name == null ? "" : name) + ": " + s.output().strip());
        }
        return Optional.of(FileStat.parse("", s.output(), 0).orElseThrow());
    }

    /** The directories mkdir -p would create for {@code path}, outermost first (without the path itself: it is last). */
    static List<String> ancestors(String path) {
        List<String> out = new java.util.ArrayList<>();
        String[] parts = path.replaceAll("^/+|/+$", "").split("/+");
        StringBuilder cur = new StringBuilder();
        for (String part : parts) {
            if (cur.length() > 0 || path.startsWith("/")) {
                cur.append('/');
            }
            cur.append(part);
            out.add(cur.toString());
        }
        return out;
    }

    static String basename(String p) {
        String t = p.replaceAll("/+$", "");
        return t.substring(t.lastIndexOf('/') + 1);
    }
}
