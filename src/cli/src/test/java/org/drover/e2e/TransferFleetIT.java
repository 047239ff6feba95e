package org.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drover.cli.ExitCodes;
import org.drover.testbed.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * fetch, get_url, unarchive and script under their Ansible names over SSH on simulated FreeBSD hosts, on the
 * host and in a jail: converge, a rerun with changed=0 in one round trip per task, drift made by hand found by
 * --check --diff without touching anything, then repaired.
 */
class TransferFleetIT {
    static final String APP_CONF = "listen=8080\n";

    static final String PLAY = """
            - hosts: all
              tasks:
                - name: rc.conf to the controller
                  ansible.builtin.fetch:
                    src: /etc/rc.conf
                    dest: fetched
                - name: app.conf from the web
                  ansible.builtin.get_url:
                    url: http://files.example.org/pub/app.conf
                    dest: /usr/local/etc/
                    checksum: "SUM"
                    mode: '0640'
                - name: the site
                  ansible.builtin.unarchive:
                    src: site.tar.gz
                    dest: /usr/local/www
                - name: bootstrap once
                  ansible.builtin.script: bootstrap.sh --marker /var/db/bootstrapped
                  args:
                    creates: /var/db/bootstrapped
            - hosts: all
              jail: web
              tasks:
                - name: the jail's motd to the controller
                  ansible.builtin.fetch:
                    src: /etc/motd
                    dest: "fetched/{{ inventory_hostname }}-web-motd"
                    flat: true
            """;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void converge_rerun_drift_and_repair(Backend backend, @TempDir Path dir) throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree/site"));
        Files.writeString(tree.resolve("index.html"), "<h1>hello</h1>\n");
        Process tar = new ProcessBuilder("tar", "-czf", dir.resolve("site.tar.gz").toString(), "-C",
                dir.resolve("tree").toString(), "site").inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        Files.writeString(dir.resolve("bootstrap.sh"), "#!/bin/sh\n[ \"$1\" = --marker ] && date > \"$2\"\n");
        String sum = "sha256:" + sha256(APP_CONF);
        Path book = Files.writeString(dir.resolve("site.yml"), PLAY.replace("SUM", sum), StandardCharsets.UTF_8);
        try (Lab lab = Lab.start(backend, 1)) {
            String h = lab.hosts.get(0);
            lab.on(h, "mkdir -p /var/db/fakebsd/www/files.example.org/pub /usr/local/etc /usr/local/www /jails/web/etc"
                    + " /jails/web/tmp && printf '" + APP_CONF.replace("\n", "\\n") + "' > "
                    + "/var/db/fakebsd/www/files.example.org/pub/app.conf && echo 'jail motd' > /jails/web/etc/motd"
                    + " && touch /etc/rc.conf && jail -c name=web path=/jails/web persist");
            String rcConf = lab.on(h, "cat /etc/rc.conf");

            Lab.Run first = lab.play(book);
            assertThat(first.exit()).as("%s", first).isEqualTo(ExitCodes.CHANGED);
            assertThat(first.recap(h, "changed")).as("%s", first).isEqualTo(5);
            Path fetched = dir.resolve("fetched").resolve(h).resolve("etc/rc.conf");
            assertThat(Files.readString(fetched)).isEqualTo(rcConf);
            assertThat(Files.readString(dir.resolve("fetched/" + h + "-web-motd"))).isEqualTo("jail motd\n");
            assertThat(lab.on(h, "cat /usr/local/etc/app.conf; stat -f %Lp /usr/local/etc/app.conf; "
                    + "cat /usr/local/www/site/index.html; test -s /var/db/bootstrapped && echo booted"))
                    .isEqualTo(APP_CONF + "640\n<h1>hello</h1>\nbooted\n");

            Lab.Run again = lab.play(book);
            assertThat(again.exit()).as("%s", again).isEqualTo(ExitCodes.OK);
            assertThat(again.recap(h, "changed")).isZero();
            for (Lab.HostResult r : again.results(h)) {
                assertThat(r.execs()).as("one round trip for %s: %s", r.task(), again).isEqualTo(1);
            }

            lab.on(h, "echo 'sshd_enable=\"YES\"' >> /etc/rc.conf; echo tampered > /usr/local/etc/app.conf; "
                    + "echo '<h1>defaced</h1>' > /usr/local/www/site/index.html");
            Lab.Run check = lab.play(book, "--check", "--diff");
            assertThat(check.exit()).as("%s", check).isEqualTo(ExitCodes.CHANGED);
            assertThat(check.result(h, "rc.conf to the controller").diffText()).contains("+sshd_enable=\"YES\"");
            assertThat(check.result(h, "app.conf from the web").status()).isEqualTo("changed");
            assertThat(check.result(h, "the site").diffText()).contains("+site/index.html");
            assertThat(check.result(h, "bootstrap once").status()).isEqualTo("ok");
            assertThat(Files.readString(fetched)).isEqualTo(rcConf);
            assertThat(lab.on(h, "cat /usr/local/etc/app.conf /usr/local/www/site/index.html"))
                    .isEqualTo("tampered\n<h1>defaced</h1>\n");

            Lab.Run repair = lab.play(book);
            assertThat(repair.exit()).as("%s", repair).isEqualTo(ExitCodes.CHANGED);
            assertThat(repair.recap(h, "changed")).isEqualTo(3);
            assertThat(Files.readString(fetched)).endsWith("sshd_enable=\"YES\"\n");
            assertThat(lab.on(h, "cat /usr/local/etc/app.conf /usr/local/www/site/index.html"))
                    .isEqualTo(APP_CONF + "<h1>hello</h1>\n");
        }
    }

    private static String sha256(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
