package org.drover.playbook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.drover.yaml.Yaml;

/**
 * The keywords of one kind of node (play, task, block, include, ...), one row each, in the order they are
 * documented: that order is the order of "did you mean" candidates and the order in which values are read (so
 * problems are reported in it). A row says how its keyword's value is read and validated; adding a keyword to a
 * node kind is adding a row.
 *
 * <p>A {@linkplain #part part} row only allows its keyword: the node's reader handles it itself (task lists, the
 * module's arguments, a keyword read together with another one).
 *
 * @param <C> what a row's reader needs besides the entry: the value readers and, for some kinds, more context
 */
final class Keywords<C> {
    /** Reads one keyword's entry, null when the keyword is absent. */
    interface Value<C> {
        Object read(C in, Yaml.Entry entry);
    }

    /** Reads a keyword together with others (e.g. {@code become} with {@code become_user}). */
    interface Group<C> {
        Object read(C in, Map<String, Yaml.Entry> entries);
    }

    private final List<String> keys = new ArrayList<>();
    private final Map<String, Group<C>> readers = new HashMap<>();

    /** A keyword whose value is read by {@code reader}. */
    Keywords<C> value(String key, Value<C> reader) {
        return group(key, (in, es) -> reader.read(in, es.get(key)));
    }

    /** A keyword read from all the node's entries, e.g. together with {@code part} rows that follow it. */
    Keywords<C> group(String key, Group<C> reader) {
        keys.add(key);
        readers.put(key, reader);
        return this;
    }

    /** A keyword allowed here and read by the node's reader itself, or by another row's group reader. */
    Keywords<C> part(String key) {
        keys.add(key);
        return this;
    }

    /** Every keyword allowed, in row order. */
    List<String> keys() {
        return keys;
    }

    boolean allows(String key) {
        return keys.contains(key);
    }

    /** Reads every row that has a reader, in row order; absent keywords are read as null entries. */
    Fields read(C in, Map<String, Yaml.Entry> entries) {
        Fields out = new Fields();
        for (String k : keys) {
            Group<C> r = readers.get(k);
            if (r != null) {
                out.values.put(k, r.read(in, entries));
            }
        }
        return out;
    }

    /** The values read, by keyword. */
    static final class Fields {
        private final Map<String, Object> values = new HashMap<>();

        @SuppressWarnings("unchecked")
        <T> T get(String key) {
            return (T) values.get(key);
        }

        /** A Boolean keyword that counts as false when not given. */
        boolean isTrue(String key) {
            return Boolean.TRUE.equals(values.get(key));
        }
    }
}
