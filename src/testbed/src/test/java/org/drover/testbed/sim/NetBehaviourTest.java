package org.drover.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.drover.testbed.sim.SimRunner.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** State changes of the simulated ifconfig: clone lifecycles, vnet moves, versions, permissions, concurrency. */
class NetBehaviourTest {
    @TempDir
    Path dir;
    SimRunner host;

    @BeforeEach
    void setUp() {
        host = new SimRunner(dir);
    }

    private String names() {
        return host.run("ifconfig", "-l").ok().stdout();
    }

    @Test
    void defaultHostHasUplinkAndLoopback() {
        assertThat(names()).isEqualTo("em0 lo0\n");
        String em0 = host.run("ifconfig", "em0").ok().stdout();
        assertThat(em0).startsWith("em0: flags=1008843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,LOWER_UP> metric 0 mtu 1500\n")
                .contains("\tinet 192.0.2.10 netmask 0xffffff00 broadcast 192.0.2.255\n");
        String mac = em0.replaceAll("(?s).*\tether (\\S+)\n.*", "$1");
        assertThat(mac).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
        // derived from the host name: the same name gives the same MAC, another name another one
        assertThat(new SimRunner(dir.resolve("same")).run("ifconfig", "em0").stdout()).contains("ether " + mac);
        assertThat(new SimRunner(dir.resolve("other")).hostname("other").run("ifconfig", "em0").stdout())
                .doesNotContain("ether " + mac);
        assertThat(host.run("ifconfig", "lo0").stdout()).contains("\tinet6 fe80::1%lo0 prefixlen 64 scopeid 0x2\n");
    }

    @Test
    void destroyingEitherEpairEndDestroysBothAndLeavesTheBridge() {
        host.sh("ifconfig epair create && ifconfig epair create && ifconfig bridge create addm epair0a addm epair1a")
                .ok();
        host.run("ifconfig", "epair0b", "destroy").ok();
        assertThat(names()).isEqualTo("em0 lo0 epair1a epair1b bridge0\n");
        String bridge = host.run("ifconfig", "bridge0").ok().stdout();
        assertThat(bridge).contains("member: epair1a").doesNotContain("epair0a");
        host.run("ifconfig", "epair1a", "destroy").ok();
        assertThat(names()).isEqualTo("em0 lo0 bridge0\n");
        // the freed unit is handed out again
        assertThat(host.run("ifconfig", "epair", "create").ok().stdout()).isEqualTo("epair0a\n");
        Result again = host.run("ifconfig", "epair1b", "destroy");
        assertThat(again.stderr()).isEqualTo("ifconfig: interface epair1b does not exist\n");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(host.run("ifconfig", "em0", "destroy").stderr()).isEqualTo("ifconfig: SIOCIFDESTROY: Invalid argument\n");
    }

    @Test
    void vnetMoveAndReturn() {
        host.mkdirHost("/jails/web");
        host.sh("ifconfig epair create && ifconfig bridge create addm epair0a up").ok();
        host.run("jail", "-c", "name=web", "path=/jails/web", "vnet", "persist").ok();
        host.run("ifconfig", "epair0b", "inet", "10.0.0.2/24").ok();
        host.run("ifconfig", "epair0b", "vnet", "web").ok();
        assertThat(names()).isEqualTo("em0 lo0 epair0a bridge0\n");
        assertThat(host.run("ifconfig", "-j", "web", "-l").ok().stdout()).isEqualTo("lo0 epair0b\n");
        assertThat(host.run("jexec", "web", "ifconfig", "-l").ok().stdout()).isEqualTo("lo0 epair0b\n");
        assertThat(host.run("ifconfig", "epair0b").stderr()).isEqualTo("ifconfig: interface epair0b does not exist\n");
        // moved interfaces arrive down and without addresses (if_vmove)
        String inside = host.run("jexec", "web", "ifconfig", "epair0b").ok().stdout();
        assertThat(inside).startsWith("epair0b: flags=1008802<BROADCAST,SIMPLEX,MULTICAST,LOWER_UP>").doesNotContain("inet ");
        // the epair's group lists only the ends present in each vnet
        assertThat(host.run("ifconfig", "-g", "epair").stdout()).isEqualTo("epair0a\n");
        host.run("ifconfig", "epair0b", "-vnet", "web").ok();
        assertThat(names()).isEqualTo("em0 lo0 epair0a bridge0 epair0b\n");
        assertThat(host.run("ifconfig", "-j", "web", "-l").stdout()).isEqualTo("lo0\n");
        Result missing = host.run("ifconfig", "epair0b", "-vnet", "web");
        assertThat(missing.stderr()).isEqualTo("ifconfig: SIOCSIFRVNET(1, epair0b): Device not configured\n");
        assertThat(host.run("ifconfig", "epair0b", "vnet", "nosuch").stderr())
                .isEqualTo("ifconfig: jail \"nosuch\" not found\n");
        // removing the jail sends interfaces home; epairs cloned inside it die with it
        host.run("ifconfig", "epair0b", "vnet", "web").ok();
        host.run("jexec", "web", "ifconfig", "epair", "create").ok();
        assertThat(host.run("jexec", "web", "ifconfig", "-l").stdout()).isEqualTo("lo0 epair0b epair1a epair1b\n");
        host.run("jail", "-r", "web").ok();
        assertThat(names()).isEqualTo("em0 lo0 epair0a bridge0 epair0b\n");
        assertThat(host.run("ifconfig", "-j", "web", "-l").stderr())
                .isEqualTo("ifconfig: jail not found: No such file or directory\n");
    }

