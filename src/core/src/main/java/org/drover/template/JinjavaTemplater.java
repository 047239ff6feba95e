package org.drover.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.LazyExpression;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.UnknownTokenException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2 templating through Jinjava, with the Ansible filters people use daily ({@link AnsibleFilters}).
 * Undefined variables are errors naming the variable, unless defaulted or tested with {@code is defined}.
 * Thread-safe: one Jinjava engine, one interpreter per call.
 */
public final class JinjavaTemplater implements Templater {
    private static final Pattern UNKNOWN_TOKEN = Pattern.compile("Unknown token found: ([^\\s,]+)");

    private final JinjavaConfig config;
    private final Jinjava jinjava;
    private final TemplateCheck check = new TemplateCheck(this);

    public JinjavaTemplater() {
        config = JinjavaConfig.newBuilder()
                .withElResolver(StrictLookups.RESOLVER)
                // Undefined names are StrictLookups' business: an expression whose value is None is no error.
                .withFailOnUnknownTokens(false)
                .withTrimBlocks(true)
                .withLstripBlocks(false) // as Ansible: trim_blocks only
                .withNestedInterpretationEnabled(false) // a value is data: never rendered again
                // As Jinja2: "{{ -7 % 3 }}" is minus seven (only a '-' touching the delimiter trims whitespace),
                // "{{- x -}}" trims, and a filter applies to a negated value ("-3 | abs" is 3).
                .withLegacyOverrides(LegacyOverrides.newBuilder().withParseWhitespaceControlStrictly(true)
                        .withUseTrimmingForNotesAndExpressions(true).withUseNaturalOperatorPrecedence(true).build())
                .withInterperterFactory(AnsibleConcat.INTERPRETERS)
                .build();
        jinjava = new PyJinjava(config);
        AnsibleFilters.register(jinjava.getGlobalContext());
        StrictLookups.register(jinjava.getGlobalContext());
    }

    /** The filters, tests and functions templates can use ({@link TemplateCheck}). */
    Context globals() {
        return jinjava.getGlobalContext();
    }

    JinjavaInterpreter newInterpreter() {
        return new JinjavaInterpreter(jinjava, new Context(jinjava.getGlobalContext()), config);
    }

