package org.drover.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drover.text.PyRegex;
import org.drover.text.PyText;

/** Strings, regular expressions and paths, as Python's str methods and os.path compute them. */
final class TextFilters {
    private TextFilters() {}

    static void register(Registrar r) {
        r.filter("regex_replace", (v, a) -> re(() -> PyRegex.sub(PyRegex.compile(a.string(0, "pattern", ""),
                a.flag(2, "ignorecase", false), a.flag(3, "multiline", false)), a.string(1, "replacement", ""), PyText.str(v))));
        r.filter("regex_findall", (v, a) -> re(() -> PyRegex.findall(PyRegex.compile(a.string(0, "regex", ""),
                a.flag(2, "ignorecase", false), a.flag(1, "multiline", false)), PyText.str(v))));
        r.filter("regex_search", TextFilters::regexSearch);
        r.filter("regex_escape", (v, a) -> pythonEscape(PyText.str(v)));
        r.filter("split", (v, a) -> split(PyText.str(v), a.string(0, "sep", null), a.get(1, "maxsplit", -1L)));
        r.filter("join", (v, a) -> {
            java.util.function.Function<Object, Object> key = ListFilters.attribute(a.string(1, "attribute", null));
            StringBuilder b = new StringBuilder();
            String sep = a.string(0, "d", "");
            for (Object x : PyValues.iterate(v)) {
                b.append(b.isEmpty() ? "" : sep).append(PyText.str(key.apply(x)));
            }
            return b.toString();
        });
        r.filter("replace", (v, a) -> replace(PyText.str(v), a.string(0, "old", ""), a.string(1, "new", ""),
                a.get(2, "count", null)));
        r.filter("lower", (v, a) -> PyText.str(v).toLowerCase(Locale.ROOT));
        r.filter("upper", (v, a) -> PyText.str(v).toUpperCase(Locale.ROOT));
        r.filter("capitalize", (v, a) -> {
            String s = PyText.str(v);
            return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
        });
        r.filter("title", (v, a) -> title(PyText.str(v)));
        r.filter("trim", (v, a) -> {
            String chars = a.string(0, "chars", null);
            return chars == null ? PyText.str(v).strip() : strip(PyText.str(v), chars);
        });
        r.filter("quote", (v, a) -> shlexQuote(v == null ? "" : PyText.str(v)));
        PathFilters.register(r);
    }

    /** A call of {@link PyRegex}, its errors (Python's reason) as template errors. */
    static <T> T re(Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw new TemplateException(e.getMessage(), null);
        }
    }

    private static Object regexSearch(Object v, FilterArgs a) {
        Pattern p = re(() -> PyRegex.compile(a.string(0, "regex", ""), a.flag(-1, "ignorecase", false),
                a.flag(-1, "multiline", false)));
        List<String> groups = new ArrayList<>();
        for (Object g : a.positional().subList(Math.min(1, a.size()), a.size())) {
            String s = String.valueOf(g);
            Matcher ref = Pattern.compile("^\\\\(?:g<(\\S+)>|(\\d+))").matcher(s);
            if (!ref.find()) {
                throw new TemplateException("regex_search: Unknown argument", null);
            }
            groups.add(ref.group(1) != null ? ref.group(1) : ref.group(2));
        }
        Matcher m = p.matcher(PyText.str(v));
        if (!m.find()) {
            return null;
        }
        if (groups.isEmpty()) {
            return m.group();
        }
        List<Object> out = new ArrayList<>();
        for (String g : groups) {
            out.add(g.matches("\\d+") ? m.group(Integer.parseInt(g)) : m.group(g));
        }
        return out;
    }

    /** Python's re.escape (3.7+): a backslash before each character special in a pattern. */
    static String pythonEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("()[]{}?*+-|^$\\.&~# \t\n\r\u000b\f".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Python's shlex.quote: as it is when only safe characters, else in single quotes, a quote written '"'"'. */
    static String shlexQuote(String s) {
        if (s.isEmpty()) {
            return "''";
        }
        if (s.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    /** Python's str.split(sep=None, maxsplit=-1): no separator splits on runs of blanks; with one, keeps empty fields. */
    static List<Object> split(String s, String sep, Object maxsplit) {
        int max = (int) PyNumbers.big(maxsplit).longValue();
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            String rest = s.stripLeading();
            while (!rest.isEmpty()) {
                if (max >= 0 && out.size() == max) {
                    out.add(rest);
                    return out;
                }
                int i = 0;
                while (i < rest.length() && !Character.isWhitespace(rest.charAt(i))) {
                    i++;
                }
                out.add(rest.substring(0, i));
                rest = rest.substring(i).stripLeading();
            }
            return out;
        }
        if (sep.isEmpty()) {
            throw new TemplateException("empty separator", null);
        }
        int start = 0;
        int i;
        while ((max < 0 || out.size() < max) && (i = s.indexOf(sep, start)) >= 0) {
            out.add(s.substring(start, i));
            start = i + sep.length();
        }
        out.add(s.substring(start));
        return out;
    }

    /** Python's str.replace(old, new, count=-1). */
    static String replace(String s, String old, String replacement, Object count) {
        int max = count == null ? -1 : (int) PyNumbers.big(count).longValue();
        if (max < 0) {
            return s.replace(old, replacement);
        }
        StringBuilder b = new StringBuilder();
        int start = 0;
        for (int n = 0; n < max; n++) {
            int i = s.indexOf(old, start);
            if (i < 0) {
                break;
            }
            b.append(s, start, i).append(replacement);
            start = i + old.length();
            if (old.isEmpty()) {
                if (start >= s.length()) {
                    break;
                }
                b.append(s.charAt(start++));
            }
        }
        return b.append(s.substring(Math.min(start, s.length()))).toString();
    }

    /** Jinja2's title: each word's first letter upper-case, the rest lower-case (words split at blanks, - and brackets). */
    static String title(String s) {
        StringBuilder b = new StringBuilder();
        boolean start = true;
        for (char c : s.toCharArray()) {
            b.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = Character.isWhitespace(c) || "-([{<".indexOf(c) >= 0;
        }
        return b.toString();
    }

    static String strip(String s, String chars) {
        int i = 0;
        int j = s.length();
        while (i < j && chars.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        while (j > i && chars.indexOf(s.charAt(j - 1)) >= 0) {
            j--;
        }
        return s.substring(i, j);
    }
}
