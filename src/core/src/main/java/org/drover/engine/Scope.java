package org.drover.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.drover.playbook.Block;
import org.drover.playbook.Play;
import org.drover.playbook.Task;

/**
 * The blocks enclosing a task (outer first) and whether a failure there goes to a rescue section. Keywords a
 * block passes down to its tasks (when, tags, ignore_errors, role, files) are read here.
 */
record Scope(List<Block> chain, boolean rescuable) {
    static final Scope ROOT = new Scope(List.of(), false);

    Scope enter(Block b, boolean rescueHere) {
        List<Block> c = new ArrayList<>(chain);
        c.add(b);
        return new Scope(List.copyOf(c), rescuable || rescueHere);
    }

    /** The innermost role, or null. */
    String role() {
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (chain.get(i).role() != null) {
                return chain.get(i).role();
            }
        }
        return null;
    }

    /** The innermost role's Block, or null. */
    Block roleBlock() {
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (chain.get(i).role() != null) {
                return chain.get(i);
            }
        }
        return null;
    }

    /** The directory of the innermost role that has one, or null. */
    Path rolePath() {
        for (int i = chain.size() - 1; i >= 0; i--) {
            Block b = chain.get(i);
            if (b.role() != null && b.baseDir() != null) {
                return b.baseDir();
            }
        }
        return null;
    }

    /** The enclosing blocks' conditions, then the task's own: all must hold. */
    List<String> whens(Task t) {
        List<String> w = new ArrayList<>();
        chain.forEach(b -> w.addAll(b.when()));
        w.addAll(t.when());
        return w;
    }

    /** The play's, the enclosing blocks' and the task's tags. */
    Set<String> tags(Play play, Task t) {
        Set<String> s = new LinkedHashSet<>(play.tags());
        chain.forEach(b -> s.addAll(b.tags()));
        s.addAll(t.tags());
        return s;
    }

    /** The task's ignore_errors, else the innermost block's that sets it: a Boolean or a template; false if unset. */
    Object ignoreErrors(Task t) {
        if (t.ignoreErrors() != null) {
            return t.ignoreErrors();
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (chain.get(i).ignoreErrors() != null) {
                return chain.get(i).ignoreErrors();
            }
        }
        return false;
    }

    /** The task's check_mode, else the innermost block's that sets it; null when none does. */
    Boolean checkMode(Task t) {
        if (t.checkMode() != null) {
            return t.checkMode();
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (chain.get(i).checkMode() != null) {
                return chain.get(i).checkMode();
            }
        }
        return null;
    }

    /** The display name, prefixed with the role as Ansible does: {@code role : task}. */
    String taskName(Task t) {
        String role = role();
        return role != null && t.name() != null && !t.name().startsWith(role + " : ") ? role + " : " + t.displayName()
                : t.displayName();
    }

    /**
     * Where a module looks for local files, as Ansible's task search path: the blocks' (roles') directories inner
     * first, the directory of the task's file, then the play's.
     */
    List<Path> searchDirs(Play play, Task t) {
        List<Path> dirs = new ArrayList<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            Path d = chain.get(i).baseDir();
            if (d != null && !dirs.contains(d)) {
                dirs.add(d);
            }
        }
        Path taskDir = t.mark() == null || t.mark().file() == null ? null : Path.of(t.mark().file()).getParent();
        if (taskDir != null && rolePath() == null && !dirs.contains(taskDir)) {
            dirs.add(taskDir);
        }
        if (play.baseDir() != null && !dirs.contains(play.baseDir())) {
            dirs.add(play.baseDir());
        }
        return dirs;
    }
}
