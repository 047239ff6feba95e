package org.drover.template;

import java.util.List;
import java.util.Map;

/**
 * A filter's or test's arguments as Python passes them: positional ones, then keywords, so that
 * {@code int(16)} and {@code int(base=16)} read the same parameter. Values are plain Java ({@link JinjavaTemplater#plain}).
 */
record FilterArgs(List<Object> positional, Map<String, Object> keywords) {
    /** The parameter at position index or named name, or fallback when the call gives neither. */
    Object get(int index, String name, Object fallback) {
        if (index >= 0 && index < positional.size()) {
            return positional.get(index);
        }
        return keywords.containsKey(name) ? keywords.get(name) : fallback;
    }

    /** The parameter, required: Python's TypeError for a missing argument otherwise. */
    Object required(int index, String name, String filter) {
        if (index < positional.size() || keywords.containsKey(name)) {
            return get(index, name, null);
        }
        throw new TemplateException(filter + "() missing required argument: '" + name + "'", null);
    }

    String string(int index, String name, String fallback) {
        Object v = get(index, name, fallback);
        return v == null ? null : String.valueOf(v);
    }

    boolean flag(int index, String name, boolean fallback) {
        Object v = get(index, name, fallback);
        return JinjavaTemplater.truthy(v);
    }

    int size() {
        return positional.size();
    }
}
