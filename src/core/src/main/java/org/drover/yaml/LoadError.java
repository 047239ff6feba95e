package org.drover.yaml;

/** One problem found while loading or validating user input. Printed as {@code file:line:column: message}. */
public record LoadError(SourceMark mark, String message) {
    @Override
    public String toString() {
        return mark + ": " + message;
    }
}
