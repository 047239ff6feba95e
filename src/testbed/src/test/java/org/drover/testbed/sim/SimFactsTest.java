package org.drover.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.testbed.sim.SimRunner.assertSame;
import static org.drover.testbed.sim.SimRunner.sample;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What fact gathering, wait_for and reboot read: sysctl's boot time and memory OIDs, nc, shutdown -r. */
class SimFactsTest {
    @TempDir
    Path dir;
    SimRunner host;

    @BeforeEach
    void setUp() {
        host = new SimRunner(dir);
    }

    @Test
    void sysctlPrintsTheFactOidsAsTheSampleShapesThem() throws Exception {
        host.writeState("boottime", "1733212800 512345\n");
        String out = host.run("sysctl", "-e", "-i", "hw.ncpu", "vm.stats.vm.v_page_size", "kern.boottime",
                "hw.hv_vendor", "kern.vm_guest").ok().stdout();
        // the sample's kern.boottime line, from the same boot (ctime in the machine's zone: compare up to it)
        String sampleLine = sample("sysctl-e-i-facts-oids-reconstructed.txt").lines()
                .filter(l -> l.startsWith("kern.boottime=")).findFirst().orElseThrow();
        assertThat(out.lines().filter(l -> l.startsWith("kern.boottime=")).findFirst().orElseThrow())
                .startsWith(sampleLine.substring(0, sampleLine.indexOf('}') + 2)).hasSize(sampleLine.length());
        assertThat(out).startsWith("hw.ncpu=2\nvm.stats.vm.v_page_size=4096\n").contains("kern.vm_guest=kvm\n")
                .doesNotContain("hw.hv_vendor"); // an OID the simulated kernel lacks, skipped by -i
        assertSame(host.runIn("web", "sysctl", "-n", "security.jail.jailed"), "1\n", "", 0);
    }

    @Test
    void ncConnectsOrSaysWhyNot() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertSame(host.run("nc", "-z", "-w", "2", "127.0.0.1", String.valueOf(s.getLocalPort())), "", "", 0);
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertSame(host.run("nc", "-z", "-w", "2", "127.0.0.1", String.valueOf(closed)), "",
                "nc: connect to 127.0.0.1 port " + closed + " (tcp) failed: Connection refused\n", 1);
    }

    @Test
    void shutdownAsksTheFleetForAReboot() throws Exception {
        assertThat(host.run("shutdown", "-r", "+5s", "maintenance").ok().stdout()).startsWith("Shutdown at ");
        assertThat(Files.readString(host.state().resolve("reboot-request"))).isEqualTo("5\n");
        assertThat(host.run("shutdown", "-r", "now").ok().stdout()).startsWith("Shutdown NOW!\nshutdown: [pid ");
        assertThat(Files.readString(host.state().resolve("reboot-request"))).isEqualTo("0\n");
        assertSame(host.run("shutdown", "-r", "tomorrow"), "", "shutdown: bad time format\n", 1);
    }
}
