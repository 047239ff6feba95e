package org.drover.module.freebsd;

import java.util.List;
import org.drover.module.Module;
import org.drover.module.ModuleProvider;

/** The FreeBSD modules: bridge, epair, jail, kld, pf, pkg (also as pkgng, community.general.pkgng and package),
 * zfs_clone, sysrc, service. */
public final class FreeBsdModules implements ModuleProvider {
    @Override
    public List<Module> modules() {
        return List.of(
                new BridgeModule(),
                new EpairModule(),
                new JailModule(),
                new KldModule(),
                new PfModule(),
                new PkgModule(),
                new PkgModule(PkgSpecs.pkgng("pkgng")),
                new PkgModule(PkgSpecs.pkgng("community.general.pkgng")),
                new PkgModule(PkgSpecs.generic()),
                new ServiceModule(),
                new SysrcModule(),
                new ZfsCloneModule());
    }
}
