package org.drover.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Ansible's strict undefined: what a name that is not a variable, or a key a mapping lacks, evaluates to while an
 * expression is being evaluated. It flows through attribute access unchanged ({@code cfg.port.number} of an
 * undefined {@code cfg} is still "'cfg' is undefined"), is excused by {@code is defined}, {@code is undefined},
 * {@code default}/{@code d} and {@code mandatory}, and fails the evaluation in every other case, naming the
 * missing variable or attribute.
 *
 * <p>Each evaluation opens a scope on its thread ({@link #open()}); every undefined made during it is recorded
 * there, and {@link #check(String)} fails with the first that nothing excused. Outside a scope no undefined is
 * made: lookups keep Jinjava's plain null.
 */
final class Undefined {
    private static final ThreadLocal<Deque<List<Undefined>>> SCOPES = ThreadLocal.withInitial(ArrayDeque::new);

    private final String name;
    private final String reason;
    private boolean excused;

    private Undefined(String name, String reason) {
        this.name = name;
        this.reason = reason;
    }

    /** A variable that is not defined, or null outside an evaluation. */
    static Undefined variable(String name) {
        return record(new Undefined(name, "'" + name + "' is undefined"));
    }

    /** A variable undefined because its definition reads an undefined one: the reason names both. */
    static Undefined because(String name, TemplateException cause) {
        return record(new Undefined(name, "'" + name + "' is undefined: " + cause.reason()));
    }

    /** A key or attribute the mapping lacks ("'dict object' has no attribute 'sub'"), or null outside an evaluation. */
    static Undefined attribute(String name) {
        return record(new Undefined(name, "'dict object' has no attribute '" + name + "'"));
    }

    /** What base lacks, worded as Jinja2 does ("'list object' has no element 5"), or null outside an evaluation. */
    static Undefined attribute(String name, Object base) {
        if (base instanceof java.util.List && name.matches("-?\\d+")) {
            return record(new Undefined(name, "'list object' has no element " + name));
        }
        return record(new Undefined(name, "'" + typeName(base) + " object' has no attribute '" + name + "'"));
    }

    private static String typeName(Object v) {
        if (v instanceof java.util.Map) {
            return "dict";
        }
        if (v instanceof java.util.Collection) {
            return "list";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Double || v instanceof Float) {
            return "float";
        }
        return v instanceof Number ? "int" : "str";
    }

    private static Undefined record(Undefined u) {
        Deque<List<Undefined>> scopes = SCOPES.get();
        if (scopes.isEmpty()) {
            return null;
        }
        scopes.peek().add(u);
        return u;
    }

    /** True when v is an undefined, which is then excused: the caller handles it (is defined, default). */
    static boolean excuse(Object v) {
        if (v instanceof Undefined u) {
            u.excused = true;
            return true;
        }
        return false;
    }

    /** The missing variable's or attribute's name. */
    String name() {
        return name;
    }

    /** Starts recording the undefined values made on this thread, until the matching {@link #close()}. */
    static void open() {
        SCOPES.get().push(new ArrayList<>());
    }

    static void close() {
        Deque<List<Undefined>> scopes = SCOPES.get();
        scopes.pop();
        if (scopes.isEmpty()) {
            SCOPES.remove();
        }
    }

    /** Fails with the first undefined of the current scope that was used rather than excused. */
    static void check(String source) {
        for (Undefined u : SCOPES.get().peek()) {
            if (!u.excused) {
                throw u.error(source);
            }
        }
    }

    TemplateException error(String source) {
        return new TemplateException(reason, name, source.strip());
    }

    @Override
    public String toString() {
        return "";
    }
}
