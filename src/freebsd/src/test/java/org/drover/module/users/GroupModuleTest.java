package org.drover.module.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.module.users.UserModuleTest.m;

import java.util.Map;
import org.drover.freebsd.Sections;
import org.drover.module.Plan;
import org.drover.transport.ExecResult;
import org.junit.jupiter.api.Test;

class GroupModuleTest {
    final GroupModule module = new GroupModule();

    Plan plan(String line, Map<String, Object> raw) {
        raw.putIfAbsent("name", "deploy");
        GroupModule.Desired d = module.desired(UserModuleTest.args(module.spec(), raw));
        String out = Sections.frame("group", line == null ? "pw: unknown group `deploy'\n" : line + "\n",
                line == null ? 67 : 0);
        return module.plan(module.parse(d, ExecResult.of(0, out, "")), d);
    }

    static java.util.List<String> commands(Plan p) {
        return UserModuleTest.commands(p);
    }

    @Test
    void create_change_gid_remove() {
        assertThat(commands(plan(null, m()))).containsExactly("pw groupadd -n deploy");
        assertThat(commands(plan(null, m("gid", 2000)))).containsExactly("pw groupadd -n deploy -g 2000");
        assertThat(plan("deploy:*:2000:a", m("gid", 2000)).changes()).isEmpty();
        assertThat(plan("deploy:*:1001:", m()).changes()).isEmpty();
        assertThat(commands(plan("deploy:*:1001:", m("gid", 20, "non_unique", true))))
                .containsExactly("pw groupmod -n deploy -g 20 -o");
        assertThat(commands(plan("deploy:*:1001:", m("state", "absent")))).containsExactly("pw groupdel -n deploy");
        assertThat(plan(null, m("state", "absent")).changes()).isEmpty();
    }
}
