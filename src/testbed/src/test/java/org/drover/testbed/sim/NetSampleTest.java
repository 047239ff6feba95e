package org.drover.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.testbed.sim.SimRunner.assertSame;
import static org.drover.testbed.sim.SimRunner.sample;
import static org.drover.testbed.sim.SimRunner.sampleLines;

import java.nio.file.Path;
import java.util.List;
import org.drover.testbed.sim.SimRunner.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated ifconfig reproduces every ifconfig sample byte for byte after building the state it shows. */
class NetSampleTest {
    @TempDir
    Path dir;
    SimRunner host;

    @BeforeEach
    void setUp() {
        host = new SimRunner(dir);
    }

    /** vtnet0 (index 1, 10G like the samples' virtio NIC) and lo0 (index 2), as on the seeds' hosts. */
    private void seedVtnet() {
        host.writeState("seed-net.json", """
                {"interfaces": [{"name": "vtnet0", "media": "Ethernet autoselect (10Gbase-T <full-duplex>)",
                                 "addrs": ["192.168.1.50/24"]},
                                {"name": "lo0"}]}
                """);
    }

    @Test
    void bridgeAddmErrors() {
        List<String> lines = sampleLines("ifconfig-bridge-addm-errors.txt");
        host.run("ifconfig", "epair", "create").ok();
        host.run("ifconfig", "bridge", "create").ok();
        host.run("ifconfig", "bridge", "create").ok();
        host.run("ifconfig", "bridge0", "addm", "epair0a").ok();
        assertSame(host.run("ifconfig", "bridge0", "addm", "nosuch0"), "", lines.get(0), 1);
        assertSame(host.run("ifconfig", "bridge0", "addm", "epair0a"), "", lines.get(1), 1);
        assertSame(host.run("ifconfig", "bridge1", "addm", "epair0a"), "", lines.get(2), 1);
        assertSame(host.run("ifconfig", "bridge0", "deletem", "epair5a"), "", lines.get(3), 1);
    }

    @Test
    void bridgeCreatePrintsName() {
        host.run("ifconfig", "epair", "create").ok();
        assertSame(host.run("ifconfig", "bridge", "create", "addm", "epair0a"),
                sample("ifconfig-bridge-create-prints-name.txt"), "", 0);
        assertThat(host.run("ifconfig", "bridge0").stdout()).contains("\tmember: epair0a ");
        assertSame(host.run("ifconfig", "bridge5", "create"), "", "", 0);
    }

    @Test
    void bridgeWithOneMemberOn15() {
        host.version("15.0-RELEASE");
        seedVtnet();
        host.run("ifconfig", "bridge", "create").ok();
        host.run("ifconfig", "bridge0", "ether", "58:9c:fc:10:76:37", "addm", "vtnet0", "up").ok();
        assertSame(host.run("ifconfig", "bridge0"), sample("ifconfig-bridge0-1member-15.0-seed.txt"), "", 0);
    }

    @Test
    void bridgeWithThreeMembersDescriptionAndIpv6On14() {
        host.version("14.3-RELEASE");
        seedVtnet();
        // interface indexes matter: the port numbers are the members' ifindex, the scope id the bridge's
        host.sh("""
                set -e
                ifconfig bridge9 create      # index 3, keeps index 4 for bridge0
                ifconfig bridge0 create      # 4
                ifconfig epair0 create >/dev/null   # 5, 6
                ifconfig epair3 create >/dev/null   # 7, 8
                ifconfig epair12 create >/dev/null  # 9, 10
                ifconfig bridge9 destroy
                ifconfig epair0a destroy
                ifconfig bridge0 description 'jail network (prod, VLAN 20)' ether 58:9c:fc:10:a1:b2
                ifconfig bridge0 inet 10.20.0.1/24
                ifconfig bridge0 inet 192.168.50.1 netmask 255.255.255.0 alias
                ifconfig bridge0 inet6 fe80::5a9c:fcff:fe10:a1b2%bridge0 prefixlen 64 alias
                ifconfig bridge0 inet6 2001:db8:20::1/64 alias
                ifconfig bridge0 addm vtnet0 addm epair3a
                ifconfig bridge0 addm epair12a up
                """).ok();
        assertSame(host.run("ifconfig", "bridge0"),
                sample("ifconfig-bridge0-3members-descr-ipv6-14x-reconstructed.txt"), "", 0);
    }

