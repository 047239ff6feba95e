package org.drover.module;

import org.drover.text.PyText;
import org.drover.text.Suggest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A module's arguments after coercion to their declared types, with defaults filled in.
 * Built by {@link #bind}, which reports every problem at once.
 */
public final class Args {
    private static final Set<String> TRUE = Set.of("true", "yes", "on", "1", "y");
    private static final Set<String> FALSE = Set.of("false", "no", "off", "0", "n");

    private final Map<String, Object> values;

    private Args(Map<String, Object> values) {
        this.values = values;
    }

    /** For tests and modules that call other modules: wraps values that are already coerced. */
    public static Args of(Map<String, Object> values) {
        return new Args(new LinkedHashMap<>(values));
    }

    /**
     * Coerces and validates raw values against a spec.
     *
     * @param skipTemplated when true (load time), values still holding {@code {{ }}} are only type-checked later
     * @param errors        receives one message per problem (the caller adds the location)
     */
    public static Args bind(ModuleSpec spec, Map<String, Object> raw, boolean skipTemplated, List<String> errors) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            var arg = spec.arg(e.getKey());
            if (arg.isEmpty() && spec.anyArg().isPresent()) { // set_fact: any name, coerced as the "*" spec says
                try {
                    out.put(e.getKey(), coerce(spec.anyArg().get(), e.getValue()));
                } catch (IllegalArgumentException ex) {
                    errors.add("argument '" + e.getKey() + "': " + ex.getMessage());
                }
                continue;
            }
            if (arg.isEmpty()) {
                errors.add("module '" + spec.name() + "' has no argument '" + e.getKey() + "'"
                        + Suggest.didYouMean(e.getKey(), spec.args().stream().map(ArgSpec::name).toList()));
                continue;
            }
            ArgSpec a = arg.get();
            if (out.containsKey(a.name())) {
                errors.add("argument '" + a.name() + "' given twice (through an alias)");
                continue;
            }
            Object v = e.getValue();
            if (skipTemplated && containsTemplate(v)) {
                out.put(a.name(), v);
                continue;
            }
            try {
                Object c = coerce(a, v);
                if (!a.choices().isEmpty() && c != null && !a.choices().contains(String.valueOf(c))) {
                    errors.add("argument '" + a.name() + "' must be one of " + a.choices() + ", got '" + c + "'"
                            + Suggest.didYouMean(String.valueOf(c), a.choices()));
                    continue;
                }
                if (a.validator() != null && c != null) {
                    String problem = a.validator().check(c);
                    if (problem != null) {
                        errors.add("argument '" + a.name() + "': " + problem);
                        continue;
                    }
                }
                out.put(a.name(), c);
            } catch (IllegalArgumentException ex) {
                errors.add("argument '" + a.name() + "': " + ex.getMessage());
            }
        }
        for (ArgSpec a : spec.args()) {
            if (!out.containsKey(a.name()) && !a.name().equals(ModuleSpec.ANY)) {
                if (a.required()) {
                    errors.add("module '" + spec.name() + "' needs argument '" + a.name() + "'");
                } else if (a.defaultValue() != null) {
                    out.put(a.name(), a.defaultValue());
                }
            }
        }
        return new Args(out);
    }

    static boolean containsTemplate(Object v) {
        if (v instanceof String s) {
            return s.contains("{{") || s.contains("{%");
        }
        if (v instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(Args::containsTemplate) || m.keySet().stream().anyMatch(Args::containsTemplate);
        }
        if (v instanceof List<?> l) {
            return l.stream().anyMatch(Args::containsTemplate);
        }
        return false;
    }

    static Object coerce(ArgSpec a, Object v) {
        if (v == null) {
            return null;
        }
        return switch (a.type()) {
            case RAW -> v;
            case STR -> toStr(v);
            case INT -> toInt(v);
            case BOOL -> toBool(v);
            case LIST -> toList(v);
            case MAP -> {
                if (v instanceof Map<?, ?> m) {
                    yield new LinkedHashMap<>(m);
                }
                throw new IllegalArgumentException("expected a mapping, got a " + kind(v));
            }
        };
    }

    private static String toStr(Object v) {
        if (v instanceof Map || v instanceof List) {
            throw new IllegalArgumentException("expected a string, got a " + kind(v));
        }
        return PyText.str(v); // as Ansible's str arguments: a YAML yes is "True"
    }

    private static Long toInt(Object v) {
        if (v instanceof Number n) {
            if (n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new IllegalArgumentException("expected a whole number, got " + v);
            }
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("expected a whole number, got '" + v + "'");
        }
    }

    private static Boolean toBool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim().toLowerCase();
        if (TRUE.contains(s)) {
            return true;
        }
        if (FALSE.contains(s)) {
            return false;
        }
        throw new IllegalArgumentException("expected a boolean (true/false, yes/no), got '" + v + "'");
    }

    private static List<Object> toList(Object v) {
        if (v instanceof List<?> l) {
            return List.copyOf(l);
        }
        if (v instanceof Map) {
            throw new IllegalArgumentException("expected a list, got a mapping");
        }
        // Ansible accepts "a,b" for list arguments.
        List<Object> parts = new ArrayList<>();
        for (String p : String.valueOf(v).split(",")) {
            if (!p.isBlank()) {
                parts.add(p.trim());
            }
        }
        return List.copyOf(parts);
    }

    private static String kind(Object v) {
        return v instanceof Map ? "mapping" : v instanceof List ? "list" : "scalar";
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public Object get(String name) {
        return values.get(name);
    }

    public String string(String name) {
        Object v = values.get(name);
        return v == null ? null : String.valueOf(v);
    }

    public boolean bool(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    /** A BOOL argument that has no default: null when not given. */
    public Boolean optionalBool(String name) {
        return (Boolean) values.get(name);
    }

    public Long integer(String name) {
        Object v = values.get(name);
        return v == null ? null : ((Number) v).longValue();
    }

    public List<String> strings(String name) {
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        return ((List<?>) v).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        Object v = values.get(name);
        return v == null ? List.of() : (List<Object>) v;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        Object v = values.get(name);
        return v == null ? Map.of() : (Map<String, Object>) v;
    }

    public Map<String, Object> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }
}
