package org.drover.module;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Every module found through {@link ModuleProvider}s on the class path, by name. */
public final class ModuleRegistry {
    private final Map<String, Module> modules;

    private ModuleRegistry(Map<String, Module> modules) {
        this.modules = modules;
    }

    public static ModuleRegistry load() {
        Map<String, Module> m = new TreeMap<>();
        for (ModuleProvider p : ServiceLoader.load(ModuleProvider.class)) {
            for (Module mod : p.modules()) {
                if (m.put(mod.spec().name(), mod) != null) {
                    throw new IllegalStateException("two modules named " + mod.spec().name());
                }
            }
        }
        return new ModuleRegistry(m);
    }

    public Optional<Module> find(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    public Collection<Module> all() {
        return modules.values();
    }

    public java.util.Set<String> names() {
        return modules.keySet();
    }
}
