package org.drover.module;

import java.util.List;

/** A set of modules, found through {@link java.util.ServiceLoader} (META-INF/services). */
public interface ModuleProvider {
    List<Module> modules();
}
