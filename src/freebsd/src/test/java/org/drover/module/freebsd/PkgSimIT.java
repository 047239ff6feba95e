package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.module.freebsd.LocalSimHost.assertStatus;
import static org.drover.module.freebsd.LocalSimHost.m;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.drover.module.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pkg against the simulated pkg(8) with the local /bin/sh: bootstrap, converge, rerun, latest, absent, failures. */
class PkgSimIT {
    @TempDir
    Path dir;
    LocalSimHost h;
    final PkgModule pkg = new PkgModule();

    @BeforeEach
    void host() throws Exception {
        h = new LocalSimHost(dir).root(Files.createDirectories(dir.resolve("root")));
    }

    @Test
    void bootstrap_install_rerun_upgrade_delete() throws Exception {
        Map<String, Object> web = m("name", List.of("nginx", "curl"));
        h.check(true);
        Outcome preview = h.run(pkg, web);
        assertStatus(preview, Outcome.Status.CHANGED);
        assertThat(h.scripts).hasSize(1);
        assertThat(h.sh("pkg -N").exitStatus()).as("check mode bootstraps nothing").isEqualTo(1);
        h.check(false);

        Outcome o = h.run(pkg, web);
        assertStatus(o, Outcome.Status.CHANGED);
        assertThat(o.result().get("commands")).isEqualTo(preview.result().get("commands")).isEqualTo(
                List.of("env ASSUME_ALWAYS_YES=yes pkg bootstrap", "pkg install -y nginx curl"));
        assertThat(Files.readString(dir.resolve("root/usr/local/etc/rc.d/nginx"))).contains("rcvar=nginx_enable");
        assertStatus(h.run(pkg, web), Outcome.Status.OK);
        assertThat(h.scripts).as("a rerun is one round trip").hasSize(1);

        Files.writeString(dir.resolve("state/pkg-catalogue.json"), "{\"nginx\": \"1.28.1,3\"}");
        Outcome up = h.run(pkg, m("name", "nginx", "state", "latest"));
        assertStatus(up, Outcome.Status.CHANGED);
        assertThat(up.result().get("commands")).isEqualTo(List.of("pkg upgrade -y nginx"));
        assertStatus(h.run(pkg, m("name", "nginx", "state", "latest")), Outcome.Status.OK);

        Outcome refused = h.run(pkg, m("name", "pcre2", "state", "absent"));
        assertStatus(refused, Outcome.Status.FAILED);
        assertThat(refused.message()).startsWith("cannot delete pcre2: nginx depends on it");
        Outcome gone = h.run(pkg, m("name", "curl", "state", "absent", "autoremove", true));
        assertStatus(gone, Outcome.Status.CHANGED);
        assertThat(h.output("pkg query %n")).isEqualTo("nginx\npcre2\npkg\n");
    }

    @Test
    void unknown_package_and_unreachable_repository_change_nothing() throws Exception {
        h.sh("env ASSUME_ALWAYS_YES=yes pkg bootstrap");
        Outcome o = h.run(pkg, m("name", List.of("curl", "nosuch")));
        assertStatus(o, Outcome.Status.FAILED);
        assertThat(o.message()).isEqualTo("No packages available to install matching 'nosuch' have been found in "
                + "the repositories");
        Files.writeString(dir.resolve("state/pkg-repo-unreachable"), "");
        Outcome u = h.run(pkg, m("name", "curl"));
        assertStatus(u, Outcome.Status.FAILED);
        assertThat(u.message()).startsWith("repository FreeBSD cannot be reached (pkg: https://pkg.FreeBSD.org/");
        assertThat(h.output("pkg query %n")).isEqualTo("pkg\n");
    }

    @Test
    void chroot_has_its_own_database() throws Exception {
        Files.createDirectories(dir.resolve("root/jails/t"));
        Map<String, Object> t = m("name", "curl", "chroot", "/jails/t");
        assertStatus(h.run(pkg, t), Outcome.Status.CHANGED);
        assertStatus(h.run(pkg, t), Outcome.Status.OK);
        assertThat(h.output("pkg query %n")).isEqualTo("pkg\n");
        assertThat(h.output("pkg -c /jails/t query %n")).contains("curl\n");
    }
}
