package org.drover.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.drover.testbed.sim.SimRunner.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jail(8) start/stop sequences with exec hooks and vnet.interface, jail -m, jexec, and jails seen from inside. */
class JailLifecycleTest {
    @TempDir
    Path dir;
    SimRunner host;

    /** The seeds' pattern: prestart makes an epair and bridges the a side, vnet.interface hands over the b side. */
    private static final String CONF = """
            $log = "$FAKEBSD_ROOT/var/log/hooks";
            web {
                path = /jails/web;
                host.hostname = web.example.org;
                vnet;
                persist;
                vnet.interface = "epair5b";
                exec.prestart = "ifconfig epair5 create >/dev/null";
                exec.prestart += "ifconfig bridge0 addm epair5a up";
                exec.prestart += "echo prestart >> \\"\\$FAKEBSD_ROOT/var/log/hooks\\"";
                exec.created = "echo created >> \\"\\$FAKEBSD_ROOT/var/log/hooks\\"";
                exec.start = "echo start in $(pwd) sees $(ifconfig -l) >> \\"\\$FAKEBSD_ROOT/var/log/hooks\\"";
                exec.poststart = "echo poststart sees $(ifconfig -l) >> \\"\\$FAKEBSD_ROOT/var/log/hooks\\"";
                exec.prestop = "echo prestop >> \\"\\$FAKEBSD_ROOT/var/log/hooks\\"";
                exec.stop = "echo stop sees $(ifconfig -l) >> \\"\\$FAKEBSD_ROOT/var/log/hooks\\"";
                exec.poststop = "ifconfig epair5a destroy";
                exec.poststop += "echo poststop sees $(ifconfig -l) >> \\"\\$FAKEBSD_ROOT/var/log/hooks\\"";
            }
            """.replace("$log = \"$FAKEBSD_ROOT/var/log/hooks\";\n", "");

    @BeforeEach
    void setUp() {
        host = new SimRunner(dir);
        host.mkdirHost("/jails/web").mkdirHost("/var/log").writeHost("/etc/jail.conf", CONF);
        host.run("ifconfig", "bridge", "create", "up").ok();
    }

    @Test
    void startAndStopRunEveryHookInOrder() {
        assertThat(host.run("jail", "-c", "web").ok().stdout()).isEqualTo("web: created\n");
        String root = host.hostPath("/jails/web").toString();
        assertThat(host.readHost("/var/log/hooks")).isEqualTo("""
                prestart
                created
                start in %s sees lo0 epair5b
                poststart sees em0 lo0 bridge0 epair5a
                """.formatted(root));
        assertThat(host.run("ifconfig", "bridge0").stdout()).contains("\tmember: epair5a ");
        assertThat(host.run("jls", "-j", "web", "jid", "vnet", "host.hostname").stdout())
                .isEqualTo("1 new web.example.org\n");

        assertThat(host.run("jail", "-r", "web").ok().stdout()).isEqualTo("web: removed\n");
        assertThat(host.readHost("/var/log/hooks")).endsWith("""
                prestop
                stop sees lo0 epair5b
                poststop sees em0 lo0 bridge0
                """);
        assertThat(host.run("jls").stdout()).isEqualTo("   JID  IP Address      Hostname                      Path\n");
        assertThat(host.run("ifconfig", "bridge0").stdout()).doesNotContain("member:");
    }

    @Test
    void failingHookAbortsAndCleansUp() {
        host.writeHost("/etc/jail.conf", CONF.replace("exec.start = \"", "exec.start = \"exit 4; "));
        Result r = host.run("jail", "-c", "web");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo("web: created\n");
        assertThat(r.stderr()).startsWith("jail: web: exit 4; echo start in").endsWith(": failed\n");
        assertThat(host.run("jls", "name").stdout()).isEmpty();
        assertThat(host.run("ifconfig", "-l").stdout()).isEqualTo("em0 lo0 bridge0\n");

        host.writeHost("/etc/jail.conf", "web { path = /jails/web; persist; exec.prestart = \"exit 3\"; }\n");
        r = host.run("jail", "-c", "web");
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("jail: web: exit 3: failed\n");
        assertThat(host.run("jls", "name").stdout()).isEmpty();
    }

    @Test
    void missingVnetInterfaceFailsTheStart() {
        host.writeHost("/etc/jail.conf", "web { path = /jails/web; vnet; persist; vnet.interface = epair9b; }\n");
        Result r = host.run("jail", "-c", "web");
        assertThat(r.stderr()).isEqualTo("ifconfig: interface epair9b does not exist\n"
                + "jail: web: /sbin/ifconfig epair9b vnet web: failed\n");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(host.run("jls", "name").stdout()).isEmpty();
    }

