package org.drover.module.geturl;

import java.util.List;
import org.drover.module.Module;
import org.drover.module.ModuleProvider;

/** get_url. */
public final class GetUrlModules implements ModuleProvider {
    @Override
    public List<Module> modules() {
        return List.of(new GetUrlModule());
    }
}
