package org.drover.module.files;

import java.util.ArrayList;
import java.util.List;
import org.drover.freebsd.FileStat;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.transport.Sh;

/**
 * Mode, owner and group of one path: what differs from the task (each a change with its diff), and the commands
 * for a path the task creates (its attributes are part of the creation).
 */
final class Attrs {
    private Attrs() {}

    /** The current attributes of a path: its permission bits, uid, gid and (when the ids have them) names. */
    record Now(int mode, long uid, long gid, String owner, String group, boolean isDir) {
        static Now of(FileStat s) {
            return new Now(s.mode(), s.uid(), s.gid(), s.owner(), s.group(), s.isDir());
        }
    }

    /** Changes for the attributes of an existing path that differ from {@code w}'s; {@code link}: the link itself. */
    static List<Change> changes(String path, Now now, FileWant w, int umask, boolean link) {
        List<Change> out = new ArrayList<>();
        String q = Sh.quote(path);
        if (w.mode() != null) {
            int want = Modes.apply(w.mode(), now.mode(), now.isDir(), umask);
            if (want != now.mode()) {
                out.add(change(path, "mode", octal(now.mode()), octal(want),
                        "chmod " + (link ? "-h " : "") + octal(want) + " -- " + q));
            }
        }
        if (w.owner() != null && !same(w.owner(), now.uid(), now.owner())) {
            out.add(change(path, "owner", show(now.owner(), now.uid()), w.owner(),
                    "chown " + (link ? "-h " : "") + "-- " + Sh.quote(w.owner()) + " " + q));
        }
        if (w.group() != null && !same(w.group(), now.gid(), now.group())) {
            out.add(change(path, "group", show(now.group(), now.gid()), w.group(),
                    "chgrp " + (link ? "-h " : "") + "-- " + Sh.quote(w.group()) + " " + q));
        }
        return out;
    }

    /** Commands that give a path just created the task's attributes ({@code baseMode}: what mkdir/touch leave). */
    static List<String> forNew(String path, int baseMode, boolean isDir, FileWant w, int umask) {
        List<String> out = new ArrayList<>();
        String q = Sh.quote(path);
        if (w.mode() != null) {
            int want = Modes.apply(w.mode(), baseMode, isDir, umask);
            if (want != baseMode) {
                out.add("chmod " + octal(want) + " -- " + q);
            }
        }
        if (w.owner() != null) {
            out.add("chown -- " + Sh.quote(w.owner()) + " " + q);
        }
        if (w.group() != null) {
            out.add("chgrp -- " + Sh.quote(w.group()) + " " + q);
        }
        return out;
    }

    /** The mode the path has after the task. */
    static int after(Now now, FileWant w, int umask) {
        return w.mode() == null ? now.mode() : Modes.apply(w.mode(), now.mode(), now.isDir(), umask);
    }

    static String octal(int mode) {
        return String.format("%04o", mode);
    }

    /** A name or a number, compared as Ansible compares them (a number is an id, a name is looked up). */
    private static boolean same(String want, long id, String name) {
        return want.matches("[0-9]+") ? Long.parseLong(want) == id : want.equals(name);
    }

    private static String show(String name, long id) {
        return name != null ? name : Long.toString(id);
    }

    private static Change change(String path, String what, String have, String want, String command) {
        return new Change(what + " of " + path + ": " + have + " -> " + want,
                new Diff(path + " (" + what + ")", have + "\n", want + "\n"), List.of(command));
    }
}
