package org.drover.template;

/**
 * Jinja2's lexer counts braces inside {@code {{ }}}, so {@code {{ {'a': {'b': 1}} }}} ends at the last
 * {@code }}}; Jinjava's ends at the first. Spacing a dict literal's closing brace from the next one ({@code } }})
 * makes both read the same expression.
 */
final class Braces {
    private Braces() {}

    /** The template with {@code }}} spaced where it closes a brace opened inside an expression. */
    static String spaced(String template) {
        if (!template.contains("}}") || !template.contains("{{")) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 4);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf("{{", i);
            if (open < 0 || template.startsWith("{% raw", rawStart(template, i, open))) {
                out.append(template, i, template.length());
                return out.toString();
            }
            out.append(template, i, open + 2);
            i = expression(template, open + 2, out);
        }
        return out.toString();
    }

    /** Where a raw block starts before {@code limit}, else -1 (a raw block is left as written, to its end). */
    private static int rawStart(String t, int from, int limit) {
        int r = t.indexOf("{% raw", from);
        return r >= 0 && r < limit ? r : -1;
    }

    /** Copies one expression up to and including its closing {@code }}}; returns the index after it. */
    private static int expression(String t, int i, StringBuilder out) {
        int depth = 0;
        char quote = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            out.append(c);
            if (quote != 0) {
                if (c == '\\' && i + 1 < t.length()) {
                    out.append(t.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
                if (i + 1 < t.length() && t.charAt(i + 1) == '}') {
                    out.append(' ');
                }
            } else if (c == '}' && i + 1 < t.length() && t.charAt(i + 1) == '}') {
                out.append('}');
                return i + 2;
            }
            i++;
        }
        return i;
    }
}
