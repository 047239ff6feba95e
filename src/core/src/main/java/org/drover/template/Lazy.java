package org.drover.template;

import java.util.function.Supplier;

/**
 * A variable whose value is computed only when a template reads it: a definition such as {@code a: "{{ b }}"}
 * is rendered on first use, as Ansible does, and one that cannot be rendered fails only the templates that
 * read it. Outside templates it stands for its text as written ({@link #toString()}).
 */
public final class Lazy implements Supplier<Object> {
    private final Supplier<Object> value;
    private final String text;
    private final TemplateException undefinedBecause;

    public Lazy(Supplier<Object> value, String text) {
        this(value, text, null);
    }

    private Lazy(Supplier<Object> value, String text, TemplateException undefinedBecause) {
        this.value = value;
        this.text = text;
        this.undefinedBecause = undefinedBecause;
    }

    /**
     * A definition that reads an undefined variable is undefined itself, as in Ansible: {@code is defined} is
     * false, {@code default()} applies, any other use fails naming it and, after, the cause.
     */
    public static Lazy undefined(String text, TemplateException cause) {
        return new Lazy(() -> null, text, cause);
    }

    /** The value (null when undefined); throws the {@link TemplateException} that prevents computing it. */
    @Override
    public Object get() {
        return value.get();
    }

    /** Why this variable is undefined, or null. */
    public TemplateException undefinedBecause() {
        return undefinedBecause;
    }

    @Override
    public String toString() {
        return text;
    }
}
