package org.drover.module.core;

import java.util.List;
import org.drover.module.Module;
import org.drover.module.ModuleProvider;

/** The generic modules: command, shell, raw, ping, debug, set_fact, include_vars, assert, fail, copy, template, meta,
 * lineinfile. Aliases (ansible.builtin.NAME) are declared in each module's spec. */
public final class CoreModules implements ModuleProvider {
    @Override
    public List<Module> modules() {
        return List.of(new CommandModule(), new ShellModule(), new RawModule(), new PingModule(), new DebugModule(),
                new SetFactModule(), new IncludeVarsModule(), new AssertModule(), new FailModule(), new CopyModule(),
                new TemplateModule(), new MetaModule(), new LineinfileModule());
    }
}
