package org.drover.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The global functions Ansible adds to Jinja2: {@code lookup}, {@code query}/{@code q}, {@code now} and Python's
 * {@code dict}. Public only because Jinjava calls these methods by reflection.
 */
public final class Globals {
    private Globals() {}

    static void register(Context ctx) {
        ctx.registerFunction(new ELFunctionDefinition("", "lookup", Globals.class, "lookup", String.class, Object[].class));
        ctx.registerFunction(new ELFunctionDefinition("", "query", Globals.class, "query", String.class, Object[].class));
        ctx.registerFunction(new ELFunctionDefinition("", "q", Globals.class, "query", String.class, Object[].class));
        ctx.registerFunction(new ELFunctionDefinition("", "now", Globals.class, "now", Object[].class));
        ctx.registerFunction(new ELFunctionDefinition("", "dict", Globals.class, "dict", Object[].class));
    }

    /** lookup(name, *terms, wantlist=False, errors='strict', **options): the list joined with ',' unless wantlist. */
    public static Object lookup(String name, Object... args) {
        FilterArgs a = Registrar.args(args, Map.of());
        return Lookups.lookup(name, a, JinjavaTemplater.truthy(a.keywords().get("wantlist")));
    }

    /** query(name, *terms, **options): always the list. */
    public static Object query(String name, Object... args) {
        return Lookups.lookup(name, Registrar.args(args, Map.of()), true);
    }

    /** now(utc=False, fmt=None). */
    public static Object now(Object... args) {
        FilterArgs a = Registrar.args(args, Map.of());
        PyDateTime t = PyDateTime.now(a.flag(0, "utc", false));
        String fmt = a.string(1, "fmt", null);
        return fmt == null ? t : t.strftime(fmt);
    }

    /** dict(a=1, b=2), dict(mapping) or dict(pairs). */
    public static Object dict(Object... args) {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Object arg : args) {
            if (arg instanceof NamedParameter p) {
                out.put(p.getName(), JinjavaTemplater.plain(p.getValue()));
            } else if (JinjavaTemplater.plain(arg) instanceof Map<?, ?> m) {
                out.putAll(m);
            } else {
                for (Object pair : PyValues.iterate(JinjavaTemplater.plain(arg))) {
                    java.util.List<Object> kv = PyValues.iterate(pair);
                    out.put(kv.get(0), kv.get(1));
                }
            }
        }
        return out;
    }
}
