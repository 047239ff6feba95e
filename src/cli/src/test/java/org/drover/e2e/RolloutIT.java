package org.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.drover.testbed.Backend;
import org.drover.testbed.FleetSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * playbooks/rollout.yml, the example written with Ansible's module names, on two simulated hosts per SSH back end:
 * it converges, reruns with changed=0, and drift made by hand (a user's groups cleared, sshd_config edited, the
 * cron job edited, a directory's mode changed) is found by --check --diff on exactly those tasks and repaired.
 */
class RolloutIT {
    static final Path ROLLOUT = Path.of(System.getProperty("drover.root", "../.."), "playbooks/rollout.yml");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void converges_reruns_clean_and_repairs_drift(Backend backend) throws Exception {
        try (Lab lab = Lab.plain(FleetSpec.builder().hosts(2).backend(backend).versions("13.5", "15.0").build())) {
            Lab.Run first = lab.play(ROLLOUT);
            assertThat(first.exit()).as(first.toString()).isEqualTo(8);
            for (String h : lab.hosts) {
                assertThat(first.recap(h, "failed")).isZero();
                assertThat(lab.on(h, "pw usershow deploy")).startsWith("deploy:").contains(":/usr/home/deploy:/bin/sh");
                assertThat(lab.on(h, "pw groupshow wheel")).contains("deploy");
                assertThat(lab.on(h, "cat /usr/home/deploy/.ssh/authorized_keys")).contains("deploy@workstation");
                assertThat(lab.on(h, "pkg query %n")).contains("curl\n");
                assertThat(lab.on(h, "stat -f %Lp /usr/local/etc/app/conf.d /var/log/app")).isEqualTo("750\n750\n");
                assertThat(lab.on(h, "crontab -u root -l")).contains("#Ansible: app log cleanup\n15 3 * * * ");
                assertThat(lab.on(h, "grep -E '^(PermitRootLogin|PasswordAuthentication|X11Forwarding) '"
                        + " /etc/ssh/sshd_config")).isEqualTo(
                        "PermitRootLogin prohibit-password\nPasswordAuthentication no\nX11Forwarding no\n");
                assertThat(lab.on(h, "service sshd status")).startsWith("sshd is running as pid ");
            }

            Lab.Run again = lab.play(ROLLOUT);
            assertThat(again.exit()).as(again.toString()).isZero();
            for (String h : lab.hosts) {
                assertThat(again.recap(h, "changed")).as(h).isZero();
            }

            String h = lab.hosts.get(0);
            lab.on(h, "pw usermod deploy -G '' && sed -i 's/^PasswordAuthentication no/PasswordAuthentication yes/'"
                    + " /etc/ssh/sshd_config && chmod 755 /var/log/app"
                    + " && crontab -u root -l | sed 's/^15 3/30 4/' | crontab -u root -");
            Lab.Run check = lab.play(ROLLOUT, "--check", "--diff");
            assertThat(check.exit()).as(check.toString()).isEqualTo(8);
            assertThat(check.recap(lab.hosts.get(1), "changed")).as("the other host has not drifted").isZero();
            assertThat(check.result(h, "admin : Admin account, in wheel for su").status()).isEqualTo("changed");
            assertThat(check.result(h, "sshd_hardening : sshd_config is hardened").status()).isEqualTo("changed");
            assertThat(check.result(h, "baseline : Old application logs are removed every night").diffText()).contains("15 3");
            assertThat(check.result(h, "admin : Admin key").status()).isEqualTo("ok");
            assertThat(lab.on(h, "pw groupshow wheel")).doesNotContain("deploy");

            Lab.Run repair = lab.play(ROLLOUT);
            assertThat(repair.exit()).as(repair.toString()).isEqualTo(8);
            assertThat(lab.on(h, "pw groupshow wheel")).contains("deploy");
            assertThat(lab.on(h, "stat -f %Lp /var/log/app")).isEqualTo("750\n");
            Lab.Run clean = lab.play(ROLLOUT);
            assertThat(clean.exit()).as(clean.toString()).isZero();
        }
    }
}
