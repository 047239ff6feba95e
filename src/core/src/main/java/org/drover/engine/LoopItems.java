package org.drover.engine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drover.playbook.KeyValue;
import org.drover.playbook.LoopWith;
import org.drover.template.Templater;

/**
 * A task's loop items, as Ansible computes them: {@code loop:} must render to a list; a {@code with_X:} form
 * templates its terms, makes a list of them ({@code listify_lookup_plugin_terms}) and hands them to the lookup
 * of that name. Errors carry Ansible's messages; they fail the task on that host, not the load.
 */
final class LoopItems {
    private static final String NUM = "(0?x?[0-9a-f]+)";
    /** {@code [start-]end[/stride][:format]}. */
    private static final Pattern SHORTCUT = Pattern.compile("^(" + NUM + "-)?" + NUM + "(/" + NUM + ")?(:(.+))?$",
            Pattern.CASE_INSENSITIVE);

    /** An error of the loop's definition, reported as the task's failure. */
    static final class LoopException extends RuntimeException {
        LoopException(String message) {
            super(message);
        }
    }

    private LoopItems() {}

    static List<?> of(Object loop, Templater templater, Map<String, Object> vars) {
        if (loop instanceof LoopWith w) {
            return lookup(w.lookup(), listify(templater.render(strip(w.terms()), vars)), templater, vars);
        }
        Object items = templater.render(loop, vars);
        if (!(items instanceof List<?> l)) {
            throw new LoopException("Invalid data passed to 'loop', it requires a list, got this instead: " + items
                    + ". Hint: If you passed a list/dict of just one element, try adding wantlist=True to your"
                    + " lookup invocation or use q/query instead of lookup.");
        }
        return l;
    }

    private static Object strip(Object terms) {
        return terms instanceof String s ? s.strip() : terms;
    }

    /** A string (or any non-collection) becomes a one-item list; lists and mappings stay as they are. */
    private static Object listify(Object terms) {
        return terms instanceof List<?> || terms instanceof Map<?, ?> ? terms : new ArrayList<>(List.of(terms));
    }

