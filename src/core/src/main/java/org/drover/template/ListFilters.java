package org.drover.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Lists as Jinja2 and Ansible shape them: first, last, min, max, sum, sort, unique, set operations, zip, flatten. */
final class ListFilters {
    private ListFilters() {}

    static void register(Registrar r) {
        r.filter("first", (v, a) -> {
            List<Object> items = PyValues.iterate(v);
            return items.isEmpty() ? null : items.get(0);
        });
        r.filter("last", (v, a) -> {
            List<Object> items = PyValues.iterate(v);
            return items.isEmpty() ? null : items.get(items.size() - 1);
        });
        r.filter("min", (v, a) -> extreme(v, a, -1));
        r.filter("max", (v, a) -> extreme(v, a, 1));
        r.filter("sum", (v, a) -> {
            Function<Object, Object> key = attribute(a.string(-1, "attribute", null));
            Object total = a.get(-1, "start", 0L);
            for (Object x : PyValues.iterate(v)) {
                total = PyTreeBuilder.pyAdd(total, key.apply(x));
            }
            return total;
        });
        r.filter("sort", (v, a) -> sort(v, a));
        r.filter("reverse", (v, a) -> {
            if (v instanceof CharSequence s) {
                return new StringBuilder(s).reverse().toString();
            }
            List<Object> out = new ArrayList<>(PyValues.iterate(v));
            java.util.Collections.reverse(out);
            return out;
        });
        r.filter("unique", (v, a) -> unique(PyValues.iterate(v), a.flag(0, "case_sensitive", false),
                a.string(1, "attribute", null)));
        r.filter("union", (v, a) -> {
            List<Object> all = new ArrayList<>(PyValues.iterate(v));
            all.addAll(PyValues.iterate(a.required(0, "b", "union")));
            return unique(all, true, null);
        });
        r.filter("intersect", (v, a) -> unique(keep(v, a.required(0, "b", "intersect"), true), true, null));
        r.filter("difference", (v, a) -> unique(keep(v, a.required(0, "b", "difference"), false), true, null));
        r.filter("symmetric_difference", (v, a) -> {
            Object b = a.required(0, "b", "symmetric_difference");
            List<Object> both = unique(keep(v, b, true), true, null);
            List<Object> all = new ArrayList<>(PyValues.iterate(v));
            all.addAll(PyValues.iterate(b));
            return unique(all, true, null).stream().filter(x -> !PyValues.contains(both, x)).toList();
        });
        r.filter("zip", (v, a) -> zip(v, a, false));
        r.filter("zip_longest", (v, a) -> zip(v, a, true));
        r.filter("product", (v, a) -> product(v, a));
        r.filter("flatten", (v, a) -> flatten(PyValues.iterate(v), a.get(0, "levels", null), a.flag(1, "skip_nulls", true)));
        r.filter("shuffle", (v, a) -> {
            List<Object> out = new ArrayList<>(PyValues.iterate(v));
            if (a.get(0, "seed", null) != null) {
                throw new TemplateException("shuffle(seed=...) is not supported by drover: it cannot repeat Python's generator", null);
            }
            java.util.Collections.shuffle(out, new java.security.SecureRandom());
            return out;
        });
        r.filter("length", (v, a) -> ValueFilters.length(v));
        r.filter("count", (v, a) -> ValueFilters.length(v));
    }

    /** Jinja2's attribute lookup for attribute= ("a.b" and "0" work as in Jinja2's make_attrgetter). */
    static Function<Object, Object> attribute(String path) {
        if (path == null) {
            return x -> x;
        }
        return x -> {
            Object cur = x;
            for (String part : path.split("\\.")) {
                cur = item(cur, part);
            }
            return cur;
        };
    }

    private static Object item(Object container, String key) {
        if (container instanceof Map<?, ?> m) {
            if (m.containsKey(key)) {
                return m.get(key);
            }
            throw new TemplateException("'dict object' has no attribute '" + key + "'", null);
        }
        if (container instanceof List<?> l && key.matches("\\d+")) {
            return l.get(Integer.parseInt(key));
        }
        throw new TemplateException("'" + PyTreeBuilder.typeName(container) + " object' has no attribute '" + key + "'", null);
    }

    /** Jinja2's min/max(case_sensitive=False, attribute=None); undefined on an empty sequence. */
    private static Object extreme(Object v, FilterArgs a, int sign) {
        Function<Object, Object> key = sortKey(a.flag(0, "case_sensitive", false), a.string(1, "attribute", null));
        Object best = null;
        boolean first = true;
        for (Object x : PyValues.iterate(v)) {
            if (first || sign * PyValues.compare(key.apply(x), key.apply(best)) > 0) {
                best = x;
                first = false;
            }
        }
        if (first) {
            throw new TemplateException("No aggregated item, sequence was empty.", null);
        }
        return best;
    }

