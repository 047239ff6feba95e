package org.drover.module.cron;

import java.util.List;
import org.drover.module.Module;
import org.drover.module.ModuleProvider;

/** The cron module (also as ansible.builtin.cron). */
public final class CronModules implements ModuleProvider {
    @Override
    public List<Module> modules() {
        return List.of(new CronModule());
    }
}
