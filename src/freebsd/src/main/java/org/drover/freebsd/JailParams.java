package org.drover.freebsd;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of one running jail as {@code jls -n} prints them: {@code name=value} pairs, and booleans as
 * bare words ({@code persist} / {@code nopersist}, {@code allow.mount} / {@code allow.nomount}).
 */
public record JailParams(Map<String, String> values, Set<String> flags) {
    public JailParams {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        flags = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(flags));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A boolean parameter: true for the bare word, false for its {@code no} form; empty when not printed. */
    public Optional<Boolean> bool(String key) {
        if (flags.contains(key)) {
            return Optional.of(true);
        }
        if (flags.contains(negated(key))) {
            return Optional.of(false);
        }
        String v = values.get(key);
        if ("true".equals(v) || "1".equals(v)) {
            return Optional.of(true);
        }
        if ("false".equals(v) || "0".equals(v)) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** True when jls printed the parameter at all (as a value or as a boolean word). */
    public boolean has(String key) {
        return values.containsKey(key) || flags.contains(key) || flags.contains(negated(key));
    }

    public String name() {
        return values.get("name");
    }

    /** {@code allow.mount} → {@code allow.nomount}; {@code persist} → {@code nopersist}. */
    public static String negated(String key) {
        int dot = key.lastIndexOf('.');
        return key.substring(0, dot + 1) + "no" + key.substring(dot + 1);
    }
}
