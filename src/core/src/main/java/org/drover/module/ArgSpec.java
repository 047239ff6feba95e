package org.drover.module;

import java.util.List;

/**
 * One declared argument.
 *
 * @param validator checks a coerced value (after templating); returns an error message or null. May be null.
 */
public record ArgSpec(String name, ArgType type, boolean required, Object defaultValue, List<String> choices,
                      String description, String example, Validator validator, List<String> aliases) {
    public ArgSpec {
        choices = choices == null ? List.of() : List.copyOf(choices);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** Checks one coerced value; returns an error message, or null when the value is fine. */
    @FunctionalInterface
    public interface Validator {
        String check(Object value);
    }

    public static Builder of(String name, ArgType type) {
        return new Builder(name, type);
    }

    /** Fluent construction, so a module's declaration reads like its documentation. */
    public static final class Builder {
        private final String name;
        private final ArgType type;
        private boolean required;
        private Object defaultValue;
        private List<String> choices = List.of();
        private String description = "";
        private String example;
        private Validator validator;
        private List<String> aliases = List.of();

        private Builder(String name, ArgType type) {
            this.name = name;
            this.type = type;
        }

        public Builder required() { this.required = true; return this; }
        public Builder defaultValue(Object v) { this.defaultValue = v; return this; }
        public Builder choices(String... c) { this.choices = List.of(c); return this; }
        public Builder description(String d) { this.description = d; return this; }
        public Builder example(String e) { this.example = e; return this; }
        public Builder validator(Validator v) { this.validator = v; return this; }
        public Builder aliases(String... a) { this.aliases = List.of(a); return this; }

        public ArgSpec build() {
            return new ArgSpec(name, type, required, defaultValue, choices, description, example, validator, aliases);
        }
    }
}
