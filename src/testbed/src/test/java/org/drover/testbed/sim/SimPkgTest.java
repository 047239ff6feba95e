package org.drover.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.testbed.sim.SimRunner.assertSame;
import static org.drover.testbed.sim.SimRunner.sample;
import static org.drover.testbed.sim.SimRunner.sampleLines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pkg(8) and its bootstrap stub: the reconstructed samples, byte for byte, and the package database's behaviour. */
class SimPkgTest {
    @TempDir
    Path dir;
    SimRunner host;

    @BeforeEach
    void setUp() {
        host = new SimRunner(dir);
    }

    void bootstrap() {
        host.exec(List.of(SimRunner.binDir().resolve("pkg").toString(), "bootstrap"),
                Map.of("ASSUME_ALWAYS_YES", "yes")).ok();
    }

    @Test
    void stub_until_bootstrapped() {
        List<String> n = sampleLines("pkg-N-activation-reconstructed.txt");
        assertSame(host.run("pkg", "-N"), "", n.get(0), 1);
        assertThat(host.run("pkg", "install", "-y", "nginx").stderr())
                .startsWith("The package management tool is not yet installed on your system.\n");
        bootstrap();
        host.run("pkg", "install", "-y", "nginx", "curl").ok();
        String all = host.run("pkg", "query", "%n").stdout();
        assertThat(all.lines().count()).isEqualTo(10);
        assertSame(host.run("pkg", "-N"), "", n.get(1).replace("14", "10"), 0);
        assertThat(host.run("pkg", "bootstrap").stdout()).isEqualTo("pkg already bootstrapped at /usr/local/sbin/pkg\n");
    }

    private String readState() {
        try {
            return Files.readString(host.state().resolve("pkg.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void query_formats_as_the_samples() {
        bootstrap();
        host.run("pkg", "install", "-y", "nginx", "curl").ok();
        assertSame(host.run("pkg", "query", "%n %v %a %o"),
                sample("pkg-query-name-version-automatic-origin-reconstructed.txt"), "", 0);
        assertSame(host.run("pkg", "query", "%n %dn"), sample("pkg-query-name-deps-reconstructed.txt"), "", 0);
        assertThat(host.run("pkg", "query", "%n", "nginx", "vim").stdout()).isEqualTo("nginx\n");
        assertThat(host.run("pkg", "query", "%n", "vim").exit()).isEqualTo(1);
        assertThat(host.readHost("/usr/local/etc/rc.d/nginx")).contains("name=\"nginx\"\n")
                .contains("rcvar=nginx_enable\n");
    }

    @Test
    void no_database_in_a_fresh_chroot() {
        bootstrap();
        host.mkdirHost("/jails/t");
        assertSame(host.run("pkg", "-c", "/jails/t", "query", "%n %v %a %o"), "",
                sample("pkg-query-no-database-reconstructed.txt"), 0);
        host.run("pkg", "-c", "/jails/t", "install", "-y", "curl").ok();
        assertThat(host.run("pkg", "-c", "/jails/t", "query", "%n").stdout()).contains("curl\n");
        assertThat(host.run("pkg", "query", "%n").stdout()).isEqualTo("pkg\n");
    }

    @Test
    void unknown_package_and_unreachable_repository() {
        bootstrap();
        List<String> u = sampleLines("pkg-install-unknown-package-reconstructed.txt");
        assertSame(host.run("pkg", "install", "-y", "nosuch"), u.get(0) + u.get(1) + u.get(2), u.get(3), 1);
        host.writeState("pkg-repo-unreachable", "");
        List<String> r = sampleLines("pkg-install-unreachable-repository-reconstructed.txt");
        assertSame(host.run("pkg", "install", "-y", "curl"), r.get(0) + r.get(2) + r.get(5) + r.get(6),
                r.get(1) + r.get(3) + r.get(4), 3);
        assertThat(host.run("pkg", "query", "%n").stdout()).isEqualTo("pkg\n");
    }

    @Test
    void upgrade_dry_run_as_the_sample() {
        bootstrap();
        host.run("pkg", "install", "-y", "nginx", "curl").ok();
        host.writeState("pkg-catalogue.json", "{\"nginx\": \"1.28.0_1,3\"}");
        String[] runs = sample("pkg-upgrade-n-reconstructed.txt").split("--\n");
        assertSame(host.run("pkg", "upgrade", "-n", "curl"), runs[1], "", 0);
        // the sample's host had nginx 1.26.3,3 installed
        String state = readState().replace("\"1.28.0_1,3\"", "\"1.26.3,3\"");
        host.writeState("pkg.json", state);
        assertSame(host.run("pkg", "upgrade", "-n", "nginx", "curl"), runs[0], "", 0);
    }

    @Test
    void delete_cascades_and_autoremove_takes_the_orphans() {
        bootstrap();
        host.run("pkg", "install", "-y", "nginx", "curl").ok();
        host.run("pkg", "delete", "-y", "pcre2").ok();
        assertThat(host.run("pkg", "info", "-e", "nginx").exit()).as("pkg delete removes dependents").isEqualTo(1);
        host.run("pkg", "delete", "-y", "curl").ok();
        host.run("pkg", "autoremove", "-y").ok();
        assertThat(host.run("pkg", "query", "%n").stdout()).isEqualTo("pkg\n");
    }
}
