package org.drover.template;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python's ordering, equality, membership and iteration for plain Java values, as Ansible's filters apply them
 * (its str() and repr() are {@link org.drover.text.PyText}'s).
 */
final class PyValues {
    private PyValues() {}

    /** Python's ==: 1 == 1.0 == True, lists and dicts by content. */
    static boolean equal(Object a, Object b) {
        if (PyNumbers.isNumber(a) && PyNumbers.isNumber(b)) {
            if (PyNumbers.isInt(a) && PyNumbers.isInt(b)) {
                return PyNumbers.big(a).equals(PyNumbers.big(b));
            }
            return PyNumbers.dbl(a) == PyNumbers.dbl(b);
        }
        if (a instanceof CharSequence x && b instanceof CharSequence y) {
            return x.toString().equals(y.toString());
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }

    /** Python's {@code x in container}: a member of a list, a key of a dict, a substring of a string. */
    static boolean contains(Object container, Object x) {
        if (container instanceof CharSequence s) {
            if (!(x instanceof CharSequence)) {
                throw new TemplateException("'in <string>' requires string as left operand, not " + PyTreeBuilder.typeName(x), null);
            }
            return s.toString().contains(x.toString());
        }
        if (container instanceof Map<?, ?> m) {
            return m.keySet().stream().anyMatch(k -> equal(k, x));
        }
        if (container instanceof Collection<?> c) {
            return c.stream().anyMatch(e -> equal(e, x));
        }
        throw new TemplateException("argument of type '" + PyTreeBuilder.typeName(container) + "' is not iterable", null);
    }

    /** Python's ordering ({@code <}): numbers by value, strings by code point, lists element-wise. */
    static int compare(Object a, Object b) {
        if (PyNumbers.isNumber(a) && PyNumbers.isNumber(b)) {
            if (PyNumbers.isInt(a) && PyNumbers.isInt(b)) {
                return PyNumbers.big(a).compareTo(PyNumbers.big(b));
            }
            return Double.compare(PyNumbers.dbl(a), PyNumbers.dbl(b));
        }
        if (a instanceof CharSequence x && b instanceof CharSequence y) {
            return x.toString().compareTo(y.toString());
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext() && j.hasNext()) {
                Object p = i.next();
                Object q = j.next();
                if (!equal(p, q)) {
                    return compare(p, q);
                }
            }
            return Boolean.compare(i.hasNext(), j.hasNext());
        }
        throw new TemplateException("'<' not supported between instances of '" + PyTreeBuilder.typeName(a) + "' and '"
                + PyTreeBuilder.typeName(b) + "'", null);
    }

    /** The items of an iterable as Python iterates them: a list's elements, a dict's keys, a string's characters. */
    static List<Object> iterate(Object v) {
        if (v instanceof List<?> l) {
            return new java.util.ArrayList<Object>(l);
        }
        if (v instanceof Map<?, ?> m) {
            return m.keySet().stream().map(k -> (Object) k).toList();
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(x -> (Object) x).toList();
        }
        if (v instanceof CharSequence s) {
            return s.toString().codePoints().mapToObj(cp -> (Object) new String(Character.toChars(cp))).toList();
        }
        throw new TemplateException("'" + PyTreeBuilder.typeName(v) + "' object is not iterable", null);
    }
}
