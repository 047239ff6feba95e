package org.drover.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.drover.yaml.LoadError;
import org.drover.yaml.LoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed INI and YAML inventories that hung, overflowed or were accepted: each now a located error. */
class InventoryLimitsTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private List<LoadError> errors(Path f) {
        try {
            InventoryLoader.load(List.of(f));
        } catch (LoadException e) {
            return e.errors();
        }
        throw new AssertionError("expected errors for " + f);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // an infinite loop (char overflow) before
        "web[a:z:65536]            | weba",
        // an int overflow (infinite loop) before
        "web[2147483647:2147483647] | web2147483647",
        // Ansible's order of letters: a to z, then A to Z
        "x[y:B]                    | xy xz xA xB",
        // an empty start is 0, as in Ansible
        "n[:2]                     | n0 n1 n2",
        "db[08:10]                 | db08 db09 db10",
    })
    void ranges_expand_as_in_ansible_without_overflow(String entry, String hosts) throws IOException {
        Inventory inv = InventoryLoader.load(List.of(write("hosts", "[g]\n" + entry + "\n")));
        assertThat(inv.hosts()).extracting(Host::name).containsExactly(hosts.split(" "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // no cap before: 4+ GB, SIGTERM ignored meanwhile
        "web[0:99999999]                 | 2:1: bad host range in 'web[0:99999999]': expands to more than 100000 hosts",
        "a[0:999]b[0:999]                | 2:1: bad host range in 'a[0:999]b[0:999]': expands to more than 100000 hosts",
        "web[0:99999999999999999999]     | 2:1: range end '99999999999999999999' is too large",
        "web[A:z]                        | 2:1: range start A is after its end z",
        "web[01:3]                       | 2:1: host range must specify equal-length begin and end formats",
        // NumberFormatException stack trace before
        "web:99999999999999999999        | 2:1: bad port in 'web:99999999999999999999': a port is a number from 1 to 65535",
        "web:99999999                    | 2:1: bad port in 'web:99999999': a port is a number from 1 to 65535",
        "web:0                           | 2:1: a port is a number from 1 to 65535",
        // accepted as host names before
        "=                               | 2:1: bad host name '?': it contains '='",
        "a[b                             | 2:1: bad host name 'a?b': it contains '['",
        "a]b                             | 2:1: bad host name 'a?b': it contains ']'",
    })
    void bad_host_entries_are_located_errors(String entry, String expected) throws IOException {
        Path f = write("hosts", "[g]\n" + entry + "\n");
        List<LoadError> errors = errors(f);
        assertThat(errors).hasSize(1);
        String[] parts = expected.split(": ", 2);
        assertThat(errors.get(0).mark().toString()).isEqualTo(f + ":" + parts[0]);
        assertThat(errors.get(0).message()).contains(parts[1]);
    }

    @Test
    void a_nul_in_a_host_name_is_refused() throws IOException {
        Path f = write("hosts", "[g]\nweb\u0000x\n");
        assertThat(errors(f).get(0).message()).isEqualTo("bad host name 'web?x': it contains the character U+0000"
                + " (whitespace or control)");
    }

    @Test
    void yaml_inventory_host_names_and_ports_are_checked_too() throws IOException {
        Path f = write("inv.yml", "all:\n  hosts:\n    'web:70000':\n    'a b':\n");
        assertThat(errors(f)).extracting(LoadError::toString).containsExactly(
                f + ":3:5: bad port in 'web:70000': a port is a number from 1 to 65535",
                f + ":4:5: bad host name 'a?b': it contains the character U+0020 (whitespace or control)");
    }

    @Test
    void a_byte_order_mark_is_not_part_of_the_first_line() throws IOException {
        // '[web]' became a host before.
        Path f = tmp.resolve("hosts");
        Files.write(f, "\uFEFF[web]\nh1\n".getBytes(StandardCharsets.UTF_8));
        Inventory inv = InventoryLoader.load(List.of(f));
        assertThat(inv.hosts()).extracting(Host::name).containsExactly("h1");
        assertThat(inv.groups().get("web").hosts()).containsExactly("h1");
    }

    @Test
    void a_children_loop_points_at_the_entry_that_closes_it() throws IOException {
        // <unknown>:0:0 before.
        Path ini = write("loop.ini", "[a:children]\nb\n[b:children]\na\n");
        assertThat(errors(ini)).extracting(LoadError::toString).containsExactly(
                ini + ":2:1: group 'a' is its own ancestor (children loop: a -> b -> a)");
        Path yml = write("loop.yml", "a:\n  children:\n    b:\n      children:\n        a:\n");
        assertThat(errors(yml).get(0).mark().toString()).startsWith(yml + ":");
        assertThat(errors(yml).get(0).mark().line()).isPositive();
    }

    @Test
    void a_chain_of_3000_children_is_an_error_not_a_stack_overflow() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 2999; i >= 0; i--) { // listed deepest first, so that resolving recurses
            s.append("[g").append(i).append(":children]\ng").append(i + 1).append('\n');
        }
        s.append("[g3000]\nh1\n");
        List<LoadError> errors = errors(write("chain.ini", s.toString()));
        assertThat(errors).isNotEmpty().allSatisfy(e -> {
            assertThat(e.message()).isEqualTo("groups are nested deeper than 100 levels of children");
            assertThat(e.mark().line()).isPositive();
        });
    }

    @Test
    void a_fifo_as_inventory_is_refused_without_opening_it() throws Exception {
        Path fifo = tmp.resolve("hosts");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThat(errors(fifo).get(0).message()).startsWith("inventory source is not a regular file");
    }

    @Test
    void a_bad_group_priority_points_at_its_line() throws IOException {
        // <unknown>:0:0 before.
        Path ini = write("hosts", "[a]\nh1\n[a:vars]\nansible_group_priority=high\n");
        assertThat(errors(ini)).extracting(LoadError::toString).containsExactly(ini + ":4:1: group 'a':"
                + " ansible_group_priority must be an integer, got 'high'");
        Path yml = write("inv.yml", "a:\n  hosts:\n    h1:\n  vars:\n    ansible_group_priority: high\n");
        assertThat(errors(yml).get(0).mark().toString()).isEqualTo(yml + ":5:29");
    }

    @Test
    void a_loop_through_all_has_a_location_too() throws IOException {
        Path ini = write("hosts", "[x:children]\nall\n[x]\nh1\n");
        assertThat(errors(ini)).isNotEmpty().allSatisfy(e -> assertThat(e.mark().line()).isPositive());
    }
}
