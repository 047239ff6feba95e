package org.drover.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.testbed.sim.SimRunner.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.drover.testbed.sim.SimRunner.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pf.conf parsing and normalisation, loaded state, drift, tables, flushing and refusals of the simulated pfctl. */
class SimPfBehaviourTest {
    @TempDir
    Path dir;
    SimRunner host;

    @BeforeEach
    void setUp() {
        host = new SimRunner(dir);
    }

    /** A lab router: NAT for the jail network, a port forward, per-jail rules from macros and lists, a table. */
    static final String LAB = """
            # lab pf.conf
            ext_if = "vtnet0"
            jail_if = "bridge0"
            jail_net = "10.0.0.0/24"
            web = "10.0.0.11"
            db = "10.0.0.12"
            web_ports = "{ http, https }"
            table <admins> persist { 192.0.2.10, 198.51.100.0/24 }

            set skip on lo0
            set block-policy drop
            scrub in all

            nat on $ext_if from $jail_net to any -> ($ext_if)
            rdr pass on $ext_if proto tcp to port 80 -> $web port 80

            antispoof quick for $jail_if
            block in log all
            pass out quick on $ext_if keep state
            pass in on $ext_if proto tcp from <admins> to port ssh
            pass in on $jail_if proto { tcp udp } from $web to $db port { 5432, 6379 }
            pass in on $ext_if proto tcp to $web port $web_ports
            pass in inet proto icmp all icmp-type echoreq
            anchor "jails/*"
            """;

    private void seedNet() {
        host.writeState("seed-net.json", """
                {"interfaces": [{"name": "vtnet0", "addrs": ["192.0.2.1/24"]},
                                {"name": "bridge0", "kind": "bridge", "addrs": ["10.0.0.1/24"]},
                                {"name": "lo0"}]}
                """);
        host.run("ifconfig", "-l").ok();
    }