    @Test
    void createExistingError() {
        host.run("ifconfig", "bridge", "create").ok();
        assertSame(host.run("ifconfig", "bridge0", "create"), "", sample("ifconfig-create-existing-error.txt"), 1);
    }

    @Test
    void epairCreatePrintsTheASide() {
        assertSame(host.run("ifconfig", "epair", "create"), sample("ifconfig-epair-create-prints-a-side.txt"), "", 0);
        assertThat(host.run("ifconfig", "-l").stdout()).contains("epair0a epair0b");
        assertSame(host.run("ifconfig", "epair7", "create"), "epair7a\n", "", 0);
    }

    @Test
    void epairMemberWithDescriptionOn14() {
        host.version("14.2-RELEASE-p1");
        host.run("ifconfig", "epair", "create").ok();
        host.run("ifconfig", "epair0a", "ether", "58:9c:fc:10:3d:5e",
                "description", "vnet jail web.example.org (epair0b)", "up").ok();
        host.run("ifconfig", "bridge", "create", "addm", "epair0a", "up").ok();
        assertSame(host.run("ifconfig", "epair0a"), sample("ifconfig-epair0a-descr-14x-reconstructed.txt"), "", 0);
    }

    @Test
    void epairEndInsideVnetJailOn15() {
        host.version("15.0-RELEASE");
        host.mkdirHost("/jails/containers/webserver");
        host.run("jail", "-c", "name=webserver", "path=/jails/containers/webserver", "host.hostname=webserver",
                "vnet", "persist").ok();
        host.sh("ifconfig epair create && ifconfig epair create").ok();
        host.run("ifconfig", "epair1b", "ether", "58:9c:fc:10:ef:29", "vnet", "webserver").ok();
        host.run("jexec", "webserver", "ifconfig", "epair1b", "inet", "192.168.1.201/24", "up").ok();
        assertSame(host.run("jexec", "webserver", "ifconfig", "epair1b"),
                sample("ifconfig-epair1b-in-vnet-jail-15.0-seed.txt"), "", 0);
    }

    @Test
    void groupMembersOnePerLine() {
        host.sh("ifconfig bridge create && ifconfig epair create && ifconfig bridge create").ok();
        assertSame(host.run("ifconfig", "-g", "bridge"), sample("ifconfig-g-bridge-group-members.txt"), "", 0);
        assertSame(host.run("ifconfig", "-g", "epair"), "epair0a\nepair0b\n", "", 0);
        assertSame(host.run("ifconfig", "-g", "nosuchgroup"), "", "", 0);
    }

    @Test
    void namesOnlyListLeavesOutWhatMovedIntoAJail() {
        seedVtnet();
        host.mkdirHost("/jails/web");
        host.sh("""
                set -e
                ifconfig bridge create
                ifconfig epair create
                ifconfig epair create
                jail -c name=web path=/jails/web vnet persist
                ifconfig epair0b vnet web
                """).ok();
        assertSame(host.run("ifconfig", "-l"), sample("ifconfig-l-names-only.txt"), "", 0);
    }

    @Test
    void noSuchInterfaceError() {
        String err = sample("ifconfig-no-such-interface-error.txt");
        assertSame(host.run("ifconfig", "epair9a", "destroy"), "", err, 1);
        assertSame(host.run("ifconfig", "epair9a"), "", err, 1);
        assertSame(host.run("ifconfig", "epair9a", "up"), "", err, 1);
    }

    @Test
    void removeMissingAliasError() {
        host.run("ifconfig", "bridge", "create").ok();
        assertSame(host.run("ifconfig", "bridge0", "inet", "10.9.9.9", "-alias"), "",
                sample("ifconfig-remove-missing-alias-error.txt"), 1);
    }
}
