package org.drover.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drover.inventory.Inventory;
import org.drover.inventory.InventoryLoader;
import org.drover.module.ModuleRegistry;
import org.drover.playbook.Playbook;
import org.drover.playbook.PlaybookLoader;

/**
 * Load-time benchmark (a main, not a test): a generated 200-task playbook (roles, includes, blocks, loops,
 * handlers, k=v and mapping arguments) and a 10,000-host / 100-group inventory, loaded and validated cold, as
 * {@code drover play} does on every start. Target: under 2 s together.
 *
 * <p>Run: {@code mvn -q -o test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.drover.bench.LoadBench}
 * or {@code java -cp target/classes:target/test-classes:$(mvn -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout) org.drover.bench.LoadBench}.
 */
public final class LoadBench {
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("drover-bench");
        Path playbook = writePlaybook(dir);
        Path inventory = writeInventory(dir);

        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        ModuleRegistry registry = ModuleRegistry.load();
        Playbook pb = PlaybookLoader.of(registry).load(playbook);
        long t1 = System.nanoTime();
        Inventory inv = InventoryLoader.load(java.util.List.of(inventory));
        long t2 = System.nanoTime();
        long c2 = os.getProcessCpuTime();

        int tasks = pb.plays().stream().mapToInt(p -> count(p.preTasks()) + count(p.tasks()) + count(p.postTasks())).sum();
        System.out.printf("playbook: %d plays, %d tasks: loaded and validated in %d ms (cold)%n",
                pb.plays().size(), tasks, (t1 - t0) / 1_000_000);
        System.out.printf("inventory: %d hosts, %d groups: loaded in %d ms (cold)%n",
                inv.hosts().size(), inv.groups().size(), (t2 - t1) / 1_000_000);
        System.out.printf("together: %d ms wall, %d ms CPU of all threads (target < 2000 ms)%n", (t2 - t0) / 1_000_000,
                (c2 - c0) / 1_000_000);

        long w0 = System.nanoTime();
        PlaybookLoader.of(registry).load(playbook);
        long w1 = System.nanoTime();
        InventoryLoader.load(java.util.List.of(inventory));
        long w2 = System.nanoTime();
        System.out.printf("warm: playbook %d ms, inventory %d ms%n", (w1 - w0) / 1_000_000, (w2 - w1) / 1_000_000);
    }

    static int count(java.util.List<org.drover.playbook.TaskNode> nodes) {
        int n = 0;
        for (var t : nodes) {
            n += t instanceof org.drover.playbook.Block b ? count(b.block()) + count(b.rescue()) + count(b.always()) : 1;
        }
        return n;
    }

    /** 200 tasks: 150 in the play, 40 in a role (through an include), 10 in an imported file. */
    static Path writePlaybook(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("roles/base/tasks"));
        Files.createDirectories(dir.resolve("roles/base/handlers"));
        Files.createDirectories(dir.resolve("roles/base/defaults"));
        Files.createDirectories(dir.resolve("tasks"));
        StringBuilder role = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            role.append("- name: role task ").append(i).append("\n  command: /usr/bin/true arg").append(i)
                    .append(" chdir=/tmp\n  notify: restart base\n");
        }
        role.append("- include_tasks: more.yml\n");
        Files.writeString(dir.resolve("roles/base/tasks/main.yml"), role);
        StringBuilder more = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            more.append("- name: more ").append(i).append("\n  debug: msg=\"more {{ base_port }} ").append(i).append("\"\n");
        }
        Files.writeString(dir.resolve("roles/base/tasks/more.yml"), more);
        Files.writeString(dir.resolve("roles/base/handlers/main.yml"), "- name: restart base\n  command: /usr/bin/true\n");
        Files.writeString(dir.resolve("roles/base/defaults/main.yml"), "base_port: 80\n");
        StringBuilder imp = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            imp.append("- name: imported ").append(i).append("\n  shell: echo ").append(i).append(" | wc -c\n");
        }
        Files.writeString(dir.resolve("tasks/imported.yml"), imp);

        StringBuilder pb = new StringBuilder("- name: bench\n  hosts: all\n  serial: [1, \"10%\"]\n  roles:\n    - base\n  tasks:\n");
        pb.append("    - import_tasks: tasks/imported.yml\n");
        int n = 0;
        while (n < 150) {
            switch (n % 5) {
                case 0 -> pb.append("    - name: command ").append(n).append("\n      command: ls -l /var/").append(n)
                        .append("\n      register: r").append(n).append("\n      changed_when: false\n");
                case 1 -> pb.append("    - name: copy ").append(n).append("\n      copy:\n        content: \"x {{ inventory_hostname }}\"\n")
                        .append("        dest: /tmp/f").append(n).append("\n        mode: \"0644\"\n      notify: done\n");
                case 2 -> pb.append("    - name: loop ").append(n).append("\n      debug: msg=\"{{ item }}\"\n      loop: [a, b, c]\n")
                        .append("      when: inventory_hostname != 'x'\n");
                case 3 -> pb.append("    - name: block ").append(n).append("\n      block:\n        - command: /usr/bin/true\n")
                        .append("      rescue:\n        - debug: msg=rescued\n");
                default -> pb.append("    - name: kv ").append(n).append("\n      copy: content=hello dest=/tmp/kv").append(n)
                        .append(" mode=0600\n      tags: [kv]\n");
            }
            n += n % 5 == 3 ? 2 : 1; // a block holds two tasks
        }
        pb.append("  handlers:\n    - name: done\n      debug: msg=done\n");
        Path p = dir.resolve("site.yml");
        Files.writeString(p, pb);
        return p;
    }

    /** 10,000 hosts in 100 groups under 10 parents, each host with a few vars. */
    public static Path writeInventory(Path dir) throws IOException {
        StringBuilder y = new StringBuilder("all:\n  vars:\n    ansible_user: admin\n  children:\n");
        for (int p = 0; p < 10; p++) {
            y.append("    dc").append(p).append(":\n      vars:\n        dc: ").append(p).append("\n      children:\n");
            for (int g = 0; g < 10; g++) {
                int group = p * 10 + g;
                y.append("        rack").append(group).append(":\n          hosts:\n");
                for (int h = 0; h < 100; h++) {
                    int id = group * 100 + h;
                    y.append("            host").append(id).append(":\n              ansible_host: 10.")
                            .append(id / 65536).append('.').append((id / 256) % 256).append('.').append(id % 256)
                            .append("\n              slot: ").append(h).append('\n');
                }
            }
        }
        Path p = dir.resolve("hosts.yml");
        Files.writeString(p, y);
        return p;
    }
}
