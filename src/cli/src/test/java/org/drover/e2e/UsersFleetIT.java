package org.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.drover.testbed.Backend;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * group, user, authorized_key and cron under their Ansible names over SSH on a simulated FreeBSD host (both SSH
 * back ends): converge, a rerun with one exec per task, drift made by hand found by --check --diff and repaired.
 * The password hash never shows in the output.
 */
class UsersFleetIT {
    static final String HASH = "$6$drover$0123456789abcdefghijklmnopqrstuvwxyzABCDEF";
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDeployKey ci@drover";
    static final String PLAY = """
            - hosts: all
              tasks:
                - name: ops group
                  ansible.builtin.group:
                    name: ops
                    gid: 3000
                - name: deploy user
                  ansible.builtin.user:
                    name: deploy
                    uid: 3001
                    group: ops
                    groups: [wheel]
                    append: true
                    comment: Deploy user
                    home: /usr/home/deploy
                    shell: /bin/sh
                    password: "HASH"
                - name: deploy key
                  ansible.posix.authorized_key:
                    user: deploy
                    key: "KEY"
                    key_options: no-pty
                - name: nightly job
                  ansible.builtin.cron:
                    name: nightly
                    user: deploy
                    minute: "15"
                    hour: "3"
                    job: /usr/local/bin/nightly
                - name: mail to ops
                  ansible.builtin.cron:
                    name: MAILTO
                    env: true
                    user: deploy
                    job: ops@example.org
            """.replace("HASH", HASH).replace("KEY", KEY);
    static final String[] TASKS = {"ops group", "deploy user", "deploy key", "nightly job", "mail to ops"};

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void converge_rerun_drift_repair(Backend backend) throws Exception {
        Path site = Files.writeString(dir.resolve("site.yml"), PLAY);
        try (Lab lab = Lab.start(backend, 1)) {
            String h = lab.hosts.get(0);
            Lab.Run first = lab.play(site);
            assertThat(first.exit()).as(first.toString()).isEqualTo(8);
            assertThat(first.recap(h, "changed")).isEqualTo(5);
            assertThat(lab.on(h, "pw usershow -n deploy")).isEqualTo(
                    "deploy:" + HASH + ":3001:3000::0:0:Deploy user:/usr/home/deploy:/bin/sh\n");
            assertThat(lab.on(h, "pw groupshow -n wheel")).isEqualTo("wheel:*:0:root,deploy\n");
            assertThat(lab.on(h, "find /usr/home/deploy /usr/home/deploy/.ssh /usr/home/deploy/.ssh/authorized_keys "
                    + "-maxdepth 0 -printf '%U:%G %m\\n'")).isEqualTo("3001:3000 755\n3001:3000 700\n3001:3000 600\n");
            assertThat(lab.on(h, "cat /usr/home/deploy/.ssh/authorized_keys")).isEqualTo("no-pty " + KEY + "\n");
            assertThat(lab.on(h, "crontab -u deploy -l")).isEqualTo(
                    "MAILTO=\"ops@example.org\"\n#Ansible: nightly\n15 3 * * * /usr/local/bin/nightly\n");
            assertThat(first.toString() + first.events() + first.stderr()).doesNotContain(HASH);

            Lab.Run again = lab.play(site);
            assertThat(again.exit()).as(again.toString()).isZero();
            for (String task : TASKS) {
                assertThat(again.result(h, task).execs()).as(task).isEqualTo(1);
            }

            lab.on(h, "pw usermod -n deploy -G staff && printf 'MAILTO=\"ops@example.org\"\\n#Ansible: nightly\\n"
                    + "45 4 * * * /usr/local/bin/nightly --now\\n' | crontab -u deploy - && "
                    + "echo 'ssh-rsa AAAAB3other other@host' > /usr/home/deploy/.ssh/authorized_keys");
            Lab.Run check = lab.play(site, "--check", "--diff");
            assertThat(check.exit()).as(check.toString()).isEqualTo(8);
            assertThat(check.result(h, "deploy user").diffText()).contains("-groups: staff", "+groups: wheel,staff")
                    .doesNotContain(HASH);
            assertThat(check.result(h, "nightly job").diffText()).contains("-45 4 * * * /usr/local/bin/nightly --now",
                    "+15 3 * * * /usr/local/bin/nightly");
            assertThat(check.result(h, "deploy key").diffText()).contains("+no-pty " + KEY);
            assertThat(check.result(h, "ops group").status()).isEqualTo("ok");
            assertThat(lab.on(h, "pw groupshow -n wheel")).isEqualTo("wheel:*:0:root\n");

            Lab.Run repair = lab.play(site);
            assertThat(repair.exit()).as(repair.toString()).isEqualTo(8);
            assertThat(repair.recap(h, "changed")).isEqualTo(3);
            assertThat(lab.on(h, "pw groupshow -n wheel; pw groupshow -n staff")).isEqualTo(
                    "wheel:*:0:root,deploy\nstaff:x:50:deploy\n");
            assertThat(lab.on(h, "cat /usr/home/deploy/.ssh/authorized_keys")).isEqualTo(
                    "ssh-rsa AAAAB3other other@host\nno-pty " + KEY + "\n");
            Lab.Run last = lab.play(site);
            assertThat(last.exit()).as(last.toString()).isZero();
        }
    }
}
