package org.drover.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.drover.testbed.sim.SimRunner.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** service(8) with rc.d/jail, pf and netif and rc.subr's enable/disable/one* handling. */
class ServiceTest {
    @TempDir
    Path dir;
    SimRunner host;

    @BeforeEach
    void setUp() {
        host = new SimRunner(dir);
        host.writeHost("/etc/rc.conf", "hostname=\"testhost\"\n");
    }

    @Test
    void unknownServiceAndUnknownAction() {
        Result r = host.run("service", "nosuchd", "start");
        assertThat(r.stdout()).isEqualTo("nosuchd does not exist in /etc/rc.d or the local startup\n"
                + "directories (/usr/local/etc/rc.d), or is not executable\n");
        assertThat(r.exit()).isEqualTo(1);
        r = host.run("service", "jail", "frobnicate");
        assertThat(r.stderr()).startsWith("Usage: /etc/rc.d/jail [fast|force|one|quiet](start|stop|restart|");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void enableDisableWriteRcConfAndGateStart() {
        Result r = host.run("service", "jail", "start");
        assertThat(r.stdout()).isEqualTo(
                "Cannot 'start' jail. Set jail_enable to YES in /etc/rc.conf or use 'onestart' instead of 'start'.\n");
        assertThat(r.exit()).isZero();
        assertThat(host.run("service", "jail", "enabled").exit()).isEqualTo(1);
        assertThat(host.run("service", "jail", "enable").ok().stdout()).isEqualTo("jail enabled in /etc/rc.conf\n");
        assertThat(host.readHost("/etc/rc.conf")).isEqualTo("hostname=\"testhost\"\njail_enable=\"YES\"\n");
        assertThat(host.run("service", "jail", "enabled").exit()).isZero();
        assertThat(host.run("service", "jail", "disable").ok().stdout()).isEqualTo("jail disabled in /etc/rc.conf\n");
        assertThat(host.readHost("/etc/rc.conf")).isEqualTo("hostname=\"testhost\"\njail_enable=\"NO\"\n");
        assertThat(host.run("service", "jail", "onestatus").ok().stdout())
                .isEqualTo(" JID             IP Address      Hostname                      Path\n");
    }

    @Test
    void jailStartStopRestartStatusWithJailList() {
        host.writeHost("/etc/rc.conf", """
                jail_enable="YES"   # start jails at boot
                jail_list='web db'
                """);
        host.mkdirHost("/jails/web").mkdirHost("/jails/db");
        host.writeHost("/etc/jail.conf", "path = \"/jails/$name\";\npersist;\nweb { host.hostname = web; }\n");
        host.writeHost("/etc/jail.conf.d/db.conf", "db { path = /jails/db; host.hostname = db; persist; }\n");
        assertThat(host.run("service", "jail", "start").ok().stdout()).isEqualTo("Starting jails: web db.\n");
        assertThat(host.run("service", "jail", "status").ok().stdout()).isEqualTo("""
                 JID             IP Address      Hostname                      Path
                 web                             web                           /jails/web
                 db                              db                            /jails/db
                """);
        // starting a running jail fails inside jail(8); rc.d/jail still exits 0
        Result again = host.run("service", "jail", "start", "web");
        assertThat(again.stdout()).isEqualTo("Starting jails: cannot start jail  \"web\": \njail: \"web\" already exists\n.\n");
        assertThat(again.exit()).isZero();
        assertThat(host.run("service", "jail", "stop", "db").ok().stdout()).isEqualTo("Stopping jails: db.\n");
        assertThat(host.run("service", "jail", "stop", "db").ok().stdout()).isEqualTo("Stopping jails:.\n");
        assertThat(host.run("service", "jail", "restart", "web").ok().stdout())
                .isEqualTo("Stopping jails: web.\nStarting jails: web.\n");
        assertThat(host.run("jls", "name").stdout()).isEqualTo("web\n");
        assertThat(host.run("service", "jail", "stop").ok().stdout()).isEqualTo("Stopping jails: web.\n");
        assertThat(host.run("jls", "name").stdout()).isEmpty();
    }

    @Test
    void jailStartAllFromJailConfWhenNoJailList() {
        host.writeHost("/etc/rc.conf", "jail_enable=YES\n").mkdirHost("/jails/a").mkdirHost("/jails/b");
        host.writeHost("/etc/jail.conf", "path = \"/jails/$name\"; persist; a { } b { }\n");
        assertThat(host.run("service", "jail", "start").ok().stdout()).isEqualTo("Starting jails: a b.\n");
        assertThat(host.run("service", "jail", "stop").ok().stdout()).isEqualTo("Stopping jails: a b.\n");
    }

    @Test
    void netifRestartReappliesClonedInterfacesAndIfconfigLines() {
        host.writeHost("/etc/rc.conf", """
                cloned_interfaces="bridge0 epair0"
                ifconfig_bridge0="inet 10.10.0.1/24 up"
                ifconfig_bridge0_alias0="inet 10.10.1.1/24"
                ifconfig_bridge0_descr="lab: jails (vlan 20)"
                ifconfig_epair0a="up"
                """);
        Result r = host.run("service", "netif", "restart");
        assertThat(r.stdout()).isEqualTo("Created clone interfaces: bridge0 epair0.\nStarting Network: bridge0 epair0a.\n");
        assertThat(host.run("ifconfig", "-l").stdout()).isEqualTo("em0 lo0 bridge0 epair0a epair0b\n");
        String bridge = host.run("ifconfig", "bridge0").stdout();
        assertThat(bridge).contains("\tinet 10.10.0.1 netmask 0xffffff00", "\tinet 10.10.1.1 netmask 0xffffff00",
                        "\tdescription: lab: jails (vlan 20)\n")
                .startsWith("bridge0: flags=8843<UP,");
        host.run("ifconfig", "bridge0", "inet", "10.10.0.1", "-alias").ok();  // drift
        r = host.run("service", "netif", "restart");
        assertThat(r.stdout()).isEqualTo("Stopping Network: bridge0 epair0a.\nDestroyed clone interfaces: bridge0 epair0.\n"
                + "Created clone interfaces: bridge0 epair0.\nStarting Network: bridge0 epair0a.\n");
        assertThat(host.run("ifconfig", "bridge0").stdout()).contains("\tinet 10.10.0.1 netmask 0xffffff00");
    }

    @Test
    void pfStartStopReloadThroughPfctl() {
        host.writeHost("/etc/rc.conf", "pf_enable=\"YES\"\n");
        host.writeHost("/etc/pf.conf", "pass all\n");
        assertThat(host.run("service", "pf", "start").ok().stdout()).isEqualTo("Enabling pf.\n");
        assertThat(host.run("pfctl", "-s", "Running").stdout()).isEqualTo("Enabled\n");
        assertThat(host.run("service", "pf", "reload").ok().stdout()).isEqualTo("Reloading pf rules.\n");
        assertThat(host.run("service", "pf", "status").exit()).isZero();
        assertThat(host.run("service", "pf", "stop").ok().stdout()).isEqualTo("Disabling pf.\n");
        assertThat(host.run("service", "pf", "status").exit()).isEqualTo(1);
        host.writeHost("/etc/pf.conf", "pass in on $nosuch all\n");
        Result bad = host.run("service", "pf", "reload");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.stderr()).contains("/etc/pf.conf:1: ");
    }

    @Test
    void pfWithoutRulesFileRefusesToStart() {
        host.writeHost("/etc/rc.conf", "pf_enable=\"YES\"\n");
        Result r = host.run("service", "pf", "start");
        assertThat(r.stderr()).isEqualTo("/etc/rc.d/pf: WARNING: /etc/pf.conf is not readable.\n");
        assertThat(r.exit()).isEqualTo(1);
    }
}
