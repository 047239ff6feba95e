package org.drover.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed lab built by hand on one simulated FreeBSD 14.3 host, with the plain commands an operator types: bridge0
 * with the uplink em0, epair1 and epair2 with their a ends on the bridge, a template dataset, a snapshot and two
 * clones, two VNET jails, and a pf.conf with NAT and per-jail rules; then torn down again. After every step the
 * four views an operator looks at (ifconfig -l with the bridge's member lines, jls -N, zfs list -H -o name,origin,
 * pfctl -s rules) are compared, whole and exactly, with what FreeBSD prints (FORMATS.md and the samples).
 * The steps share one host and run in order; each builds on the previous one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedLabScenarioIT {
    private static final String HOST = "lab01";
    private static final String TEMPLATE = "zroot/jails/templates/14.3-RELEASE";
    private static final String SNAPSHOT = TEMPLATE + "@base";
    /** The pool as a fresh install leaves it: no jail datasets yet, so the operator creates every one of them. */
    private static final String FRESH_POOL = """
            {"replace_defaults": true, "pools": {"zroot": {}},
             "datasets": [{"name": "zroot/ROOT", "props": {"mountpoint": "none"}},
                          {"name": "zroot/ROOT/default", "props": {"mountpoint": "/", "canmount": "noauto"}}]}
            """;
    /** The seed's pf.conf (see the pfctl-s-rules sample) on this host's uplink em0, with the NAT for the jails. */
    private static final String PF_CONF = """
            # seed lab: NAT for the jail network, then per-jail rules
            ext_if = "em0"
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
    // jls -N: " %-15s " name, then "%-15.15s %-29.29s %.74s" (usr.sbin/jls/jls.c); a VNET jail has no IP column
    private static final String JLS_N_HEADER = " JID             IP Address      Hostname                      Path";
    private static final String JLS_N_WEB = " webserver                       webserver                     /jails/containers/webserver";
    private static final String JLS_N_DB = " database                        database                      /jails/containers/database";
    private static final String MEMBER_FLAGS = " flags=143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>";
    /** 14.x member continuation line: TAB, 8 spaces, "ifmaxaddr N" always present. */
    private static final Pattern MEMBER_14X = Pattern.compile("\t {8}ifmaxaddr 0 port \\d+ priority 128 path cost \\d+");

    private Fleet fleet;
    /** What the four views must show after the step that just ran; each step updates it, then checks. */
    private final List<String> interfaces = new ArrayList<>(List.of("em0", "lo0"));
    private final List<String> members = new ArrayList<>();
    private final List<String> jails = new ArrayList<>();
    private final List<String> datasets = new ArrayList<>(List.of("zroot\t-", "zroot/ROOT\t-", "zroot/ROOT/default\t-"));
    private final List<String> rules = new ArrayList<>();

    @BeforeAll
    void start() throws IOException {
        fleet = Fleet.start(FleetSpec.builder().hosts(1).backend(Backend.EMBEDDED).versions("14.3")
                .simDir(Fleet.locateSimDir()).seedState("seed-zfs.json", FRESH_POOL).build());
    }

    @AfterAll
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Order(0)
    void aFreshHostHasOnlyTheUplinkAndNoLab() throws IOException {
        assertThat(ok("freebsd-version -u")).isEqualTo("14.3-RELEASE\n");
        assertThat(ok("ifconfig bridge0 2>&1; true")).isEqualTo("ifconfig: interface bridge0 does not exist\n");
        assertThat(ok("jls")).isEqualTo("   JID  IP Address      Hostname                      Path\n");
        check("fresh host");
    }

    @Test
    @Order(1)
    void bridgeWithUplink() throws IOException {
        // kldload -n is what the rc scripts do; both modules are there already (compiled in or loaded)
        assertThat(ok("kldload -n if_bridge && kldload -n if_epair && kldstat -q -m if_bridge")).isEmpty();
        assertThat(ok("ifconfig bridge create")).isEqualTo("bridge0\n");
        interfaces.add("bridge0");
        check("ifconfig bridge create");

        assertThat(ok("ifconfig bridge0 addm em0 up")).isEmpty();
        members.add(0, "em0");
        check("ifconfig bridge0 addm em0 up");
        assertThat(ok("ifconfig bridge0")).startsWith("bridge0: flags=1008843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,"
                + "LOWER_UP> metric 0 mtu 1500\n").contains("\n\tgroups: bridge\n");

        assertThat(ok("ifconfig bridge0 inet 192.168.1.1/24")).isEmpty();
        assertThat(ok("ifconfig bridge0")).contains("\n\tinet 192.168.1.1 netmask 0xffffff00 broadcast 192.168.1.255\n");
        check("ifconfig bridge0 inet 192.168.1.1/24");
    }

    @Test
    @Order(2)
    void epairsWithTheirAEndsOnTheBridge() throws IOException {
        // a unit given explicitly: the kernel renames epair1 to epair1a, so ifconfig prints the a end's name
        assertThat(ok("ifconfig epair1 create")).isEqualTo("epair1a\n");
        interfaces.addAll(List.of("epair1a", "epair1b"));
        check("ifconfig epair1 create");
        assertThat(ok("ifconfig epair2 create")).isEqualTo("epair2a\n");
        interfaces.addAll(List.of("epair2a", "epair2b"));
        check("ifconfig epair2 create");
        assertThat(ok("ifconfig -g epair")).isEqualTo("epair1a\nepair1b\nepair2a\nepair2b\n");

        assertThat(ok("ifconfig bridge0 addm epair1a && ifconfig epair1a up")).isEmpty();
        members.add(0, "epair1a");
        check("addm epair1a");
        assertThat(ok("ifconfig bridge0 addm epair2a && ifconfig epair2a up")).isEmpty();
        members.add(0, "epair2a");
        check("addm epair2a");
        // the kernel's errno texts for a second addm and for a missing interface
        assertThat(fail("ifconfig bridge0 addm epair1a")).isEqualTo("ifconfig: BRDGADD epair1a: File exists\n");
        assertThat(fail("ifconfig bridge0 addm epair9a")).isEqualTo("ifconfig: BRDGADD epair9a: No such file or directory\n");
        assertThat(fail("ifconfig epair1 create")).isEqualTo("ifconfig: interface epair1 already exists\n");
        check("refused addm and create change nothing");
        // the whole 14.x listing, as in the 14.x sample: members newest first, 'ifmaxaddr 0' always, an epair's path
        // cost from its 10 Gb/s link (2000), the uplink's from 1 Gb/s (20000); the MAC and port numbers vary
        String bridge0 = ok("ifconfig bridge0").replaceAll("(ether 58:9c:fc)(:[0-9a-f]{2}){3}", "$1:xx:xx:xx")
                .replaceAll(" port [1-9][0-9]* priority", " port N priority");
        assertThat(bridge0).isEqualTo("""
                bridge0: flags=1008843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,LOWER_UP> metric 0 mtu 1500
                \tether 58:9c:fc:xx:xx:xx
                \tinet 192.168.1.1 netmask 0xffffff00 broadcast 192.168.1.255
                \tid 00:00:00:00:00:00 priority 32768 hellotime 2 fwddelay 15
                \tmaxage 20 holdcnt 6 proto rstp maxaddr 2000 timeout 1200
                \troot id 00:00:00:00:00:00 priority 32768 ifcost 0 port 0
                \tmember: epair2a flags=143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>
                \t        ifmaxaddr 0 port N priority 128 path cost 2000
                \tmember: epair1a flags=143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>
                \t        ifmaxaddr 0 port N priority 128 path cost 2000
                \tmember: em0 flags=143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>
                \t        ifmaxaddr 0 port N priority 128 path cost 20000
                \tgroups: bridge
                \tnd6 options=9<PERFORMNUD,IFDISABLED>
                """);
        assertThat(ok("ifconfig em0")).contains("\n\tmedia: Ethernet autoselect (1000baseT <full-duplex>)\n");
        assertThat(ok("ifconfig epair1a")).startsWith("epair1a: flags=1008943<UP,BROADCAST,RUNNING,PROMISC,SIMPLEX,"
                + "MULTICAST,LOWER_UP> metric 0 mtu 1500\n\toptions=8<VLAN_MTU>\n");
    }

    @Test
    @Order(3)
    void templateSnapshotAndTwoClones() throws IOException {
        assertThat(ok("zfs create -o mountpoint=/jails zroot/jails")).isEmpty();
        datasets.add("zroot/jails\t-");
        check("zfs create zroot/jails");
        assertThat(ok("zfs create -p " + TEMPLATE)).isEmpty();
        datasets.addAll(List.of("zroot/jails/templates\t-", TEMPLATE + "\t-"));
        check("zfs create -p " + TEMPLATE);
        assertThat(ok("zfs list -H -o name,mountpoint " + TEMPLATE))
                .isEqualTo(TEMPLATE + "\t/jails/templates/14.3-RELEASE\n");
        // stands in for extracting base.txz into the template
        assertThat(ok("""
                t=/jails/templates/14.3-RELEASE
                mkdir -p $t/bin $t/etc $t/dev $t/tmp $t/root && cp /bin/sh $t/bin/sh
                echo 'FreeBSD 14.3-RELEASE' > $t/etc/motd""")).isEmpty();

        assertThat(ok("zfs snapshot " + SNAPSHOT)).isEmpty();
        check("zfs snapshot");   // zfs list without -t shows no snapshots
        assertThat(ok("zfs list -H -t snapshot -o name,origin")).isEqualTo(SNAPSHOT + "\t-\n");
        assertThat(fail("zfs snapshot " + SNAPSHOT))
                .isEqualTo("cannot create snapshot '" + SNAPSHOT + "': dataset already exists\n");

        assertThat(ok("zfs create zroot/jails/containers")).isEmpty();
        datasets.add(1 + datasets.indexOf("zroot/jails\t-"), "zroot/jails/containers\t-");
        check("zfs create zroot/jails/containers");
        assertThat(ok("zfs clone " + SNAPSHOT + " zroot/jails/containers/webserver")).isEmpty();
        datasets.add(1 + datasets.indexOf("zroot/jails/containers\t-"), "zroot/jails/containers/webserver\t" + SNAPSHOT);
        check("zfs clone webserver");
        assertThat(ok("zfs clone " + SNAPSHOT + " zroot/jails/containers/database")).isEmpty();
        datasets.add(1 + datasets.indexOf("zroot/jails/containers\t-"), "zroot/jails/containers/database\t" + SNAPSHOT);
        check("zfs clone database");
        assertThat(ok("zfs list -H -o name,origin,mountpoint -r zroot/jails/containers")).isEqualTo("""
                zroot/jails/containers	-	/jails/containers
                zroot/jails/containers/database	%1$s	/jails/containers/database
                zroot/jails/containers/webserver	%1$s	/jails/containers/webserver
                """.formatted(SNAPSHOT));
        assertThat(ok("zfs list -H -o origin -r " + TEMPLATE + "; zfs get -H -o value clones " + SNAPSHOT))
                .isEqualTo("-\nzroot/jails/containers/database,zroot/jails/containers/webserver\n");
        assertThat(ok("cat /jails/containers/webserver/etc/motd")).isEqualTo("FreeBSD 14.3-RELEASE\n");
    }

    @Test
    @Order(4)
    void twoVnetJails() throws IOException {
        assertThat(ok("sysctl -n kern.features.vimage")).isEqualTo("1\n");
        // from the command line jail(8) prints nothing; vnet.interface moves the b end into the new vnet
        assertThat(ok("jail -c name=webserver path=/jails/containers/webserver host.hostname=webserver"
                + " vnet vnet.interface=epair1b persist")).isEmpty();
        interfaces.remove("epair1b");
        jails.add(JLS_N_WEB);
        check("jail -c webserver");
        assertThat(ok("ifconfig -j webserver -l")).isEqualTo("lo0 epair1b\n");
        assertThat(fail("ifconfig epair1b")).isEqualTo("ifconfig: interface epair1b does not exist\n");
        assertThat(ok("jexec webserver ifconfig epair1b inet 192.168.1.201/24 up")).isEmpty();
        assertThat(ok("ifconfig -j webserver epair1b")).contains(
                "\n\tinet 192.168.1.201 netmask 0xffffff00 broadcast 192.168.1.255\n");
        assertThat(fail("jail -c name=webserver path=/jails/containers/webserver vnet persist"))
                .isEqualTo("jail: \"webserver\" already exists\n");
        check("refused second jail -c changes nothing");

        assertThat(ok("jail -c name=database path=/jails/containers/database host.hostname=database"
                + " vnet vnet.interface=epair2b persist")).isEmpty();
        interfaces.remove("epair2b");
        jails.add(JLS_N_DB);
        check("jail -c database");
        assertThat(ok("ifconfig -j database -l")).isEqualTo("lo0 epair2b\n");
        assertThat(ok("jexec database ifconfig epair2b inet 192.168.1.202/24 up")).isEmpty();
        assertThat(ok("jexec database ifconfig -l; jexec webserver ifconfig -l"))
                .isEqualTo("lo0 epair2b\nlo0 epair1b\n");

        // plain jls is exactly the 15.0 seed's output: a VNET jail's IP column is blank
        assertThat(ok("jls")).isEqualTo(sample("jls-default-vnet-15.0-seed.txt"));
        assertThat(ok("jls -h jid name path host.hostname vnet")).isEqualTo("""
                jid name path host.hostname vnet
                1 webserver /jails/containers/webserver webserver new
                2 database /jails/containers/database database new
                """);
        assertThat(ok("jls -n -j database name vnet persist")).isEqualTo("name=database vnet=new persist\n");
    }

    @Test
    @Order(5)
    void pfWithNatAndPerJailRules() throws IOException {
        assertThat(run("pfctl -s Running")).isEqualTo(new Fleet.Result(1, "Disabled\n"));
        assertThat(ok("cat > /etc/pf.conf <<'EOF'\n" + PF_CONF + "EOF")).isEmpty();
        assertThat(ok("pfctl -nf /etc/pf.conf")).isEmpty();
        check("pfctl -nf only parses");
        assertThat(ok("pfctl -s nat")).isEmpty();

        assertThat(ok("pfctl -f /etc/pf.conf")).isEmpty();
        // the seed's listing, normalised by pfctl: block drop, service names, { 80, 443 } expanded, inet added,
        // flags S/SA keep state on TCP-capable pass rules, 'pass out' moved below the 'pass in' rules
        rules.addAll(Arrays.asList(sample("pfctl-s-rules-reordered-15.0-seed.txt").replace("vtnet0", "em0").split("\n")));
        check("pfctl -f");
        assertThat(ok("pfctl -s nat")).isEqualTo("nat on em0 inet from 192.168.1.0/24 to any -> (em0) round-robin\n");
        assertThat(run("pfctl -s Running")).isEqualTo(new Fleet.Result(1, "Disabled\n"));

        assertThat(ok("pfctl -e 2>&1 >/dev/null")).isEqualTo("pf enabled\n");
        assertThat(ok("pfctl -s Running")).isEqualTo("Enabled\n");
        assertThat(fail("pfctl -e")).isEqualTo("pfctl: pf already enabled\n");
        check("pfctl -e");
        // -nvf prints the macros and set lines too, which -s rules never shows
        assertThat(ok("pfctl -nvf /etc/pf.conf")).isEqualTo("""
                ext_if = "em0"
                bridge_if = "bridge0"
                jail_net = "192.168.1.0/24"
                jail_webserver = "192.168.1.201"
                jail_database = "192.168.1.202"
                set skip on lo0
                nat on em0 inet from 192.168.1.0/24 to any -> (em0) round-robin
                """ + String.join("\n", rules) + "\n");

        // a broken file is reported by line and leaves the loaded rules alone
        assertThat(ok("sed 's/^pass inet proto icmp all$/pass inet proto icmp al/' /etc/pf.conf > /tmp/bad.conf")).isEmpty();
        assertThat(fail("pfctl -f /tmp/bad.conf")).isEqualTo(
                "/tmp/bad.conf:17: syntax error\npfctl: Syntax error in config file: pf rules not loaded\n");
        check("a rejected pf.conf changes nothing");
    }

    @Test
    @Order(6)
    void teardown() throws IOException {
        // no jail.conf: a command-line jail is removed silently, and its vnet interface comes back to the host
        assertThat(ok("jail -r webserver")).isEmpty();
        jails.remove(JLS_N_WEB);
        interfaces.add("epair1b");
        check("jail -r webserver");
        assertThat(ok("ifconfig epair1b")).doesNotContain("\tinet ").startsWith("epair1b: flags=");
        assertThat(fail("jail -r webserver")).isEqualTo("jail: \"webserver\" not found\n");
        assertThat(fail("jls -j webserver")).isEqualTo("jls: jail \"webserver\" not found\n");

        // destroying one end destroys both, and the bridge loses the member
        assertThat(ok("ifconfig epair1a destroy")).isEmpty();
        interfaces.removeAll(List.of("epair1a", "epair1b"));
        members.remove("epair1a");
        check("ifconfig epair1a destroy");
        assertThat(fail("ifconfig epair1b")).isEqualTo("ifconfig: interface epair1b does not exist\n");

        // a snapshot with clones is refused with the clones listed; so is the template, for its snapshot
        assertThat(fail("zfs destroy " + SNAPSHOT)).isEqualTo("""
                cannot destroy '%s': snapshot has dependent clones
                use '-R' to destroy the following datasets:
                zroot/jails/containers/database
                zroot/jails/containers/webserver
                """.formatted(SNAPSHOT));
        assertThat(fail("zfs destroy " + TEMPLATE)).isEqualTo("""
                cannot destroy '%1$s': filesystem has children
                use '-r' to destroy the following datasets:
                %2$s
                """.formatted(TEMPLATE, SNAPSHOT));
        check("refused zfs destroy changes nothing");
        assertThat(ok("zfs list -H -t snapshot -o name")).isEqualTo(SNAPSHOT + "\n");

        // the webserver's clone is free to go once its jail is gone; the snapshot then has one clone left
        assertThat(ok("zfs destroy zroot/jails/containers/webserver")).isEmpty();
        datasets.remove("zroot/jails/containers/webserver\t" + SNAPSHOT);
        check("zfs destroy the webserver clone");
        assertThat(ok("test -e /jails/containers/webserver || echo gone")).isEqualTo("gone\n");
        assertThat(fail("zfs destroy " + SNAPSHOT)).endsWith("use '-R' to destroy the following datasets:\n"
                + "zroot/jails/containers/database\n");

        // pf keeps its rules until told otherwise
        assertThat(ok("pfctl -d 2>&1")).isEqualTo("pf disabled\n");
        assertThat(ok("pfctl -F rules 2>/dev/null; pfctl -s rules")).isEmpty();
        rules.clear();
        check("pfctl -d; pfctl -F rules");
    }

    /** Reads the four views in one go and compares each, whole, with what the steps so far must have produced. */
    private void check(String step) throws IOException {
        String out = ok("""
                ifconfig -l; echo '%%'
                ifconfig bridge0 2>/dev/null; echo '%%'
                jls -N; echo '%%'
                zfs list -H -o name,origin; echo '%%'
                pfctl -s rules""");
        String[] views = out.split("%%\n", -1);
        assertThat(views).as(step).hasSize(5);
        assertThat(views[0]).as(step + ": ifconfig -l").isEqualTo(String.join(" ", interfaces) + "\n");
        List<String> bridge = views[1].lines().toList();
        assertThat(bridge.stream().filter(l -> l.startsWith("\tmember: ")).toList()).as(step + ": bridge0 members")
                .containsExactlyElementsOf(members.stream().map(m -> "\tmember: " + m + MEMBER_FLAGS).toList());
        for (int i = 0; i < bridge.size(); i++) {
            if (bridge.get(i).startsWith("\tmember: ")) {
                assertThat(bridge.get(i + 1)).as(step + ": member continuation").matches(MEMBER_14X);
            }
        }
        List<String> jlsN = new ArrayList<>(List.of(JLS_N_HEADER));
        jlsN.addAll(jails);
        assertThat(views[2]).as(step + ": jls -N").isEqualTo(lines(jlsN));
        assertThat(views[3]).as(step + ": zfs list").isEqualTo(lines(datasets));
        assertThat(views[4]).as(step + ": pfctl -s rules").isEqualTo(lines(rules));
    }

    private static String lines(List<String> lines) {
        return lines.stream().map(l -> l + "\n").reduce("", String::concat);
    }

    private Fleet.Result run(String script) throws IOException {
        return fleet.exec(HOST, script);
    }

    /** SCRIPT's output (stdout and stderr together); it must succeed. */
    private String ok(String script) throws IOException {
        Fleet.Result r = run(script);
        assertThat(r.status()).as("%s\n%s", script, r.output()).isZero();
        return r.output();
    }

    /** SCRIPT's output; it must fail with status 1, FreeBSD's status for all these refusals. */
    private String fail(String script) throws IOException {
        Fleet.Result r = run(script);
        assertThat(r.status()).as("%s\n%s", script, r.output()).isEqualTo(1);
        return r.output();
    }

    /** A FreeBSD output sample without its '# ' provenance header. */
    private static String sample(String name) throws IOException {
        try (InputStream in = SeedLabScenarioIT.class.getResourceAsStream("/freebsd-samples/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("# "))
                    .map(l -> l + "\n").reduce("", String::concat);
        }
    }
}
