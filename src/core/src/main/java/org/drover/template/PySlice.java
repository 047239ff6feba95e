package org.drover.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstRightValue;
import jinjava.javax.el.ELContext;

/** Python's extended slice {@code seq[start:stop:step]} of a list or a string, which Jinjava does not parse. */
final class PySlice extends AstRightValue {
    private final AstNode base;
    private final AstNode start;
    private final AstNode stop;
    private final AstNode step;

    PySlice(AstNode base, AstNode start, AstNode stop, AstNode step) {
        this.base = base;
        this.start = start;
        this.stop = stop;
        this.step = step;
    }

    @Override
    public Object eval(Bindings bindings, ELContext context) {
        Object seq = JinjavaTemplater.plain(base.eval(bindings, context));
        Long a = index(start, bindings, context);
        Long b = index(stop, bindings, context);
        Long s = index(step, bindings, context);
        if (seq instanceof CharSequence cs) {
            StringBuilder out = new StringBuilder();
            for (int i : indices(cs.length(), a, b, s)) {
                out.append(cs.charAt(i));
            }
            return out.toString();
        }
        if (seq instanceof Collection<?> c) {
            List<?> l = new ArrayList<>(c);
            List<Object> out = new ArrayList<>();
            for (int i : indices(l.size(), a, b, s)) {
                out.add(l.get(i));
            }
            return out;
        }
        throw new TemplateException("'" + PyTreeBuilder.typeName(seq) + "' object is not subscriptable", null);
    }

    private static Long index(AstNode n, Bindings bindings, ELContext context) {
        if (n == null) {
            return null;
        }
        Object v = JinjavaTemplater.plain(n.eval(bindings, context));
        if (v == null) {
            return null;
        }
        if (!PyNumbers.isInt(v)) {
            throw new TemplateException("slice indices must be integers or None", null);
        }
        return ((Number) v).longValue();
    }

    /** The indices Python's slice(start, stop, step).indices(n) walks. */
    static List<Integer> indices(int n, Long start, Long stop, Long step) {
        long st = step == null ? 1 : step;
        if (st == 0) {
            throw new TemplateException("slice step cannot be zero", null);
        }
        List<Integer> out = new ArrayList<>();
        if (st > 0) {
            long lo = start == null ? 0 : clamp(start < 0 ? start + n : start, 0, n);
            long hi = stop == null ? n : clamp(stop < 0 ? stop + n : stop, 0, n);
            for (long i = lo; i < hi; i += st) {
                out.add((int) i);
            }
        } else {
            long lo = start == null ? n - 1 : clamp(start < 0 ? start + n : start, -1, n - 1);
            long hi = stop == null ? -1 : clamp(stop < 0 ? stop + n : stop, -1, n - 1);
            for (long i = lo; i > hi; i += st) {
                out.add((int) i);
            }
        }
        return out;
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }

    @Override
    public void appendStructure(StringBuilder b, Bindings bindings) {
        base.appendStructure(b, bindings);
        b.append('[');
        for (AstNode n : new AstNode[] {start, stop, step}) {
            if (n != null) {
                n.appendStructure(b, bindings);
            }
            b.append(n == step ? "]" : ":");
        }
    }

    @Override
    public String toString() {
        return "[::]";
    }

    @Override
    public int getCardinality() {
        return 4;
    }

    @Override
    public AstNode getChild(int i) {
        return new AstNode[] {base, start, stop, step}[i];
    }
}
