package org.drover.module;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Every module found through {@link ModuleProvider}s on the class path, by name. */
public final class ModuleRegistry {
    private final Map<String, Module> modules;
    private final Map<String, Module> byAnyName;

    private ModuleRegistry(Map<String, Module> modules, Map<String, Module> byAnyName) {
        this.modules = modules;
        this.byAnyName = byAnyName;
    }

    public static ModuleRegistry load() {
        Map<String, Module> m = new TreeMap<>();
        Map<String, Module> any = new TreeMap<>();
        for (ModuleProvider p : ServiceLoader.load(ModuleProvider.class)) {
            for (Module mod : p.modules()) {
                m.put(mod.spec().name(), mod);
                for (String n : names(mod.spec())) {
                    if (any.put(n, mod) != null) {
                        throw new IllegalStateException("two modules answer to " + n);
                    }
                }
            }
        }
        return new ModuleRegistry(m, any);
    }

    /** A module's name, then its aliases. */
    public static List<String> names(ModuleSpec spec) {
        List<String> n = new ArrayList<>();
        n.add(spec.name());
        n.addAll(spec.aliases());
        return n;
    }

    /** The module answering to {@code name}: its own name or an alias. */
    public Optional<Module> find(String name) {
        return Optional.ofNullable(byAnyName.get(name));
    }

    public Collection<Module> all() {
        return modules.values();
    }

    /** Every name a module answers to, aliases included. */
    public java.util.Set<String> names() {
        return byAnyName.keySet();
    }
}
