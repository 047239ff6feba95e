package org.drover.module.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drover.module.facts.Subsets.Subset;
import org.junit.jupiter.api.Test;

class HostFactsTest {
    private static Map<String, Object> all() {
        return HostFacts.parse(FactScript.split(FactSamples.hostOutput("lab01.example.org")),
                Subsets.resolve(List.of("all")));
    }

    @Test
    void platformAndDistributionAreAnsiblesFreeBsdValues() {
        Map<String, Object> f = all();
        assertThat(f).containsEntry("system", "FreeBSD").containsEntry("os_family", "FreeBSD")
                .containsEntry("distribution", "FreeBSD").containsEntry("kernel", "14.3-RELEASE-p2")
                .containsEntry("kernel_version", "FreeBSD 14.3-RELEASE-p2 releng/14.3-n271432-8c9ce319fef7 GENERIC")
                .containsEntry("distribution_release", "14.3-RELEASE-p2").containsEntry("distribution_version", "14.3")
                .containsEntry("distribution_major_version", "14").containsEntry("architecture", "amd64")
                .containsEntry("machine", "amd64").containsEntry("hostname", "lab01")
                .containsEntry("nodename", "lab01.example.org").containsEntry("fqdn", "lab01.example.org")
                .containsEntry("domain", "example.org");
        assertThat(f).containsEntry("user_id", "admin").containsEntry("user_uid", 1001L)
                .containsEntry("user_dir", "/home/admin").containsEntry("effective_user_id", 0L)
                .containsEntry("real_user_id", 1001L);
    }

    @Test
    void hardwareFromSysctlAsAnsibleComputesIt() {
        Map<String, Object> f = all();
        assertThat(f).containsEntry("processor_count", "4") // a string in Ansible's FreeBSD collector
                .containsEntry("memtotal_mb", 4096 * 2029213L / 1024 / 1024)
                .containsEntry("memfree_mb", 4096 * 1712331L / 1024 / 1024)
                .containsEntry("uptime_seconds", 86400L)
                .containsEntry("processor", List.of("Intel Core Processor (Skylake, IBRS) (2095.08-MHz K8-class CPU)"));
        assertThat(f).doesNotContainKey("processor_cores"); // dmesg says nothing of cores per package here
    }