    static List<?> lookup(String name, Object terms, Templater templater, Map<String, Object> vars) {
        return switch (name) {
            case "items" -> flatten(terms instanceof Map<?, ?> m ? new ArrayList<>(m.keySet()) : asList(terms));
            case "list" -> {
                if (!(terms instanceof List<?> l)) {
                    throw new LoopException("with_list expects a list");
                }
                yield l;
            }
            case "dict" -> dict(terms);
            case "indexed_items" -> {
                if (!(terms instanceof List<?> l)) {
                    throw new LoopException("with_indexed_items expects a list");
                }
                List<?> flat = flatten(l);
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < flat.size(); i++) {
                    out.add(List.of(i, flat.get(i)));
                }
                yield out;
            }
            case "together" -> together(subLists(asList(terms), templater, vars));
            case "nested" -> nested(subLists(asList(terms), templater, vars));
            case "sequence" -> {
                List<Object> out = new ArrayList<>();
                for (Object term : asList(terms)) {
                    out.addAll(sequence(String.valueOf(term)));
                }
                yield out;
            }
            default -> throw new LoopException("no lookup named '" + name + "'");
        };
    }

    private static List<?> asList(Object terms) {
        return terms instanceof List<?> l ? l : List.of(terms);
    }

    /** One level: each list among the terms gives its items, anything else itself. */
    private static List<Object> flatten(List<?> terms) {
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            if (t instanceof List<?> l) {
                out.addAll(l);
            } else {
                out.add(t);
            }
        }
        return out;
    }

    private static List<Object> dict(Object terms) {
        List<Object> out = new ArrayList<>();
        for (Object t : asList(terms)) {
            if (!(t instanceof Map<?, ?> m)) {
                throw new LoopException("with_dict expects a dict");
            }
            m.forEach((k, v) -> {
                Map<String, Object> kv = new java.util.LinkedHashMap<>();
                kv.put("key", k);
                kv.put("value", v);
                out.add(kv);
            });
        }
        return out;
    }

    /** with_together and with_nested template each term again and make a list of it. */
    private static List<List<?>> subLists(List<?> terms, Templater templater, Map<String, Object> vars) {
        List<List<?>> out = new ArrayList<>();
        for (Object t : terms) {
            out.add((List<?>) listifyAll(templater.render(strip(t), vars)));
        }
        return out;
    }

    private static Object listifyAll(Object terms) {
        return terms instanceof List<?> ? terms : new ArrayList<>(List.of(terms));
    }

    /** The lists side by side, the shorter ones padded with nulls. */
    private static List<Object> together(List<List<?>> lists) {
        if (lists.isEmpty()) {
            throw new LoopException("with_together requires at least one element in each list");
        }
        int n = lists.stream().mapToInt(List::size).max().orElse(0);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Object> row = new ArrayList<>();
            for (List<?> l : lists) {
                row.add(i < l.size() ? l.get(i) : null);
            }
            out.add(flatten(row));
        }
        return out;
    }

    /** Every combination, the first list outermost. */
    private static List<Object> nested(List<List<?>> lists) {
        if (lists.isEmpty()) {
            throw new LoopException("with_nested requires at least one element in the nested list");
        }
        List<Object> result = new ArrayList<>(lists.get(0));
        for (int i = 1; i < lists.size(); i++) {
            List<Object> combined = new ArrayList<>();
            for (Object x : result) {
                for (Object y : lists.get(i)) {
                    combined.add(flatten(java.util.Arrays.asList(x, y)));
                }
            }
            result = combined;
        }
        List<Object> out = new ArrayList<>();
        for (Object x : result) {
            out.add(flatten(java.util.Arrays.asList(x)));
        }
        return out;
    }

    /** with_sequence: {@code start=1 end=5 stride=1 format=%d}, {@code count=}, or {@code [start-]end[/stride][:format]}. */
    static List<String> sequence(String term) {
        long[] nums = {1, Long.MIN_VALUE, Long.MIN_VALUE, 1}; // start, end, count, stride; MIN_VALUE: not given
        String format = "%d";
        Matcher m = SHORTCUT.matcher(term);
        if (m.matches()) {
            if (m.group(2) != null) {
                nums[0] = integer("start", m.group(2));
            }
            nums[1] = integer("end", m.group(3));
            if (m.group(5) != null) {
                nums[3] = integer("stride", m.group(5));
            }
            if (m.group(7) != null) {
                format = m.group(7);
            }
        } else {
            Map<String, Object> args;
            try {
                args = new java.util.LinkedHashMap<>(KeyValue.parse(term));
            } catch (IllegalArgumentException e) {
                throw new LoopException("unknown error parsing with_sequence arguments: '" + term + "'. Error was: "
                        + e.getMessage());
            }
            List<String> keys = List.of("start", "end", "count", "stride");
            for (int i = 0; i < keys.size(); i++) {
                Object v = args.remove(keys.get(i));
                if (v != null) {
                    nums[i] = integer(keys.get(i), String.valueOf(v));
                }
            }
            if (args.containsKey("format")) {
                format = String.valueOf(args.remove("format"));
            }
            if (!args.isEmpty()) {
                throw new LoopException("unrecognized arguments to with_sequence: " + args.keySet());
            }
        }
        return generate(nums, format);
    }

    private static List<String> generate(long[] nums, String format) {
        long start = nums[0];
        long end = nums[1];
        long count = nums[2];
        long stride = nums[3];
        boolean noEnd = end == Long.MIN_VALUE;
        boolean noCount = count == Long.MIN_VALUE;
        if (noEnd && noCount) {
            throw new LoopException("must specify count or end in with_sequence");
        } else if (!noEnd && !noCount) {
            throw new LoopException("can't specify both count and end in with_sequence");
        } else if (!noCount) {
            if (count != 0) {
                end = start + count * stride - 1;
            } else {
                start = 0;
                end = 0;
                stride = 0;
            }
        }
        if (stride > 0 && end < start) {
            throw new LoopException("to count backwards make stride negative");
        }
        if (stride < 0 && end > start) {
            throw new LoopException("to count forward don't make stride negative");
        }
        if (format.chars().filter(c -> c == '%').count() != 1) {
            throw new LoopException("bad formatting string: " + format);
        }
        List<String> out = new ArrayList<>();
        if (stride == 0) {
            return out;
        }
        long stop = end + (stride > 0 ? 1 : -1);
        for (long i = start; stride > 0 ? i < stop : i > stop; i += stride) {
            out.add(printf(format, i));
        }
        return out;
    }

    /** Python's {@code format % i} for one integer, for the conversions that make sense with one. */
    private static String printf(String format, long i) {
        Matcher m = Pattern.compile("%([-+ #0]*\\d*(?:\\.\\d+)?)([diouxXeEfFgGsc])").matcher(format);
        if (!m.find()) {
            throw new LoopException("problem formatting " + i + " with '" + format + "'");
        }
        String conv = m.group(2);
        String spec = "%" + m.group(1);
        String one = switch (conv) {
            case "d", "i", "u" -> String.format(Locale.ROOT, spec + "d", BigInteger.valueOf(i));
            case "o", "x", "X" -> String.format(Locale.ROOT, spec + conv, BigInteger.valueOf(i));
            case "e", "E", "f", "F", "g", "G" -> String.format(Locale.ROOT, spec + conv.toLowerCase(Locale.ROOT)
                    .replace("F", "f"), (double) i);
            case "c" -> String.valueOf((char) i);
            default -> String.format(Locale.ROOT, spec + "s", i);
        };
        return format.substring(0, m.start()) + one + format.substring(m.end());
    }

    /** Python's {@code int(text, 0)}: decimal, {@code 0x} hexadecimal, {@code 0o} octal. */
    private static long integer(String what, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            boolean neg = t.startsWith("-");
            String u = neg || t.startsWith("+") ? t.substring(1) : t;
            long v = u.startsWith("0x") ? Long.parseLong(u.substring(2), 16)
                    : u.startsWith("0o") ? Long.parseLong(u.substring(2), 8)
                    : u.startsWith("0b") ? Long.parseLong(u.substring(2), 2)
                    : u.length() > 1 && u.startsWith("0") && !u.matches("0+") ? fail() : Long.parseLong(u);
            return neg ? -v : v;
        } catch (NumberFormatException e) {
            throw new LoopException("can't parse " + what + "=" + text + " as integer");
        }
    }

    private static long fail() {
        throw new NumberFormatException();
    }
}