    @Test
    void addressesReplaceAddDeleteAndFormats() {
        host.run("ifconfig", "bridge", "create").ok();
        host.run("ifconfig", "bridge0", "inet", "10.0.0.1/24").ok();
        host.run("ifconfig", "bridge0", "inet", "10.0.1.1/16", "alias").ok();
        host.run("ifconfig", "bridge0", "inet6", "2001:db8:0:0::1", "alias").ok();
        host.run("ifconfig", "bridge0", "inet", "10.0.0.9/25").ok();  // no alias: replaces the first address
        String s = host.run("ifconfig", "bridge0").ok().stdout();
        assertThat(s).contains("\tinet 10.0.1.1 netmask 0xffff0000 broadcast 10.0.255.255\n"
                + "\tinet 10.0.0.9 netmask 0xffffff80 broadcast 10.0.0.127\n"
                + "\tinet6 2001:db8::1 prefixlen 64\n");
        assertThat(s).startsWith("bridge0: flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST>");
        assertThat(host.run("ifconfig", "-f", "inet:cidr,inet6:cidr", "bridge0").stdout())
                .contains("\tinet 10.0.0.9/25 broadcast 10.0.0.127\n", "\tinet6 2001:db8::1/64\n");
        assertThat(host.run("ifconfig", "-f", "inet:dotted", "bridge0").stdout())
                .contains("\tinet 10.0.1.1 netmask 255.255.0.0 broadcast");
        host.run("ifconfig", "bridge0", "inet", "10.0.1.1", "-alias").ok();
        host.run("ifconfig", "bridge0", "inet6", "2001:db8::1", "delete").ok();
        assertThat(host.run("ifconfig", "bridge0").stdout()).doesNotContain("10.0.1.1", "2001:db8::1");
        Result nomask = host.run("ifconfig", "bridge0", "inet", "172.16.5.5", "alias");
        assertThat(nomask.stderr()).isEqualTo("ifconfig: WARNING: setting interface address without mask is deprecated,\n"
                + "default mask may not be correct.\n");
        assertThat(host.run("ifconfig", "bridge0").stdout()).contains("inet 172.16.5.5 netmask 0xffff0000");
        assertThat(host.run("ifconfig", "bridge0", "inet", "300.1.1.1/24").stderr())
                .isEqualTo("ifconfig: 300.1.1.1/24: bad value\n");
        assertThat(host.run("ifconfig", "bridge0", "inet6", "2001:db8::77", "-alias").stderr())
                .isEqualTo("ifconfig: ioctl (SIOCDIFADDR_IN6): Can't assign requested address\n");
    }

