package org.drover.module.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.freebsd.Sections;
import org.drover.module.Args;
import org.drover.module.ModuleSpec;
import org.drover.module.Plan;
import org.drover.transport.ExecResult;
import org.junit.jupiter.api.Test;

class UserModuleTest {
    static final String GROUPS = "wheel:*:0:root,deploy\noperator:*:5:root\nstaff:*:20:\nvideo:*:44:deploy\n"
            + "deploy:*:1001:\n";
    static final String DEPLOY = "deploy:$6$old:1001:1001::0:0:Deploy:/home/deploy:/bin/sh\n";
    final UserModule module = new UserModule();

    static Args args(ModuleSpec spec, Map<String, Object> raw) {
        List<String> errors = new ArrayList<>();
        Args a = Args.bind(spec, raw, false, errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return a;
    }

    static Map<String, Object> m(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static String read(String user, String groups, String home) {
        return Sections.frame("user", user == null ? "pw: no such user `deploy'\n" : user, user == null ? 67 : 0)
                + Sections.frame("groups", groups, 0) + Sections.frame("home", home + "\n", 0);
    }

    Plan plan(String stdout, Map<String, Object> raw) {
        raw.putIfAbsent("name", "deploy");
        UserModule.Desired d = module.desired(args(module.spec(), raw));
        return module.plan(module.parse(d, ExecResult.of(0, stdout, "")), d);
    }

    static List<String> commands(Plan p) {
        return p.changes().stream().flatMap(c -> c.commands().stream()).toList();
    }

    @Test
    void creates_with_the_arguments_given_and_the_hash_from_stdin() {
        Plan p = plan(read(null, GROUPS, "none"), m("comment", "Deploy", "groups", List.of("wheel"),
                "shell", "/bin/csh", "password", "$6$new"));
        assertThat(commands(p)).containsExactly(
                "pw useradd -n deploy -c Deploy -G wheel -m -s /bin/csh", "pw usermod -n deploy -H 0");
        assertThat(String.join("", commands(p)) + p.changes().get(0).diff()).doesNotContain("$6$new");
        assertThat(p.changes().get(0).diff().after()).contains("password: ********");
    }

    @Test
    void an_account_as_asked_changes_nothing() {
        assertThat(plan(read(DEPLOY, GROUPS, "yes"), m("comment", "Deploy", "shell", "/bin/sh",
                "groups", List.of("wheel", "video"), "password", "$6$old")).changes()).isEmpty();
    }

    @Test
    void groups_exact_removes_the_others_append_keeps_them() {
        // deploy is in wheel and video (and its primary group deploy, which never counts)
        assertThat(commands(plan(read(DEPLOY, GROUPS, "yes"), m("groups", List.of("wheel")))))
                .containsExactly("pw usermod -n deploy -G wheel");
        assertThat(plan(read(DEPLOY, GROUPS, "yes"), m("groups", List.of("wheel"), "append", true)).changes())
                .isEmpty();
        assertThat(commands(plan(read(DEPLOY, GROUPS, "yes"), m("groups", List.of("staff"), "append", true))))
                .containsExactly("pw usermod -n deploy -G staff,wheel,video");
        assertThat(commands(plan(read(DEPLOY, GROUPS, "yes"), m("groups", List.of()))))
                .containsExactly("pw usermod -n deploy -G ''");
        // the primary group named among the groups is ignored, as Ansible does
        assertThat(plan(read(DEPLOY, GROUPS, "yes"), m("groups", List.of("deploy,wheel", "video"))).changes())
                .isEmpty();
    }

    @Test
    void a_missing_group_fails_before_anything_runs() {
        Plan p = plan(read(DEPLOY, GROUPS, "yes"), m("groups", List.of("nosuch")));
        assertThat(p.failure()).isEqualTo("Group nosuch does not exist");
        assertThat(plan(read(null, GROUPS, "none"), m("group", "nosuch")).failure())
                .isEqualTo("Group nosuch does not exist");
    }

    @Test
    void changed_attributes_only() {
        Plan p = plan(read(DEPLOY, GROUPS, "yes"), m("uid", 2000, "group", "staff", "comment", "Deploy",
                "home", "/home/deploy"));
        assertThat(commands(p)).containsExactly("pw usermod -n deploy -u 2000 -g staff");
        assertThat(p.changes().get(0).diff().before()).contains("uid: 1001\n", "group: deploy\n");
        assertThat(p.changes().get(0).diff().after()).contains("uid: 2000\n", "group: staff\n");
    }

    @Test
    void password_on_create_or_always() {
        assertThat(commands(plan(read(DEPLOY, GROUPS, "yes"), m("password", "$6$new"))))
                .containsExactly("pw usermod -n deploy -H 0");
        assertThat(plan(read(DEPLOY, GROUPS, "yes"), m("password", "$6$new", "update_password", "on_create"))
                .changes()).isEmpty();
        Plan p = plan(read(DEPLOY, GROUPS, "yes"), m("password", "$6$new"));
        assertThat(p.changes().get(0).diff().after()).contains("password: ******** (changed)")
                .doesNotContain("$6$");
        assertThat(p.changes().get(0).diff().before()).doesNotContain("$6$");
    }

    @Test
    void a_missing_home_is_created() {
        assertThat(commands(plan(read(DEPLOY, GROUPS, "no"), m())))
                .containsExactly("mkdir -p -- /home/deploy && chown -R 1001:1001 -- /home/deploy");
        assertThat(commands(plan(read(DEPLOY, GROUPS, "no"), m("home", "/home/deploy"))))
                .containsExactly("pw usermod -n deploy -m");
        assertThat(plan(read(DEPLOY, GROUPS, "no"), m("create_home", false)).changes()).isEmpty();
    }

    @Test
    void absent_removes_and_remove_takes_the_home() {
        assertThat(commands(plan(read(DEPLOY, GROUPS, "yes"), m("state", "absent"))))
                .containsExactly("pw userdel -n deploy");
        assertThat(commands(plan(read(DEPLOY, GROUPS, "yes"), m("state", "absent", "remove", true))))
                .containsExactly("pw userdel -n deploy -r");
        assertThat(plan(read(null, GROUPS, "none"), m("state", "absent")).changes()).isEmpty();
    }

    @Test
    void an_unreadable_host_fails_without_changes() {
        Plan p = plan(Sections.frame("user", "sh: pw: not found\n", 127) + Sections.frame("groups", "", 127)
                + Sections.frame("home", "none\n", 0), m());
        assertThat(p.failure()).contains("exited 127");
    }

    @Test
    void unsupported_arguments_are_refused_when_loading() {
        List<String> errors = new ArrayList<>();
        Args.bind(module.spec(), m("name", "x", "expires", 1), true, errors);
        Args.bind(module.spec(), m("name", "x", "system", true), true, errors);
        Args.bind(module.spec(), m("name", "x", "comment", "a:b"), true, errors);
        Args.bind(module.spec(), m("name", "-x"), true, errors);
        assertThat(String.join("\n", errors)).contains("'expires' is not supported", "'system: true' is not",
                "argument 'comment': a master.passwd field holds no ':'", "argument 'name': a user or group name");
    }
}
