package org.drover.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** route(8): static routes per vnet, reachability of the gateway, and the routes going with a jail's vnet. */
class RouteTest {
    @TempDir
    Path dir;

    @Test
    void default_route_needs_a_reachable_gateway_and_is_added_once() {
        SimRunner host = new SimRunner(dir);
        host.run("ifconfig", "epair", "create").ok();
        SimRunner.Result unreachable = host.run("route", "add", "default", "10.0.0.1");
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.stderr()).isEqualTo("route: writing to routing socket: Network is unreachable\n"
                + "add net default: gateway 10.0.0.1 fib 0: Network is unreachable\n");
        host.run("ifconfig", "epair0a", "inet", "10.0.0.2/24").ok();
        assertThat(host.run("route", "add", "default", "10.0.0.1").ok().stdout()).isEqualTo("add net default: gateway 10.0.0.1\n");
        SimRunner.Result again = host.run("route", "add", "default", "10.0.0.1");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.stderr()).endsWith("route already in table\n");
        assertThat(host.run("route", "-n", "get", "default").ok().stdout()).contains("    gateway: 10.0.0.1\n")
                .contains("  interface: epair0a\n");
    }

    @Test
    void a_jail_vnet_has_its_own_table_which_goes_with_the_jail() {
        SimRunner host = new SimRunner(dir);
        host.mkdirHost("/jails/web");
        host.run("ifconfig", "epair", "create").ok();
        host.run("jail", "-c", "name=web", "path=/jails/web", "vnet", "vnet.interface=epair0b", "persist").ok();
        host.runIn("web", "ifconfig", "epair0b", "inet", "10.1.0.2/24").ok();
        host.runIn("web", "route", "add", "default", "10.1.0.1").ok();
        assertThat(host.run("route", "get", "default").exit()).isEqualTo(1);
        host.run("jail", "-r", "web").ok();
        host.run("jail", "-c", "name=web", "path=/jails/web", "vnet", "vnet.interface=epair0b", "persist").ok();
        host.runIn("web", "ifconfig", "epair0b", "inet", "10.1.0.2/24").ok();
        assertThat(host.runIn("web", "route", "add", "default", "10.1.0.1").ok().stdout())
                .isEqualTo("add net default: gateway 10.1.0.1\n");
    }
}
