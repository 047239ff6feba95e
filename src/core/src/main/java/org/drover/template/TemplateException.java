package org.drover.template;

/** A template could not be rendered: an undefined variable (named) or a syntax error. */
public class TemplateException extends RuntimeException {
    private final String variable;
    private final String reason;

    public TemplateException(String message, String variable) {
        super(message);
        this.variable = variable;
        this.reason = message;
    }

    /** The reason ("'x' is undefined"), then the template or expression it came from. */
    public TemplateException(String reason, String variable, String source) {
        super(reason + " (in '" + source + "')");
        this.variable = variable;
        this.reason = reason;
    }

    /** The undefined variable's (or missing attribute's) name, or null for other errors. */
    public String variable() {
        return variable;
    }

    /** The message without the template it came from, for callers that quote the expression themselves. */
    public String reason() {
        return reason;
    }
}
