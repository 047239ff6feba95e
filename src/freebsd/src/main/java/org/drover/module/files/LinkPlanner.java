package org.drover.module.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drover.freebsd.FileStat;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.module.Plan;
import org.drover.transport.Sh;

/** The {@code file} module's link and hard states, as ansible-core's ensure_symlink and ensure_hardlink. Pure. */
final class LinkPlanner {
    private LinkPlanner() {}

    static FilePlanner.Planned symlink(FileState c, FileWant w, String prev) {
        String path = w.path();
        String src = w.src();
        if (src == null && w.follow() && prev.equals("link") && c.followed().orElseThrow().stat().isPresent()) {
            src = c.path().get().tail(); // update an existing link: its current target
        }
        String rel = prev.equals("directory") ? path : parent(path);
        String absrc = src == null ? null : src.startsWith("/") ? src : rel + "/" + src;
        if (!w.force() && src != null && c.src().isEmpty()) {
            return FilePlanner.Planned.fail("src file does not exist, use \"force=yes\" if you really want to create "
                    + "the link: " + absrc, path);
        }
        if (prev.equals("directory") && !w.force() || (prev.equals("file") || prev.equals("hard")) && !w.force()) {
            return FilePlanner.Planned.fail("refusing to convert from " + prev + " to symlink for " + path, path);
        }
        if (prev.equals("directory") && !c.empty()) {
            return FilePlanner.Planned.fail("the directory " + path + " is not empty, refusing to convert it", path);
        }
        List<Change> changes = new ArrayList<>();
        if (!prev.equals("link")) {
            if (src == null) {
                return FilePlanner.Planned.fail("src is required for creating new symlinks", path);
            }
            String q = Sh.quote(path);
            List<String> cmds = switch (prev) {
                case "absent" -> List.of("ln -s -- " + Sh.quote(src) + " " + q);
                case "directory" -> List.of("rmdir -- " + q, "ln -s -- " + Sh.quote(src) + " " + q);
                default -> List.of("ln -sfn -- " + Sh.quote(src) + " " + q);
            };
            changes.add(new Change("link " + path + " -> " + src, new Diff(path + " (state)", prev + "\n",
                    "link -> " + src + "\n"), cmds));
        } else if (src != null && !src.equals(c.path().get().tail())) {
            changes.add(new Change("link " + path + " -> " + src + " (was -> " + c.path().get().tail() + ")",
                    new Diff(path + " (src)", c.path().get().tail() + "\n", src + "\n"),
                    List.of("ln -sfn -- " + Sh.quote(src) + " " + Sh.quote(path))));
        }
        Optional<FileStat> target = changes.isEmpty() ? c.followed().flatMap(FileState.Followed::stat) : c.src();
        String targetPath = changes.isEmpty() ? c.followed().map(FileState.Followed::realPath).orElse(absrc) : absrc;
        if (w.follow() && target.isPresent()) {
            changes.addAll(Attrs.changes(targetPath, Attrs.Now.of(target.get()), w, c.umask(), false));
        } else if (!w.follow() && w.wantsAttributes()) {
            FileStat self = c.path().filter(FileStat::isLink).orElse(null);
            changes.addAll(self == null ? onNewLink(path, w)
                    : Attrs.changes(path, Attrs.Now.of(self), w, c.umask(), true));
        }
        Map<String, Object> result = FilePlanner.result("dest", path, "link");
        result.put("src", src);
        return new FilePlanner.Planned(Plan.of(changes), path, "link", result);
    }

    private static List<Change> onNewLink(String path, FileWant w) {
        List<String> cmds = new ArrayList<>();
        if (w.mode() != null) {
            Integer m = Modes.octal(w.mode());
            if (m == null) {
                throw new IllegalArgumentException("a symbolic mode for a new link (follow: false) is not supported: "
                        + "give the mode in octal");
            }
            cmds.add("chmod -h " + Attrs.octal(m) + " -- " + Sh.quote(path));
        }
        if (w.owner() != null) {
            cmds.add("chown -h -- " + Sh.quote(w.owner()) + " " + Sh.quote(path));
        }
        if (w.group() != null) {
            cmds.add("chgrp -h -- " + Sh.quote(w.group()) + " " + Sh.quote(path));
        }
        return List.of(new Change("attributes of the link " + path, null, cmds));
    }

    static FilePlanner.Planned hard(FileState c, FileWant w, String prev) {
        String path = w.path();
        Optional<FileStat> here = c.path();
        if (prev.equals("directory") && w.src() != null) { // as Ansible: the link goes inside the directory
            path = path.replaceAll("/+$", "") + "/" + FileState.basename(w.src());
            here = c.inner();
            prev = FilePlanner.stateOf(here);
        }
        String src = w.src();
        if (!prev.equals("hard") && src == null) {
            return FilePlanner.Planned.fail("src is required for creating new hardlinks", path);
        }
        if (src != null && !src.startsWith("/")) {
            return FilePlanner.Planned.fail("src must be an absolute path with state=hard (drover does not resolve "
                    + "it against a working directory): " + src, path);
        }
        if (src != null && c.src().isEmpty()) {
            return FilePlanner.Planned.fail("src does not exist", path);
        }
        boolean replace = false;
        switch (prev) {
            case "absent" -> replace = true;
            case "link" -> replace = !src.equals(here.get().tail());
            case "hard" -> {
                replace = src != null && !sameInode(here.get(), c.src().get());
                if (replace && !w.force()) {
                    return FilePlanner.Planned.fail("Cannot link, different hard link exists at destination", path);
                }
            }
            case "file" -> {
                if (!w.force()) {
                    return FilePlanner.Planned.fail("Cannot link, file exists at destination", path);
                }
                replace = true;
            }
            default -> {
                return FilePlanner.Planned.fail(w.force() ? "Error while replacing: " + path + " is a directory"
                        : "Cannot link: different hard link exists at destination", path);
            }
        }
        List<Change> changes = new ArrayList<>();
        if (replace) {
            changes.add(new Change("hard link " + path + " to " + src, new Diff(path + " (state)", prev + "\n",
                    "hard -> " + src + "\n"), List.of((prev.equals("absent") ? "ln -- " : "ln -fn -- ")
                    + Sh.quote(src) + " " + Sh.quote(path))));
        }
        FileStat inode = replace ? c.src().get() : here.get();
        changes.addAll(Attrs.changes(path, Attrs.Now.of(inode), w, c.umask(), false));
        Map<String, Object> result = FilePlanner.result("dest", path, "hard");
        result.put("src", src);
        return new FilePlanner.Planned(Plan.of(changes), path, "hard", result);
    }

    private static boolean sameInode(FileStat a, FileStat b) {
        return a.inode() == b.inode() && a.dev() == b.dev();
    }

    static String parent(String path) {
        String t = path.replaceAll("/+$", "");
        int slash = t.lastIndexOf('/');
        return slash < 0 ? "." : slash == 0 ? "/" : t.substring(0, slash);
    }
}
