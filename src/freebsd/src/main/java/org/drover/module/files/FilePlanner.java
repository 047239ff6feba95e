package org.drover.module.files;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drover.freebsd.FileStat;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.module.Plan;
import org.drover.transport.Sh;

/**
 * The {@code file} module's decisions, as ansible-core's {@code modules/file.py} makes them (its messages too),
 * for the states file, directory, touch and absent; {@link LinkPlanner} has link and hard. Pure.
 */
final class FilePlanner {
    private FilePlanner() {}

    /** The plan, and what the result reports: the path acted on, the state it ends in, more result fields. */
    record Planned(Plan plan, String path, String state, Map<String, Object> result) {
        static Planned fail(String why, String path) {
            return new Planned(Plan.fail(why), path, null, new LinkedHashMap<>());
        }
    }

    /** Ansible's get_state: absent, file, directory, link, or hard (a non-directory with more than one link). */
    static String stateOf(Optional<FileStat> s) {
        if (s.isEmpty()) {
            return "absent";
        }
        String t = s.get().type();
        if (t.equals("link") || t.equals("directory")) {
            return t;
        }
        return s.get().nlink() > 1 ? "hard" : "file";
    }

    static Planned plan(FileState c, FileWant w) {
        if (c.error() != null) {
            return Planned.fail(c.error(), w.path());
        }
        String prev = stateOf(c.path());
        String state = w.state() != null ? w.state() : !prev.equals("absent") ? prev
                : w.recurse() ? "directory" : "file";
        if (w.recurse() && !state.equals("directory")) {
            return Planned.fail("recurse option requires state to be 'directory'", w.path());
        }
        if (w.src() != null && !state.equals("link") && !state.equals("hard")) {
            return Planned.fail("src option requires state to be 'link' or 'hard'", w.path());
        }
        return switch (state) {
            case "absent" -> absent(c, w, prev);
            case "file" -> file(c, w, prev);
            case "directory" -> directory(c, w, prev);
            case "touch" -> touch(c, w, prev);
            case "link" -> LinkPlanner.symlink(c, w, prev);
            default -> LinkPlanner.hard(c, w, prev);
        };
    }

    private static Planned absent(FileState c, FileWant w, String prev) {
        Map<String, Object> result = result("path", w.path(), "absent");
        if (prev.equals("absent")) {
            return new Planned(Plan.none(), w.path(), "absent", result);
        }
        StringBuilder before = new StringBuilder(prev + "\n");
        for (FileStat e : c.tree()) {
            before.append(e.tail()).append(e.isDir() ? "/\n" : "\n");
        }
        String cmd = (prev.equals("directory") ? "rm -rf -- " : "rm -f -- ") + Sh.quote(w.path());
        Change ch = new Change("remove " + w.path() + " (" + prev + (c.tree().isEmpty() ? "" : ", "
                + c.tree().size() + " entries") + ")", new Diff(w.path() + " (state)", before.toString(), "absent\n"),
                List.of(cmd));
        return new Planned(Plan.of(List.of(ch)), w.path(), "absent", result);
    }

    private static Planned file(FileState c, FileWant w, String prev) {
        String path = w.path();
        Optional<FileStat> s = c.path();
        if (!prev.equals("file") && w.follow() && prev.equals("link")) {
            FileState.Followed f = c.followed().orElseThrow();
            path = f.realPath() != null ? f.realPath() : path;
            s = f.stat();
            prev = stateOf(s);
        }
        if (!prev.equals("file") && !prev.equals("hard")) {
            return Planned.fail("file (" + path + ") is " + prev + ", cannot continue", path);
        }
        return existing(c, w, path, s.get(), "file");
    }

