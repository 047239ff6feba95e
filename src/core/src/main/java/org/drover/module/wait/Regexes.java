package org.drover.module.wait;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * search_regex is written for Python's re and matched on the host with {@code grep -E}: only the syntax both read
 * the same way is accepted (literals, {@code . [] * + ? {m,n} | () ^ $}, escaped punctuation, named groups for
 * the result); anything else (\d, \s, \b, lookarounds, lazy quantifiers) is refused with what to write instead.
 */
final class Regexes {
    private static final Pattern NAMED = Pattern.compile("\\(\\?P<([A-Za-z_][A-Za-z0-9_]*)>");

    private Regexes() {}

    static String problem(String re) {
        if (re.contains("\n")) {
            return "search_regex must be one line (it is matched line by line)";
        }
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < re.length()) {
                char n = re.charAt(i + 1);
                if (Character.isLetterOrDigit(n)) {
                    return "search_regex: '\\" + n + "' reads differently in Python and in grep -E on the host;"
                            + " write a bracket expression instead (e.g. [0-9] for \\d, [[:space:]] for \\s)";
                }
                i++;
            } else if (c == '(' && i + 1 < re.length() && re.charAt(i + 1) == '?'
                    && !re.startsWith("(?P<", i)) {
                return "search_regex: '(?' groups other than (?P<name>...) are not supported";
            } else if ((c == '?' || c == '+' || c == '*') && i + 1 < re.length()
                    && (re.charAt(i + 1) == '?' || re.charAt(i + 1) == '+')) {
                return "search_regex: lazy or possessive quantifiers are not supported";
            }
        }
        try {
            Pattern.compile(toJava(re));
        } catch (PatternSyntaxException e) {
            return "Invalid regular expression: " + e.getDescription();
        }
        return null;
    }

    /** For grep -E on the host: named groups become plain groups. */
    static String toEre(String re) {
        return NAMED.matcher(re).replaceAll("(");
    }

    /** Python's named groups in Java's spelling. */
    static String toJava(String re) {
        return NAMED.matcher(re).replaceAll("(?<$1>");
    }

    static List<String> groupNames(String re) {
        List<String> out = new ArrayList<>();
        Matcher m = NAMED.matcher(re);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