    @Test
    void descriptionMtuGroupsRenameEther() {
        host.run("ifconfig", "epair", "create").ok();
        host.run("ifconfig", "epair0a", "description", "uplink of web", "mtu", "9000", "group", "jails").ok();
        String s = host.run("ifconfig", "epair0a").stdout();
        assertThat(s).contains("mtu 9000\n\tdescription: uplink of web\n", "\tgroups: epair jails\n");
        assertThat(host.run("ifconfig", "-g", "jails").stdout()).isEqualTo("epair0a\n");
        assertThat(host.run("ifconfig", "epair0a", "group", "jails2").stderr())
                .isEqualTo("ifconfig: setifgroup: group names may not end in a digit\n");
        host.run("ifconfig", "epair0a", "-description", "-group", "jails", "ether", "02:AA:bb:cc:dd:ee").ok();
        s = host.run("ifconfig", "epair0a").stdout();
        assertThat(s).doesNotContain("description", "jails").contains("\tether 02:aa:bb:cc:dd:ee\n");
        assertThat(host.run("ifconfig", "epair0a", "name", "web0").stdout()).isEqualTo("web0\n");
        assertThat(names()).isEqualTo("em0 lo0 web0 epair0b\n");
        host.run("ifconfig", "epair0b", "destroy").ok();  // the renamed peer goes too
        assertThat(names()).isEqualTo("em0 lo0\n");
        assertThat(host.run("ifconfig", "em0", "mtu").stderr()).isEqualTo("ifconfig: 'mtu' requires argument\n");
        assertThat(host.run("ifconfig", "averyveryverylongname0", "create").stderr())
                .isEqualTo("ifconfig: averyveryverylongname0: cloning name too long\n");
        assertThat(host.run("ifconfig", "foo0", "create").stderr())
                .isEqualTo("ifconfig: SIOCIFCREATE2 (foo0): Invalid argument\n");
    }

    @Test
    void listingFilters() {
        host.sh("ifconfig epair create && ifconfig bridge create up && ifconfig epair0a up").ok();
        assertThat(host.run("ifconfig", "-l", "-u").stdout()).isEqualTo("em0 lo0 epair0a bridge0\n");
        assertThat(host.run("ifconfig", "-l", "-d").stdout()).isEqualTo("epair0b\n");
        assertThat(host.run("ifconfig", "-l", "ether").stdout()).isEqualTo("em0 epair0a epair0b bridge0\n");
        assertThat(host.run("ifconfig", "-l", "inet").stdout()).isEqualTo("em0 lo0\n");
        String all = host.run("ifconfig", "-a").stdout();
        assertThat(all).isEqualTo(host.run("ifconfig").stdout()).contains("\nepair0b: ", "\nbridge0: ");
        String bridges = host.run("ifconfig", "-a", "-g", "bridge").stdout();
        assertThat(bridges).startsWith("bridge0: ").doesNotContain("epair0a:");
        assertThat(host.run("ifconfig", "-a", "-G", "epair").stdout()).doesNotContain("epair0a:", "epair0b:")
                .contains("bridge0: ");
    }

    @Test
    void versionsDifferInFlagsAddressOrderAndBridgeLines() {
        host.version("13.2-RELEASE");
        host.sh("ifconfig bridge create && ifconfig epair create && ifconfig bridge0 addm epair0a up").ok();
        host.run("ifconfig", "bridge0", "inet6", "2001:db8::1/64", "alias").ok();
        host.run("ifconfig", "bridge0", "inet", "10.1.1.1/24", "alias").ok();
        String s13 = host.run("ifconfig", "bridge0").stdout();
        assertThat(s13).startsWith("bridge0: flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> metric 0 mtu 1500\n")
                .contains("\tinet6 2001:db8::1 prefixlen 64\n\tinet 10.1.1.1 ")
                .contains("\t        ifmaxaddr 0 port ", "\troot id ");
        assertThat(host.run("ifconfig", "-j", "x", "-l").stderr()).startsWith("ifconfig: illegal option -- j\nusage:");
        host.version("14.1-RELEASE");
        String s14 = host.run("ifconfig", "bridge0").stdout();
        assertThat(s14).startsWith("bridge0: flags=1008843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,LOWER_UP>")
                .contains("\tinet 10.1.1.1 netmask 0xffffff00 broadcast 10.1.1.255\n\tinet6 2001:db8::1 prefixlen 64\n");
        host.version("15.0-RELEASE");
        String s15 = host.run("ifconfig", "bridge0").stdout();
        assertThat(s15).contains("\t        port ").doesNotContain("ifmaxaddr", "root id");
    }

