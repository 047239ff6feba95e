package org.drover.template;

/** A template could not be rendered: an undefined variable (named) or a syntax error. */
public class TemplateException extends RuntimeException {
    private final String variable;

    public TemplateException(String message, String variable) {
        super(message);
        this.variable = variable;
    }

    /** The undefined variable's name, or null for other errors. */
    public String variable() {
        return variable;
    }
}
