package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.drover.cli.ExitCodes;
import org.drover.cli.Main;
import org.drover.testbed.Backend;
import org.drover.testbed.Fleet;
import org.drover.testbed.FleetSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The lab playbooks end to end on two simulated hosts over SSH: converge, rerun with nothing to do, drift of the
 * loaded pf ruleset, teardown (twice); and the pf lock-out guard when new connections really stop working.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PfLabFleetIT {
    static final String TEMPLATE = """
            set -e
            zfs list zroot/jails >/dev/null 2>&1 || zfs create -o mountpoint=/jails zroot/jails
            zfs create -p zroot/jails/templates/14.3-RELEASE
            t=/jails/templates/14.3-RELEASE
            mkdir -p $t/bin $t/etc $t/dev $t/tmp $t/var/run $t/root
            cp /bin/sh $t/bin/sh
            """;
    Fleet fleet;
    @TempDir
    Path dir;
    StringWriter out;

    @BeforeAll
    void start() throws IOException {
        fleet = Fleet.start(FleetSpec.builder().hosts(2).backend(Backend.EMBEDDED).build());
    }

    @AfterAll
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    int play(Path playbook, String... more) {
        CommandLine cl = Main.commandLine();
        out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        String[] base = {"play", playbook.toString(), "-i", fleet.inventory().toString(), "--known-hosts",
                fleet.knownHosts().toString(), "--no-color", "--detailed-exitcode"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        // the console reporter writes to System.out: capture it too
        java.io.PrintStream saved = System.out;
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = cl.execute(args);
        } finally {
            System.setOut(saved);
        }
        out.write(console.toString(java.nio.charset.StandardCharsets.UTF_8));
        System.err.print(out);
        return code;
    }

    String on(String host, String script) throws IOException {
        Fleet.Result r = fleet.exec(host, script);
        assertThat(r.status()).as(script + ": " + r.output()).isZero();
        return r.output();
    }

    @Test
    void labConvergesStaysQuietSeesDriftAndTearsDown() throws IOException {
        fleet.reset();
        for (String h : new String[] {"lab01", "lab02"}) {
            on(h, TEMPLATE);
        }
        Path lab = Path.of(System.getProperty("drover.root", "../.."), "playbooks/vnet-lab.yml");
        assertThat(play(lab)).isEqualTo(ExitCodes.CHANGED);
        assertThat(play(lab)).as("second run changes nothing").isEqualTo(ExitCodes.OK);
        assertThat(on("lab01", "jls -N -h name; zfs get -H -o value origin zroot/jails/webserver; pfctl -s Running"))
                .contains("webserver").contains("database").contains("zroot/jails/templates/14.3-RELEASE@base")
                .contains("Enabled");

        on("lab01", "echo 'pass all' | pfctl -o none -f -");
        assertThat(play(lab, "--diff")).isEqualTo(ExitCodes.CHANGED);
        assertThat(out.toString()).contains("changed: [lab01]").doesNotContain("changed: [lab02]")
                .contains("-pass all flags S/SA keep state");

        Path down = Path.of(System.getProperty("drover.root", "../.."), "playbooks/teardown.yml");
        assertThat(play(down)).isEqualTo(ExitCodes.CHANGED);
        assertThat(play(down)).isEqualTo(ExitCodes.OK);
        assertThat(on("lab01", "ifconfig -l; jls -N -h name; zfs list -H -o name -t all -r zroot/jails; pfctl -s rules"))
                .doesNotContain("bridge0").doesNotContain("epair").doesNotContain("webserver")
                .contains("zroot/jails/templates/14.3-RELEASE@base").contains("port = ssh");
    }

    @Test
    void aRulesetThatLocksUsOutIsRolledBackByTheHost() throws Exception {
        fleet.reset();
        Path first = dir.resolve("pf-ok.yml");
        Files.writeString(first, """
                - hosts: lab01
                  gather_facts: false
                  tasks:
                    - pf:
                        rules: |
                          set skip on lo0
                          pass all
                        rollback_after: 4
                """);
        assertThat(play(first)).isEqualTo(ExitCodes.CHANGED);
        String before = on("lab01", "cat /etc/pf.conf; pfctl -s rules");

        Path bad = dir.resolve("pf-lockout.yml");
        Files.writeString(bad, """
                - hosts: lab01
                  gather_facts: false
                  tasks:
                    - pf:
                        rules: |
                          block all
                        rollback_after: 4
                        boot: true
                """);
        // Stand in for the kernel: as soon as the new rules are armed, the host stops accepting connections.
        AtomicBoolean stop = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            try {
                while (!stop.get()) {
                    if (fleet.exec("lab01", "ls /etc | grep -q '^pf\\.conf\\.drover-armed\\.'").status() == 0) {
                        fleet.refuseConnections("lab01");
                        return;
                    }
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        watcher.start();
        int code;
        try {
            code = play(bad);
        } finally {
            stop.set(true);
            watcher.join();
            fleet.acceptConnections("lab01");
        }
        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).contains("new SSH connections to lab01 failed");
        // the host put back the previous file and rules by itself, left rc.conf alone and cleaned up
        assertThat(on("lab01", "cat /etc/pf.conf; pfctl -s rules")).isEqualTo(before);
        assertThat(on("lab01", "sysrc -n pf_enable")).isEqualTo("NO\n");
        assertThat(on("lab01", "ls -a /etc | grep drover || true")).isEmpty();
    }
}
