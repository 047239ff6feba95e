package org.drover.module.transfer;

import java.util.List;
import org.drover.module.Module;
import org.drover.module.ModuleProvider;

/** fetch, unarchive and script. */
public final class TransferModules implements ModuleProvider {
    @Override
    public List<Module> modules() {
        return List.of(new FetchModule(), new UnarchiveModule(), new ScriptModule());
    }
}
