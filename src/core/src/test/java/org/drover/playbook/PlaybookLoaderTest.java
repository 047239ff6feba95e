package org.drover.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.drover.yaml.LoadException;
import org.drover.yaml.SourceMark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The valid playbook {@code playbooks/valid/site.yml} uses every feature once; these tests walk its model. */
class PlaybookLoaderTest {
    static final Path SITE = Path.of("src/test/resources/playbooks/valid/site.yml");
    static Playbook pb;
    static Play web;

    @BeforeAll
    static void load() {
        pb = TestModules.loader().load(SITE);
        web = pb.plays().get(1);
    }

    static Task task(List<TaskNode> nodes, String name) {
        List<Task> all = new ArrayList<>();
        nodes.forEach(n -> flatten(n, all));
        return all.stream().filter(t -> name.equals(t.name())).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    static void flatten(TaskNode n, List<Task> out) {
        if (n instanceof Task t) {
            out.add(t);
        } else if (n instanceof Block b) {
            b.block().forEach(c -> flatten(c, out));
            b.rescue().forEach(c -> flatten(c, out));
            b.always().forEach(c -> flatten(c, out));
        }
    }

    @Test
    void import_playbook_inlines_plays_with_its_tags_and_vars() {
        assertThat(pb.plays()).hasSize(2);
        Play common = pb.plays().get(0);
        assertThat(common.name()).isEqualTo("everyone");
        assertThat(common.tags()).containsExactly("common");
        assertThat(common.vars()).containsEntry("imported", true);
        assertThat(common.gatherFacts()).isFalse();
        assertThat(common.mark().file()).endsWith("common.yml");
    }

    @Test
    void play_keywords() {
        assertThat(web.name()).isEqualTo("web servers");
        assertThat(web.hosts()).isEqualTo("web:&lab");
        assertThat(web.vars()).containsEntry("mtu", 9000L);
        assertThat(web.varsFiles()).containsExactly(List.of("vars/lab.yml"), List.of("vars/{{ site }}.yml"));
        assertThat(web.become()).isEqualTo(new BecomeSpec(true, "root", "doas"));
        assertThat(web.serial()).containsExactly(1, "30%");
        assertThat(web.strategy()).isEqualTo("free");
        assertThat(web.maxFailPercentage()).isEqualTo(20);
        assertThat(web.anyErrorsFatal()).isFalse();
        assertThat(web.gatherFacts()).isFalse();
        assertThat(web.tags()).containsExactly("web");
        assertThat(web.environment()).containsEntry("LC_ALL", "C");
        assertThat(web.baseDir()).isEqualTo(SITE.getParent());
        assertThat(web.mark()).isEqualTo(new SourceMark(SITE.toString(), 7, 3));
        assertThat(web.preTasks()).hasSize(1);
        assertThat(web.postTasks()).hasSize(1);
    }

    @Test
    void roles_become_blocks_before_the_play_tasks() {
        Block base = (Block) web.tasks().get(0);
        Block role = (Block) web.tasks().get(1);
        assertThat(base.role()).isEqualTo("base");
        assertThat(((Task) base.block().get(0)).name()).isEqualTo("base task"); // main.yaml works too
        assertThat(role.role()).isEqualTo("web");
        assertThat(role.baseDir()).isEqualTo(SITE.getParent().resolve("roles/web"));
        assertThat(role.roleDefaults()).containsEntry("port", 80L).containsEntry("listen_addr", "127.0.0.1");
        // role vars, then the entry's vars; inline params apart (Ansible's role params, seen by the role alone)
        assertThat(role.vars()).containsEntry("config_dir", "/usr/local/etc").containsEntry("port", 8080L)
                .doesNotContainKey("listen_addr");
        assertThat(role.roleMeta().params()).containsExactly(java.util.Map.entry("listen_addr", "0.0.0.0"));
        assertThat(role.tags()).containsExactly("nginx");
        assertThat(role.block()).hasSize(2);
        Block more = (Block) role.block().get(1);
        // include_tasks is a task of its own (reported as Ansible does), then the included tasks
        assertThat(((Task) more.block().get(0)).module()).isEqualTo("include_tasks");
        assertThat(((Task) more.block().get(1)).name()).isEqualTo("more web");
        assertThat(((Task) web.tasks().get(2)).name()).isEqualTo("list /tmp");
    }

    @Test
    void role_handlers_follow_the_play_handlers_and_answer_to_their_qualified_name() {
        assertThat(web.handlers()).extracting(Task::name).containsExactly("restart web", "reload pf", "restart nginx");
        Task h = web.handlers().get(2);
        assertThat(h.listen()).containsExactly("web : restart nginx");
        assertThat(web.handlers().get(1).listen()).containsExactly("reload things");
    }

    @Test
    void free_form_modules_keep_the_raw_string_and_take_their_own_k_v_out() {
        Task ls = task(web.tasks(), "list /tmp");
        assertThat(ls.module()).isEqualTo("command");
        assertThat(ls.args()).containsExactly(Map.entry("chdir", "/tmp"), Map.entry("cmd", "ls -l"));
        assertThat(ls.register()).isEqualTo("listing");
        assertThat(ls.changedWhen()).containsExactly("false");
        Task pipe = task(web.tasks(), "pipe");
        assertThat(pipe.args()).containsEntry("cmd", "ls | wc -l").containsEntry("chdir", "/var");
    }

    @Test
    void k_v_strings_with_quotes() {
        Task copy = task(web.tasks(), "k=v args");
        assertThat(copy.args()).containsExactly(Map.entry("src", "motd"), Map.entry("dest", "/etc/motd file"),
                Map.entry("mode", "0644"));
        assertThat(copy.notifies()).containsExactly("restart web", "reload things");
        Task hello = task(web.preTasks(), "say hello");
        assertThat(hello.args()).containsExactly(Map.entry("msg", "hello {{ inventory_hostname }}"));
    }

    @Test
    void loops_and_loop_control() {
        Task loop = task(web.tasks(), "loop");
        assertThat(loop.loop()).isEqualTo(List.of(Map.of("name", "bridge0", "members", List.of("em0")),
                Map.of("name", "bridge1", "members", List.of("em1"))));
        assertThat(loop.loopControl()).isEqualTo(new LoopControl("br", null, "{{ br.name }}", 0, false, true));
        // a when: given as "{{ x }}" means the bare expression
        assertThat(loop.when()).containsExactly("ansible_system == 'FreeBSD'", "do_bridges");
        Task items = task(web.tasks(), "with_items");
        assertThat(items.loop()).isEqualTo(new org.drover.playbook.LoopWith("items", "{{ groups['web'] }}"));
        assertThat(items.loopControl()).isEqualTo(LoopControl.DEFAULT);
    }

    @Test
    void every_task_keyword() {
        Task t = task(web.tasks(), "retried");
        assertThat(t.retries()).isEqualTo(5);
        assertThat(t.delay()).isEqualTo(2);
        assertThat(t.until()).containsExactly("result.rc == 0");
        assertThat(t.failedWhen()).containsExactly("result.rc > 1");
        assertThat(t.ignoreErrors()).isEqualTo(true);
        assertThat(t.checkMode()).isFalse();
        assertThat(t.diff()).isTrue();
        assertThat(t.runOnce()).isTrue();
        assertThat(t.noLog()).isTrue();
        assertThat(t.timeout()).isEqualTo(30);
        assertThat(t.environment()).containsEntry("FOO", "bar");
        assertThat(t.vars()).containsEntry("x", 1L);
        assertThat(t.tags()).containsExactly("check", "slow");
        assertThat(t.become()).isEqualTo(new BecomeSpec(false, null, null));
        assertThat(t.mark()).isEqualTo(new SourceMark(SITE.toString(), 63, 7));
    }

    @Test
    void local_action_and_delegate_to_localhost() {
        Task local = task(web.tasks(), "locally");
        assertThat(local.module()).isEqualTo("command");
        assertThat(local.args()).containsEntry("cmd", "date");
        assertThat(local.delegateTo()).isEqualTo("localhost");
        assertThat(task(web.tasks(), "delegated").delegateTo()).isEqualTo("localhost");
        Task action = (Task) web.tasks().get(web.tasks().size() - 1);
        assertThat(action.module()).isEqualTo("service");
        assertThat(action.args()).containsEntry("name", "pf").containsEntry("state", "reloaded");
        assertThat(action.delegateTo()).isNull();
    }

    @Test
    void blocks_with_rescue_always_and_imports_as_blocks() {
        Block guarded = web.tasks().stream().filter(n -> "guarded".equals(n.name())).map(Block.class::cast)
                .findFirst().orElseThrow();
        assertThat(guarded.when()).containsExactly("guard");
        assertThat(guarded.become()).isEqualTo(new BecomeSpec(true, null, null));
        assertThat(guarded.block()).hasSize(2);
        Block imported = (Block) guarded.block().get(1);
        assertThat(imported.when()).containsExactly("extra | bool");
        assertThat(imported.tags()).containsExactly("extra");
        assertThat(imported.vars()).containsEntry("extra_var", 1L);
        assertThat(imported.block()).hasSize(2);
        Block nested = (Block) imported.block().get(1);
        assertThat(((Task) nested.block().get(0)).mark().file()).endsWith("tasks/nested.yml");
        assertThat(((Task) guarded.rescue().get(0)).args()).containsEntry("msg", "rescued");
        Task flush = (Task) guarded.always().get(0);
        assertThat(flush.module()).isEqualTo("meta");
        assertThat(flush.args()).containsExactly(Map.entry("action", "flush_handlers"));
    }

    @Test
    void model_is_immutable() {
        assertThatThrownBy(() -> web.tasks().add(web.tasks().get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> web.vars().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void meta_without_a_declared_module_keeps_the_action_as_raw(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("p.yml");
        Files.writeString(f, "- hosts: all\n  tasks:\n    - meta: flush_handlers\n    - meta: end_hots\n");
        var specs = TestModules.specs().stream().filter(s -> !s.name().equals("meta")).toList();
        LoadException e = org.junit.jupiter.api.Assertions.assertThrows(LoadException.class,
                () -> new PlaybookLoader(specs).load(f));
        assertThat(e.errors()).hasSize(1);
        assertThat(e.errors().get(0).mark()).isEqualTo(new SourceMark(f.toString(), 4, 13));
        assertThat(e.errors().get(0).message()).contains("did you mean 'end_host'?");
        Files.writeString(f, "- hosts: all\n  tasks:\n    - meta: flush_handlers\n");
        Task t = (Task) new PlaybookLoader(specs).load(f).plays().get(0).tasks().get(0);
        assertThat(t.args()).containsExactly(Map.entry("_raw", "flush_handlers"));
    }

    @Test
    void an_alias_runs_as_the_module_it_names_with_the_same_arguments(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("p.yml");
        Files.writeString(f, "- hosts: all\n  tasks:\n    - ansible.builtin.copy: {content: x, dest: /tmp/y}\n"
                + "    - ansible.builtin.copy: {content: x, dset: /tmp/y}\n");
        var specs = TestModules.specs().stream()
                .map(s -> s.name().equals("copy") ? s.withBuiltinAliases() : s).toList();
        LoadException e = org.junit.jupiter.api.Assertions.assertThrows(LoadException.class,
                () -> new PlaybookLoader(specs).load(f));
        assertThat(e.errors()).extracting(x -> x.mark().line()).containsOnly(4);
        assertThat(e.errors()).extracting(x -> x.message()).anySatisfy(
                m -> assertThat(m).contains("has no argument 'dset'"));
        Files.writeString(f, "- hosts: all\n  tasks:\n    - ansible.builtin.copy: {content: x, dest: /tmp/y}\n");
        Task t = (Task) new PlaybookLoader(specs).load(f).plays().get(0).tasks().get(0);
        assertThat(t.module()).isEqualTo("copy");
        assertThat(t.displayName()).as("an unnamed task is shown as Ansible shows it").isEqualTo("ansible.builtin.copy");
        assertThat(t.args()).containsEntry("dest", "/tmp/y");
    }

    @Test
    void an_ansible_name_drover_does_not_answer_to_says_why(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("p.yml");
        Files.writeString(f, "- hosts: all\n  tasks:\n    - ansible.posix.copy: {content: x, dest: /tmp/y}\n"
                + "    - ansible.builtin.service: {name: sshd}\n");
        var specs = TestModules.specs().stream()
                .map(s -> s.name().equals("copy") ? s.withBuiltinAliases() : s).toList();
        LoadException e = org.junit.jupiter.api.Assertions.assertThrows(LoadException.class,
                () -> new PlaybookLoader(specs).load(f));
        assertThat(e.errors()).extracting(x -> x.message()).containsExactly(
                "unknown module 'ansible.posix.copy': drover's 'copy' answers to ansible.builtin.copy,"
                        + " ansible.legacy.copy (Ansible's names for it), not to this one; write one of those, or"
                        + " 'copy:'",
                "unknown module 'ansible.builtin.service': drover's 'service' does not take Ansible's arguments"
                        + " exactly, so it does not answer to that name; write 'service:' and check its arguments"
                        + " with 'drover doc service'");
    }

    @Test
    void errors_of_several_playbooks_come_together(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.yml");
        Path b = dir.resolve("b.yml");
        Files.writeString(a, "- hosts: all\n  tasks:\n    - pingg:\n");
        Files.writeString(b, "- hosts: all\n  strategy: random\n");
        LoadException e = org.junit.jupiter.api.Assertions.assertThrows(LoadException.class,
                () -> TestModules.loader().loadAll(List.of(a, b)));
        assertThat(e.errors()).extracting(x -> x.mark().file()).containsExactly(a.toString(), b.toString());
    }

    @Test
    void templated_arguments_are_left_for_run_time(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("p.yml");
        Files.writeString(f, "- hosts: all\n  tasks:\n    - bridge:\n        name: \"{{ br }}\"\n        mtu: \"{{ m }}\"\n");
        Task t = (Task) TestModules.loader().load(f).plays().get(0).tasks().get(0);
        assertThat(t.args()).containsEntry("name", "{{ br }}").containsEntry("mtu", "{{ m }}");
    }

    @Test
    void an_include_in_a_role_that_names_a_missing_file_points_at_the_include(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("roles/r/tasks"));
        Files.writeString(dir.resolve("roles/r/tasks/main.yml"), "- import_tasks: gone.yml\n");
        Path f = dir.resolve("p.yml");
        Files.writeString(f, "- hosts: all\n  roles: [r]\n");
        LoadException e = org.junit.jupiter.api.Assertions.assertThrows(LoadException.class,
                () -> TestModules.loader().load(f));
        assertThat(e.errors()).hasSize(1);
        assertThat(e.errors().get(0).mark()).isEqualTo(new SourceMark(dir.resolve("roles/r/tasks/main.yml").toString(), 1, 17));
        assertThat(e.errors().get(0).message()).startsWith("file not found: ");
    }

    @Test
    void import_role_inside_a_role_finds_roles_next_to_the_playbook(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("roles/outer/tasks/sub"));
        Files.createDirectories(dir.resolve("roles/inner/tasks"));
        Files.writeString(dir.resolve("roles/outer/tasks/main.yml"), "- import_tasks: sub/more.yml\n");
        Files.writeString(dir.resolve("roles/outer/tasks/sub/more.yml"), "- import_role:\n    name: inner\n  vars:\n    v: 1\n");
        Files.writeString(dir.resolve("roles/inner/tasks/main.yml"), "- name: inner task\n  ping:\n");
        Path f = dir.resolve("p.yml");
        Files.writeString(f, "- hosts: all\n  roles: [outer]\n");
        Block outer = (Block) TestModules.loader().load(f).plays().get(0).tasks().get(0);
        Block sub = (Block) outer.block().get(0);
        Block inner = (Block) sub.block().get(0);
        assertThat(inner.role()).isEqualTo("inner");
        assertThat(inner.vars()).containsEntry("v", 1L);
        assertThat(((Task) inner.block().get(0)).name()).isEqualTo("inner task");
    }
}
