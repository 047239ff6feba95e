package org.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.drover.testbed.Backend;
import org.drover.testbed.FleetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic modules under their Ansible names, as a playbook written for Ansible has them, on a simulated host:
 * every task runs (none is refused or skipped) and a rerun changes nothing. The file, account, transfer and
 * rollout ITs run the other modules under their Ansible names.
 */
class AnsibleNamesIT {
    static final String PLAY = """
            - hosts: all
              gather_facts: false
              vars_files: [vars.yml]
              tasks:
                - ansible.builtin.setup:
                    gather_subset: [min]
                - ansible.builtin.ping:
                - ansible.builtin.include_vars:
                    file: more.yml
                - ansible.builtin.set_fact:
                    greeting: "{{ hello | upper }}"
                - ansible.builtin.assert:
                    that:
                      - greeting == 'HELLO'
                      - more == 'yes'
                      - ansible_facts['os_family'] == 'FreeBSD'
                - ansible.builtin.debug:
                    msg: "{{ greeting }} from {{ ansible_facts['distribution_version'] }}"
                - ansible.builtin.command: uname -s
                  register: os
                  changed_when: false
                - ansible.builtin.shell: echo "{{ os.stdout }}" | tr A-Z a-z
                  register: lower
                  changed_when: false
                - ansible.builtin.raw: test "{{ lower.stdout }}" = freebsd
                  changed_when: false
                - ansible.builtin.file:
                    path: /usr/local/etc/names
                    state: directory
                    mode: "0755"
                - ansible.builtin.template:
                    src: app.conf.j2
                    dest: /usr/local/etc/names/app.conf
                    mode: "0644"
                - ansible.builtin.shell: printf 'port = 80\\n' > /usr/local/etc/names/other.conf
                  args:
                    creates: /usr/local/etc/names/other.conf
                - ansible.builtin.replace:
                    path: /usr/local/etc/names/other.conf
                    regexp: '^port = 80$'
                    replace: 'port = 8080'
                - ansible.builtin.blockinfile:
                    path: /usr/local/etc/names/other.conf
                    block: |
                      extra = 1
                - ansible.builtin.stat:
                    path: /usr/local/etc/names/app.conf
                  register: st
                - ansible.builtin.fail:
                    msg: "the file is missing"
                  when: not st.stat.exists
                - ansible.builtin.wait_for:
                    path: /usr/local/etc/names/other.conf
                    search_regex: 'port = 8080'
                    timeout: 10
                - ansible.builtin.wait_for_connection:
                    timeout: 30
                - ansible.builtin.meta: flush_handlers
            """;

    @Test
    void everyTaskRunsAndTheRerunChangesNothing(@TempDir Path dir) throws Exception {
        Path site = Files.writeString(dir.resolve("site.yml"), PLAY);
        Files.writeString(dir.resolve("vars.yml"), "hello: hello\n");
        Files.writeString(dir.resolve("more.yml"), "more: 'yes'\n");
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates/app.conf.j2"), "host = {{ inventory_hostname }}\n");
        try (Lab lab = Lab.plain(FleetSpec.builder().hosts(1).backend(Backend.EMBEDDED).versions("14.3").build())) {
            String h = lab.hosts.get(0);
            Lab.Run first = lab.play(site);
            assertThat(first.exit()).as(first.toString()).isEqualTo(8);
            assertThat(first.results(h)).as(first.toString()).hasSizeGreaterThanOrEqualTo(18)
                    .allSatisfy(r -> assertThat(r.status()).as(r.task())
                            .isEqualTo(r.task().equals("ansible.builtin.fail") ? "skipped" : r.status())
                            .isIn("ok", "changed", "skipped"));
            assertThat(first.results(h).stream().filter(r -> r.status().equals("skipped")))
                    .extracting(Lab.HostResult::task).containsExactly("ansible.builtin.fail");
            assertThat(lab.on(h, "cat /usr/local/etc/names/app.conf")).isEqualTo("host = " + h + "\n");
            assertThat(lab.on(h, "cat /usr/local/etc/names/other.conf")).isEqualTo("port = 8080\n"
                    + "# BEGIN ANSIBLE MANAGED BLOCK\nextra = 1\n# END ANSIBLE MANAGED BLOCK\n");
            Lab.Run again = lab.play(site);
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.recap(h, "changed")).isZero();
        }
    }
}
