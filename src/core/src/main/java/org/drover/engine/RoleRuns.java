package org.drover.engine;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.drover.playbook.Block;
import org.drover.playbook.RoleMeta;

/**
 * What Ansible tracks on its Role objects during a play: a role (by identity) that ran a task on a host and
 * reached its end there does not run again on that host unless it allows duplicates; an include_role with
 * {@code public: true} makes its defaults and vars seen by the tasks after it.
 */
final class RoleRuns {
    /** Role key and host where a task of the role ran (ok, changed or failed, not skipped). */
    private final Set<String> ran = ConcurrentHashMap.newKeySet();
    /** Role key and host where the role ran and ended: it has run there. */
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final List<Block> published = new CopyOnWriteArrayList<>();

    /** Whether the role Block is skipped on this host, having run there already. */
    boolean hasRun(Block role, PlayHost ph) {
        RoleMeta m = role.roleMeta();
        return m != null && !m.allowDuplicates() && done.contains(m.key() + '\0' + ph.name());
    }

    /** A task of the innermost role of {@code sc} ran on the host. */
    void taskRan(Scope sc, PlayHost ph) {
        Block role = sc.roleBlock();
        if (role != null && role.roleMeta() != null) {
            ran.add(role.roleMeta().key() + '\0' + ph.name());
        }
    }

    /** The role Block ended on these hosts: where one of its tasks ran, it has run. */
    void ended(Block role, List<PlayHost> hs) {
        if (role.roleMeta() == null) {
            return;
        }
        for (PlayHost ph : hs) {
            String k = role.roleMeta().key() + '\0' + ph.name();
            if (ran.contains(k)) {
                done.add(k);
            }
        }
    }

    /** An included role's defaults and vars are seen from now on when it is public. */
    void entered(Block role) {
        if (role.roleMeta() != null && role.roleMeta().visibility() == RoleMeta.Visibility.AFTER_INCLUDE
                && !published.contains(role)) {
            published.add(role);
        }
    }

    /** The public included roles entered so far, in order. */
    List<Block> published() {
        return published;
    }
}