    private static Function<Object, Object> sortKey(boolean caseSensitive, String attribute) {
        Function<Object, Object> attr = attribute(attribute);
        return caseSensitive ? attr : x -> {
            Object k = attr.apply(x);
            return k instanceof CharSequence s ? s.toString().toLowerCase(Locale.ROOT) : k;
        };
    }

    /** Jinja2's sort(reverse=False, case_sensitive=False, attribute=None): stable, strings compared lower-cased. */
    private static List<Object> sort(Object v, FilterArgs a) {
        Function<Object, Object> key = sortKey(a.flag(1, "case_sensitive", false), a.string(2, "attribute", null));
        Comparator<Object> cmp = (x, y) -> PyValues.compare(key.apply(x), key.apply(y));
        List<Object> out = new ArrayList<>(PyValues.iterate(v));
        out.sort(a.flag(0, "reverse", false) ? cmp.reversed() : cmp);
        return out;
    }

    /** Jinja2's unique: the first of each value, in order; strings compared lower-cased unless case_sensitive. */
    static List<Object> unique(List<Object> items, boolean caseSensitive, String attribute) {
        Function<Object, Object> key = sortKey(caseSensitive, attribute);
        List<Object> seen = new ArrayList<>();
        List<Object> out = new ArrayList<>();
        for (Object x : items) {
            Object k = key.apply(x);
            if (!PyValues.contains(seen, k)) {
                seen.add(k);
                out.add(x);
            }
        }
        return out;
    }

    private static List<Object> keep(Object a, Object b, boolean present) {
        List<Object> other = PyValues.iterate(b);
        return PyValues.iterate(a).stream().filter(x -> PyValues.contains(other, x) == present).toList();
    }

    /** Python's zip / itertools.zip_longest(fillvalue=None); tuples are lists here. */
    private static List<Object> zip(Object v, FilterArgs a, boolean longest) {
        List<List<Object>> lists = new ArrayList<>();
        lists.add(PyValues.iterate(v));
        a.positional().forEach(x -> lists.add(PyValues.iterate(x)));
        int n = lists.stream().mapToInt(List::size).reduce(longest ? Math::max : Math::min).orElse(0);
        Object fill = a.keywords().get("fillvalue");
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Object> row = new ArrayList<>();
            for (List<Object> l : lists) {
                row.add(i < l.size() ? l.get(i) : fill);
            }
            out.add(row);
        }
        return out;
    }

    /** itertools.product(value, *others, repeat=1). */
    private static List<Object> product(Object v, FilterArgs a) {
        List<List<Object>> pools = new ArrayList<>();
        pools.add(PyValues.iterate(v));
        a.positional().forEach(x -> pools.add(PyValues.iterate(x)));
        int repeat = (int) PyNumbers.big(a.get(-1, "repeat", 1L)).longValue();
        List<List<Object>> all = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            all.addAll(pools);
        }
        List<List<Object>> result = new ArrayList<>();
        result.add(List.of());
        for (List<Object> pool : all) {
            List<List<Object>> next = new ArrayList<>();
            for (List<Object> prefix : result) {
                for (Object x : pool) {
                    List<Object> row = new ArrayList<>(prefix);
                    row.add(x);
                    next.add(row);
                }
            }
            result = next;
        }
        return new ArrayList<>(result);
    }

    /** Ansible's flatten(levels=None, skip_nulls=True): None, 'None' and 'null' are dropped unless skip_nulls=False. */
    static List<Object> flatten(List<Object> items, Object levels, boolean skipNulls) {
        List<Object> out = new ArrayList<>();
        for (Object x : items) {
            if (skipNulls && (x == null || "None".equals(x) || "null".equals(x))) {
                continue;
            }
            if (x instanceof Collection<?> c && !(x instanceof Map)) {
                List<Object> inner = new ArrayList<>(c);
                if (levels == null) {
                    out.addAll(flatten(inner, null, skipNulls));
                } else if (PyNumbers.big(levels).signum() > 0) {
                    out.addAll(flatten(inner, PyNumbers.big(levels).subtract(java.math.BigInteger.ONE), skipNulls));
                } else {
                    out.add(x);
                }
            } else {
                out.add(x);
            }
        }
        return out;
    }
}
