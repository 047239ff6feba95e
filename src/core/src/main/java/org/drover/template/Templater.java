package org.drover.template;

import java.util.Map;

/**
 * Renders {@code {{ }}} templates and evaluates {@code when:} expressions with a host's variables.
 * Drover depends on this interface only; the implementation is Jinja2-compatible.
 */
public interface Templater {
    /**
     * Renders every string inside value (maps and lists deeply) as Ansible 2.14 does: values are written into text
     * as Python writes them ({@code True}, {@code [1, 'two']}); the text {@code "{{ name }}"} of a number, boolean
     * or None variable is that value; any other result is text unless it reads as a list, dict or boolean literal
     * ({@code "{{ [1] + [2] }}"} is a list, {@code "{{ 6 / 2 }}"} the text "3.0").
     *
     * @throws TemplateException naming the undefined variable or the syntax error
     */
    Object render(Object value, Map<String, Object> vars);

    /** Renders a file's text (the template module): always text, never converted to a value. */
    String renderText(String template, Map<String, Object> vars);

    /** Evaluates a bare expression ({@code when:}, {@code changed_when:}) to its value. */
    Object evaluate(String expression, Map<String, Object> vars);

    /** Evaluates a bare expression as a condition, with Jinja2 truthiness. */
    boolean test(String expression, Map<String, Object> vars);

    static boolean isTemplated(String s) {
        return s != null && (s.contains("{{") || s.contains("{%"));
    }
}
