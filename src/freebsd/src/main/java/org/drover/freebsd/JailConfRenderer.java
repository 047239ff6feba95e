package org.drover.freebsd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders one jail's jail.conf file, deterministically: the same definition always gives the same bytes, so a
 * byte comparison with the file on the host tells whether it changed. Fixed parameters come first, then the
 * others sorted by name, then the exec hooks in the order jail(8) runs them. Values are written literally:
 * strings with a '$' or a quote are single-quoted, where jail.conf expands no variables.
 */
public final class JailConfRenderer {
    /** First line of every file drover writes; a file without it was not written by drover. */
    public static final String HEADER = "# Managed by drover: local changes are overwritten.";

    private static final List<String> EXEC_ORDER = List.of("prepare", "prestart", "created", "start", "poststart",
            "prestop", "stop", "poststop", "release");

    private JailConfRenderer() {}

    public static String render(JailConfig c) {
        StringBuilder b = new StringBuilder();
        b.append(HEADER).append('\n');
        b.append(c.name().value()).append(" {\n");
        if (c.path() != null) {
            assign(b, "path", c.path());
        }
        if (c.hostname() != null) {
            assign(b, "host.hostname", c.hostname());
        }
        if (c.vnet()) {
            assign(b, "vnet", "new");
            if (!c.vnetInterfaces().isEmpty()) {
                list(b, "vnet.interface", c.vnetInterfaces());
            }
        }
        if (!c.ip4().isEmpty()) {
            list(b, "ip4.addr", c.ip4());
        }
        if (!c.ip6().isEmpty()) {
            list(b, "ip6.addr", c.ip6());
        }
        for (Map.Entry<String, Object> e : new TreeMap<>(c.params()).entrySet()) {
            param(b, e.getKey(), e.getValue());
        }
        List<String> hooks = new ArrayList<>(EXEC_ORDER);
        new TreeMap<>(c.exec()).keySet().stream().filter(k -> !EXEC_ORDER.contains(k)).forEach(hooks::add);
        for (String hook : hooks) {
            List<String> cmds = c.exec().get(hook);
            if (cmds == null) {
                continue;
            }
            for (int i = 0; i < cmds.size(); i++) {
                b.append('\t').append("exec.").append(hook).append(i == 0 ? " = " : " += ")
                        .append(quote(cmds.get(i))).append(";\n");
            }
        }
        b.append("}\n");
        return b.toString();
    }

    private static void param(StringBuilder b, String key, Object v) {
        if (v instanceof Boolean bool) {
            b.append('\t').append(bool ? key : JailParams.negated(key)).append(";\n");
        } else if (v instanceof List<?> l) {
            list(b, key, l.stream().map(String::valueOf).toList());
        } else if (v == null) {
            b.append('\t').append(key).append(";\n");
        } else {
            assign(b, key, String.valueOf(v));
        }
    }

    private static void assign(StringBuilder b, String key, String value) {
        b.append('\t').append(key).append(" = ").append(quote(value)).append(";\n");
    }

    private static void list(StringBuilder b, String key, List<String> values) {
        b.append('\t').append(key).append(" = ");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
        }
        b.append(";\n");
    }

    /** A jail.conf string: double quotes when that is literal, else single quotes (no variable expansion). */
    static String quote(String s) {
        boolean plain = s.chars().noneMatch(c -> c == '"' || c == '\'' || c == '\\' || c == '$' || c < 0x20
                || c == 0x7f);
        if (plain) {
            return "\"" + s + "\"";
        }
        StringBuilder b = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\'' -> b.append("\\'");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\%03o", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('\'').toString();
    }
}
