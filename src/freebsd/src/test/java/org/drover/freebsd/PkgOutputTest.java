package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PkgOutputTest {
    static final List<String> ACTIVATION = Samples.load("pkg-N-activation-reconstructed.txt").lines().toList();

    @Test
    void activation_stub_or_bootstrapped() {
        assertThat(PkgOutput.activated(ACTIVATION.get(0) + "\n", 1)).isFalse();
        assertThat(PkgOutput.activated(ACTIVATION.get(1) + "\n", 0)).isTrue();
        assertThatThrownBy(() -> PkgOutput.activated("sh: pkg: not found\n", 127))
                .hasMessageContaining("exit 127").hasMessageContaining("not found");
    }

    @Test
    void installed_packages_with_automatic_flag_and_origin() {
        var m = PkgOutput.installed(Samples.load("pkg-query-name-version-automatic-origin-reconstructed.txt"), 0);
        assertThat(m).hasSize(10).containsKeys("nginx", "curl", "pkg");
        assertThat(m.get("nginx")).isEqualTo(new PkgOutput.Installed("nginx", "1.28.0_1,3", false, "www/nginx"));
        assertThat(m.get("pcre2").automatic()).isTrue();
        assertThat(m.get("nginx").nameVersion()).isEqualTo("nginx-1.28.0_1,3");
    }

    @Test
    void no_database_is_no_packages_and_garbage_is_an_error() {
        assertThat(PkgOutput.installed(Samples.load("pkg-query-no-database-reconstructed.txt"), 0)).isEmpty();
        assertThatThrownBy(() -> PkgOutput.installed("nginx\n", 0)).hasMessageContaining("unexpected");
        assertThatThrownBy(() -> PkgOutput.installed("pkg: Insufficient privileges\n", 1))
                .hasMessageContaining("exit 1");
    }

    @Test
    void dependencies_one_line_each() {
        var d = PkgOutput.dependencies(Samples.load("pkg-query-name-deps-reconstructed.txt"), 0);
        assertThat(d.get("curl")).containsExactly("ca_root_nss", "libidn2", "libnghttp2", "libpsl");
        assertThat(d.get("nginx")).containsExactly("pcre2");
        assertThat(d).doesNotContainKey("pcre2");
    }

    @Test
    void upgrades_from_the_dry_run_summary() {
        String[] runs = Samples.load("pkg-upgrade-n-reconstructed.txt").split("--\n");
        assertThat(PkgOutput.upgrades(runs[0], 0))
                .containsExactly(new PkgOutput.Upgrade("nginx", "1.26.3,3", "1.28.0_1,3"));
        assertThat(PkgOutput.upgrades(runs[0], 1)).as("pkg 1.x exits 1 for a dry run with actions").hasSize(1);
        assertThat(PkgOutput.upgrades(runs[1], 0)).isEmpty();
        assertThat(PkgOutput.upgrades("The following 1 package(s) will be affected (of 0 checked):\n\n"
                + "Installed packages to be REINSTALLED:\n\tcurl-8.14.1 (options changed)\n\n", 0))
                .containsExactly(new PkgOutput.Upgrade("curl", "8.14.1", "8.14.1"));
    }

    @Test
    void upgrade_errors_are_errors() {
        String unreachable = Samples.load("pkg-install-unreachable-repository-reconstructed.txt");
        assertThatThrownBy(() -> PkgOutput.upgrades(unreachable, 3)).hasMessageContaining("Unable to update");
    }

    @Test
    void failure_messages_name_the_package_or_the_repository() {
        List<String> unknown = Samples.load("pkg-install-unknown-package-reconstructed.txt").lines().toList();
        assertThat(PkgOutput.failure(unknown.get(3) + "\n", String.join("\n", unknown.subList(0, 3))))
                .isEqualTo("No packages available to install matching 'nosuch' have been found in the repositories");
        List<String> u = Samples.load("pkg-install-unreachable-repository-reconstructed.txt").lines().toList();
        String stderr = u.get(1) + "\n" + u.get(3) + "\n" + u.get(4) + "\n";
        String stdout = u.get(0) + "\n" + u.get(2) + "\n" + u.get(5) + "\n" + u.get(6) + "\n";
        assertThat(PkgOutput.failure(stderr, stdout)).isEqualTo("repository FreeBSD cannot be reached (pkg: "
                + "https://pkg.FreeBSD.org/FreeBSD:14:amd64/quarterly/meta.conf: No address record): nothing was "
                + "changed");
    }

    @Test
    void names() {
        assertThat(PkgName.problem("postgresql17-server")).isNull();
        assertThat(PkgName.problem("libstdc++")).isNull();
        assertThat(PkgName.problem("www/nginx")).isNull();
        assertThat(PkgName.problem("-f")).contains("not a package name");
        assertThat(PkgName.problem("nginx;reboot")).contains("not a package name");
        assertThat(PkgName.problem("ngin*")).contains("glob");
        assertThat(PkgName.problem("$(id)")).contains("not a package name");
        assertThat(PkgName.jailProblem("12")).isNull();
        assertThat(PkgName.jailProblem("-j")).isNotNull();
    }
}
