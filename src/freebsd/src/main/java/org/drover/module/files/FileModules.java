package org.drover.module.files;

import java.util.List;
import org.drover.module.Module;
import org.drover.module.ModuleProvider;

/** The file modules, which read files with FreeBSD's {@code stat -f}: file, stat, blockinfile, replace. */
public final class FileModules implements ModuleProvider {
    @Override
    public List<Module> modules() {
        return List.of(new FileModule(), new StatModule(), new BlockinfileModule(), new ReplaceModule());
    }
}
