package org.drover.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.testbed.sim.SimRunner.sample;
import static org.drover.testbed.sim.SimRunner.sampleLines;
import static org.drover.testbed.sim.SimRunner.assertSame;

import java.nio.file.Path;
import java.util.List;
import org.drover.testbed.sim.SimRunner.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated pfctl reproduces every pfctl sample byte for byte after building the state it shows. */
class SimPfSampleTest {
    @TempDir
    Path dir;
    SimRunner host;

    @BeforeEach
    void setUp() {
        host = new SimRunner(dir);
    }

    @Test
    void enableDisableMessages() {
        List<String> lines = sampleLines("pfctl-e-d-messages-reconstructed.txt");
        assertSame(host.run("pfctl", "-e"), "", lines.get(0), 0);
        assertSame(host.run("pfctl", "-d"), "", lines.get(1), 0);
        assertSame(host.run("pfctl", "-d"), "", lines.get(2), 1);
    }

    @Test
    void alreadyEnabled() {
        host.run("pfctl", "-e").ok();
        assertSame(host.run("pfctl", "-e"), "", sample("pfctl-e-already-enabled-pot.txt"), 1);
    }

    @Test
    void showRunning() {
        assertSame(host.run("pfctl", "-s", "Running"), "Disabled\n", "", 1);
        host.run("pfctl", "-q", "-e").ok();
        assertSame(host.run("pfctl", "-s", "Running"), sample("pfctl-s-Running-reconstructed.txt"), "", 0);
    }

    @Test
    void tableCommands() {
        List<String> lines = sampleLines("pfctl-table-commands-reconstructed.txt");
        assertSame(host.run("pfctl", "-t", "jails", "-T", "add", "10.0.0.11", "10.0.0.0/24"), "",
                lines.get(0) + lines.get(1), 0);
        assertSame(host.run("pfctl", "-t", "jails", "-T", "replace", "10.0.0.11", "10.0.0.0/24"), "", lines.get(2), 0);
        assertSame(host.run("pfctl", "-t", "jails", "-T", "show"), lines.get(3) + lines.get(4), "", 0);
        Result missing = host.run("pfctl", "-t", "nosuch", "-T", "show");
        assertThat(missing.stdout()).isEmpty();
        assertThat(missing.stderr()).isEqualTo(lines.get(5));
        assertThat(missing.exit()).isNotZero();
    }

    @Test
    void anchorRules() {
        host.sh("printf 'block in all\\nanchor \"jails/*\"\\n' | pfctl -f -").ok();
        assertSame(host.sh("echo 'pass in quick proto tcp to 10.0.0.11 port 80' | pfctl -a jails/web -f -"), "", "", 0);
        Result r = host.sh("pfctl -s rules; pfctl -a jails/web -s rules; pfctl -a jails -s Anchors");
        assertSame(r, sample("pfctl-anchor-rules-reconstructed.txt"), "", 0);
    }

    private static final String WITH_TYPO = """
            ext_if = "vtnet0"
            jail_net = "10.0.0.0/24"
            set skip on lo0

            nat on $ext_if from $jail_net to any -> ($ext_if)
            block in all
            pass in on $ext_iff proto tcp to port ssh
            pass out all
            """;

    @Test
    void loadWithUndefinedMacroIsNotLoaded() {
        host.writeHost("/etc/pf.conf", "pass all\n");
        host.run("pfctl", "-f", "/etc/pf.conf").ok();
        host.writeHost("/etc/pf.conf", WITH_TYPO);
        assertSame(host.run("pfctl", "-f", "/etc/pf.conf"), "",
                sample("pfctl-f-syntax-error-not-loaded-reconstructed.txt"), 1);
        assertThat(host.run("pfctl", "-s", "rules").ok().stdout()).isEqualTo("pass all flags S/SA keep state\n");
    }

    @Test
    void checkOnlyReportsTheLine() {
        host.writeHost("/etc/pf.conf", "ext_if = \"vtnet0\"\nset skip on lo0\npass in on $ext_if proto tcp port\n");
        assertSame(host.run("pfctl", "-nf", "/etc/pf.conf"), "", sample("pfctl-nf-syntax-error-reconstructed.txt"), 1);
    }

    /** The pf0004 excerpt is the first 16 lines of the test suite's golden output; this input produces them. */
    @Test
    void portNamesAndOperatorsLikePf0004() {
        host.writeHost("/tmp/pf0004.in", """
                block in all
                block in proto tcp all
                block in proto tcp from any to any
                block in proto udp all
                block in from any to any
                block in from 10.0.0.0/8 to any
                block in from ! 10.0.0.0/8 to any
                block in from 10.0.0.0/8
                block in from 172.16.0.0/12 to any
                block in proto tcp from any port ssh to any
                block in proto tcp from any port ssh to any port 1024:2048
                block in proto tcp from any port 21 >< 2048 to any port 1024:2048
                block in proto tcp from any port != 1234 to any port 1024:2048
                block in proto tcp from any port >= 80 to any port 1024:2048
                block in proto { tcp udp } from { 10.0.0.0/8, 172.16.0.0/12 } port { ssh, ftp } \\
                    to { 192.168.0.0/16, 12.34.56.78 } port { 6667 6668 6669:65535 }
                """);
        Result r = host.run("pfctl", "-o", "none", "-nvf", "/tmp/pf0004.in").ok();
        String[] lines = r.stdout().split("(?<=\n)");
        assertThat(lines).hasSize(62);
        assertThat(String.join("", List.of(lines).subList(0, 16)))
                .isEqualTo(sample("pfctl-nvf-pf0004-port-names-excerpt.txt"));
        // tcp 6667 is ircd, udp 6667 has no name (the rest of pf0004.ok)
        assertThat(lines[61]).isEqualTo(
                "block drop in inet proto udp from 172.16.0.0/12 port = ftp to 12.34.56.78 port 6669:65535\n");
        assertThat(r.stdout()).contains("block drop in inet proto udp from 10.0.0.0/8 port = ssh to "
                + "192.168.0.0/16 port = 6667\n");
        assertThat(r.stderr()).isEmpty();
    }

    /** The seed's pf.conf, loaded with the default optimiser, prints back in the seed's reordered form. */
    @Test
    void rulesReorderedByTheDefaultOptimiser() {
        host.version("15.0-RELEASE");
        host.writeHost("/etc/pf.conf", SEED_CONF);
        host.run("pfctl", "-f", "/etc/pf.conf").ok();
        assertSame(host.run("pfctl", "-s", "rules"), sample("pfctl-s-rules-reordered-15.0-seed.txt"), "", 0);
        assertThat(host.run("pfctl", "-s", "nat").ok().stdout())
                .isEqualTo("nat on vtnet0 inet from 192.168.1.0/24 to any -> (vtnet0) round-robin\n");
    }

    static final String SEED_CONF = """
            ext_if = "vtnet0"
            bridge_if = "bridge0"
            jail_net = "192.168.1.0/24"
            jail_webserver = "192.168.1.201"
            jail_database = "192.168.1.202"

            set skip on lo0

            nat on $ext_if from $jail_net to any -> ($ext_if)

            block in log all
            pass out all keep state
            pass in on $ext_if proto tcp to any port 22
            pass in on $ext_if proto tcp to $jail_webserver port { 80, 443 }
            pass in on $bridge_if proto tcp from $jail_webserver to $jail_database port 5432
            pass inet proto icmp all
            """;
}
