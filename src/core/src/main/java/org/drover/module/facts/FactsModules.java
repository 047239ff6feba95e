package org.drover.module.facts;

import java.util.List;
import org.drover.module.Module;
import org.drover.module.ModuleProvider;

/** Fact gathering: {@code setup} (which play-level gather_facts runs too). */
public final class FactsModules implements ModuleProvider {
    @Override
    public List<Module> modules() {
        return List.of(new SetupModule());
    }
}
