package org.drover.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.expression.ExpressionStrategy;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drover.text.PyLiteral;
import org.drover.text.PyText;

/**
 * How Ansible 2.14 (jinja2_native off, ansible-core's {@code template/__init__.py} and {@code native_helpers.py})
 * turns a template into a value:
 * <ul>
 *   <li>each {@code {{ }}} writes its value as Python's {@code str()} ({@code True}, {@code [1, 'two']}), None as
 *       nothing ({@link #STRATEGY}, Ansible's finalize);</li>
 *   <li>a template that is exactly {@code {{ name }}} of a variable holding a number or a boolean is that value, of
 *       None is None ({@link #shortcut}, Templar.template);</li>
 *   <li>otherwise the result is text, turned back into a value only when it looks like a list, a dict or a boolean
 *       and reads as a Python literal ({@link #convert}, ansible_eval_concat): {@code "{{ 6/2 }}"} is the text
 *       "3.0", {@code "{{ [1] + [2] }}"} the list [1, 2];</li>
 *   <li>except when the output is the text of one {{ }} (tags such as {@code {% set %}} write nothing) whose last
 *       step is a filter that makes text on purpose ({@code to_json}, {@code string}...: Ansible's
 *       STRING_TYPE_FILTERS, whose NativeJinjaText ansible_eval_concat returns as it is when it is the only
 *       node), which stays text ({@link Outputs}).</li>
 * </ul>
 */
final class AnsibleConcat {
    /** Returned by {@link #shortcut} when the template must be rendered. */
    static final Object RENDER = new Object();

    private static final Set<String> STRING_TYPE_FILTERS = Set.of("string", "to_json", "to_nice_json", "to_yaml",
            "to_nice_yaml", "ppretty", "json");
    private static final Pattern SINGLE_VAR = Pattern.compile("\\{\\{\\s*(\\w*)\\s*}}\\n?", Pattern.UNICODE_CHARACTER_CLASS);
    /** An expression's outline (strings and bracket contents removed) that ends in a filter: name | f | g(). */
    private static final Pattern FILTERED = Pattern.compile(
            "\\s*(?:[\\w.]|\\[]|\\(\\)|\\{}|'')+\\s*(?:\\|\\s*[\\w.]+\\s*(?:\\(\\))?\\s*)*\\|\\s*([\\w.]+)\\s*(?:\\(\\))?\\s*");

    private AnsibleConcat() {}

    /** Writes each expression's value as Python's {@code str()}; None (and an undefined, checked later) as nothing. */
    static final ExpressionStrategy STRATEGY = new ExpressionStrategy() {
        private static final long serialVersionUID = 1L;

        @Override
        public RenderedOutputNode interpretOutput(ExpressionToken master, JinjavaInterpreter interpreter) {
            Object v = interpreter.resolveELExpression(master.getExpr(), master.getLineNumber());
            String text = output(v);
            Outputs outputs = OUTPUTS.get().peek();
            if (outputs != null) {
                outputs.count++;
                outputs.stringTyped = stringTyped(master.getExpr()) || NativeText.marked(v) ? text : null;
            }
            return new RenderedOutputNode(text);
        }
    };

    /** Jinjava copies its global context without the expression strategy: each interpreter gets it here. */
    static final InterpreterFactory INTERPRETERS = new InterpreterFactory() {
        @Override
        public JinjavaInterpreter newInstance(JinjavaInterpreter orig) {
            orig.getContext().setExpressionStrategy(STRATEGY);
            return new JinjavaInterpreter(orig);
        }

        @Override
        public JinjavaInterpreter newInstance(Jinjava application, Context context, JinjavaConfig renderConfig) {
            context.setExpressionStrategy(STRATEGY);
            return new JinjavaInterpreter(application, context, renderConfig);
        }
    };

    static String output(Object v) {
        if (v == null || v instanceof Undefined) {
            return "";
        }
        return PyText.str(JinjavaTemplater.plain(v));
    }

    /** Templar.template's shortcut for {@code "{{ name }}"}: a number, a boolean or None as it is, else {@link #RENDER}. */
    static Object shortcut(String template, Map<String, Object> vars) {
        Matcher m = SINGLE_VAR.matcher(template);
        if (!m.matches() || !vars.containsKey(m.group(1))) {
            return RENDER;
        }
        Object v = vars.get(m.group(1));
        return v == null || v instanceof Number || v instanceof Boolean ? v : RENDER;
    }

    /** ansible_eval_concat: text that starts like a list or a dict, or is True or False, read as a Python literal. */
    static Object convert(String out) {
        if (out.startsWith("[") || out.startsWith("{") || out.equals("True") || out.equals("False")) {
            try {
                return PyLiteral.eval(out, true);
            } catch (PyLiteral.NotALiteral e) {
                return out;
            }
        }
        return out;
    }

    /** True when expr's last step is one of STRING_TYPE_FILTERS. */
    private static boolean stringTyped(String expr) {
        Matcher f = FILTERED.matcher(outline(expr));
        return f.matches() && STRING_TYPE_FILTERS.contains(f.group(1));
    }

    /** The {{ }} outputs of one rendering: how many, and the text of the last when a string-typed filter made it. */
    static final class Outputs {
        private int count;
        private String stringTyped;

        /** True when out is the text of the only {{ }} written, made by a string-typed filter: it stays text. */
        boolean keepsText(String out) {
            return count == 1 && out.equals(stringTyped);
        }
    }

    private static final ThreadLocal<Deque<Outputs>> OUTPUTS = ThreadLocal.withInitial(ArrayDeque::new);

    /** Starts recording the outputs of a rendering (renderings nest: a template lookup inside a filter). */
    static Outputs open() {
        Outputs o = new Outputs();
        OUTPUTS.get().push(o);
        return o;
    }

    static void close() {
        Deque<Outputs> d = OUTPUTS.get();
        d.pop();
        if (d.isEmpty()) {
            OUTPUTS.remove();
        }
    }

    /** The expression with string literals as {@code ''} and bracket contents left out. */
    private static String outline(String expr) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                    if (depth == 0) {
                        out.append("''");
                    }
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                if (depth++ == 0) {
                    out.append(c);
                }
            } else if (c == ')' || c == ']' || c == '}') {
                if (--depth == 0) {
                    out.append(c);
                }
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
