package org.drover.template;

import com.hubspot.jinjava.interpret.Context;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2 refuses, before rendering, a template that names a filter or a test it does not know ("No filter named
 * 'x'."); Jinjava would quietly give None. The names are read from the template's code, string literals left out.
 */
final class KnownNames {
    private static final Pattern FILTER = Pattern.compile("\\|\\s*([A-Za-z_][\\w.]*)");
    private static final Pattern TEST = Pattern.compile("(?<![\\w.])is\\s+(?:not\\s+)?([A-Za-z_][\\w.]*)");

    private KnownNames() {}

    /** Throws naming the first unknown filter or test of a template (or of a bare expression, when expression). */
    static void check(String source, boolean expression, Context global) {
        String code = code(source, expression);
        if (code.indexOf('|') < 0 && !code.contains("is")) {
            return;
        }
        Matcher f = FILTER.matcher(code);
        while (f.find()) {
            if (global.getFilter(f.group(1)) == null) {
                throw new TemplateException("No filter named '" + f.group(1) + "'.", null, source.strip());
            }
        }
        Matcher t = TEST.matcher(code);
        while (t.find()) {
            if (global.getExpTest(t.group(1)) == null) {
                throw new TemplateException("No test named '" + t.group(1) + "'.", null, source.strip());
            }
        }
    }

    /**
     * The text inside {{ }} and {% %} (all of it for an expression), string literals blanked, the rest spaces: as
     * long as the source, so a position in one is the same in the other.
     */
    static String code(String s, boolean expression) {
        StringBuilder out = new StringBuilder(s.length());
        boolean inTag = expression;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
            if (!inTag) {
                if (c == '{' && (next == '{' || next == '%')) {
                    inTag = true;
                    out.append("  ");
                    i++;
                } else {
                    out.append(' ');
                }
            } else if (quote != 0) {
                if (c == '\\' && i + 1 < s.length()) {
                    out.append(' ');
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                out.append(' ');
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(' ');
            } else if (!expression && (c == '}' || c == '%') && next == '}') {
                inTag = false;
                out.append("  ");
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
