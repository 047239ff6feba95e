package org.drover.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.testbed.sim.SimRunner.sampleLines;
import static org.drover.testbed.sim.SimRunner.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated sysrc against the host's own rc.conf files (FAKEBSD_ROOT/etc/rc.conf): samples and round trips. */
class SimSysrcTest {
    @TempDir
    Path dir;
    SimRunner host;

    @BeforeEach
    void setUp() {
        host = new SimRunner(dir);
    }

    @Test
    void valueOnlyAndUnknownVariable() {
        host.writeHost("/etc/rc.conf", "hostname=\"web1\"\njail_enable=\"YES\"\n");
        List<String> lines = sampleLines("sysrc-n-and-unknown.txt");
        assertSame(host.run("sysrc", "-n", "jail_enable"), lines.get(0), "", 0);
        assertSame(host.run("sysrc", "-n", "jail_web_conf"), "", lines.get(1), 1);
        assertSame(host.run("sysrc", "-i", "-n", "jail_web_conf"), "", "", 1);
        assertSame(host.run("sysrc", "-q", "jail_web_conf"), "", "", 1);
    }

    @Test
    void setChangeAndNew() {
        host.writeHost("/etc/rc.conf", "hostname=\"web1\"\nifconfig_bridge0=\"addm vtnet0 up\"\n");
        List<String> lines = sampleLines("sysrc-set-change-and-new.txt");
        assertSame(host.run("sysrc", "jail_enable=YES"), lines.get(0), "", 0);
        assertSame(host.run("sysrc", "cloned_interfaces+=bridge0"), lines.get(1), "", 0);
        assertSame(host.run("sysrc", "cloned_interfaces+=bridge0 epair0"), lines.get(2), "", 0);
        assertSame(host.run("sysrc", "ifconfig_bridge0=addm vtnet0 up"), lines.get(3), "", 0);
        assertThat(host.readHost("/etc/rc.conf")).isEqualTo("""
                hostname="web1"
                ifconfig_bridge0="addm vtnet0 up"
                jail_enable="YES"
                cloned_interfaces="bridge0 epair0"
                """);
    }

    @Test
    void editsKeepTheRestOfTheFileAndReplaceTheLastAssignment() throws Exception {
        host.writeHost("/etc/rc.conf", """
                # my host
                hostname="web1"   # the name
                sshd_enable="YES"
                sshd_enable="NO"
                zfs_enable='YES'
                """);
        long inode = (long) Files.getAttribute(host.hostPath("/etc/rc.conf"), "unix:ino");
        assertSame(host.run("sysrc", "sshd_enable=YES"), "sshd_enable: NO -> YES\n", "", 0);
        assertThat(host.readHost("/etc/rc.conf")).isEqualTo("""
                # my host
                hostname="web1"   # the name
                sshd_enable="YES"
                sshd_enable="YES"
                zfs_enable='YES'
                """);
        assertThat((long) Files.getAttribute(host.hostPath("/etc/rc.conf"), "unix:ino")).isNotEqualTo(inode);
        assertSame(host.run("sysrc", "-n", "hostname", "zfs_enable"), "web1\nYES\n", "", 0);
        assertSame(host.run("sysrc", "-x", "sshd_enable"), "", "", 0);
        assertThat(host.readHost("/etc/rc.conf")).doesNotContain("sshd_enable");
        assertSame(host.run("sysrc", "sshd_enable"), "sshd_enable: NO\n", "", 0);  // the default is back
        assertSame(host.run("sysrc", "-x", "nothing_here"), "", "sysrc: unknown variable 'nothing_here'\n", 1);
        assertSame(host.run("sysrc", "msg=say \"hi\" $HOME"), "msg:  -> say \"hi\" $HOME\n", "", 0);
        assertThat(host.readHost("/etc/rc.conf")).endsWith("msg=\"say \\\"hi\\\" \\$HOME\"\n");
        assertSame(host.run("sysrc", "-n", "msg"), "say \"hi\" $HOME\n", "", 0);
    }