    private static Planned directory(FileState c, FileWant w, String prev) {
        String path = w.path();
        Optional<FileStat> s = c.path();
        if (w.follow() && prev.equals("link")) {
            FileState.Followed f = c.followed().orElseThrow();
            if (f.stat().isEmpty()) {
                return Planned.fail(path + " is a link to a missing target: drover does not create the directory "
                        + "it names (Ansible would); create it by its own path, or set follow: false", path);
            }
            path = f.realPath();
            s = f.stat();
            prev = stateOf(s);
        }
        if (prev.equals("absent")) {
            return create(c, w, path);
        }
        if (!prev.equals("directory")) {
            return Planned.fail(path + " already exists as a " + prev, path);
        }
        Planned p = existing(c, w, path, s.get(), "directory");
        if (!w.recurse() || p.plan().failure() != null) {
            return p;
        }
        List<Change> changes = new ArrayList<>(p.plan().changes());
        for (FileStat e : c.tree()) {
            if (e.isLink()) {
                return Planned.fail("recurse: " + e.tail() + " is a symbolic link; drover does not change "
                        + "attributes through links as Ansible does (the link and, with follow, its target): set them "
                        + "in a separate task", path);
            }
            changes.addAll(Attrs.changes(e.tail(), Attrs.Now.of(e), w, c.umask(), false));
        }
        return new Planned(Plan.of(changes), path, "directory", p.result());
    }

    /** mkdir for every missing directory, outermost first, each given the task's attributes (as Ansible). */
    private static Planned create(FileState c, FileWant w, String path) {
        List<String> commands = new ArrayList<>();
        int base = 0777 & ~c.umask();
        List<String> missing = c.missing().isEmpty() ? List.of(path) : c.missing();
        for (String d : missing) {
            commands.add("mkdir -- " + Sh.quote(d));
            commands.addAll(Attrs.forNew(d, base, true, w, c.umask()));
        }
        Change ch = new Change("create directory " + path, new Diff(path + " (state)", "absent\n", "directory\n"),
                commands);
        Map<String, Object> result = result("path", path, "directory");
        result.put("mode", Attrs.octal(w.mode() == null ? base : Modes.apply(w.mode(), base, true, c.umask())));
        return new Planned(Plan.of(List.of(ch)), path, "directory", result);
    }

    private static Planned touch(FileState c, FileWant w, String prev) {
        String path = w.path();
        Map<String, Object> result = result("dest", path, "file");
        if (prev.equals("absent")) {
            List<String> commands = new ArrayList<>(List.of("touch -- " + Sh.quote(path)));
            commands.addAll(Attrs.forNew(path, 0666 & ~c.umask(), false, w, c.umask()));
            return new Planned(Plan.of(List.of(new Change("create " + path, new Diff(path + " (state)", "absent\n",
                    "file\n"), commands))), path, "file", result);
        }
        Optional<FileStat> s = c.path();
        String target = path;
        if (w.follow() && prev.equals("link") && c.followed().orElseThrow().stat().isPresent()) {
            target = c.followed().get().realPath();
            s = c.followed().get().stat();
        }
        List<Change> changes = new ArrayList<>();
        // Ansible's touch sets both times to now: it changes the path on every run.
        changes.add(new Change("touch " + path, null, List.of("touch -- " + Sh.quote(path))));
        changes.addAll(Attrs.changes(target, Attrs.Now.of(s.get()), w, c.umask(),
                !w.follow() && s.get().isLink()));
        result.put("state", stateOf(c.path()).equals("hard") ? "hard" : s.get().isDir() ? "directory" : "file");
        return new Planned(Plan.of(changes), path, "touch", result);
    }

    /** An existing path of the right kind: only its attributes may change. */
    static Planned existing(FileState c, FileWant w, String path, FileStat s, String state) {
        List<Change> changes = Attrs.changes(path, Attrs.Now.of(s), w, c.umask(), false);
        Map<String, Object> result = result("path", path, state);
        result.put("mode", Attrs.octal(Attrs.after(Attrs.Now.of(s), w, c.umask())));
        result.put("owner", w.owner() != null ? w.owner() : s.owner());
        result.put("group", w.group() != null ? w.group() : s.group());
        result.put("size", s.size());
        return new Planned(Plan.of(changes), path, state, result);
    }

    static Map<String, Object> result(String key, String path, String state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, path);
        m.put("state", state);
        return m;
    }
}
