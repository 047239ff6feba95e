package org.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drover.cli.ExitCodes;
import org.drover.testbed.Backend;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Jails as targets on simulated hosts: a play with {@code jail:} and inventory jail targets ({@code web@HOST}) run
 * command, copy, sysrc and service inside a running jail, through the host's one SSH connection; a rerun changes
 * nothing; a stopped jail fails its tasks, naming jail and host, and the host goes on.
 */
class JailTargetsIT {
    /** A jail root with its own userland version and an nginx rc.d script as the package installs it. */
    private static final String JAIL = """
            set -e
            r=/jails/web
            mkdir -p $r/bin $r/etc $r/usr/local/etc/rc.d $r/root $r/tmp
            printf '#!/bin/sh\\nUSERLAND_VERSION="14.2-RELEASE-p1"\\n' > $r/bin/freebsd-version
            cat > $r/usr/local/etc/rc.d/nginx <<'RC'
            #!/bin/sh
            # PROVIDE: nginx
            . /etc/rc.subr
            name="nginx"
            rcvar=nginx_enable
            extra_commands="reload configtest"
            load_rc_config $name
            : ${nginx_enable="NO"}
            run_rc_command "$1"
            RC
            chmod 555 $r/usr/local/etc/rc.d/nginx
            jail -c name=web path=$r host.hostname=web.example persist
            """;

    private static final String PLAYBOOK = """
            - name: the web jail of every lab host, from the host
              hosts: labs
              gather_facts: false
              jail: web
              tasks:
                - name: a page in the jail
                  copy: { dest: /usr/local/etc/drover.txt, content: "served from a jail\\n" }
                - name: nginx enabled in the jail
                  sysrc: { name: nginx_enable, value: "YES" }
                - name: nginx running in the jail
                  service: { name: nginx, state: started }
                  notify: restart nginx
                - name: a command on the host itself
                  jail: ""
                  command: hostname
                  changed_when: false
              handlers:
                - name: restart nginx
                  service: { name: nginx, state: restarted }
            - name: the modules' own jail argument, from the host
              hosts: labs
              gather_facts: false
              tasks:
                - name: nginx flags in the jail's rc.conf
                  sysrc: { name: nginx_flags, value: "-g daemon", jail: web }
                - name: nginx running and enabled in the jail (its rcvar read from its script)
                  service: { name: nginx, jail: web, state: started, enabled: true }
            - name: the same jails as inventory targets
              hosts: jails
              gather_facts: true
              tasks:
                - name: hostname inside
                  command: hostname
                  changed_when: false
                  register: hn
                - name: the jail's own identity
                  assert:
                    that:
                      - hn.stdout == 'web.example'
                      - drover_userland_version == '14.2-RELEASE-p1'
                - name: rc.conf of the jail
                  command: cat /etc/rc.conf
                  changed_when: false
                  register: rc
                - assert: { that: [ "'nginx_enable=\\"YES\\"' in rc.stdout" ] }
            """;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void playsRunInsideJailsOverTheHostsOneConnection(Backend backend, @TempDir Path dir) throws Exception {
        try (Lab lab = Lab.start(backend, 2)) {
            StringBuilder jails = new StringBuilder("    jails:\n      hosts:\n");
            for (String h : lab.hosts) {
                lab.on(h, JAIL);
                jails.append("        web@").append(h).append(":\n");
            }
            lab.addToInventory("jails", jails.toString());
            Path book = dir.resolve("jails.yml");
            Files.writeString(book, PLAYBOOK, StandardCharsets.UTF_8);

            Lab.Run first = lab.play(book);
            assertThat(first.exit()).as("%s", first).isEqualTo(ExitCodes.CHANGED);
            for (String h : lab.hosts) {
                assertThat(first.recap(h, "failed")).as("%s", first).isZero();
                assertThat(first.recap(h, "changed")).as("%s", first).isEqualTo(5); // copy, sysrc, service, handler, sysrc jail:
                assertThat(first.recap("web@" + h, "failed")).as("%s", first).isZero();
                assertThat(first.connections(h)).as("one SSH connection for %s and its jail, %s", h, first)
                        .isEqualTo(1);
                assertThat(first.result(h, "a command on the host itself").status()).isEqualTo("ok");
                String seen = lab.on(h, "cat /jails/web/usr/local/etc/drover.txt; cat /jails/web/etc/rc.conf; "
                        + "test ! -e /usr/local/etc/drover.txt && echo host-clean; grep -c nginx /etc/rc.conf || true; "
                        + "jexec web service nginx onestatus");
                assertThat(seen).contains("served from a jail").contains("nginx_enable=\"YES\"").contains("host-clean")
                        .contains("nginx_flags=\"-g daemon\"")
                        .contains("nginx is running as pid");
                assertThat(seen.lines()).contains("0"); // the host's rc.conf does not mention nginx
            }

            Lab.Run again = lab.play(book);
            assertThat(again.exit()).as("%s", again).isEqualTo(ExitCodes.OK);
            for (String h : lab.hosts) {
                assertThat(again.recap(h, "changed")).as("%s", again).isZero();
                assertThat(again.connections(h)).as("%s", again).isEqualTo(1);
                for (Lab.HostResult r : again.results(h)) {
                    assertThat(r.execs()).as("one round trip for %s on %s: %s", r.task(), h, again).isEqualTo(1);
                }
            }

            String stopped = lab.hosts.get(1);
            lab.on(stopped, "jail -r web");
            Lab.Run broken = lab.play(book);
            assertThat(broken.exit()).as("%s", broken).isEqualTo(ExitCodes.FAILED);
            assertThat(broken.result(stopped, "a page in the jail").msg())
                    .contains("jail web is not running on " + stopped);
            assertThat(broken.recap(stopped, "unreachable")).isZero();
            assertThat(broken.recap("web@" + stopped, "failed")).as("%s", broken).isEqualTo(1);
            assertThat(broken.recap(lab.hosts.get(0), "failed")).as("%s", broken).isZero();
            assertThat(broken.recap("web@" + lab.hosts.get(0), "failed")).as("%s", broken).isZero();
        }
    }
}
