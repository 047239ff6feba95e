package org.drover.module.users;

import java.util.List;
import org.drover.module.Module;
import org.drover.module.ModuleProvider;

/** user and group (also as ansible.builtin.*), authorized_key (also as ansible.posix.authorized_key). */
public final class UsersModules implements ModuleProvider {
    @Override
    public List<Module> modules() {
        return List.of(new UserModule(), new GroupModule(), new AuthorizedKeyModule());
    }
}
