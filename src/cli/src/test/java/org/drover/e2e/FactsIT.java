package org.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drover.cli.ExitCodes;
import org.drover.testbed.Backend;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fact gathering on simulated hosts and in a jail target: Ansible's names and values, one round trip, gather_subset
 * and filter on the setup module, facts kept for the later plays of the run.
 */
class FactsIT {
    private static final String JAIL = """
            set -e
            r=/jails/web
            mkdir -p $r/bin $r/etc $r/tmp
            printf '#!/bin/sh\\nUSERLAND_VERSION="14.2-RELEASE-p1"\\n' > $r/bin/freebsd-version
            jail -c name=web path=$r host.hostname=web.example persist
            """;

    private static final String PLAYBOOK = """
            - name: host facts
              hosts: labs
              tasks:
                - name: Ansible's FreeBSD facts
                  assert:
                    that:
                      - ansible_facts['os_family'] == 'FreeBSD'
                      - ansible_system == 'FreeBSD' and ansible_distribution == 'FreeBSD'
                      - ansible_distribution_version == '14.3'
                      - ansible_distribution_major_version == '14'
                      - ansible_distribution_release == ansible_kernel
                      - ansible_kernel_version.startswith('FreeBSD 14.3')
                      - ansible_architecture == 'amd64' and ansible_machine == 'amd64'
                      - ansible_hostname == inventory_hostname
                      - ansible_nodename == ansible_fqdn
                      - ansible_user_id == 'root' or ansible_effective_user_id == 0
                      - ansible_processor_count == '2'
                      - ansible_memtotal_mb == 4078
                      - ansible_memfree_mb < ansible_memtotal_mb
                      - ansible_uptime_seconds >= 0
                      - "'lo0' in ansible_interfaces"
                      - ansible_lo0.ipv4[0].address == '127.0.0.1'
                      - ansible_lo0.type == 'loopback'
                      - ansible_facts[ansible_interfaces | reject('equalto', 'lo0') | first].macaddress != 'unknown'
                      - ansible_all_ipv4_addresses | length > 0
                      - ansible_virtualization_type == 'kvm'
                      - drover_vimage
                      - "'web' in drover_jails"
                      - "'zroot' in drover_zpools"
                      - drover_userland_version == '14.3-RELEASE'
                - name: network only, filtered
                  setup:
                    gather_subset: ['!all', '!min', 'network']
                    filter: ['ansible_lo*', 'interfaces']
                  register: net
                - name: only what was asked
                  assert:
                    that:
                      - net.ansible_facts.interfaces is defined
                      - net.ansible_facts.lo0 is defined
                      - net.ansible_facts.system is not defined
                      - net.ansible_facts.gather_subset == ['!all', '!min', 'network']
            - name: later plays keep the facts
              hosts: labs
              gather_facts: false
              tasks:
                - name: still there
                  assert: { that: [ ansible_distribution_version == '14.3', "'lo0' in ansible_facts.interfaces" ] }
            - name: a jail's own facts
              hosts: jails
              gather_subset: ['!all', 'virtual', 'drover']
              tasks:
                - name: the jail's identity
                  assert:
                    that:
                      - ansible_hostname == 'web' and ansible_fqdn == 'web.example'
                      - ansible_domain == 'example'
                      - drover_userland_version == '14.2-RELEASE-p1'
                      - "'jails' in ansible_virtualization_tech_guest"
                      - ansible_interfaces is not defined
            """;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void factsUnderAnsiblesNamesOnHostsAndJails(Backend backend, @TempDir Path dir) throws Exception {
        try (Lab lab = Lab.start(backend, 1)) {
            String h = lab.hosts.get(0);
            lab.on(h, JAIL);
            lab.addToInventory("jails", "    jails:\n      hosts:\n        web@" + h + ":\n");
            Path book = dir.resolve("facts.yml");
            Files.writeString(book, PLAYBOOK, StandardCharsets.UTF_8);
            Lab.Run run = lab.play(book);
            assertThat(run.exit()).as("%s", run).isEqualTo(ExitCodes.OK);
            assertThat(run.recap(h, "failed")).as("%s", run).isZero();
            assertThat(run.recap("web@" + h, "failed")).as("%s", run).isZero();
            assertThat(run.recap("web@" + h, "ok")).as("%s", run).isEqualTo(2);
            assertThat(run.results(h).stream().filter(r -> r.task().equals("Gathering Facts")).toList())
                    .as("%s", run).singleElement().satisfies(r -> assertThat(r.execs()).isEqualTo(1));
        }
    }
}
