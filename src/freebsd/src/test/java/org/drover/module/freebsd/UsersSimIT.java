package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.module.freebsd.LocalSimHost.assertStatus;
import static org.drover.module.freebsd.LocalSimHost.m;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.drover.module.Outcome;
import org.drover.module.cron.CronModules;
import org.drover.module.users.UsersModules;
import org.drover.module.Module;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** user, group, authorized_key and cron against the simulated pw and crontab with the local /bin/sh. */
class UsersSimIT {
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKey deploy@ci";

    @TempDir
    Path dir;

    static Module module(String name) {
        return java.util.stream.Stream.concat(new UsersModules().modules().stream(),
                new CronModules().modules().stream()).filter(x -> x.spec().name().equals(name)).findFirst()
                .orElseThrow();
    }

    LocalSimHost host() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("root/etc"));
        Files.writeString(etc.resolve("master.passwd"), "root:*:0:0::0:0:Charlie &:/root:/bin/sh\n");
        Files.writeString(etc.resolve("passwd"), "root:*:0:0:Charlie &:/root:/bin/sh\n");
        Files.writeString(etc.resolve("group"), "wheel:*:0:root\noperator:*:5:root\nstaff:*:20:\n");
        return new LocalSimHost(dir).root(dir.resolve("root"));
    }

    @Test
    void user_group_key_and_cron_converge_then_rerun_in_one_round_trip() throws Exception {
        LocalSimHost h = host();
        Path home = Files.createDirectories(dir.resolve("home/deploy"));
        List<Map.Entry<Module, Map<String, Object>>> tasks = List.of(
                Map.entry(module("group"), m("name", "deploy", "gid", 2000)),
                Map.entry(module("user"), m("name", "deploy", "uid", 2000, "group", "deploy", "groups",
                        List.of("wheel"), "home", home.toString(), "create_home", false, "password", "$6$salt$hash",
                        "comment", "Deploy")),
                Map.entry(module("authorized_key"), m("user", "deploy", "key", KEY, "path",
                        home.resolve(".ssh/authorized_keys").toString())),
                Map.entry(module("cron"), m("name", "backup", "user", "deploy", "minute", "15", "job", "/bin/b")));
        for (var t : tasks) {
            h.check(true);
            assertStatus(h.run(t.getKey(), t.getValue()), Outcome.Status.CHANGED);
            assertThat(h.scripts).as(t.getKey().spec().name()).hasSize(1);
            h.check(false);
            assertStatus(h.run(t.getKey(), t.getValue()), Outcome.Status.CHANGED);
        }
        for (var t : tasks) {
            assertStatus(h.run(t.getKey(), t.getValue()), Outcome.Status.OK);
            assertThat(h.scripts).as(t.getKey().spec().name()).hasSize(1);
        }
        assertThat(h.output("pw usershow -n deploy")).isEqualTo(
                "deploy:$6$salt$hash:2000:2000::0:0:Deploy:" + home + ":/bin/sh\n");
        assertThat(h.output("pw groupshow -n wheel")).isEqualTo("wheel:*:0:root,deploy\n");
        assertThat(Files.readString(home.resolve(".ssh/authorized_keys"))).isEqualTo(KEY + "\n");
        assertThat(h.output("crontab -u deploy -l")).isEqualTo("#Ansible: backup\n15 * * * * /bin/b\n");
        for (String s : h.scripts) {
            assertThat(s).doesNotContain("$6$salt$hash");
        }
    }

    @Test
    void drift_by_hand_is_found_and_repaired() throws Exception {
        LocalSimHost h = host();
        Map<String, Object> user = m("name", "ann", "groups", List.of("wheel"), "create_home", false);
        Map<String, Object> job = m("name", "sync", "user", "ann", "hour", "2", "job", "/bin/sync");
        assertStatus(h.run(module("user"), user), Outcome.Status.CHANGED);
        assertStatus(h.run(module("cron"), job), Outcome.Status.CHANGED);
        h.output("pw usermod -n ann -G staff && printf '#Ansible: sync\\n5 2 * * * /bin/sync\\n' | crontab -u ann -");
        h.check(true);
        Outcome u = h.run(module("user"), user);
        assertStatus(u, Outcome.Status.CHANGED);
        assertThat(u.changes().get(0).commands()).containsExactly("pw usermod -n ann -G wheel");
        Outcome c = h.run(module("cron"), job);
        assertThat(c.changes().get(0).diff().before()).contains("5 2 * * * /bin/sync");
        assertThat(c.changes().get(0).diff().after()).contains("* 2 * * * /bin/sync");
        h.check(false);
        assertStatus(h.run(module("user"), user), Outcome.Status.CHANGED);
        assertStatus(h.run(module("cron"), job), Outcome.Status.CHANGED);
        assertThat(h.output("pw groupshow -n staff")).isEqualTo("staff:*:20:\n");
        assertStatus(h.run(module("user"), m("name", "ann", "state", "absent")), Outcome.Status.CHANGED);
        assertThat(h.sh("pw usershow -n ann").stderr()).isEqualTo("pw: no such user `ann'\n");
        assertThat(dir.resolve("root/var/cron/tabs/ann")).doesNotExist(); // pw userdel removes the user's tab
        assertThat(h.sh("crontab -u ann -l").stderr()).isEqualTo("crontab: user `ann' unknown\n");
    }
}
