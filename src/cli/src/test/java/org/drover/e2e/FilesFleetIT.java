package org.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.drover.testbed.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * file, stat, blockinfile and replace under their Ansible names over SSH on a simulated FreeBSD host (whose stat(1)
 * is FreeBSD's): converge, a rerun with changed=0 and one exec per task, drift made by hand found by --check --diff
 * and repaired.
 */
class FilesFleetIT {
    static final String PLAY = """
            - hosts: all
              tasks:
                - name: app tree
                  ansible.builtin.file:
                    path: /usr/local/etc/app/conf.d
                    state: directory
                    mode: u=rwx,g=rx,o=
                - name: config mode
                  ansible.builtin.file:
                    path: /usr/local/etc/app.ini
                    mode: '0640'
                - name: link to it
                  ansible.builtin.file:
                    src: ../app.ini
                    dest: /usr/local/etc/app/current.ini
                    state: link
                - name: managed block
                  ansible.builtin.blockinfile:
                    path: /usr/local/etc/app.ini
                    insertafter: '^listen'
                    block: |
                      tls on
                      tls_port 443
                - name: no debug
                  ansible.builtin.replace:
                    path: /usr/local/etc/app.ini
                    regexp: '^#debug (\\w+)$'
                    replace: 'debug off # was \\1'
                - name: facts
                  ansible.builtin.stat:
                    path: /usr/local/etc/app/current.ini
                    follow: true
                  register: st
                - name: check the facts
                  assert:
                    that:
                      - st.stat.exists
                      - st.stat.isreg
                      - st.stat.mode == '0640'
                      - st.stat.pw_name == 'root'
                      - st.stat.checksum | length == 40
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void converge_rerun_drift_repair(Backend backend) throws Exception {
        Path site = Files.writeString(dir.resolve("site.yml"), PLAY);
        try (Lab lab = Lab.start(backend, 1)) {
            String h = lab.hosts.get(0);
            lab.on(h, "printf 'listen 80\\n#debug on\\nworkers 2\\n' > /usr/local/etc/app.ini");
            Lab.Run first = lab.play(site);
            assertThat(first.exit()).as(first.toString()).isEqualTo(8);
            assertThat(first.recap(h, "changed")).as(first.toString()).isEqualTo(5);
            assertThat(lab.on(h, "stat -f '%Sp %N' /usr/local/etc/app /usr/local/etc/app/conf.d"))
                    .isEqualTo("drwxr-x--- /usr/local/etc/app\ndrwxr-x--- /usr/local/etc/app/conf.d\n");
            assertThat(lab.on(h, "readlink /usr/local/etc/app/current.ini")).isEqualTo("../app.ini\n");
            assertThat(lab.on(h, "cat /usr/local/etc/app.ini")).isEqualTo("listen 80\n"
                    + "# BEGIN ANSIBLE MANAGED BLOCK\ntls on\ntls_port 443\n# END ANSIBLE MANAGED BLOCK\n"
                    + "debug off # was on\nworkers 2\n");

            Lab.Run again = lab.play(site);
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.recap(h, "changed")).isZero();
            for (String task : new String[] {"app tree", "config mode", "link to it", "managed block", "no debug", "facts"}) {
                assertThat(again.result(h, task).execs()).as(task).isEqualTo(1);
            }

            lab.on(h, "chmod 755 /usr/local/etc/app/conf.d && sed -i -e 's/^tls_port 443$/tls_port 8443/' "
                    + "/usr/local/etc/app.ini && echo '#debug on' >> /usr/local/etc/app.ini");
            Lab.Run check = lab.play(site, "--check", "--diff");
            assertThat(check.exit()).as(check.toString()).isEqualTo(8);
            assertThat(check.result(h, "app tree").diffText()).contains("-0755", "+0750");
            assertThat(check.result(h, "managed block").diffText()).contains("-tls_port 8443", "+tls_port 443");
            assertThat(check.result(h, "no debug").diffText()).contains("-#debug on", "+debug off # was on");
            assertThat(check.result(h, "link to it").status()).isEqualTo("ok");
            assertThat(lab.on(h, "stat -f %Lp /usr/local/etc/app/conf.d")).isEqualTo("755\n");

            Lab.Run repair = lab.play(site);
            assertThat(repair.exit()).as(repair.toString()).isEqualTo(8);
            assertThat(repair.recap(h, "changed")).isEqualTo(3);
            assertThat(lab.play(site).recap(h, "changed")).isZero();
            assertThat(lab.on(h, "stat -f %Lp /usr/local/etc/app/conf.d")).isEqualTo("750\n");
        }
    }

    static final String IN_JAIL = """
            - hosts: all
              jail: web
              tasks:
                - name: conf dir in the jail
                  ansible.builtin.file: { path: /usr/local/etc/app, state: directory, mode: '0750' }
                - name: block in the jail
                  ansible.builtin.blockinfile: { path: /usr/local/etc/app/app.conf, create: true, block: "x 1" }
                - name: replace in the jail
                  ansible.builtin.replace: { path: /usr/local/etc/other.conf, regexp: '^x 1$', replace: 'x 2' }
                - name: stat in the jail
                  ansible.builtin.stat: { path: /usr/local/etc/app/app.conf }
                  register: s
                - assert:
                    that: [s.stat.exists, s.stat.isreg, "s.stat.mode == '0644'"]
            """;

    @Test
    void inAJailTarget() throws Exception {
        Path site = Files.writeString(dir.resolve("jail.yml"), IN_JAIL);
        try (Lab lab = Lab.start(Backend.EMBEDDED, 1)) {
            String h = lab.hosts.get(0);
            lab.on(h, "mkdir -p /jails/web/etc /jails/web/usr/local/etc /jails/web/root /jails/web/tmp "
                    + "&& echo 'x 1' > /jails/web/usr/local/etc/other.conf "
                    + "&& jail -c name=web path=/jails/web host.hostname=web.example persist");
            Lab.Run first = lab.play(site);
            assertThat(first.exit()).as(first.toString()).isEqualTo(8);
            assertThat(first.recap(h, "changed")).as(first.toString()).isEqualTo(3);
            assertThat(lab.on(h, "cat /jails/web/usr/local/etc/app/app.conf")).isEqualTo(
                    "# BEGIN ANSIBLE MANAGED BLOCK\nx 1\n# END ANSIBLE MANAGED BLOCK\n");
            assertThat(lab.on(h, "cat /jails/web/usr/local/etc/other.conf")).isEqualTo("x 2\n");
            assertThat(lab.on(h, "stat -f %Lp /jails/web/usr/local/etc/app")).isEqualTo("750\n");
            assertThat(lab.on(h, "test -e /usr/local/etc/app || echo none")).isEqualTo("none\n");
            Lab.Run again = lab.play(site);
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.result(h, "block in the jail").execs()).isEqualTo(1);
        }
    }
}
