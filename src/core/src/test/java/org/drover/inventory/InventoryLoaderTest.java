package org.drover.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.drover.yaml.LoadError;
import org.drover.yaml.LoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InventoryLoaderTest {
    static final Path RES = Path.of("src/test/resources/inventories");

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void ini_values_are_python_literals_as_ansible_reads_them() throws Exception {
        // Measured with ansible-inventory 2.14: port 8080, enabled True, ratio 0.5, label 'two words', name 'q',
        // yes 'yes', t 'true', l [1, 2], n None, hex 16, oct '007', js "{k:1}", q '5'; in [web:vars] port 9090,
        // debug 'false', flag True, s 'quoted', words 'a b'
        Path f = write("hosts", """
                [web]
                web[1:3:2] port=8080 enabled=True ratio=0.5 label="two words" name='q' yes=yes t=true l="[1, 2]" n=None hex=0x10 oct=007 js={'k':1} q="'5'"
                [web:vars]
                port=9090
                debug=false
                flag=True
                s="quoted"
                words=a b
                [all:children]
                web
                """);
        Inventory inv = InventoryLoader.load(List.of(f));
        assertThat(inv.hosts()).extracting(Host::name).containsExactly("web1", "web3");
        Host h = inv.host("web3").orElseThrow();
        assertThat(h.vars()).containsEntry("port", 8080L).containsEntry("enabled", true).containsEntry("ratio", 0.5)
                .containsEntry("label", "two words").containsEntry("name", "q").containsEntry("yes", "yes")
                .containsEntry("t", "true").containsEntry("l", List.of(1L, 2L)).containsEntry("n", null)
                .containsEntry("hex", 16L).containsEntry("oct", "007").containsEntry("js", "{k:1}").containsEntry("q", "5")
                .containsEntry("debug", "false");
        assertThat(inv.groups().get("web").vars()).containsEntry("port", 9090L).containsEntry("flag", true)
                .containsEntry("s", "quoted").containsEntry("words", "a b");
    }

    @Test
    void host_colon_port_sets_the_port() throws Exception {
        Path f = write("h.ini", "db1:2222\n");
        assertThat(InventoryLoader.load(List.of(f)).host("db1").orElseThrow().vars()).containsEntry("ansible_port", 2222L);
    }

    @Test
    void precedence_children_over_parents_host_over_groups_dirs_over_files_playbook_over_inventory() throws Exception {
        Path inv = write("inv/hosts.yml", """
                all:
                  vars: {v: all, w: all}
                  children:
                    parent:
                      vars: {v: parent, x: parent}
                      children:
                        child:
                          vars: {v: child}
                          hosts:
                            h1: {y: host}
                """);
        write("inv/group_vars/parent.yml", "x: parent-dir\n");
        write("inv/host_vars/h1.yml", "y: host-dir\nz: inventory\n");
        write("pb/host_vars/h1.yml", "z: playbook\n");
        Host h = InventoryLoader.load(List.of(inv), List.of(tmp.resolve("pb"))).host("h1").orElseThrow();
        assertThat(h.vars()).containsEntry("v", "child").containsEntry("w", "all").containsEntry("x", "parent-dir")
                .containsEntry("y", "host-dir").containsEntry("z", "playbook");
        assertThat(h.groups()).containsExactly("all", "parent", "child");
    }

    @Test
    void group_vars_all_beats_every_group_of_the_inventory_file_as_in_ansible() throws Exception {
        Path inv = write("inv/hosts", """
                [web]
                h1
                [all:vars]
                a=inv_all
                b=inv_all
                [web:vars]
                b=inv_web
                c=inv_web
                d=inv_web
                """);
        write("inv/group_vars/all.yml", "a: gv_all\nb: gv_all\nc: gv_all\nd: gv_all\n");
        write("pb/group_vars/all.yml", "c: pb_all\nd: pb_all\n");
        write("inv/group_vars/web.yml", "d: gv_web\n");
        Host h = InventoryLoader.load(List.of(inv), List.of(tmp.resolve("pb"))).host("h1").orElseThrow();
        assertThat(h.vars()).containsEntry("a", "gv_all").containsEntry("b", "gv_all").containsEntry("c", "pb_all")
                .containsEntry("d", "gv_web");
    }

    @Test
    void siblings_merge_by_ansible_group_priority_then_name() throws Exception {
        Path inv = write("hosts", """
                [alpha]
                h1
                [beta]
                h1
                [gamma]
                h1
                [alpha:vars]
                v=alpha
                w=alpha
                [beta:vars]
                v=beta
                ansible_group_priority=5
                [gamma:vars]
                w=gamma
                ansible_group_priority=0
                """);
        Inventory i = InventoryLoader.load(List.of(inv));
        Host h = i.host("h1").orElseThrow();
        assertThat(h.vars()).containsEntry("v", "beta").containsEntry("w", "alpha");
        assertThat(h.groups()).containsExactly("all", "gamma", "alpha", "beta");
        assertThat(i.source("h1")).contains(inv.toAbsolutePath().normalize());
    }

    @Test
    void a_group_priority_that_is_no_integer_is_an_error() throws Exception {
        Path inv = write("hosts", "[a]\nh1\n[a:vars]\nansible_group_priority=high\n");
        assertThatThrownBy(() -> InventoryLoader.load(List.of(inv))).isInstanceOf(LoadException.class)
                .hasMessageContaining("ansible_group_priority must be an integer");
    }

    @Test
    void several_sources_merge() throws Exception {
        Path a = write("a.yml", "all:\n  children:\n    web:\n      hosts:\n        w1:\n");
        Path b = write("b.ini", "[web]\nw2\n[db]\nd1\n");
        Inventory inv = InventoryLoader.load(List.of(a, b));
        assertThat(inv.hostsOf("web")).extracting(Host::name).containsExactly("w1", "w2");
        assertThat(inv.hostsOf("db")).extracting(Host::name).containsExactly("d1");
    }

    @Test
    void ansible_connection_aliases_resolve() throws Exception {
        Path f = write("c.ini", "h ansible_host=10.0.0.5 ansible_ssh_port=2200 drover_user=op\n");
        Host h = InventoryLoader.load(List.of(f)).host("h").orElseThrow();
        assertThat(h.connectionVar(ConnectionVars.HOST)).contains("10.0.0.5");
        assertThat(h.connectionVar(ConnectionVars.PORT)).contains(2200L);
        assertThat(h.connectionVar(ConnectionVars.USER)).contains("op");
    }

    @Test
    void children_loop_is_an_error() throws Exception {
        Path f = write("loop.ini", "[a:children]\nb\n[b:children]\na\n");
        assertThatThrownBy(() -> InventoryLoader.load(List.of(f))).isInstanceOf(LoadException.class)
                .hasMessageContaining("its own ancestor");
    }

    @Test
    void missing_source_is_reported() {
        assertThatThrownBy(() -> InventoryLoader.load(List.of(tmp.resolve("nope.yml"))))
                .isInstanceOf(LoadException.class).hasMessageContaining("inventory source not found");
    }

    static Stream<Path> broken() throws IOException {
        return Files.list(RES.resolve("broken")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void broken_inventories_name_the_place_and_the_problem(Path file) throws IOException {
        String header = Files.readAllLines(file).get(0);
        String expect = header.substring("# expect: ".length());
        String[] parts = expect.split(": ", 2);
        LoadException e = org.junit.jupiter.api.Assertions.assertThrows(LoadException.class,
                () -> InventoryLoader.load(List.of(file)));
        LoadError first = e.errors().get(0);
        assertThat(first.mark().file()).isEqualTo(file.toString());
        String[] lc = parts[0].split(":");
        assertThat(first.mark().line()).isEqualTo(Integer.parseInt(lc[0]));
        if (lc.length > 1) {
            assertThat(first.mark().column()).isEqualTo(Integer.parseInt(lc[1]));
        }
        assertThat(first.message()).contains(parts[1]);
    }
}
