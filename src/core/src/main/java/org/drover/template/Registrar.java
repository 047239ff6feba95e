package org.drover.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.collections.PyList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Registers filters and tests written as plain functions of (value, arguments), with Python's argument binding. */
final class Registrar {
    /** A filter: the input value and its arguments, both plain Java values. */
    @FunctionalInterface
    interface FilterFn {
        Object apply(Object value, FilterArgs args);
    }

    /** A test ({@code x is name(args)}). */
    @FunctionalInterface
    interface TestFn {
        boolean apply(Object value, FilterArgs args);
    }

    private final Context ctx;

    Registrar(Context ctx) {
        this.ctx = ctx;
    }

    void filter(String name, FilterFn f) {
        ctx.registerFilter(new Filter() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
                return filter(var, interpreter, args, Map.of());
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
                return f.apply(JinjavaTemplater.plain(var), args(args, kwargs));
            }
        });
    }

    void test(String name, TestFn f) {
        ctx.registerExpTest(new ExpTest() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
                // Jinjava hands "is t(a, b)" over as one tuple argument.
                // Jinjava hands "is t(a, b)" over as one tuple (a PyList, where a list literal is a subclass of it),
                // keyword names dropped.
                Object[] raw = args.length == 1 && args[0] != null && args[0].getClass() == PyList.class
                        ? ((List<?>) args[0]).toArray() : args;
                return f.apply(JinjavaTemplater.plain(var), args(raw, Map.of()));
            }
        });
    }

    /** Splits Jinjava's arguments into positional and keyword ones (a NamedParameter may arrive among positionals). */
    static FilterArgs args(Object[] args, Map<String, Object> kwargs) {
        List<Object> positional = new ArrayList<>();
        Map<String, Object> keywords = new LinkedHashMap<>();
        for (Object a : args == null ? new Object[0] : args) {
            if (a instanceof com.hubspot.jinjava.el.ext.NamedParameter p) {
                keywords.put(p.getName(), JinjavaTemplater.plain(p.getValue()));
            } else {
                positional.add(JinjavaTemplater.plain(a));
            }
        }
        kwargs.forEach((k, v) -> keywords.put(k, JinjavaTemplater.plain(v)));
        return new FilterArgs(positional, keywords);
    }
}
