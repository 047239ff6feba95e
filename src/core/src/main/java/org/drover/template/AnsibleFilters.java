package org.drover.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drover.text.JsonText;
import org.drover.transport.Sh;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/** The Ansible filters that Jinjava lacks or names differently. */
final class AnsibleFilters {
    private AnsibleFilters() {}

    static void register(Context ctx) {
        registerDataFilters(ctx);
        registerFormatFilters(ctx);
        registerTextFilters(ctx);
        registerTests(ctx);
    }

    /** mandatory, bool and the mapping/list reshaping filters. */
    private static void registerDataFilters(Context ctx) {
        add(ctx, "mandatory", (v, a) -> {
            if (v instanceof Undefined u) {
                Undefined.excuse(u);
                throw new TemplateException(a.length > 0 ? String.valueOf(a[0])
                        : "Mandatory variable '" + u.name() + "' not defined.", u.name());
            }
            if (v == null) {
                throw new TemplateException(a.length > 0 ? String.valueOf(a[0]) : "mandatory variable not defined", null);
            }
            return v;
        });
        add(ctx, "bool", (v, a) -> {
            if (v instanceof Boolean b) {
                return b;
            }
            if (v instanceof Number n) {
                return n.doubleValue() == 1;
            }
            String s = v == null ? "" : String.valueOf(v).trim().toLowerCase();
            return s.equals("yes") || s.equals("on") || s.equals("1") || s.equals("true") || s.equals("y");
        });
        add(ctx, "combine", (v, a) -> {
            boolean recursive = a.length > 0 && a[a.length - 1] instanceof Boolean b && b;
            Map<String, Object> out = copyMap(v);
            for (Object o : a) {
                if (o instanceof Map<?, ?> m) {
                    merge(out, m, recursive);
                } else if (o instanceof Collection<?> c) {
                    c.forEach(x -> merge(out, (Map<?, ?>) x, recursive));
                }
            }
            return out;
        });
        add(ctx, "dict2items", (v, a) -> {
            String k = a.length > 0 ? String.valueOf(a[0]) : "key";
            String val = a.length > 1 ? String.valueOf(a[1]) : "value";
            List<Object> out = new ArrayList<>();
            copyMap(v).forEach((key, value) -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put(k, key);
                item.put(val, value);
                out.add(item);
            });
            return out;
        });
        add(ctx, "items2dict", (v, a) -> {
            String k = a.length > 0 ? String.valueOf(a[0]) : "key";
            String val = a.length > 1 ? String.valueOf(a[1]) : "value";
            Map<String, Object> out = new LinkedHashMap<>();
            for (Object o : asList(v)) {
                Map<?, ?> m = (Map<?, ?>) o;
                out.put(String.valueOf(m.get(k)), m.get(val));
            }
            return out;
        });
    }

    /** JSON and YAML, to and from text. */
    private static void registerFormatFilters(Context ctx) {
        add(ctx, "to_json", (v, a) -> JsonText.toJson(v));
        add(ctx, "to_nice_json", (v, a) -> JsonText.toNiceJson(v));
        add(ctx, "from_json", (v, a) -> {
            try {
                return JinjavaTemplater.plain(JsonText.parse(String.valueOf(v)));
            } catch (JsonProcessingException e) {
                throw new TemplateException("from_json: not valid JSON: " + e.getOriginalMessage(), null);
            }
        });
        add(ctx, "to_yaml", (v, a) -> yaml(v, FlowStyle.FLOW));
        add(ctx, "to_nice_yaml", (v, a) -> yaml(v, FlowStyle.BLOCK));
    }

    /** Regular expressions, paths, ternary and shell quoting. */
    private static void registerTextFilters(Context ctx) {
        add(ctx, "regex_search", (v, a) -> {
            Matcher m = Pattern.compile(String.valueOf(a[0])).matcher(String.valueOf(v));
            if (!m.find()) {
                return null;
            }
            if (a.length > 1) {
                List<Object> groups = new ArrayList<>();
                for (int i = 1; i < a.length; i++) {
                    String g = String.valueOf(a[i]);
                    groups.add(g.startsWith("\\") ? m.group(Integer.parseInt(g.substring(1))) : m.group(g));
                }
                return groups;
            }
            return m.group();
        });
        add(ctx, "regex_replace", (v, a) -> {
            // Python's \1 back-references become Java's $1.
            String replacement = a.length > 1 ? String.valueOf(a[1]) : "";
            replacement = replacement.replace("$", "\\$").replaceAll("\\\\(\\d)", "\\$$1");
            return Pattern.compile(String.valueOf(a[0])).matcher(String.valueOf(v)).replaceAll(replacement);
        });
        add(ctx, "basename", (v, a) -> {
            String s = String.valueOf(v);
            return s.substring(s.lastIndexOf('/') + 1);
        });
        add(ctx, "dirname", (v, a) -> {
            String s = String.valueOf(v);
            int i = s.lastIndexOf('/');
            return i < 0 ? "" : i == 0 ? "/" : s.substring(0, i);
        });
        add(ctx, "ternary", (v, a) -> {
            if (v == null && a.length > 2) {
                return a[2];
            }
            return JinjavaTemplater.truthy(v) ? a[0] : a[1];
        });
        add(ctx, "quote", (v, a) -> Sh.quote(v == null ? "" : String.valueOf(v)));
    }

    /** The tests: match, search, regex, version. */
    private static void registerTests(Context ctx) {
        test(ctx, "match", (v, a) -> Pattern.compile(String.valueOf(a[0])).matcher(String.valueOf(v)).lookingAt());
        test(ctx, "search", (v, a) -> Pattern.compile(String.valueOf(a[0])).matcher(String.valueOf(v)).find());
        test(ctx, "regex", (v, a) -> Pattern.compile(String.valueOf(a[0])).matcher(String.valueOf(v)).find());
        test(ctx, "version", (v, a) -> {
            int c = compareVersions(String.valueOf(v), String.valueOf(a[0]));
            String op = a.length > 1 ? String.valueOf(a[1]) : "eq";
            return switch (op) {
                case "<", "lt" -> c < 0;
                case "<=", "le" -> c <= 0;
                case ">", "gt" -> c > 0;
                case ">=", "ge" -> c >= 0;
                case "!=", "<>", "ne" -> c != 0;
                case "==", "=", "eq" -> c == 0;
                default -> throw new TemplateException("version test: unknown operator '" + op + "'", null);
            };
        });
    }

    /** Compares dotted versions numerically part by part ("14.3-RELEASE-p2" > "14.3"); text parts compare as text. */
    static int compareVersions(String x, String y) {
        String[] a = x.split("[.\\-_]");
        String[] b = y.split("[.\\-_]");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String p = i < a.length ? a[i] : "";
            String q = i < b.length ? b[i] : "";
            int c = p.matches("\\d+") && q.matches("\\d+") ? Long.compare(Long.parseLong(p), Long.parseLong(q)) : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static void test(Context ctx, String name, BiFunction<Object, Object[], Boolean> f) {
        ctx.registerExpTest(new ExpTest() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
                if (args.length == 0) {
                    throw new TemplateException("test '" + name + "' needs an argument", null);
                }
                // Jinjava hands "is t(a, b)" over as one tuple argument.
                Object[] raw = args.length == 1 && args[0] instanceof java.util.List<?> l ? l.toArray() : args;
                Object[] plainArgs = new Object[raw.length];
                for (int i = 0; i < raw.length; i++) {
                    plainArgs[i] = JinjavaTemplater.plain(raw[i]);
                }
                return f.apply(JinjavaTemplater.plain(var), plainArgs);
            }
        });
    }

    private static void add(Context ctx, String name, BiFunction<Object, Object[], Object> f) {
        ctx.registerFilter(new Filter() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
                return f.apply(JinjavaTemplater.plain(var), args);
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
                Object[] plainArgs = new Object[args.length];
                for (int i = 0; i < args.length; i++) {
                    plainArgs[i] = JinjavaTemplater.plain(args[i]);
                }
                if (kwargs.containsKey("recursive")) {
                    plainArgs = java.util.Arrays.copyOf(plainArgs, plainArgs.length + 1);
                    plainArgs[plainArgs.length - 1] = JinjavaTemplater.truthy(kwargs.get("recursive"));
                }
                if (kwargs.containsKey("key_name") || kwargs.containsKey("value_name")) {
                    plainArgs = new Object[] {kwargs.getOrDefault("key_name", "key"), kwargs.getOrDefault("value_name", "value")};
                }
                return f.apply(JinjavaTemplater.plain(var), plainArgs);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copyMap(Object v) {
        if (!(v instanceof Map)) {
            throw new TemplateException("expected a mapping, got " + v, null);
        }
        return new LinkedHashMap<>((Map<String, Object>) v);
    }

    private static List<?> asList(Object v) {
        if (v instanceof List<?> l) {
            return l;
        }
        throw new TemplateException("expected a list, got " + v, null);
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<?, ?> from, boolean recursive) {
        for (Map.Entry<?, ?> e : from.entrySet()) {
            String k = String.valueOf(e.getKey());
            Object old = into.get(k);
            if (recursive && old instanceof Map && e.getValue() instanceof Map<?, ?> nv) {
                Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) old);
                merge(m, nv, true);
                into.put(k, m);
            } else {
                into.put(k, e.getValue());
            }
        }
    }

    private static String yaml(Object v, FlowStyle style) {
        return new Dump(DumpSettings.builder().setDefaultFlowStyle(style).build()).dumpToString(v);
    }
}
