package org.drover.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names that are plain variables in Jinja2 but operators in Jinjava's expression language ({@code empty}, {@code
 * div}, {@code mod}, {@code eq}, {@code lt}...): a template's code reads them under another name, bound to the
 * same value, so {@code vars: {empty: ''}} and {@code {{ empty }}} work as in Ansible.
 */
final class ElKeywords {
    private static final List<String> WORDS = List.of("empty", "div", "mod", "eq", "ne", "lt", "gt", "le", "ge",
            "instanceof");
    private static final String PREFIX = "drover_el_";
    /** A keyword used as a name: not an attribute (.x), a filter (| x) or a test (is x). */
    private static final Pattern NAME = Pattern.compile(
            "(?<![\\w.])(?<!\\|\\s{0,9})(?<!\\bis\\s{1,9})(?<!\\bis\\s{1,9}not\\s{1,9})(" + String.join("|", WORDS) + ")(?!\\w)");

    private ElKeywords() {}

    /** The source with each keyword used as a name renamed (in code only, strings left alone). */
    static String rename(String source, boolean expression) {
        if (WORDS.stream().noneMatch(source::contains)) {
            return source;
        }
        Matcher m = NAME.matcher(KnownNames.code(source, expression));
        StringBuilder out = new StringBuilder(source.length() + 16);
        int last = 0;
        while (m.find()) {
            out.append(source, last, m.start()).append(PREFIX).append(m.group(1));
            last = m.end();
        }
        return out.append(source, last, source.length()).toString();
    }

    /** The variables, with those named as keywords bound under their new name too. */
    static Map<String, Object> bind(Map<String, Object> vars) {
        if (WORDS.stream().noneMatch(vars::containsKey)) {
            return vars;
        }
        Map<String, Object> out = new LinkedHashMap<>(vars);
        for (String w : WORDS) {
            if (vars.containsKey(w)) {
                out.put(PREFIX + w, vars.get(w));
            }
        }
        return out;
    }

    /** The name as the user wrote it. */
    static String original(String name) {
        return name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
    }
}