    @Test
    void appendRemoveCheckAndVerbose() {
        host.writeHost("/etc/rc.conf", "jail_list=\"web db\"\n");
        assertSame(host.run("sysrc", "jail_list+=db cache"), "jail_list: web db -> web db cache\n", "", 0);
        assertSame(host.run("sysrc", "jail_list-=web"), "jail_list: web db cache -> db cache\n", "", 0);
        assertSame(host.run("sysrc", "-c", "jail_list=db cache"), "", "", 0);
        assertSame(host.run("sysrc", "-c", "jail_list=db"), "", "", 1);
        assertSame(host.run("sysrc", "-c", "pf_enable=NO"), "", "", 0);   // defaults count as set
        assertSame(host.run("sysrc", "-cv", "jail_list=db"), "/etc/rc.conf: jail_list: would change from "
                + "`db cache' to `db'\n", "", 1);
        assertSame(host.run("sysrc", "-cv", "jail_list=db cache"),
                "/etc/rc.conf: jail_list: already set to `db cache'\n", "", 0);
        assertSame(host.run("sysrc", "-cv", "foo_enable=YES"), "foo_enable: not currently set\n", "", 1);
        assertSame(host.run("sysrc", "-v", "jail_list", "pf_enable"),
                "/etc/rc.conf: jail_list: db cache\n/etc/defaults/rc.conf: pf_enable: NO\n", "", 0);
        assertSame(host.run("sysrc", "-e", "jail_list"), "jail_list=\"db cache\"\n", "", 0);
        assertThat(host.readHost("/etc/rc.conf")).isEqualTo("jail_list=\"db cache\"\n");
    }

    @Test
    void insideAJailThroughJexec() {
        host.writeHost("/etc/rc.conf", "sshd_enable=\"NO\"\n");
        host.writeHost("/jails/web/etc/rc.conf", "sshd_enable=\"YES\"\n");
        host.writeState("jails.json", """
                {"last_jid": 1, "jails": [{"jid": 1, "name": "web", "params": {"path": "/jails/web"},
                                            "internal": {}, "conf": null}]}
                """);
        assertSame(host.run("sysrc", "-j", "web", "sshd_enable=NO"), "sshd_enable: YES -> NO\n", "", 0);
        assertThat(host.readHost("/jails/web/etc/rc.conf")).isEqualTo("sshd_enable=\"NO\"\n");
        assertSame(host.run("sysrc", "-n", "sshd_enable"), "NO\n", "", 0);
        assertSame(host.run("sysrc", "-R", "/jails/web", "-n", "sshd_enable"), "NO\n", "", 0);
        assertSame(host.run("sysrc", "-j", "nosuch", "sshd_enable"), "", "jexec: jail \"nosuch\" not found\n", 1);
    }

    @Test
    void otherFilesAndDefaultsFromTheHost() {
        assertSame(host.run("sysrc", "-f", "/etc/rc.conf.d/jail", "jail_list+=web"), "jail_list:  -> web\n", "", 0);
        assertThat(host.readHost("/etc/rc.conf.d/jail")).isEqualTo("jail_list=\"web\"\n");
        assertThat(Files.exists(host.hostPath("/etc/rc.conf"))).isFalse();
        // rc.conf.local is read after rc.conf and its assignment is the one edited
        host.writeHost("/etc/rc.conf", "ntpd_enable=\"NO\"\n");
        host.writeHost("/etc/rc.conf.local", "ntpd_enable=\"YES\"\n");
        assertSame(host.run("sysrc", "ntpd_enable=NO"), "ntpd_enable: YES -> NO\n", "", 0);
        assertThat(host.readHost("/etc/rc.conf.local")).isEqualTo("ntpd_enable=\"NO\"\n");
        host.writeHost("/etc/defaults/rc.conf", "rc_conf_files=\"/etc/rc.conf\"\nfoo_enable=\"MAYBE\"\n");
        assertSame(host.run("sysrc", "foo_enable", "ntpd_enable"), "foo_enable: MAYBE\nntpd_enable: NO\n", "", 0);
        assertSame(host.run("sysrc", "pf_enable"), "", "sysrc: unknown variable 'pf_enable'\n", 1);
        host.writeHost("/etc/rc.conf", "bad=\"unterminated\n");
        assertThat(host.run("sysrc", "foo_enable").stderr()).endsWith("sysrc: Exiting due to previous syntax errors\n");
    }
}
