package org.drover.playbook;

import java.util.LinkedHashMap;
import java.util.Map;
import org.drover.transport.JailConnection;
import org.drover.yaml.Yaml;

/**
 * {@code jail: NAME} on a task, block, include or play: its commands run inside that jail of the host (through
 * jexec, over the host's connection). It is carried as the variable {@code drover_jail} of that level, so the
 * innermost level wins and a task's {@code jail:} overrides a jail target's own jail, as other vars do.
 */
final class JailKeyword {
    static final String VAR = "drover_jail";

    private JailKeyword() {}

    /**
     * The name, checked now unless it is a template (then it is checked when the task runs). An empty name means
     * the target itself: a task of a play with {@code jail:} that runs on the host.
     */
    static String read(Values v, Yaml.Entry e) {
        String name = v.scalar(e, "jail");
        if (name != null && !name.isEmpty() && !name.contains("{{")) {
            String problem = JailConnection.nameProblem(name);
            if (problem != null) {
                v.problems().error(Yaml.mark(e.value()), "jail: " + problem);
                return null;
            }
        }
        return name;
    }

    /** vars with {@code drover_jail} set when the level has a {@code jail:}. */
    static Map<String, Object> withJail(Map<String, Object> vars, String jail) {
        if (jail == null) {
            return vars;
        }
        Map<String, Object> m = new LinkedHashMap<>(vars == null ? Map.of() : vars);
        m.put(VAR, jail);
        return m;
    }
}
