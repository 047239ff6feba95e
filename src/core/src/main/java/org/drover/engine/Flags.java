package org.drover.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.drover.template.Templater;

/** Boolean keywords Ansible templates per host ({@code ignore_errors}), converted as its strict {@code boolean()}. */
final class Flags {
    private static final List<String> TRUE = List.of("y", "yes", "on", "1", "true", "t", "1.0");
    private static final List<String> FALSE = List.of("n", "no", "off", "0", "false", "f", "0.0");

    private Flags() {}

    /** @param raw a Boolean, or a template; null is false */
    static boolean eval(Object raw, String what, Templater templater, Map<String, Object> vars) {
        if (raw == null || raw instanceof Boolean) {
            return Boolean.TRUE.equals(raw);
        }
        Object v = templater.render(raw, vars);
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v instanceof Number n ? String.valueOf(n.doubleValue() == n.longValue() ? n.longValue() : n)
                : String.valueOf(v).strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(s)) {
            return true;
        }
        if (FALSE.contains(s)) {
            return false;
        }
        throw new IllegalArgumentException("The value '" + v + "' is not a valid boolean. Valid booleans"
                + " include: 'y', 'yes', 'on', '1', 'true', 't', 'n', 'no', 'off', '0', 'false', 'f'");
    }
}