    @Override
    public Object render(Object value, Map<String, Object> vars) {
        if (value instanceof String s) {
            return renderString(s, vars);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(render(String.valueOf(e.getKey()), vars)), render(e.getValue(), vars));
            }
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(render(o, vars));
            }
            return out;
        }
        return value;
    }

    private Object renderString(String text, Map<String, Object> vars) {
        if (!Templater.isTemplated(text)) {
            return text;
        }
        String raw = Braces.spaced(text);
        Object shortcut = AnsibleConcat.shortcut(raw, vars);
        if (shortcut != AnsibleConcat.RENDER) {
            return shortcut;
        }
        check.requireKnownNames(raw, false);
        try {
            return renderTemplated(raw, vars, true);
        } catch (TemplateException e) {
            throw TemplateErrors.explain(withCause(e, vars), raw, false, check);
        }
    }

    @Override
    public String renderText(String text, Map<String, Object> vars) {
        if (!Templater.isTemplated(text)) {
            return text;
        }
        String template = Braces.spaced(text);
        check.requireKnownNames(template, false);
        try {
            return (String) renderTemplated(template, vars, false);
        } catch (TemplateException e) {
            throw TemplateErrors.explain(withCause(e, vars), template, false, check);
        }
    }

    /** "'a' is undefined" where a is a definition undefined because of another variable: says which. */
    private static TemplateException withCause(TemplateException e, Map<String, Object> vars) {
        if (e.variable() != null && vars.get(e.variable()) instanceof Lazy l && l.undefinedBecause() != null) {
            return new TemplateException(e.getMessage() + ": " + l.undefinedBecause().getMessage(), e.variable());
        }
        return e;
    }

    /**
     * Renders as Ansible's do_template: Jinja2 drops one trailing newline of the source and Ansible puts the
     * missing ones back on a text result; with convert, text that reads as a list, dict or boolean becomes one.
     */
    private Object renderTemplated(String raw, Map<String, Object> vars, boolean convert) {
        String s = escapeBackslashes(raw);
        String source = s.endsWith("\r\n") ? s.substring(0, s.length() - 2)
                : s.endsWith("\n") || s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        AnsibleConcat.Outputs outputs = AnsibleConcat.open();
        Object result;
        try {
            result = render(source, vars);
        } finally {
            AnsibleConcat.close();
        }
        if (convert) {
            result = outputs.keepsText((String) result) ? NativeText.mark((String) result)
                    : AnsibleConcat.convert((String) result);
        }
        if (result instanceof String text) {
            int missing = trailingNewlines(raw) - trailingNewlines(text);
            return missing > 0 ? text + "\n".repeat(missing) : text;
        }
        return result;
    }

    private static int trailingNewlines(String s) {
        int n = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\n'; i--) {
            n++;
        }
        return n;
    }

    private String render(String s, Map<String, Object> vars) {
        RenderResult r;
        Undefined.open();
        try {
            r = isolated(() -> jinjava.renderForResult(s, bindings(vars)));
            Undefined.check(s);
        } catch (TemplateException e) {
            throw e;
        } catch (RuntimeException e) {
            Undefined.check(s);
            throw translate(e, s);
        } finally {
            Undefined.close();
        }
        for (TemplateError err : r.getErrors()) {
            if (err.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw Objects.requireNonNullElse(TemplateErrors.fromError(err, s), fromError(err.getMessage(), s));
            }
        }
        return r.getOutput();
    }

    @Override
    public Object evaluate(String expression, Map<String, Object> vars) {
        check.requireKnownNames(expression, true);
        try {
            return evaluateExpression(expression, vars);
        } catch (TemplateException e) {
            throw TemplateErrors.explain(withCause(e, vars), expression, true, check);
        }
    }

    private Object evaluateExpression(String expression, Map<String, Object> vars) {
        String escaped = escapeExpression(expression);
        return resolve(escaped, vars);
    }

    private Object resolve(String expression, Map<String, Object> vars) {
        JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, new Context(jinjava.getGlobalContext(), bindings(vars)),
                config);
        JinjavaInterpreter.pushCurrent(interpreter);
        Undefined.open();
        try {
            Object v = interpreter.resolveELExpression(expression, 1);
            Undefined.check(expression);
            for (TemplateError err : interpreter.getErrors()) {
                if (err.getSeverity() == TemplateError.ErrorType.FATAL) {
                    throw Objects.requireNonNullElse(TemplateErrors.fromError(err, expression), fromError(err.getMessage(), expression));
                }
            }
            return plain(v);
        } catch (TemplateException e) {
            throw e;
        } catch (RuntimeException e) {
            Undefined.check(expression);
            throw translate(e, expression);
        } finally {
            Undefined.close();
            JinjavaInterpreter.popCurrent();
        }
    }

    /**
     * Runs a rendering outside any rendering under way on this thread (a lazy variable or another host's
     * {@code hostvars} read from a template): Jinjava would otherwise merge that one's variables into these.
     */
    private static <T> T isolated(Supplier<T> rendering) {
        if (JinjavaInterpreter.getCurrent() == null) {
            return rendering.get();
        }
        Deque<JinjavaInterpreter> suspended = new ArrayDeque<>();
        while (JinjavaInterpreter.getCurrent() != null) {
            suspended.push(JinjavaInterpreter.getCurrent());
            JinjavaInterpreter.popCurrent();
        }
        try {
            return rendering.get();
        } finally {
            while (!suspended.isEmpty()) {
                JinjavaInterpreter.pushCurrent(suspended.pop());
            }
        }
    }

    /** The variables as Jinjava reads them: a {@link Lazy} becomes a value computed on first read. */
    private static Map<String, Object> bindings(Map<String, Object> given) {
        Map<String, Object> vars = given;
        if (vars.values().stream().noneMatch(Lazy.class::isInstance)) {
            return vars;
        }
        Map<String, Object> out = new LinkedHashMap<>(vars);
        // A definition undefined because of another variable is left out: reading it is reading an undefined.
        out.values().removeIf(v -> v instanceof Lazy l && l.undefinedBecause() != null);
        out.replaceAll((k, v) -> v instanceof Lazy l ? LazyExpression.of(() -> lazyValue(k, l), l.toString()) : v);
        return out;
    }

    /** A definition's value; one that reads an undefined variable is an undefined, saying why when it is used. */
    private static Object lazyValue(String name, Lazy l) {
        try {
            return l.get();
        } catch (TemplateException e) {
            if (e.variable() == null) {
                throw e;
            }
            return Undefined.because(name, e);
        }
    }

    @Override
    public boolean test(String expression, Map<String, Object> vars) {
        return truthy(evaluate(expression, vars));
    }

    /**
     * Jinja2 (Python) keeps unknown escapes such as {@code '\\d'} in string literals as they are; Jinjava's lexer
     * refuses them. Inside {@code {{ }}} and {@code {% %}} every backslash that does not start {@code \\\\} or an
     * escaped quote is doubled, so regular expressions written for Ansible work unchanged.
     * (A rewrite of the text in place, not a split into words: {@link org.drover.text.Tokenizer} does not apply.)
     */
    /** {@link #escapeBackslashes} for a bare expression (a when: condition), which has no tag of its own. */
    static String escapeExpression(String expression) {
        return escapeBackslashes("{{" + expression + "}}").replaceAll("^\\{\\{|}}$", "");
    }

    static String escapeBackslashes(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        boolean inTag = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
            if (!inTag && c == '{' && (next == '{' || next == '%')) {
                inTag = true;
            } else if (inTag && (c == '}' || c == '%') && next == '}') {
                inTag = false;
            } else if (inTag && c == '\\') {
                if (next == '\\' || next == '\'' || next == '"') {
                    out.append(c).append(next);
                    i++;
                    continue;
                }
                out.append("\\\\");
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Jinja2 truthiness: false, none, 0, "" and empty collections are false. */
    public static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    /** Jinjava's Py collections to plain Java ones, so values leave the templater as ordinary lists and maps. */
    static Object plain(Object v) {
        if (v instanceof Lazy l) { // read inside another value (another host's hostvars): computed now
            return plain(l.get());
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(x -> out.add(plain(x)));
            return out;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v != null && v.getClass().getName().equals("com.hubspot.jinjava.objects.SafeString")) {
            return v.toString();
        }
        return v;
    }

    private static TemplateException translate(RuntimeException e, String source) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof UnknownTokenException u) {
                return fromError(u.getMessage(), source);
            }
            if (t instanceof TemplateException te) {
                return te;
            }
            t = t.getCause();
        }
        return new TemplateException("template error in '" + source + "': " + e.getMessage(), null);
    }

    private static TemplateException fromError(String message, String source) {
        Matcher m = UNKNOWN_TOKEN.matcher(message == null ? "" : message);
        if (m.find()) {
            String name = m.group(1);
            return new TemplateException("'" + name + "' is undefined", name, source.strip());
        }
        return new TemplateException("template error in '" + source.strip() + "': " + message, null);
    }
}
