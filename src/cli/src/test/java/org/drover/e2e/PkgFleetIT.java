package org.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.drover.testbed.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pkg (and its Ansible names) and lineinfile over SSH on a simulated FreeBSD host: bootstrap and install on the host
 * and into a jail, the rerun with one exec per task, --check --diff after drift, an unknown package and an
 * unreachable repository that change nothing.
 */
class PkgFleetIT {
    static final String PLAY = """
            - hosts: all
              tasks:
                - name: web packages
                  pkg:
                    name: [nginx, curl]
                - name: curl in the jail
                  community.general.pkgng:
                    name: curl
                    jail: web
                - name: nginx on 8080
                  ansible.builtin.lineinfile:
                    path: /usr/local/etc/nginx/nginx.conf
                    regexp: '^\\s+listen\\s'
                    line: '        listen       8080;'
            """;

    @TempDir
    Path dir;

    @Test
    void converge_rerun_drift_and_failures() throws Exception {
        Path site = Files.writeString(dir.resolve("site.yml"), PLAY);
        try (Lab lab = Lab.start(Backend.EMBEDDED, 1)) {
            String h = lab.hosts.get(0);
            lab.on(h, "mkdir -p /jails/web && jail -c name=web path=/jails/web persist");

            Lab.Run first = lab.play(site);
            assertThat(first.exit()).as(first.toString()).isEqualTo(8);
            assertThat(first.recap(h, "changed")).isEqualTo(3);
            assertThat(lab.on(h, "pkg query %n")).contains("nginx\n", "curl\n", "pcre2\n", "pkg\n");
            assertThat(lab.on(h, "pkg -j web query %n")).isEqualTo("ca_root_nss\ncurl\nindexinfo\nlibidn2\n"
                    + "libnghttp2\nlibpsl\nlibunistring\n");
            assertThat(lab.on(h, "cat /usr/local/etc/rc.d/nginx")).contains("name=\"nginx\"", "rcvar=nginx_enable");
            assertThat(lab.on(h, "grep listen /usr/local/etc/nginx/nginx.conf")).isEqualTo("        listen       8080;\n");

            Lab.Run again = lab.play(site);
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.recap(h, "changed")).isZero();
            for (String task : new String[] {"web packages", "curl in the jail", "nginx on 8080"}) {
                assertThat(again.result(h, task).execs()).as(task).isEqualTo(1);
            }

            lab.on(h, "pkg delete -y curl >/dev/null && pkg -j web delete -y curl >/dev/null");
            Lab.Run check = lab.play(site, "--check", "--diff");
            assertThat(check.exit()).as(check.toString()).isEqualTo(8);
            assertThat(check.result(h, "web packages").diffText()).contains("+curl");
            assertThat(check.result(h, "curl in the jail").diffText()).contains("packages in jail web", "+curl");
            assertThat(check.result(h, "nginx on 8080").status()).isEqualTo("ok");
            assertThat(lab.on(h, "pkg info -e curl || echo missing")).isEqualTo("missing\n");

            Path bad = Files.writeString(dir.resolve("bad.yml"), """
                    - hosts: all
                      tasks:
                        - pkg:
                            name: [curl, nosuch]
                    """);
            Lab.Run unknown = lab.play(bad);
            assertThat(unknown.exit()).isEqualTo(2);
            assertThat(unknown.result(h, "pkg").msg()).isEqualTo("No packages available to install matching "
                    + "'nosuch' have been found in the repositories");
            lab.on(h, "touch /var/db/fakebsd/pkg-repo-unreachable");
            Lab.Run offline = lab.play(site);
            assertThat(offline.exit()).isEqualTo(2);
            assertThat(offline.result(h, "web packages").msg()).startsWith("repository FreeBSD cannot be reached (pkg: https://");
            assertThat(lab.on(h, "pkg info -e curl || echo missing")).isEqualTo("missing\n");
        }
    }
}