    @Test
    void changesNeedRootReadsDoNot() throws Exception {
        host.run("ifconfig", "bridge", "create").ok();
        // as on a host: root-owned state, world-readable (the default umask), nothing writable by others
        for (Path p : List.of(dir, dir.resolve("state"), dir.resolve("root"))) {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<String> nobody = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
        Map<String, String[]> expected = Map.of(
                "ifconfig: SIOCIFCREATE2 (epair): Operation not permitted\n", new String[]{"epair", "create"},
                "ifconfig: SIOCIFDESTROY: Operation not permitted\n", new String[]{"bridge0", "destroy"},
                "ifconfig: up: permission denied\n", new String[]{"bridge0", "up"},
                "ifconfig: BRDGADD em0: Operation not permitted\n", new String[]{"bridge0", "addm", "em0"},
                "ifconfig: ioctl (SIOCAIFADDR): permission denied\n", new String[]{"bridge0", "inet", "10.0.0.1/24"});
        for (var e : expected.entrySet()) {
            List<String> cmd = new ArrayList<>(nobody);
            cmd.add(SimRunner.binDir().resolve("ifconfig").toString());
            cmd.addAll(List.of(e.getValue()));
            Result r = host.exec(cmd, Map.of());
            assertThat(r.stderr()).isEqualTo(e.getKey());
            assertThat(r.exit()).isEqualTo(1);
        }
        List<String> read = new ArrayList<>(nobody);
        read.add(SimRunner.binDir().resolve("ifconfig").toString());
        read.add("-l");
        assertThat(host.exec(read, Map.of()).ok().stdout()).isEqualTo("em0 lo0 bridge0\n");
        read.set(read.size() - 1, "bridge0");
        assertThat(host.exec(read, Map.of()).ok().stdout()).startsWith("bridge0: flags=8802<");
        List<String> jail = new ArrayList<>(nobody);
        jail.addAll(List.of(SimRunner.binDir().resolve("jail").toString(), "-c", "name=x", "path=/", "persist"));
        Result refused = host.exec(jail, Map.of());
        assertThat(refused.stderr()).isEqualTo("jail: jail_set: Operation not permitted\n");
        assertThat(refused.exit()).isEqualTo(1);
        List<String> jls = new ArrayList<>(nobody);
        jls.add(SimRunner.binDir().resolve("jls").toString());
        assertThat(host.exec(jls, Map.of()).ok().stdout()).isEqualTo("   JID  IP Address      Hostname                      Path\n");
    }

    @Test
    void twentyParallelEpairCreatesGiveTwentyDistinctPairs() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Result>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(pool.submit(() -> host.run("ifconfig", "epair", "create")));
        }
        Set<String> created = new HashSet<>();
        for (Future<Result> f : futures) {
            created.add(f.get().ok().stdout().trim());
        }
        pool.shutdown();
        assertThat(created).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(created).contains("epair" + i + "a");
        }
        String list = names();
        assertThat(list.trim().split(" ")).hasSize(42);
        Object state = new Load(LoadSettings.builder().build()).loadFromString(
                Files.readString(host.state().resolve("net.json")));
        assertThat(state).isInstanceOf(Map.class);
        try (var files = Files.list(host.state())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp."));
        }
    }

    @Test
    void faultKnobsComeFirst() {
        host.writeState("faults/ifconfig", "fail 2 ifconfig: simulated failure\n");
        Result r = host.run("ifconfig", "epair", "create");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("ifconfig: simulated failure\n");
        assertThat(r.stdout()).isEmpty();
        host.writeState("faults/ifconfig", "");
        assertThat(names()).isEqualTo("em0 lo0\n");  // the failed create changed nothing
    }

    @Test
    void stpMembersTakeThreeLines() {
        host.sh("ifconfig epair create && ifconfig epair create && ifconfig bridge create addm epair0a addm epair1a")
                .ok();
        host.run("ifconfig", "bridge0", "stp", "epair0a", "up").ok();
        assertThat(host.run("ifconfig", "bridge0").stdout()).contains("""
                \tmember: epair1a flags=143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>
                \t        ifmaxaddr 0 port 5 priority 128 path cost 2000
                \tmember: epair0a flags=1c7<LEARNING,DISCOVER,STP,AUTOEDGE,PTP,AUTOPTP>
                \t        ifmaxaddr 0 port 3 priority 128 path cost 2000 proto rstp
                \t        role designated state forwarding
                """);
        host.run("ifconfig", "bridge0", "-stp", "epair0a").ok();
        assertThat(host.run("ifconfig", "bridge0").stdout()).doesNotContain("STP", "rstp\n", "role");
        assertThat(host.run("ifconfig", "bridge0", "stp", "em0").stderr())
                .isEqualTo("ifconfig: unable to get bridge flags: No such file or directory\n");
    }
}