    @Test
    void labConfigurationNormalisedInFileOrder() {
        seedNet();
        host.writeHost("/etc/pf.conf", LAB);
        Result r = host.run("pfctl", "-o", "none", "-nvf", "/etc/pf.conf").ok();
        assertThat(r.stdout()).isEqualTo("""
                ext_if = "vtnet0"
                jail_if = "bridge0"
                jail_net = "10.0.0.0/24"
                web = "10.0.0.11"
                db = "10.0.0.12"
                web_ports = "{ http, https }"
                table <admins> persist { 192.0.2.10 198.51.100.0/24 }
                set skip on lo0
                set block-policy drop
                scrub in all fragment reassemble
                nat on vtnet0 inet from 10.0.0.0/24 to any -> (vtnet0) round-robin
                rdr pass on vtnet0 inet proto tcp from any to any port = http -> 10.0.0.11 port 80
                block drop in quick on ! bridge0 inet from 10.0.0.0/24 to any
                block drop in quick inet from 10.0.0.1 to any
                block drop in log all
                pass out quick on vtnet0 all flags S/SA keep state
                pass in on vtnet0 proto tcp from <admins> to any port = ssh flags S/SA keep state
                pass in on bridge0 inet proto tcp from 10.0.0.11 to 10.0.0.12 port = postgresql flags S/SA keep state
                pass in on bridge0 inet proto tcp from 10.0.0.11 to 10.0.0.12 port = 6379 flags S/SA keep state
                pass in on bridge0 inet proto udp from 10.0.0.11 to 10.0.0.12 port = postgresql keep state
                pass in on bridge0 inet proto udp from 10.0.0.11 to 10.0.0.12 port = 6379 keep state
                pass in on vtnet0 inet proto tcp from any to 10.0.0.11 port = http flags S/SA keep state
                pass in on vtnet0 inet proto tcp from any to 10.0.0.11 port = https flags S/SA keep state
                pass in inet proto icmp all icmp-type echoreq keep state
                anchor "jails/*" all
                """);
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void loadedRulesPersistAndDriftFromTheFile() {
        seedNet();
        host.writeHost("/etc/pf.conf", LAB);
        host.run("pfctl", "-f", "/etc/pf.conf").ok();
        String rules = host.run("pfctl", "-s", "rules").ok().stdout();
        assertThat(rules).startsWith("scrub in all fragment reassemble\nblock drop in quick on ! bridge0 inet from "
                + "10.0.0.0/24 to any\n");
        assertThat(rules).doesNotContain("table").doesNotContain("ext_if").doesNotContain("nat on");
        assertThat(host.run("pfctl", "-s", "nat").ok().stdout()).isEqualTo("""
                nat on vtnet0 inet from 10.0.0.0/24 to any -> (vtnet0) round-robin
                rdr pass on vtnet0 inet proto tcp from any to any port = http -> 10.0.0.11 port 80
                """);
        assertThat(host.run("pfctl", "-s", "Tables").ok().stdout()).isEqualTo("admins\n");
        assertThat(host.run("pfctl", "-s", "Anchors").ok().stdout()).isEqualTo("  jails\n");
        // editing the file changes nothing until it is loaded again
        host.writeHost("/etc/pf.conf", "pass all\n");
        assertThat(host.run("pfctl", "-s", "rules").ok().stdout()).isEqualTo(rules);
        host.run("pfctl", "-f", "/etc/pf.conf").ok();
        assertThat(host.run("pfctl", "-s", "rules").ok().stdout()).isEqualTo("pass all flags S/SA keep state\n");
        assertThat(host.run("pfctl", "-s", "nat").ok().stdout()).isEmpty();
        assertThat(host.run("pfctl", "-s", "Tables").ok().stdout()).isEqualTo("admins\n"); // persist tables stay
    }

    @Test
    void optimiserRemovesDuplicatesWithinSuperblocks() {
        host.writeHost("/etc/pf.conf", """
                pass in quick proto tcp to port 22
                pass out quick all
                pass in quick proto tcp to port 22
                pass out all
                pass in proto tcp to port 80
                pass in proto tcp to port 80
                """);
        assertThat(host.run("pfctl", "-nvf", "/etc/pf.conf").ok().stdout()).isEqualTo("""
                pass in quick proto tcp from any to any port = ssh flags S/SA keep state
                pass out quick all flags S/SA keep state
                pass out all flags S/SA keep state
                pass in proto tcp from any to any port = http flags S/SA keep state
                """);
        // two rules share no skip-step field worth grouping, so their order stays; -o none keeps duplicates
        assertThat(host.run("pfctl", "-o", "none", "-nvf", "/etc/pf.conf").ok().stdout().lines()).hasSize(6);
        // a rule covered by a broader one with the same action and options goes, wherever it stands
        host.writeHost("/etc/pf.conf", "pass out on em0 proto tcp to port 80\npass out all\n");
        assertThat(host.run("pfctl", "-nvf", "/etc/pf.conf").ok().stdout())
                .isEqualTo("pass out all flags S/SA keep state\n");
    }

    @Test
    void parseErrorsNameEveryBadLine() {
        host.writeHost("/etc/pf.conf", """
                ext_if = "vtnet0"
                pass in on $ext_if proto tcp to port nosuchservice
                pass in on $ext_if proto icmp to port 22
                pass in on $ext_if from 10.0.0.0/24 to 10.1.0.0/16
                block in on $nope
                passs out all
                pass in from nosuchhost
                set skip on lo0
                """);
        assertSame(host.run("pfctl", "-nf", "/etc/pf.conf"), "", """
                /etc/pf.conf:2: unknown port nosuchservice
                /etc/pf.conf:3: port only applies to tcp/udp/sctp
                /etc/pf.conf:5: macro 'nope' not defined
                /etc/pf.conf:5: syntax error
                /etc/pf.conf:6: syntax error
                /etc/pf.conf:7: no IP address found for nosuchhost
                /etc/pf.conf:8: Rules must be in order: options, ethernet, normalization, queueing, translation, \
                filtering
                """, 1);
        assertSame(host.sh("echo 'pass in on' | pfctl -nf -"), "", "stdin:1: syntax error\n", 1);
        assertSame(host.run("pfctl", "-nf", "/etc/nope.conf"), "", "pfctl: /etc/nope.conf: No such file or directory\n"
                + "pfctl: cannot open the main config file!: No such file or directory\n", 1);
    }

    @Test
    void macrosJoinStringsAndStateOptionsPrintCompact() {
        host.writeHost("/etc/pf.conf", """
                ext_if = "vtnet0"
                int_if = "bridge0"
                all_ifs = "{" $ext_if $int_if "}"
                pass in on $all_ifs proto tcp to port 22 keep state (max-src-conn 10, max-src-conn-rate 5/3, \\
                    overload <bruteforce> flush global)
                """);
        assertSame(host.run("pfctl", "-nvf", "/etc/pf.conf"), """
                ext_if = "vtnet0"
                int_if = "bridge0"
                all_ifs = "{ vtnet0 bridge0 }"
                pass in on vtnet0 proto tcp from any to any port = ssh flags S/SA keep state (max-src-conn 10, \
                max-src-conn-rate 5/3, overload <bruteforce> flush global)
                pass in on bridge0 proto tcp from any to any port = ssh flags S/SA keep state (max-src-conn 10, \
                max-src-conn-rate 5/3, overload <bruteforce> flush global)
                """, "", 0);
    }

    @Test
    void matchWithRdrToOnlyOn15() {
        String conf = "match in on vtnet0 proto tcp to 192.0.2.1 port 2222 rdr-to 10.0.0.10 port 22\n";
        host.writeHost("/etc/pf.conf", conf);
        assertSame(host.run("pfctl", "-nf", "/etc/pf.conf"), "", "/etc/pf.conf:1: syntax error\n", 1);
        host.version("15.0-RELEASE");
        assertSame(host.run("pfctl", "-nvf", "/etc/pf.conf"),
                "match in on vtnet0 inet proto tcp from any to 192.0.2.1 port = 2222 rdr-to 10.0.0.10 port 22\n",
                "", 0);
    }

    @Test
    void tableLifecycle() {
        assertSame(host.run("pfctl", "-t", "blocked", "-T", "add", "192.0.2.7", "192.0.2.7/32", "10.1.2.3/16"), "",
                "1 table created.\n2/3 addresses added.\n", 0);
        assertSame(host.run("pfctl", "-t", "blocked", "-T", "show"), "   192.0.2.7\n   10.1.0.0/16\n", "", 0);
        assertSame(host.run("pfctl", "-t", "blocked", "-T", "test", "10.1.9.9"), "", "1/1 addresses match.\n", 0);
        assertSame(host.run("pfctl", "-t", "blocked", "-T", "test", "10.1.9.9", "10.2.0.1"), "",
                "1/2 addresses match.\n", 2);
        assertSame(host.run("pfctl", "-t", "blocked", "-T", "delete", "192.0.2.7", "192.0.2.8"), "",
                "1/2 addresses deleted.\n", 0);
        assertSame(host.run("pfctl", "-n", "-t", "blocked", "-T", "flush"), "", "1 addresses deleted (dummy).\n", 0);
        assertSame(host.run("pfctl", "-t", "blocked", "-T", "replace", "10.9.0.0/16"), "",
                "1 addresses added.\n1 addresses deleted.\n", 0);
        assertSame(host.run("pfctl", "-t", "blocked", "-T", "flush"), "", "1 addresses deleted.\n", 0);
        assertSame(host.run("pfctl", "-s", "Tables"), "blocked\n", "", 0);
        assertSame(host.run("pfctl", "-t", "blocked", "-T", "kill"), "", "1 table deleted.\n", 0);
        assertSame(host.run("pfctl", "-s", "Tables"), "", "", 0);
        assertThat(host.run("pfctl", "-t", "blocked", "-T", "delete", "1.2.3.4").stderr())
                .isEqualTo("pfctl: Table does not exist.\n");
    }

    @Test
    void flushing() {
        host.writeHost("/etc/pf.conf", SimPfSampleTest.SEED_CONF);
        host.run("pfctl", "-f", "/etc/pf.conf").ok();
        assertSame(host.run("pfctl", "-F", "nat"), "", "nat cleared\n", 0);
        assertThat(host.run("pfctl", "-s", "nat").ok().stdout()).isEmpty();
        assertThat(host.run("pfctl", "-s", "rules").ok().stdout()).isNotEmpty();
        assertSame(host.run("pfctl", "-Fr"), "", "rules cleared\n", 0);
        assertThat(host.run("pfctl", "-s", "rules").ok().stdout()).isEmpty();
        Result all = host.run("pfctl", "-F", "all");
        assertThat(all.stderr()).startsWith("Ethernet rules cleared\nrules cleared\nnat cleared\n0 tables deleted.\n");
    }

    @Test
    void showModifiersArePrefixes() {
        host.run("pfctl", "-e", "-q").ok();
        assertThat(host.run("pfctl", "-sR").ok().stdout()).isEqualTo("Enabled\n");
        String info = host.run("pfctl", "-si").ok().stdout();
        assertThat(info.lines().findFirst().orElseThrow())
                .matches("Status: Enabled for 0 days 00:00:0\\d {11}Debug: Urgent");
        assertThat(host.run("pfctl", "-sr").ok().stdout()).isEmpty();
        Result bad = host.run("pfctl", "-s", "x");
        assertThat(bad.stderr()).startsWith("pfctl: Unknown show modifier 'x'\nusage: pfctl ");
        assertThat(bad.exit()).isEqualTo(1);
        assertSame(host.run("pfctl", "-a", "nosuch", "-s", "Anchors"), "", "Anchor 'nosuch' not found.\n", 1);
        assertSame(host.run("pfctl", "-a", "_sys", "-f", "/etc/pf.conf"), "",
                "pfctl: anchor names beginning with '_' cannot be modified from the command line\n", 1);
    }

    @Test
    void deviceNeedsRootAndTheModule() throws Exception {
        host.run("kldstat").ok();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir.resolve("state"), PosixFilePermissions.fromString("rwxrwxrwx"));
        host.writeHost("/etc/pf.conf", "pass all\n");
        Files.setPosixFilePermissions(host.hostPath("/etc/pf.conf"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir.resolve("root"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(host.hostPath("/etc"), PosixFilePermissions.fromString("rwxr-xr-x"));
        for (List<String> args : List.of(List.of("-e"), List.of("-s", "rules"), List.of("-f", "/etc/pf.conf"),
                List.of("-t", "t", "-T", "add", "10.0.0.1"))) {
            Result r = asNobody(args);
            assertThat(r.stderr()).isEqualTo("pfctl: /dev/pf: Permission denied\n");
            assertThat(r.exit()).isEqualTo(1);
        }
        assertSame(asNobody(List.of("-nf", "/etc/pf.conf")), "", "", 0);
        // a kernel without pf: only the kernel file is loaded
        host.writeState("kld.json", """
                {"files": [{"id": 1, "refs": 1, "name": "kernel", "address": 18446744071564148736, "size": 32760496,
                            "modules": [{"id": 1, "name": "ether"}], "deps": []}],
                 "next_file": 2, "next_mod": 2, "next_addr": 18446744071596949504}
                """);
        assertSame(host.run("pfctl", "-s", "rules"), "", "pfctl: /dev/pf: No such file or directory\n", 1);
        host.run("kldload", "pf").ok();
        assertSame(host.run("pfctl", "-s", "rules"), "", "", 0);
    }

    private Result asNobody(List<String> args) {
        List<String> argv = new java.util.ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", SimRunner.binDir().resolve("pfctl").toString()));
        argv.addAll(args);
        return host.exec(argv, Map.of());
    }
}
