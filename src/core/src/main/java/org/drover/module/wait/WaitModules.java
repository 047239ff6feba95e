package org.drover.module.wait;

import java.util.List;
import org.drover.module.Module;
import org.drover.module.ModuleProvider;

/** Waiting for hosts: wait_for, wait_for_connection, reboot. */
public final class WaitModules implements ModuleProvider {
    @Override
    public List<Module> modules() {
        return List.of(new WaitForModule(), new WaitForConnectionModule(), new RebootModule());
    }
}
