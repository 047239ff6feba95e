package org.drover.template;

import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.util.ScopeMap;
import java.beans.FeatureDescriptor;
import java.lang.reflect.Method;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Where Jinjava's lookups meet {@link Undefined}: a name bound nowhere and a key a mapping lacks become undefined
 * values; {@code is defined}, {@code is undefined}, {@code default} and {@code d} accept them (as Ansible does).
 */
final class StrictLookups {
    /** Names Jinja2 knows as constants that Jinjava looks up as variables. */
    private static final Set<String> CONSTANTS = Set.of("none", "None");

    private StrictLookups() {}

    /** Jinjava's read-only resolver, with missing mapping keys undefined and attributes of undefined undefined. */
    static final ELResolver RESOLVER = new StrictResolver(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);

    /** Installs the variable lookup and the tests and filters that accept undefined values. */
    static void register(Context global) {
        global.setDynamicVariableResolver(StrictLookups::variable);
        CONSTANTS.forEach(c -> global.put(c, null)); // Jinja2's none: Jinjava knows only null
        registerTest(global, "defined", false);
        registerTest(global, "undefined", true);
        registerDefault(global, "default");
        registerDefault(global, "d");
    }

    /** Called by Jinjava for a name whose value is null: undefined unless some scope binds it (to null). */
    private static Object variable(String name) {
        if (CONSTANTS.contains(name)) {
            return null;
        }
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        if (interpreter != null) {
            for (ScopeMap<String, Object> s = interpreter.getContext(); s != null; s = s.getParent()) {
                if (s.getScope().containsKey(name)) {
                    return null;
                }
            }
        }
        return Undefined.variable(name);
    }

    private static void registerTest(Context global, String name, boolean whenUndefined) {
        global.registerExpTest(new ExpTest() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
                // A variable set to null (YAML's ~) is defined, with the value None, as in Ansible.
                return Undefined.excuse(var) == whenUndefined;
            }
        });
    }

    /**
     * Jinja2's default(default_value='', boolean=false): the default, as it is, replaces an undefined input, or with
     * boolean any false one (None is defined: it stays, as in Ansible). A default that is itself undefined is an
     * error only when it is the result.
     */
    private static void registerDefault(Context global, String name) {
        global.registerFilter(new Filter() {
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
                boolean undefined = Undefined.excuse(var);
                Object fallback = args.length > 0 ? args[0] : kwargs.getOrDefault("default_value", "");
                Object flag = args.length > 1 ? args[1] : kwargs.get("boolean");
                boolean useFallback = undefined || flag != null && JinjavaTemplater.truthy(flag)
                        && !JinjavaTemplater.truthy(var);
                if (!useFallback) {
                    Undefined.excuse(fallback);
                    return var;
                }
                return fallback;
            }
        });
    }

    /** Delegates to Jinjava's resolver; turns the null it gives for a missing key or attribute into an undefined. */
    private static final class StrictResolver extends ELResolver {
        private final ELResolver delegate;

        StrictResolver(ELResolver delegate) {
            this.delegate = delegate;
        }

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (base instanceof Undefined) {
                context.setPropertyResolved(true);
                return base;
            }
            Object v = delegate.getValue(context, base, property);
            if (v == null && base != null && missing(base, property)) {
                Undefined u = Undefined.attribute(String.valueOf(property), base);
                if (u != null) {
                    context.setPropertyResolved(true);
                    return u;
                }
            }
            return v;
        }

        /** A key the mapping lacks, an index past a list's end, an attribute a plain value does not have. */
        private static boolean missing(Object base, Object property) {
            if (base instanceof Map<?, ?> m) {
                return property instanceof String key && !m.containsKey(key) && !hasMethod(base, key);
            }
            if (base instanceof java.util.List<?> l && property instanceof Number n) {
                int i = n.intValue();
                return i >= l.size() || i < -l.size();
            }
            return (base instanceof CharSequence || base instanceof Number || base instanceof Boolean
                    || base instanceof java.util.Collection) && property instanceof String key && !hasMethod(base, key);
        }

        /** {@code d.items()}: Jinjava looks the method's name up as a key before calling it. */
        private static boolean hasMethod(Object base, String name) {
            for (Method method : base.getClass().getMethods()) {
                if (method.getName().equals(name)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
            if (PyMethods.handles(base, method)) {
                context.setPropertyResolved(true);
                return PyMethods.invoke(base, (String) method, params);
            }
            return delegate.invoke(context, base, method, paramTypes, params);
        }

        @Override
        public Class<?> getCommonPropertyType(ELContext context, Object base) {
            return delegate.getCommonPropertyType(context, base);
        }

        @Override
        public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
            return delegate.getFeatureDescriptors(context, base);
        }

        @Override
        public Class<?> getType(ELContext context, Object base, Object property) {
            return delegate.getType(context, base, property);
        }

        @Override
        public boolean isReadOnly(ELContext context, Object base, Object property) {
            return delegate.isReadOnly(context, base, property);
        }

        @Override
        public void setValue(ELContext context, Object base, Object property, Object value) {
            delegate.setValue(context, base, property, value);
        }
    }
}
