package org.drover.module.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Python {@code re} patterns and {@code Match.expand} templates on Java's regex engine, for lineinfile's
 * {@code regexp}, {@code insertafter}, {@code insertbefore} and {@code backrefs}. {@code (?P<n>...)} and
 * {@code (?P=n)} are translated; {@link Pattern#UNIX_LINES} makes {@code $} and {@code .} treat only {@code \n} as
 * a line end, as Python does.
 */
final class PyRegex {
    private PyRegex() {}

    static Pattern compile(String python) {
        String java = python.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
        try {
            return Pattern.compile(java, Pattern.UNIX_LINES);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + python + "' is not a regular expression: " + e.getDescription());
        }
    }

    /** Python's {@code match.expand(template)}: {@code \1}, {@code \g<1>}, {@code \g<name>}, {@code \n}, {@code \\}. */
    static String expand(Matcher m, String template) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 == template.length()) {
                out.append(c);
                continue;
            }
            char n = template.charAt(++i);
            if (Character.isDigit(n)) {
                int end = i + 1;
                if (end < template.length() && Character.isDigit(template.charAt(end))) {
                    end++;
                }
                out.append(group(m, template.substring(i, end)));
                i = end - 1;
            } else if (n == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<') {
                int close = template.indexOf('>', i);
                if (close < 0) {
                    throw new IllegalArgumentException("missing >, unterminated name in '" + template + "'");
                }
                out.append(group(m, template.substring(i + 2, close)));
                i = close;
            } else {
                out.append(escape(n, template));
            }
        }
        return out.toString();
    }

    private static String escape(char n, String template) {
        switch (n) {
            case 'n': return "\n";
            case 't': return "\t";
            case 'r': return "\r";
            case 'f': return "\f";
            case 'v': return "\u000b";
            case 'a': return "\u0007";
            case 'b': return "\b";
            case '\\': return "\\";
            default:
                if (n < 128 && Character.isLetter(n)) {
                    throw new IllegalArgumentException("bad escape \\" + n + " in '" + template + "'");
                }
                return "\\" + n;
        }
    }

    private static String group(Matcher m, String ref) {
        String g;
        try {
            g = ref.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(ref)) : m.group(ref);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid group reference " + ref);
        }
        return g == null ? "" : g;
    }
}
