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

    public Lazy(Supplier<Object> value, String text) {
        this.value = value;
        this.text = text;
    }

    /** The value; throws the {@link TemplateException} that prevents computing it. */
    @Override
    public Object get() {
        return value.get();
    }

    @Override
    public String toString() {
        return text;
    }
}
