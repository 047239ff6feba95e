package org.drover.playbook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.drover.text.Suggest;
import org.drover.yaml.Yaml;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Readers of typed keyword values (a boolean, a bounded number, a choice, conditions, tags, variables, ...). Each
 * takes the keyword's entry, null when the keyword is absent, and gives null or an empty value for an absent or
 * invalid one, after recording the problem.
 */
final class Values {
    static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final List<String> BECOME_METHODS = List.of("doas", "sudo", "su");

    private final Problems problems;

    Values(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    static boolean isTemplated(String s) {
        return s != null && (s.contains("{{") || s.contains("{%"));
    }

    static boolean isVariableName(String s) {
        return VAR_NAME.matcher(s).matches();
    }

    /** {@code become}, {@code become_user} and {@code become_method} together. */
    BecomeSpec become(Map<String, Yaml.Entry> es) {
        Boolean b = bool(es.get("become"), "become");
        String user = scalar(es.get("become_user"), "become_user");
        String method = choice(es.get("become_method"), BECOME_METHODS, "become_method");
        return b == null && user == null && method == null ? BecomeSpec.UNSET : new BecomeSpec(b, user, method);
    }

    String choice(Yaml.Entry e, List<String> choices, String what) {
        String v = scalar(e, what);
        if (v == null) {
            return null;
        }
        if (!choices.contains(v)) {
            problems.error(Yaml.mark(e.value()), "'" + what + "' must be one of " + String.join(", ", choices)
                    + ", got '" + v + "'" + Suggest.didYouMean(v, choices));
            return null;
        }
        return v;
    }

    Boolean bool(Yaml.Entry e, String what) {
        if (e == null || Yaml.isNull(e.value())) {
            return null;
        }
        if (e.value() instanceof ScalarNode s) {
            switch (s.getValue().trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> {
                    return true;
                }
                case "false", "no", "off" -> {
                    return false;
                }
                default -> { }
            }
        }
        problems.error(Yaml.mark(e.value()), "'" + what + "' must be true or false, got " + Yaml.describe(e.value())
                + (e.value() instanceof ScalarNode s && isTemplated(s.getValue())
                        ? " (templates are not supported here)" : ""));
        return null;
    }

    /** A boolean keyword Ansible templates: true/false, or a template (kept, rendered per host when it runs). */
    Object flag(Yaml.Entry e, String what) {
        if (e != null && e.value() instanceof ScalarNode s && isTemplated(s.getValue())) {
            return s.getValue();
        }
        return bool(e, what);
    }

    Integer integer(Yaml.Entry e, String what, int min, int max) {
        if (e == null || Yaml.isNull(e.value())) {
            return null;
        }
        if (e.value() instanceof ScalarNode s && s.getValue().trim().matches("-?\\d{1,9}")) {
            int v = Integer.parseInt(s.getValue().trim());
            if (v >= min && v <= max) {
                return v;
            }
        }
        problems.error(Yaml.mark(e.value()), "'" + what + "' must be a whole number"
                + (max == 100 ? " from " + min + " to 100" : min > 0 ? " of at least " + min : " (0 or more)")
                + ", got " + Yaml.describe(e.value()));
        return null;
    }

    String scalar(Yaml.Entry e, String what) {
        if (e == null || Yaml.isNull(e.value())) {
            return null;
        }
        if (e.value() instanceof ScalarNode s) {
            return s.getValue();
        }
        problems.error(Yaml.mark(e.value()), "'" + what + "' must be a single value, got " + Yaml.describe(e.value()));
        return null;
    }

    /**
     * A task's name: a scalar that YAML reads as a string. Ansible shows a task named by another scalar ({@code true},
     * {@code 1}) after its module, as an unnamed one.
     */
    String taskName(Yaml.Entry e) {
        String v = scalar(e, "name");
        return v != null && Yaml.toValue(e.value()) instanceof String ? v : null;
    }

    /** A scalar that must be a variable name ({@code register}, {@code loop_var}). */
    String variableName(Yaml.Entry e, String what, String expected) {
        String v = scalar(e, what);
        if (v != null && !isVariableName(v)) {
            problems.error(Yaml.mark(e.value()), "'" + what + "' must be " + expected + ", got '" + v + "'");
        }
        return v;
    }

    /** {@code when}/{@code changed_when}/{@code failed_when}/{@code until}: a condition or a list (all must hold). */
    List<String> conditions(Yaml.Entry e, String what) {
        if (e == null || Yaml.isNull(e.value())) {
            return List.of();
        }
        List<Node> nodes = e.value() instanceof SequenceNode s ? s.getValue() : List.of(e.value());
        List<String> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n instanceof ScalarNode s && !Yaml.isNull(n)) {
                // a YAML 1.1 boolean (no, On, ...) is the boolean in Ansible, not a variable named 'no'
                String c = Yaml.toValue(n) instanceof Boolean b ? b.toString() : s.getValue().strip();
                if (c.startsWith("{{") && c.endsWith("}}") && c.indexOf("{{", 2) < 0) {
                    c = c.substring(2, c.length() - 2).strip(); // Ansible warns; the bare expression means the same
                }
                out.add(c);
            } else {
                problems.error(Yaml.mark(n), "'" + what + "' must be a condition (an expression such as \"x == 'a'\")"
                        + " or a list of them, got " + Yaml.describe(n)
                        + (Yaml.isMapping(n) ? "; quote a condition that contains ': '" : ""));
            }
        }
        return out;
    }

    List<String> tags(Yaml.Entry e) {
        List<String> out = new ArrayList<>();
        for (String t : stringOrList(e, "tags")) {
            for (String p : t.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
        }
        return out;
    }

    /** A play's {@code gather_subset}: names (a list, or comma-separated), each one the setup module knows. */
    List<String> gatherSubset(Yaml.Entry e) {
        List<String> out = new ArrayList<>();
        for (String t : stringOrList(e, "gather_subset")) {
            for (String p : t.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
        }
        String problem = org.drover.module.facts.Subsets.problem(out);
        if (problem != null) {
            problems.error(Yaml.mark(e.value()), "'gather_subset': " + problem);
        }
        return out;
    }

    List<String> stringOrList(Yaml.Entry e, String what) {
        if (e == null || Yaml.isNull(e.value())) {
            return List.of();
        }
        if (Yaml.isScalar(e.value())) {
            return List.of(((ScalarNode) e.value()).getValue());
        }
        List<String> l = stringList(e, what);
        return l == null ? List.of() : l;
    }

    List<String> stringList(Yaml.Entry e, String what) {
        List<Node> items = problems.items(e.value(), "'" + what + "'");
        if (items == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Node n : items) {
            if (n instanceof ScalarNode s && !Yaml.isNull(n)) {
                out.add(s.getValue());
            } else {
                problems.error(Yaml.mark(n), "each '" + what + "' entry must be a single value, got "
                        + Yaml.describe(n));
            }
        }
        return out;
    }

    /** A mapping as plain values; under {@code vars} each key must be a variable name. */
    Map<String, Object> mapping(Yaml.Entry e) {
        if (e == null || Yaml.isNull(e.value())) {
            return Map.of();
        }
        Map<String, Yaml.Entry> es = problems.entries(e.value(), "'" + e.key() + "'");
        if (es == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Yaml.Entry v : es.values()) {
            if (e.key().equals("vars") && !isVariableName(v.key())) {
                problems.error(Yaml.mark(v.keyNode()), "'" + v.key() + "' is not a valid variable name (letters,"
                        + " digits, _)");
            }
            out.put(v.key(), Yaml.toValue(v.value()));
        }
        return out;
    }

    Map<String, Object> environment(Yaml.Entry e) {
        Map<String, Object> env = mapping(e);
        if (e != null) {
            for (Map.Entry<String, Object> v : env.entrySet()) {
                if (!isVariableName(v.getKey())) {
                    problems.error(Yaml.mark(e.value()), "environment: '" + v.getKey() + "' is not a valid variable"
                            + " name");
                } else if (v.getValue() instanceof Map || v.getValue() instanceof List) {
                    problems.error(Yaml.mark(e.value()), "environment: '" + v.getKey() + "' must be a single value");
                }
            }
        }
        return env;
    }

    /**
     * {@code vars_files}: file names relative to the playbook (in its {@code vars/} or beside it); an entry that
     * is a list names candidates of which the first found is read. Templated names are resolved per host.
     */
    List<List<String>> varsFiles(Path dir, Yaml.Entry e) {
        if (e == null || Yaml.isNull(e.value())) {
            return List.of();
        }
        List<Node> nodes = e.value() instanceof SequenceNode s ? s.getValue() : List.of(e.value());
        List<List<String>> out = new ArrayList<>();
        for (Node n : nodes) {
            List<Node> candidates = n instanceof SequenceNode s ? s.getValue() : List.of(n);
            List<String> names = new ArrayList<>();
            for (Node c : candidates) {
                if (!Yaml.isScalar(c) || Yaml.isNull(c)) {
                    problems.error(Yaml.mark(c), "each 'vars_files' entry must be a file name or a list of them, got "
                            + Yaml.describe(c));
                } else {
                    names.add(((ScalarNode) c).getValue());
                }
            }
            if (names.isEmpty()) {
                continue;
            }
            if (names.stream().noneMatch(Values::isTemplated) && names.stream().noneMatch(f -> Play.varsFile(dir, f) != null)) {
                problems.error(Yaml.mark(n), names.size() == 1 ? "vars file not found: " + dir.resolve(names.get(0))
                        .normalize() : "none of these vars files is found: " + String.join(", ", names));
                continue;
            }
            out.add(names);
        }
        return out;
    }

    /** {@code serial}: a number of hosts, a percentage, or a list of those. */
    List<Object> serial(Yaml.Entry e) {
        if (e == null || Yaml.isNull(e.value())) {
            return List.of();
        }
        List<Node> nodes = e.value() instanceof SequenceNode s ? s.getValue() : List.of(e.value());
        List<Object> out = new ArrayList<>();
        for (Node n : nodes) {
            Object size = batchSize(n);
            if (size != null) {
                out.add(size);
            } else {
                problems.error(Yaml.mark(n), "'serial' must be a positive number of hosts, a percentage like \"30%\","
                        + " or a list of those, got " + Yaml.describe(n));
            }
        }
        return out;
    }

    /** One serial entry: an Integer, a percentage string without spaces, or null when invalid. */
    private static Object batchSize(Node n) {
        String v = n instanceof ScalarNode s ? s.getValue().trim() : null;
        if (v != null && v.matches("\\d{1,18}")) {
            long num = Long.parseLong(v);
            if (num >= 1 && num <= Integer.MAX_VALUE) {
                return (int) num;
            }
        } else if (v != null && v.matches("\\d+(\\.\\d+)?\\s*%")) {
            double pct = Double.parseDouble(v.substring(0, v.length() - 1).trim());
            if (pct > 0 && pct <= 100) {
                return v.replace(" ", "");
            }
        }
        return null;
    }

    /**
     * {@code loop} (any value: one that is no list fails the task when it runs, as in Ansible) or one of the
     * {@code with_X} forms ({@link LoopWith}); null when there is no loop.
     */
    Object loop(Map<String, Yaml.Entry> es) {
        Yaml.Entry found = null;
        for (Yaml.Entry e : es.values()) {
            boolean isLoop = e.key().equals("loop")
                    || e.key().startsWith("with_") && LoopWith.LOOKUPS.contains(e.key().substring(5));
            if (!isLoop) {
                continue;
            }
            if (found != null) {
                problems.error(Yaml.mark(e.keyNode()), "a task has one loop: '" + found.key() + "' and '" + e.key()
                        + "' cannot both be given");
                return null;
            }
            found = e;
        }
        if (found == null || Yaml.isNull(found.value())) {
            return null;
        }
        Object value = Yaml.toValue(found.value());
        return found.key().equals("loop") ? value : new LoopWith(found.key().substring(5), value);
    }

    /** A number of seconds, fractions allowed ({@code pause}). */
    Double seconds(Yaml.Entry e, String what) {
        if (e == null || Yaml.isNull(e.value())) {
            return null;
        }
        if (e.value() instanceof ScalarNode s && s.getValue().trim().matches("\\d{1,9}(\\.\\d+)?")) {
            return Double.parseDouble(s.getValue().trim());
        }
        problems.error(Yaml.mark(e.value()), "'" + what + "' must be a number of seconds, got "
                + Yaml.describe(e.value()));
        return null;
    }
}
