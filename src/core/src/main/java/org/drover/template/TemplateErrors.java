package org.drover.template;

import com.hubspot.jinjava.interpret.TemplateError;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a rendering error say what went wrong and where: an unknown filter or test rather than Jinjava's
 * "'x' is undefined", a filter's own message rather than "Error invoking function", and in a template of several
 * lines the line and the expression that failed rather than the whole text.
 */
final class TemplateErrors {
    private static final Pattern TAG = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}", Pattern.DOTALL);

    private TemplateErrors() {}

    /** The error to report for source, which failed with e. */
    static TemplateException explain(TemplateException e, String source, boolean expression, TemplateCheck check) {
        List<String> problems;
        try {
            problems = expression ? check.expression(source) : check.template(source);
        } catch (RuntimeException unparsable) {
            problems = List.of();
        }
        if (!problems.isEmpty()) {
            return located(new TemplateException(problems.get(0), null), source, -1, null);
        }
        return located(e, source, -1, e.variable());
    }

    /** An error of Jinjava's list: a TemplateException thrown inside (by a filter, a lookup) as it is. */
    static TemplateException fromError(TemplateError err, String source) {
        for (Throwable t = err.getException(); t != null; t = t.getCause()) {
            if (t instanceof TemplateException te) {
                return located(te, source, err.getLineno(), null);
            }
        }
        return null;
    }

    /**
     * In a template of several lines, e with the line and the expression that failed instead of the text: the
     * line Jinjava gave, else the first expression that names the variable.
     */
    static TemplateException located(TemplateException e, String source, int line, String variable) {
        if (source.indexOf('\n') < 0) {
            return e.getMessage().contains(source.strip()) ? e : new TemplateException(e.reason(), e.variable(), source.strip());
        }
        Matcher m = TAG.matcher(source);
        while (m.find()) {
            int at = lineOf(source, m.start());
            boolean names = variable != null && Pattern.compile("\\b" + Pattern.quote(variable) + "\\b").matcher(m.group()).find();
            if (line > 0 ? at == line : names) {
                return new TemplateException("line " + at + ": " + e.reason(), e.variable(), m.group());
            }
        }
        return line > 0 ? new TemplateException("line " + line + ": " + e.reason(), e.variable()) : new TemplateException(e.reason(), e.variable());
    }

    private static int lineOf(String s, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (s.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
