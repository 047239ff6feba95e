package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IfconfigParserTest {
    private static final String BRIDGE_15 = "ifconfig-bridge0-1member-15.0-seed.txt";
    private static final String BRIDGE_14 = "ifconfig-bridge0-3members-descr-ipv6-14x-reconstructed.txt";
    private static final String EPAIR_A = "ifconfig-epair0a-descr-14x-reconstructed.txt";
    private static final String EPAIR_B_JAIL = "ifconfig-epair1b-in-vnet-jail-15.0-seed.txt";

    @Test
    void bridge_15_member_line_without_ifmaxaddr() {
        InterfaceState s = IfconfigParser.parse(Samples.load(BRIDGE_15)).orElseThrow();
        assertThat(s.name()).isEqualTo("bridge0");
        assertThat(s.flags()).contains("UP", "RUNNING", "LOWER_UP");
        assertThat(s.isUp()).isTrue();
        assertThat(s.mtu()).isEqualTo(1500);
        assertThat(s.metric()).isZero();
        assertThat(s.ether()).isEqualTo("58:9c:fc:10:76:37");
        assertThat(s.description()).isNull();
        assertThat(s.addresses()).isEmpty();
        BridgeState b = s.bridgeState().orElseThrow();
        assertThat(b.proto()).isEqualTo("rstp");
        assertThat(b.maxaddr()).isEqualTo(2000);
        assertThat(b.timeout()).isEqualTo(1200);
        assertThat(b.priority()).isEqualTo(32768);
        assertThat(b.members()).hasSize(1);
        BridgeMember m = b.members().get(0);
        assertThat(m.name()).isEqualTo("vtnet0");
        assertThat(m.flags()).containsExactly("LEARNING", "DISCOVER", "AUTOEDGE", "AUTOPTP");
        assertThat(m.ifmaxaddr()).isNull();
        assertThat(m.port()).isEqualTo(1);
        assertThat(m.priority()).isEqualTo(128);
        assertThat(m.pathCost()).isEqualTo(2000);
    }

    @Test
    void bridge_14_with_description_addresses_and_members_newest_first() {
        InterfaceState s = IfconfigParser.parse(Samples.load(BRIDGE_14)).orElseThrow();
        assertThat(s.description()).isEqualTo("jail network (prod, VLAN 20)");
        assertThat(s.addresses()).extracting(IfAddress::toString).containsExactly(
                "inet 10.20.0.1/24", "inet 192.168.50.1/24", "inet6 fe80::5a9c:fcff:fe10:a1b2/64",
                "inet6 2001:db8:20::1/64");
        assertThat(s.addresses().get(2).scope()).isEqualTo("bridge0");
        assertThat(s.managedAddresses()).extracting(IfAddress::cidr)
                .containsExactly("10.20.0.1/24", "192.168.50.1/24", "2001:db8:20::1/64");
        assertThat(s.groups()).containsExactly("bridge");
        BridgeState b = s.bridgeState().orElseThrow();
        assertThat(b.members()).extracting(BridgeMember::name).containsExactly("epair12a", "epair3a", "vtnet0");
        assertThat(b.memberNames()).containsExactlyInAnyOrder("vtnet0", "epair3a", "epair12a");
        assertThat(b.members()).extracting(BridgeMember::ifmaxaddr).containsOnly(0);
        assertThat(b.members()).extracting(BridgeMember::port).containsExactly(9, 7, 1);
    }

    @Test
    void line_order_does_not_matter() {
        String text = Samples.load(BRIDGE_14);
        List<String> lines = new ArrayList<>(text.lines().toList());
        // Move groups: and nd6 right after the header (FreeBSD 11 order) and the description to the end.
        String groups = lines.remove(lines.size() - 2);
        String nd6 = lines.remove(lines.size() - 1);
        String descr = lines.remove(1);
        lines.add(1, nd6);
        lines.add(1, groups);
        lines.add(descr);
        InterfaceState moved = IfconfigParser.parse(String.join("\n", lines) + "\n").orElseThrow();
        assertThat(moved).isEqualTo(IfconfigParser.parse(text).orElseThrow());
    }

    @Test
    void epair_a_end_with_description_is_not_a_bridge() {
        InterfaceState s = IfconfigParser.parse(Samples.load(EPAIR_A)).orElseThrow();
        assertThat(s.name()).isEqualTo("epair0a");
        assertThat(s.description()).isEqualTo("vnet jail web.example.org (epair0b)");
        assertThat(s.flags()).contains("PROMISC");
        assertThat(s.bridgeState()).isEmpty();
        assertThat(s.groups()).containsExactly("epair");
        assertThat(s.media()).isEqualTo("Ethernet 10Gbase-T (10Gbase-T <full-duplex>)");
        assertThat(s.status()).isEqualTo("active");
    }

    @Test
    void epair_b_end_seen_inside_a_vnet_jail() {
        InterfaceState s = IfconfigParser.parse(Samples.load(EPAIR_B_JAIL)).orElseThrow();
        assertThat(s.name()).isEqualTo("epair1b");
        assertThat(s.addresses()).containsExactly(IfAddress.inet("192.168.1.201", 24));
        assertThat(s.description()).isNull();
    }

    @Test
    void several_interfaces_in_one_output() {
        Map<String, InterfaceState> all = IfconfigParser.parseAll(Samples.load(BRIDGE_14) + Samples.load(EPAIR_A));
        assertThat(all.keySet()).containsExactly("bridge0", "epair0a");
        assertThat(all.get("bridge0").bridgeState().orElseThrow().members()).hasSize(3);
    }

    @Test
    void cidr_format_and_dotted_netmask() {
        String text = "lo1: flags=8049<UP,LOOPBACK,RUNNING,MULTICAST> metric 0 mtu 16384\n"
                + "\tinet 10.1.0.1/16\n"
                + "\tinet 10.2.0.1 netmask 255.255.255.128\n"
                + "\tinet6 2001:DB8:0:0::7/56\n";
        InterfaceState s = IfconfigParser.parse(text).orElseThrow();
        assertThat(s.addresses()).extracting(IfAddress::toString)
                .containsExactly("inet 10.1.0.1/16", "inet 10.2.0.1/25", "inet6 2001:db8::7/56");
    }

    @Test
    void list_and_group_forms() {
        assertThat(IfconfigParser.parseList(Samples.load("ifconfig-l-names-only.txt")))
                .containsExactly("vtnet0", "lo0", "bridge0", "epair0a", "epair1a", "epair1b");
        assertThat(IfconfigParser.parseGroup(Samples.load("ifconfig-g-bridge-group-members.txt")))
                .containsExactly("bridge0", "bridge1");
        assertThat(IfconfigParser.parseGroup("")).isEmpty();
    }

    @Test
    void error_texts() {
        String missing = Samples.load("ifconfig-no-such-interface-error.txt");
        assertThat(IfconfigParser.isNoSuchInterface(missing, "epair9a")).isTrue();
        assertThat(IfconfigParser.isNoSuchInterface(missing, "epair1a")).isFalse();
        assertThat(IfconfigParser.isNoSuchInterface(Samples.load("ifconfig-create-existing-error.txt"), null)).isFalse();
        assertThat(IfconfigParser.isNoSuchInterface(Samples.load("ifconfig-bridge-addm-errors.txt"), null)).isFalse();
        assertThat(IfconfigParser.isNoSuchInterface(Samples.load("ifconfig-remove-missing-alias-error.txt"), null))
                .isFalse();
        assertThat(IfconfigParser.parse(missing)).isEmpty();
    }

    @Test
    void create_prints_the_name_only_when_the_kernel_chose_it() {
        assertThat(IfconfigParser.parseList(Samples.load("ifconfig-bridge-create-prints-name.txt")))
                .containsExactly("bridge0");
        assertThat(IfconfigParser.parseList(Samples.load("ifconfig-epair-create-prints-a-side.txt")))
                .containsExactly("epair0a");
    }
}
