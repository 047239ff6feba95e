package org.drover.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Python's {@code re} on Java's regex engine, for lineinfile's patterns and the regex filters and tests:
 * {@code (?P<n>...)}, {@code (?P=n)} and {@code \Z} are translated; {@link Pattern#UNIX_LINES} makes {@code $} and
 * {@code .} treat only {@code \n} as a line end, as Python does. Errors are IllegalArgumentExceptions saying
 * Python's reason.
 */
public final class PyRegex {
    private PyRegex() {}

    public static Pattern compile(String python) {
        return compile(python, false, false);
    }

    /** The pattern, with re.IGNORECASE and re.MULTILINE as asked. */
    public static Pattern compile(String python, boolean ignoreCase, boolean multiline) {
        String java = python.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>").replace("\\Z", "\\z");
        int flags = Pattern.UNIX_LINES | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)
                | (multiline ? Pattern.MULTILINE : 0);
        try {
            return Pattern.compile(java, flags);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + python + "' is not a regular expression: " + e.getDescription());
        }
    }

    /** re.sub(pattern, replacement, value), the replacement read as {@link #expand} reads it. */
    public static String sub(Pattern p, String replacement, String value) {
        Matcher m = p.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(expand(m, replacement)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Python's {@code match.expand(template)}: {@code \1}, {@code \g<1>}, {@code \g<name>}, {@code \n}, {@code \\}. */
    public static String expand(Matcher m, String template) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 == template.length()) {
                out.append(c);
                continue;
            }
            char n = template.charAt(++i);
            if (Character.isDigit(n)) {
                int end = i + 1 < template.length() && Character.isDigit(template.charAt(i + 1)) ? i + 2 : i + 1;
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
        return switch (n) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'r' -> "\r";
            case 'f' -> "\f";
            case 'v' -> "\u000b";
            case 'a' -> "\u0007";
            case 'b' -> "\b";
            case '\\' -> "\\";
            default -> {
                if (n < 128 && Character.isLetter(n)) {
                    throw new IllegalArgumentException("bad escape \\" + n + " in '" + template + "'");
                }
                yield "\\" + n;
            }
        };
    }

    private static String group(Matcher m, String ref) {
        try {
            String g = ref.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(ref)) : m.group(ref);
            return g == null ? "" : g;
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid group reference " + ref);
        }
    }

    /** re.findall: the whole matches, the one group's, or each match's groups as a list. */
    public static List<Object> findall(Pattern p, String value) {
        Matcher m = p.matcher(value);
        List<Object> out = new ArrayList<>();
        while (m.find()) {
            if (m.groupCount() == 0) {
                out.add(m.group());
            } else if (m.groupCount() == 1) {
                out.add(m.group(1) == null ? "" : m.group(1));
            } else {
                List<Object> groups = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    groups.add(m.group(i) == null ? "" : m.group(i));
                }
                out.add(groups);
            }
        }
        return out;
    }
}
