package org.drover.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Python's re module on Java's regex engine: (?P&lt;name&gt;), (?P=name), \Z, and re.sub's replacement syntax. */
final class PyRegex {
    private PyRegex() {}

    static Pattern compile(String pattern, boolean ignoreCase, boolean multiline) {
        String p = pattern.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>").replace("\\Z", "\\z");
        int flags = (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0) | (multiline ? Pattern.MULTILINE : 0);
        try {
            return Pattern.compile(p, flags);
        } catch (PatternSyntaxException e) {
            throw new TemplateException("invalid regular expression '" + pattern + "': " + e.getDescription(), null);
        }
    }

    /** re.sub(pattern, replacement, value): \1, \g&lt;1&gt;, \g&lt;name&gt; and \n, \t, \\ in the replacement. */
    static String sub(Pattern p, String replacement, String value) {
        Matcher m = p.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(expand(m, replacement)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String expand(Matcher m, String template) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 >= template.length()) {
                b.append(c);
                continue;
            }
            char n = template.charAt(++i);
            if (Character.isDigit(n)) {
                int j = i + 1 < template.length() && Character.isDigit(template.charAt(i + 1)) ? i + 2 : i + 1;
                b.append(group(m, template.substring(i, j)));
                i = j - 1;
            } else if (n == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<') {
                int end = template.indexOf('>', i);
                if (end < 0) {
                    throw new TemplateException("missing >, unterminated name in replacement '" + template + "'", null);
                }
                b.append(group(m, template.substring(i + 2, end)));
                i = end;
            } else {
                b.append(switch (n) {
                    case 'n' -> "\n";
                    case 't' -> "\t";
                    case 'r' -> "\r";
                    case 'f' -> "\f";
                    case 'v' -> "\u000b";
                    case 'a' -> "\u0007";
                    case 'b' -> "\b";
                    case '\\' -> "\\";
                    default -> {
                        if (Character.isLetter(n)) {
                            throw new TemplateException("bad escape \\" + n + " in replacement '" + template + "'", null);
                        }
                        yield "\\" + n;
                    }
                });
            }
        }
        return b.toString();
    }

    private static String group(Matcher m, String ref) {
        try {
            String g = ref.matches("\\d+") ? m.group(Integer.parseInt(ref)) : m.group(ref);
            return g == null ? "" : g;
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new TemplateException("invalid group reference " + ref, null);
        }
    }

    /** re.findall: the whole matches, the one group's, or each match's groups as a list. */
    static List<Object> findall(Pattern p, String value) {
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