    @Test
    void commandLineJailsPrintNothingAndIgnoreTheConfig() {
        Result r = host.run("jail", "-c", "name=tmp", "path=/jails/web", "host.hostname=tmp", "persist",
                "ip4.addr=10.1.0.5");
        assertThat(r.stdout()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(host.run("jls").stdout()).endsWith(
                "     1  10.1.0.5        tmp                           /jails/web\n");
        assertThat(host.run("jail", "-c", "name=tmp", "path=/jails/web", "persist").stderr())
                .isEqualTo("jail: \"tmp\" already exists\n");
        // -r without the jail in jail.conf: removed, no hooks; the note because jail.conf exists
        assertThat(host.run("jail", "-r", "tmp").ok().stdout()).isEqualTo("tmp: removed\n");
        assertThat(host.run("jail", "-i", "-c", "name=n", "path=/jails/web", "persist").ok().stdout()).isEqualTo("2\n");
        // a jail nothing keeps alive goes away at once
        host.run("jail", "-c", "name=gone", "path=/jails/web").ok();
        assertThat(host.run("jls", "name").stdout()).isEqualTo("n\n");
    }

    @Test
    void modifyChecksParametersThatCannotChange() {
        host.run("jail", "-c", "name=m", "path=/jails/web", "persist").ok();
        assertThat(host.run("jail", "-m", "name=m", "allow.raw_sockets").ok().stdout()).isEmpty();
        assertThat(host.run("jls", "-j", "m", "allow.raw_sockets").stdout()).isEqualTo("true\n");
        Result r = host.run("jail", "-m", "name=m", "path=/elsewhere");
        assertThat(r.stderr()).isEqualTo("jail: m: path cannot be changed after creation\n");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(host.run("jail", "-m", "name=nosuch", "persist").stderr()).isEqualTo("jail: \"nosuch\" not found\n");
    }

    @Test
    void jexecRunsInsideTheJail() {
        host.run("jail", "-c", "web").ok();
        assertThat(host.run("jexec", "web", "pwd").ok().stdout()).isEqualTo(host.hostPath("/jails/web") + "\n");
        assertThat(host.run("jexec", "1", "sh", "-c", "ifconfig -l; jls; echo $FAKEBSD_JAIL").ok().stdout())
                .isEqualTo("lo0 epair5b\n   JID  IP Address      Hostname                      Path\nweb\n");
        Result r = host.run("jexec", "nosuch", "true");
        assertThat(r.stderr()).isEqualTo("jexec: jail \"nosuch\" not found\n");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(host.run("jexec", "7", "true").stderr()).isEqualTo("jexec: jail 7 not found\n");
        assertThat(host.run("jexec", "web", "no-such-command").stderr())
                .isEqualTo("jexec: execvp: no-such-command: No such file or directory\n");
        Result nested = host.runIn("web", "jail", "-c", "name=inner", "path=/", "persist");
        assertThat(nested.stderr()).isEqualTo("jail: jail_set: Operation not permitted\n");
        assertThat(host.run("jexec", "web", "jexec", "web", "true").stderr())
                .isEqualTo("jexec: jail \"web\" not found\n");
    }

    @Test
    void jlsModes() {
        host.run("jail", "-c", "web").ok();
        host.run("jail", "-c", "name=db", "path=/jails/web", "host.hostname=db host with spaces", "persist",
                "ip4.addr=10.0.0.7,10.0.0.8").ok();
        assertThat(host.run("jls", "-j", "db", "name", "host.hostname").stdout()).isEqualTo("db db host with spaces\n");
        assertThat(host.run("jls", "-q", "-j", "db", "name", "host.hostname", "host.domainname").stdout())
                .isEqualTo("db \"db host with spaces\" \"\"\n");
        assertThat(host.run("jls", "-j", "db", "host.domainname").stdout()).isEqualTo("-\n");
        assertThat(host.run("jls", "-v").stdout()).isEqualTo("""
                   JID  Hostname                      Path
                        Name                          State
                        CPUSetID
                        IP Address(es)
                     1  web.example.org               %1$s
                        web                           ACTIVE
                        2
                     2  db host with spaces           %1$s
                        db                            ACTIVE
                        3
                        10.0.0.7
                        10.0.0.8
                """.formatted("/jails/web"));
        String all = host.run("jls", "-n", "-j", "web").ok().stdout();
        assertThat(all).startsWith("devfs_ruleset=0 ").contains(" jid=1 ", " name=web ", " persist ", " vnet=new ",
                " host.hostname=web.example.org ", " allow.noraw_sockets ");
        assertThat(host.run("jls", "-s", "-j", "web").stdout()).contains("jid=1 ").doesNotContain("dying", "children.cur", "cpuset.id");
        assertThat(host.run("jls", "-j", "web", "nosuchparam").stderr()).isEqualTo("jls: unknown parameter: nosuchparam\n");
    }

    @Test
    void theJailsOwnRcRunsWhenItsRootHasOneAndIsSkippedOtherwise() {
        host.mkdirHost("/jails/bare");
        host.writeHost("/etc/jail.conf", """
                path = "/jails/$name"; persist;
                exec.start = "/bin/sh /etc/rc";
                exec.stop = "/bin/sh /etc/rc.shutdown jail";
                web { }
                bare { }
                """);
        host.writeHost("/jails/web/etc/rc", "echo \"rc of $(pwd) in $FAKEBSD_JAIL\"\n");
        host.writeHost("/jails/web/etc/rc.shutdown", "echo \"rc.shutdown $1\"\n");
        assertThat(host.run("jail", "-c", "web").ok().stdout())
                .isEqualTo("web: created\nrc of " + host.hostPath("/jails/web") + " in web\n");
        assertThat(host.run("jail", "-c", "bare").ok().stdout()).isEqualTo("bare: created\n");
        assertThat(host.run("jail", "-r", "web").ok().stdout()).isEqualTo("rc.shutdown jail\nweb: removed\n");
        assertThat(host.run("jail", "-r", "bare").ok().stdout()).isEqualTo("bare: removed\n");
    }
}