    @Test
    void virtualFollowsKernVmGuest() {
        Map<String, Object> f = all();
        assertThat(f).containsEntry("virtualization_type", "kvm").containsEntry("virtualization_role", "guest")
                .containsEntry("virtualization_tech_guest", List.of("kvm"));
        Map<String, Object> jailed = Virtual.facts(Map.of("kern.vm_guest", "none", "security.jail.jailed", "1"));
        // Ansible's quirk: kern.vm_guest's result always wins the type, a jail only shows in tech_guest
        assertThat(jailed).containsEntry("virtualization_type", "").containsEntry("virtualization_tech_guest",
                List.of("jails"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void interfacesAndDefaultRouteShapedAsGenericBsd() {
        Map<String, Object> f = all();
        assertThat(f.get("interfaces")).isEqualTo(List.of("lo0", "vtnet0"));
        Map<String, Object> vt = (Map<String, Object>) f.get("vtnet0");
        assertThat(vt).containsEntry("device", "vtnet0").containsEntry("macaddress", "58:9c:fc:00:12:34")
                .containsEntry("mtu", "1500").containsEntry("metric", "0").containsEntry("type", "ether")
                .containsEntry("media", "Ethernet").containsEntry("media_select", "autoselect")
                .containsEntry("media_type", "10Gbase-T").containsEntry("media_options", List.of("full-duplex"))
                .containsEntry("status", "active")
                .containsEntry("options", List.of("PERFORMNUD", "ACCEPT_RTADV", "AUTO_LINKLOCAL"));
        assertThat(vt.get("ipv4")).isEqualTo(List.of(Map.of("address", "192.0.2.10", "netmask", "255.255.255.0",
                "network", "192.0.2.0", "broadcast", "192.0.2.255")));
        assertThat((List<Object>) vt.get("ipv6")).first().isEqualTo(Map.of("address",
                "fe80::5a9c:fcff:fe00:1234%vtnet0", "prefix", "64", "scope", "0x1"));
        Map<String, Object> lo = (Map<String, Object>) f.get("lo0");
        assertThat(lo).containsEntry("type", "loopback").containsEntry("macaddress", "unknown");
        assertThat(lo.get("ipv4")).isEqualTo(List.of(Map.of("address", "127.0.0.1", "netmask", "255.0.0.0",
                "network", "127.0.0.0", "broadcast", "127.255.255.255")));
        assertThat(f.get("all_ipv4_addresses")).isEqualTo(List.of("192.0.2.10"));
        assertThat(f.get("all_ipv6_addresses")).isEqualTo(List.of("fe80::5a9c:fcff:fe00:1234%vtnet0", "2001:db8::10"));
        Map<String, Object> d4 = (Map<String, Object>) f.get("default_ipv4");
        assertThat(d4).containsEntry("interface", "vtnet0").containsEntry("gateway", "192.0.2.1")
                .containsEntry("address", "192.0.2.10").containsEntry("macaddress", "58:9c:fc:00:12:34")
                .doesNotContainKey("ipv4");
        assertThat(f.get("default_ipv6")).isEqualTo(Map.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void bridgeAndJailInterfaceSamplesParse() {
        Map<String, Object> n = NetworkFacts.parse(FactSamples.load(
                "ifconfig-bridge0-3members-descr-ipv6-14x-reconstructed.txt")
                + FactSamples.load("ifconfig-epair1b-in-vnet-jail-15.0-seed.txt"), "", "");
        assertThat(n.get("interfaces")).isEqualTo(List.of("bridge0", "epair1b"));
        Map<String, Object> br = (Map<String, Object>) n.get("bridge0");
        assertThat((List<Object>) br.get("ipv4")).hasSize(2);
        assertThat(br).containsEntry("type", "ether"); // its ether line; member lines are not addresses
        assertThat(((Map<String, Object>) n.get("epair1b")).get("ipv4")).isEqualTo(List.of(Map.of("address",
                "192.168.1.201", "netmask", "255.255.255.0", "network", "192.168.1.0", "broadcast", "192.168.1.255")));
        assertThat(n.get("default_ipv4")).isEqualTo(Map.of());
    }

    @Test
    void droverFacts() {
        Map<String, Object> f = all();
        assertThat(f).containsEntry("drover_userland_version", "14.3-RELEASE-p3")
                .containsEntry("drover_jails", List.of("web", "db")).containsEntry("drover_zpools", List.of("zroot"))
                .containsEntry("drover_vimage", true).containsEntry("drover_boot_id", "1733212800.512345");
    }

    @Test
    void subsetsResolveAsAnsible() {
        assertThat(Subsets.resolve(List.of("all"))).isEqualTo(Set.of(Subset.values()));
        assertThat(Subsets.resolve(List.of("!all"))).isEqualTo(Subsets.MIN);
        assertThat(Subsets.resolve(List.of("!all", "network"))).contains(Subset.NETWORK).doesNotContain(Subset.HARDWARE);
        assertThat(Subsets.resolve(List.of("!all", "!min"))).isEmpty();
        assertThat(Subsets.resolve(List.of("network"))).containsExactlyInAnyOrder(Subset.PLATFORM, Subset.DISTRIBUTION,
                Subset.USER, Subset.NETWORK);
        // as in Ansible: a negation alone leaves min (write all,!hardware for everything but hardware)
        assertThat(Subsets.resolve(List.of("!hardware"))).isEqualTo(Subsets.MIN);
        assertThat(Subsets.resolve(List.of("all", "!hardware"))).doesNotContain(Subset.HARDWARE).contains(Subset.NETWORK);
        assertThat(Subsets.problem(List.of("network", "!dns"))).isNull();
        assertThat(Subsets.problem(List.of("network", "dns"))).contains("bad subset 'dns'");
        assertThatThrownBy(() -> Subsets.resolve(List.of("facter"))).hasMessageContaining("bad subset 'facter'");
    }

    @Test
    void minimalGatheringRunsOnlyWhatItNeeds() {
        Set<Subset> min = Subsets.resolve(List.of("!all"));
        String script = FactScript.script(min);
        assertThat(script).contains("uname -s").doesNotContain("ifconfig").doesNotContain("sysctl");
        Map<String, Object> f = HostFacts.parse(FactScript.split(FactSamples.hostOutput("web")), min);
        assertThat(f).containsEntry("hostname", "web").containsEntry("domain", "").doesNotContainKey("interfaces")
                .doesNotContainKey("memtotal_mb");
    }

    @Test
    void filterMatchesWithOrWithoutThePrefix() {
        Map<String, Object> f = all();
        assertThat(SetupModule.filter(f, List.of("distribution_*")).keySet()).containsExactlyInAnyOrder(
                "distribution_release", "distribution_version", "distribution_major_version");
        assertThat(SetupModule.filter(f, List.of("ansible_[dk]ernel")).keySet()).containsExactly("kernel");
        assertThat(SetupModule.filter(f, List.of("ansible_os_famil?", "[!a-z]*")).keySet()).containsExactly("os_family");
        assertThat(SetupModule.filter(f, List.of())).isSameAs(f);
    }

    @Test
    void aMissingSectionIsAnErrorNotAGuess() {
        assertThatThrownBy(() -> HostFacts.parse(Map.of(), Subsets.resolve(List.of("!all"))))
                .hasMessageContaining("'platform' section is missing");
    }
}
