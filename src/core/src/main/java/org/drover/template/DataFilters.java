package org.drover.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.text.JsonText;
import org.drover.text.PyText;
import org.drover.yaml.Yaml;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/** Mappings and serialised data: combine, dict2items, items2dict, subelements, extract, JSON and YAML. */
final class DataFilters {
    private static final List<String> LIST_MERGE = List.of("replace", "keep", "append", "prepend", "append_rp", "prepend_rp");

    private DataFilters() {}

    static void register(Registrar r) {
        r.filter("combine", DataFilters::combine);
        r.filter("dict2items", (v, a) -> {
            if (!(v instanceof Map<?, ?> m)) {
                throw new TemplateException("dict2items requires a dictionary, got " + PyTreeBuilder.typeName(v) + " instead.", null);
            }
            String k = a.string(0, "key_name", "key");
            String val = a.string(1, "value_name", "value");
            List<Object> out = new ArrayList<>();
            m.forEach((key, value) -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put(k, key);
                item.put(val, value);
                out.add(item);
            });
            return out;
        });
        r.filter("items2dict", (v, a) -> {
            String k = a.string(0, "key_name", "key");
            String val = a.string(1, "value_name", "value");
            Map<String, Object> out = new LinkedHashMap<>();
            for (Object o : PyValues.iterate(v)) {
                if (!(o instanceof Map<?, ?> m) || !m.containsKey(k) || !m.containsKey(val)) {
                    throw new TemplateException("items2dict requires a list of dictionaries with '" + k + "' and '" + val
                            + "' keys, got " + PyText.repr(o), null);
                }
                out.put(PyText.str(m.get(k)), m.get(val));
            }
            return out;
        });
        r.filter("subelements", (v, a) -> subelements(v, a.required(0, "subelements", "subelements"),
                a.flag(1, "skip_missing", false)));
        r.filter("extract", (v, a) -> {
            Object value = index(a.required(0, "container", "extract"), v);
            Object more = a.get(1, "morekeys", null);
            if (more != null) {
                for (Object k : more instanceof List<?> l ? l : List.of(more)) {
                    value = index(value, k);
                }
            }
            return value;
        });
        r.filter("to_json", (v, a) -> JsonText.toJson(v));
        r.filter("to_nice_json", (v, a) -> JsonText.toNiceJson(v));
        r.filter("from_json", (v, a) -> {
            try {
                return JinjavaTemplater.plain(JsonText.parse(PyText.str(v)));
            } catch (JsonProcessingException e) {
                throw new TemplateException("from_json: not valid JSON: " + e.getOriginalMessage(), null);
            }
        });
        r.filter("to_yaml", (v, a) -> yaml(v, FlowStyle.AUTO, (int) PyNumbers.big(a.get(-1, "indent", 2L)).longValue()));
        r.filter("to_nice_yaml", (v, a) -> yaml(v, FlowStyle.BLOCK, (int) PyNumbers.big(a.get(0, "indent", 4L)).longValue()));
        r.filter("from_yaml", (v, a) -> {
            if (!(v instanceof CharSequence s)) {
                return v;
            }
            return Yaml.compose(s.toString(), "from_yaml").map(Yaml::toValue).orElse(null);
        });
    }

    /** value[key] as Python indexes: a dict by key, a list by int position. */
    static Object index(Object container, Object key) {
        if (container instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (PyValues.equal(e.getKey(), key)) {
                    return e.getValue();
                }
            }
            throw new TemplateException("'dict object' has no attribute " + PyText.repr(key), null);
        }
        if (container instanceof List<?> l && PyNumbers.isInt(key)) {
            int i = (int) PyNumbers.big(key).longValue();
            if (i < -l.size() || i >= l.size()) {
                throw new TemplateException("list object has no element " + i, null);
            }
            return l.get(i < 0 ? l.size() + i : i);
        }
        throw new TemplateException("'" + PyTreeBuilder.typeName(container) + " object' has no attribute " + PyText.repr(key), null);
    }

    /** Ansible's combine(*dicts, recursive=False, list_merge='replace'): later mappings win. */
    private static Object combine(Object v, FilterArgs a) {
        for (String k : a.keywords().keySet()) {
            if (!k.equals("recursive") && !k.equals("list_merge")) {
                throw new TemplateException("'recursive' and 'list_merge' are the only valid keyword arguments", null);
            }
        }
        boolean recursive = JinjavaTemplater.truthy(a.keywords().getOrDefault("recursive", false));
        String listMerge = PyText.str(a.keywords().getOrDefault("list_merge", "replace"));
        if (!LIST_MERGE.contains(listMerge)) {
            throw new TemplateException("merge_hash: 'list_merge' argument can only be equal to 'replace', 'keep', 'append', "
                    + "'prepend', 'append_rp' or 'prepend_rp'", null);
        }
        List<Object> terms = new ArrayList<>();
        terms.add(v);
        terms.addAll(a.positional());
        List<Object> dicts = ListFilters.flatten(terms, 1L, false);
        if (dicts.isEmpty()) {
            return new LinkedHashMap<>();
        }
        Object result = mapping(dicts.get(dicts.size() - 1));
        for (int i = dicts.size() - 2; i >= 0; i--) {
            result = merge(mapping(dicts.get(i)), mapping(result), recursive, listMerge);
        }
        return result;
    }

    private static Map<Object, Object> mapping(Object o) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new TemplateException("failed to combine variables, expected dicts but got a '" + PyTreeBuilder.typeName(o) + "'", null);
        }
        return new LinkedHashMap<>(m);
    }

    /** Ansible's merge_hash(x, y): y's keys win; with recursive, mappings merge; lists follow list_merge. */
    @SuppressWarnings("unchecked")
    static Map<Object, Object> merge(Map<Object, Object> x, Map<Object, Object> y, boolean recursive, String listMerge) {
        if (x.isEmpty() || PyValues.equal(x, y)) {
            return new LinkedHashMap<>(y);
        }
        Map<Object, Object> out = new LinkedHashMap<>(x);
        for (Map.Entry<Object, Object> e : y.entrySet()) {
            Object old = out.get(e.getKey());
            Object nv = e.getValue();
            if (!out.containsKey(e.getKey())) {
                out.put(e.getKey(), nv);
            } else if (old instanceof Map && nv instanceof Map) {
                out.put(e.getKey(), recursive ? merge(new LinkedHashMap<>((Map<Object, Object>) old),
                        new LinkedHashMap<>((Map<Object, Object>) nv), true, listMerge) : nv);
            } else if (old instanceof List<?> ol && nv instanceof List<?> nl) {
                out.put(e.getKey(), mergeLists(ol, nl, listMerge));
            } else {
                out.put(e.getKey(), nv);
            }
        }
        return out;
    }

    private static List<Object> mergeLists(List<?> x, List<?> y, String how) {
        List<Object> out = new ArrayList<>();
        List<Object> xNotInY = x.stream().filter(z -> !PyValues.contains(y, z)).map(z -> (Object) z).toList();
        switch (how) {
            case "keep" -> out.addAll(x);
            case "append" -> {
                out.addAll(x);
                out.addAll(y);
            }
            case "prepend" -> {
                out.addAll(y);
                out.addAll(x);
            }
            case "append_rp" -> {
                out.addAll(xNotInY);
                out.addAll(y);
            }
            case "prepend_rp" -> {
                out.addAll(y);
                out.addAll(xNotInY);
            }
            default -> out.addAll(y);
        }
        return out;
    }

    /** Ansible's subelements: (item, subitem) pairs for each list found under the key path. */
    private static List<Object> subelements(Object obj, Object subelements, boolean skipMissing) {
        Collection<?> elements = obj instanceof Map<?, ?> m ? m.values() : obj instanceof List<?> l ? l : null;
        if (elements == null) {
            throw new TemplateException("obj must be a list of dicts or a nested dict", null);
        }
        List<?> path = subelements instanceof List<?> l ? l : subelements instanceof CharSequence s
                ? List.of(s.toString().split("\\.", -1)) : null;
        if (path == null) {
            throw new TemplateException("subelements must be a list or a string", null);
        }
        List<Object> out = new ArrayList<>();
        for (Object element : elements) {
            Object values = element;
            for (Object key : path) {
                if (!(values instanceof Map<?, ?> m)) {
                    throw new TemplateException("the key " + key + " should point to a dictionary, got '" + PyText.str(values) + "'", null);
                }
                if (!m.containsKey(key)) {
                    if (!skipMissing) {
                        throw new TemplateException("could not find " + PyText.repr(key) + " key in iterated item " + PyText.repr(values), null);
                    }
                    values = List.of();
                    break;
                }
                values = m.get(key);
            }
            if (!(values instanceof List<?> l)) {
                throw new TemplateException("the key " + PyText.repr(path.get(path.size() - 1)) + " should point to a list, got "
                        + PyText.repr(values), null);
            }
            l.forEach(x -> out.add(new ArrayList<>(java.util.Arrays.asList(element, x))));
        }
        return out;
    }

    private static String yaml(Object v, FlowStyle style, int indent) {
        return new Dump(DumpSettings.builder().setDefaultFlowStyle(style).setIndent(Math.max(1, Math.min(10, indent))).build())
                .dumpToString(v);
    }
}
