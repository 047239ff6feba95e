package org.drover.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.drover.text.PyText;

/**
 * Python's str methods ({@code 'a,b'.split(',')}, {@code .startswith()}, {@code .format()}) and dict.items() on
 * Java values, which Jinja2 exposes and Jinjava would look up as Java methods.
 */
final class PyMethods {
    private static final Set<String> STRING = Set.of("split", "rsplit", "startswith", "endswith", "strip", "lstrip", "rstrip",
            "upper", "lower", "replace", "format", "join", "find", "count", "title", "capitalize", "isdigit", "isalpha",
            "isalnum", "isspace", "isupper", "islower", "splitlines", "zfill", "center", "ljust", "rjust", "index", "swapcase");

    private PyMethods() {}

    /** True when base.name(...) is a Python method drover computes here. */
    static boolean handles(Object base, Object name) {
        return base instanceof String && STRING.contains(name) || base instanceof Map && "items".equals(name);
    }

    static Object invoke(Object base, String name, Object[] rawArgs) {
        List<Object> a = new ArrayList<>();
        for (Object o : rawArgs == null ? new Object[0] : rawArgs) {
            a.add(JinjavaTemplater.plain(o));
        }
        if (base instanceof Map<?, ?> m) {
            List<Object> items = new ArrayList<>();
            m.forEach((k, v) -> items.add(new ArrayList<>(java.util.Arrays.asList(k, v))));
            return items;
        }
        return string((String) base, name, a);
    }

    private static Object arg(List<Object> a, int i, Object fallback) {
        return i < a.size() ? a.get(i) : fallback;
    }

    private static Object string(String s, String name, List<Object> a) {
        return switch (name) {
            case "split" -> TextFilters.split(s, (String) arg(a, 0, null), arg(a, 1, -1L));
            case "rsplit" -> rsplit(s, (String) arg(a, 0, null), arg(a, 1, -1L));
            case "startswith" -> affix(s, a.get(0), true);
            case "endswith" -> affix(s, a.get(0), false);
            case "strip" -> arg(a, 0, null) == null ? s.strip() : TextFilters.strip(s, (String) a.get(0));
            case "lstrip" -> arg(a, 0, null) == null ? s.stripLeading() : lstrip(s, (String) a.get(0));
            case "rstrip" -> arg(a, 0, null) == null ? s.stripTrailing() : rstrip(s, (String) a.get(0));
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "swapcase" -> swapcase(s);
            case "replace" -> TextFilters.replace(s, PyText.str(a.get(0)), PyText.str(a.get(1)), arg(a, 2, null));
            case "format" -> format(s, a);
            case "join" -> String.join(s, PyValues.iterate(a.get(0)).stream().map(x -> (String) x).toList());
            case "find" -> (long) s.indexOf(PyText.str(a.get(0)));
            case "index" -> index(s, PyText.str(a.get(0)));
            case "count" -> (long) TextFilters.split(s, PyText.str(a.get(0)), -1L).size() - 1;
            case "title" -> TextFilters.title(s);
            case "capitalize" -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            case "isdigit" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "isalpha" -> !s.isEmpty() && s.chars().allMatch(Character::isLetter);
            case "isalnum" -> !s.isEmpty() && s.chars().allMatch(Character::isLetterOrDigit);
            case "isspace" -> !s.isEmpty() && s.chars().allMatch(Character::isWhitespace);
            case "isupper" -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toUpperCase(Locale.ROOT));
            case "islower" -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toLowerCase(Locale.ROOT));
            case "splitlines" -> new ArrayList<Object>(s.lines().toList());
            case "zfill" -> zfill(s, (int) PyNumbers.big(a.get(0)).longValue());
            case "center", "ljust", "rjust" -> pad(s, name, (int) PyNumbers.big(a.get(0)).longValue(), PyText.str(arg(a, 1, " ")));
            default -> throw new TemplateException("'str' object has no attribute '" + name + "'", null);
        };
    }

    private static boolean affix(String s, Object x, boolean prefix) {
        for (Object o : x instanceof List<?> l ? l : List.of(x)) {
            if (prefix ? s.startsWith(PyText.str(o)) : s.endsWith(PyText.str(o))) {
                return true;
            }
        }
        return false;
    }

    private static List<Object> rsplit(String s, String sep, Object maxsplit) {
        long max = PyNumbers.big(maxsplit).longValue();
        if (max < 0 || sep == null) {
            return TextFilters.split(s, sep, max < 0 ? -1L : maxsplit);
        }
        List<Object> out = new ArrayList<>();
        int end = s.length();
        int i;
        while (out.size() < max && (i = s.lastIndexOf(sep, end - sep.length())) >= 0 && end - sep.length() >= 0) {
            out.add(0, s.substring(i + sep.length(), end));
            end = i;
        }
        out.add(0, s.substring(0, end));
        return out;
    }

    private static String lstrip(String s, String chars) {
        int i = 0;
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return s.substring(i);
    }

    private static String rstrip(String s, String chars) {
        int j = s.length();
        while (j > 0 && chars.indexOf(s.charAt(j - 1)) >= 0) {
            j--;
        }
        return s.substring(0, j);
    }

    private static String swapcase(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return b.toString();
    }

    private static long index(String s, String sub) {
        int i = s.indexOf(sub);
        if (i < 0) {
            throw new TemplateException("substring not found", null);
        }
        return i;
    }

    private static String zfill(String s, int width) {
        boolean sign = s.startsWith("-") || s.startsWith("+");
        String digits = sign ? s.substring(1) : s;
        int pad = width - s.length();
        return pad <= 0 ? s : (sign ? s.substring(0, 1) : "") + "0".repeat(pad) + digits;
    }

    private static String pad(String s, String how, int width, String fill) {
        int pad = width - s.length();
        if (pad <= 0) {
            return s;
        }
        return switch (how) {
            case "ljust" -> s + fill.repeat(pad);
            case "rjust" -> fill.repeat(pad) + s;
            default -> {
                int left = pad / 2 + (pad & width & 1);
                yield fill.repeat(left) + s + fill.repeat(pad - left);
            }
        };
    }

    /** str.format with {}, {0} and {name} fields (no format specs: refused rather than guessed). */
    private static String format(String s, List<Object> a) {
        StringBuilder b = new StringBuilder();
        int auto = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < s.length() && s.charAt(i + 1) == c) {
                b.append(c);
                i++;
            } else if (c == '{') {
                int end = s.indexOf('}', i);
                String field = s.substring(i + 1, end);
                if (field.contains(":") || field.contains("!")) {
                    throw new TemplateException("str.format: format specifications ('" + field + "') are not supported by drover; "
                            + "use filters such as round or string", null);
                }
                if (!field.matches("\\d*")) {
                    throw new TemplateException("str.format: named fields ('{" + field + "}') are not supported by drover; "
                            + "use ~ to join strings", null);
                }
                Object v = field.isEmpty() ? a.get(auto++) : a.get(Integer.parseInt(field));
                b.append(PyText.str(v));
                i = end;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
