package org.drover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.drover.inventory.Inventory;
import org.drover.inventory.InventoryLoader;
import org.drover.module.ModuleRegistry;
import org.drover.playbook.Playbook;
import org.drover.playbook.PlaybookLoader;
import org.drover.report.ConsoleReporter;
import org.drover.template.JinjavaTemplater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real playbook (role with defaults, templates and handlers; free-form args; meta) loaded by the loader and run
 * on hosts whose connection is local: the modules really run, so the second run must change nothing.
 */
class EnginePlaybookTest {
    @TempDir
    Path dir;

    private void write(String rel, String text) throws Exception {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private record Run(RunSummary summary, String output) {}

    private Run run(RunOptions opts) {
        ModuleRegistry modules = ModuleRegistry.load();
        Playbook pb = PlaybookLoader.of(modules).load(dir.resolve("site.yml"));
        Inventory inv = InventoryLoader.load(List.of(dir.resolve("hosts.ini")));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        RunSummary s = new Engine(modules, new JinjavaTemplater(), host -> {
            throw new AssertionError("local hosts never open SSH");
        }, opts, new ConsoleReporter(ps, false, false, 0, false)).run(List.of(pb), inv);
        return new Run(s, buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void convergesThenChangesNothing() throws Exception {
        write("hosts.ini", "[web]\nh1 ansible_connection=local dir=" + dir.resolve("h1") + "\n"
                + "h2 ansible_connection=local dir=" + dir.resolve("h2") + "\n");
        write("site.yml", """
                - name: site
                  hosts: web
                  gather_facts: false
                  vars:
                    greeting: "hello {{ inventory_hostname }}"
                  roles:
                    - motd
                  tasks:
                    - name: list files
                      command: ls {{ dir }}
                      register: listing
                      changed_when: false
                    - name: show
                      debug:
                        msg: "{{ listing.stdout_lines | join(',') }}"
                    - meta: flush_handlers
                    - name: handler ran before me
                      command: grep -c handled {{ dir }}/handled
                      register: handled
                      changed_when: false
                      failed_when: handled.stdout != '1'
                """);
        write("roles/motd/defaults/main.yml", "motd_mode: '0640'\n");
        write("roles/motd/tasks/main.yml", """
                - name: make the directory
                  command: mkdir -p {{ dir }} creates={{ dir }}
                - name: motd
                  template:
                    src: motd.j2
                    dest: "{{ dir }}/motd"
                    mode: "{{ motd_mode }}"
                  notify: motd changed
                - name: static file
                  copy:
                    content: "static\\n"
                    dest: "{{ dir }}/static"
                """);
        write("roles/motd/templates/motd.j2", "{{ greeting }} from {{ role_name }}\n");
        write("roles/motd/handlers/main.yml", """
                - name: motd changed
                  shell: echo handled >> {{ dir }}/handled; test {{ motd_mode }} = 0640
                """);

        Run first = run(RunOptions.defaults());
        assertThat(first.summary().anyFailed()).as(first.output()).isFalse();
        assertThat(Files.readString(dir.resolve("h1/motd"))).isEqualTo("hello h1 from motd\n");
        assertThat(Files.readString(dir.resolve("h2/motd"))).isEqualTo("hello h2 from motd\n");
        assertThat(first.summary().hosts().get("h1").changed()).isEqualTo(4); // mkdir, motd, static, handler
        assertThat(first.output()).contains("RUNNING HANDLER [motd : motd changed]")
                .contains("\"msg\": \"motd,static\"");

        Run second = run(RunOptions.defaults());
        assertThat(second.summary().anyFailed()).as(second.output()).isFalse();
        assertThat(second.summary().anyChanged()).as(second.output()).isFalse();
        assertThat(second.output()).doesNotContain("RUNNING HANDLER");
        for (RunSummary.TaskStats t : second.summary().tasks()) {
            if (t.task().module().equals("template") || t.task().module().equals("copy")) {
                assertThat(t.execsPerHost()).as(t.task().name()).isEqualTo(1.0);
            }
        }
        assertThat(Files.readString(dir.resolve("h1/handled"))).isEqualTo("handled\n");
    }

    @Test
    void whatAHostPrintsIsWrittenBackLiterallyNeverRendered() throws Exception {
        Path h1 = dir.resolve("h1");
        Files.createDirectories(h1);
        Files.writeString(h1.resolve("payload"), "{{ inventory_hostname }} {{ secret }} {{ hostvars['h1']['secret'] }}\n");
        write("hosts.ini", "h1 ansible_connection=local dir=" + h1 + " secret=s3cret\n");
        write("site.yml", """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - command: cat {{ dir }}/payload
                      register: r
                      changed_when: false
                    - set_fact:
                        seen: "{{ r.stdout }}"
                    - copy: content="{{ r.stdout }}" dest={{ dir }}/registered
                    - copy:
                        content: "fact: {{ seen }}\\n"
                        dest: "{{ dir }}/fact"
                    - copy:
                        content: "{{ relayed }}"
                        dest: "{{ dir }}/definition"
                      vars:
                        relayed: "[{{ r.stdout }}]"
                """);
        Run run = run(RunOptions.defaults());
        assertThat(run.summary().anyFailed()).as(run.output()).isFalse();
        String literal = "{{ inventory_hostname }} {{ secret }} {{ hostvars['h1']['secret'] }}";
        assertThat(Files.readString(h1.resolve("registered"))).isEqualTo(literal);
        assertThat(Files.readString(h1.resolve("fact"))).isEqualTo("fact: " + literal + "\n");
        assertThat(Files.readString(h1.resolve("definition"))).isEqualTo("[" + literal + "]");
        assertThat(run.output()).doesNotContain("s3cret");
    }
}
