package org.drover.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPatternTest {
    // web1..web4 in web (web1, web2 also in prod), db1, db2 in db (db1 also in prod), mon ungrouped
    private static final Inventory INV = new Inventory(
            List.of(host("web1", "web", "prod"), host("web2", "web", "prod"), host("web3", "web"), host("web4", "web"),
                    host("db1", "db", "prod"), host("db2", "db"), host("mon", "ungrouped")),
            List.of(new Group("all", List.of(), List.of("ungrouped", "web", "db", "prod"), Map.of()),
                    new Group("ungrouped", List.of("mon"), List.of(), Map.of()),
                    new Group("web", List.of("web1", "web2", "web3", "web4"), List.of(), Map.of()),
                    new Group("db", List.of("db1", "db2"), List.of(), Map.of()),
                    new Group("prod", List.of("web1", "web2", "db1"), List.of(), Map.of())));

    private static Host host(String name, String... groups) {
        List<String> g = new java.util.ArrayList<>(List.of("all"));
        g.addAll(List.of(groups));
        return new Host(name, g, Map.of());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " -> ", value = {
            "all -> web1 web2 web3 web4 db1 db2 mon",
            "* -> web1 web2 web3 web4 db1 db2 mon",
            "web -> web1 web2 web3 web4",
            "web:db -> web1 web2 web3 web4 db1 db2",
            "web,db -> web1 web2 web3 web4 db1 db2",
            "web:&prod -> web1 web2",
            "all:!prod -> web3 web4 db2 mon",
            "web:!web3:&prod -> web1 web2",
            "db* -> db1 db2",
            "w?b1 -> web1",
            "~^(web|db)1$ -> web1 db1",
            "web[0] -> web1",
            "web[-1] -> web4",
            "web[1:2] -> web2 web3",
            "web[2:] -> web3 web4",
            "mon -> mon",
            "nosuch -> ''",
            // a NumberFormatException before; as an index past the end
            "web[99999999999] -> ''",
    })
    void selects_like_ansible(String pattern, String expected) {
        List<String> names = INV.select(pattern).stream().map(Host::name).toList();
        assertThat(String.join(" ", names)).isEqualTo(expected);
    }

    @Test
    void jail_targets_are_selected_like_hosts() {
        Inventory inv = new Inventory(List.of(host("lab01"), host("web@lab01", "jails"), host("web@lab02", "jails")),
                List.of(new Group("all", List.of("lab01"), List.of("jails"), Map.of()),
                        new Group("jails", List.of("web@lab01", "web@lab02"), List.of(), Map.of())));
        assertThat(inv.select("web@lab01").stream().map(Host::name)).containsExactly("web@lab01");
        assertThat(inv.select("web@*").stream().map(Host::name)).containsExactly("web@lab01", "web@lab02");
        assertThat(inv.select("*@lab01:lab01").stream().map(Host::name)).containsExactly("web@lab01", "lab01");
        assertThat(inv.select("jails:!web@lab02").stream().map(Host::name)).containsExactly("web@lab01");
    }
}
