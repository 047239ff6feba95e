package org.drover.template;

import java.util.Map;

/**
 * Renders {@code {{ }}} templates and evaluates {@code when:} expressions with a host's variables.
 * Drover depends on this interface only; the implementation is Jinja2-compatible.
 */
public interface Templater {
    /**
     * Renders every string inside value (maps and lists deeply). A string that is exactly one {@code {{ expr }}}
     * keeps the expression's native type (list, map, number, boolean), as in Ansible.
     *
     * @throws TemplateException naming the undefined variable or the syntax error
     */
    Object render(Object value, Map<String, Object> vars);

    /** Evaluates a bare expression ({@code when:}, {@code changed_when:}) to its value. */
    Object evaluate(String expression, Map<String, Object> vars);

    /** Evaluates a bare expression as a condition, with Jinja2 truthiness. */
    boolean test(String expression, Map<String, Object> vars);

    static boolean isTemplated(String s) {
        return s != null && (s.contains("{{") || s.contains("{%"));
    }
}
