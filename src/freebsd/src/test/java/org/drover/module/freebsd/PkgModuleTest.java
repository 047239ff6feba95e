package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.drover.module.freebsd.LocalSimHost.m;

import java.util.List;
import java.util.Map;
import org.drover.freebsd.Samples;
import org.drover.freebsd.Sections;
import org.drover.module.Outcome;
import org.drover.module.Plan;
import org.drover.transport.ExecResult;
import org.junit.jupiter.api.Test;

class PkgModuleTest {
    static final String QUERY = Samples.load("pkg-query-name-version-automatic-origin-reconstructed.txt");
    static final String DEPS = Samples.load("pkg-query-name-deps-reconstructed.txt");
    static final String UPGRADE = Samples.load("pkg-upgrade-n-reconstructed.txt").split("--\n")[0];
    final PkgModule module = new PkgModule();

    static String stub() {
        return Sections.frame("pkg.active", "pkg: pkg is not installed\n", 1);
    }

    static String host(String query, String deps, String upgrade) {
        return Sections.frame("pkg.active", "pkg: 10 packages installed\n", 0)
                + Sections.frame("pkg.installed", query, 0)
                + (deps == null ? "" : Sections.frame("pkg.deps", deps, 0))
                + (upgrade == null ? "" : Sections.frame("pkg.upgrade", upgrade, 0));
    }

    Plan plan(String stdout, Map<String, Object> raw) {
        PkgModule.Desired d = module.desired(FakeModuleContext.args(module.spec(), raw));
        return module.plan(module.parse(d, ExecResult.of(0, stdout, "")), d);
    }

    static List<String> commands(Plan p) {
        return p.changes().stream().flatMap(c -> c.commands().stream()).toList();
    }

    @Test
    void inside_a_jail_target_the_diff_names_the_jail() throws Exception {
        FakeModuleContext ctx = new FakeModuleContext();
        ctx.vars.put("drover_jail", "webserver");
        PkgModule.Desired d = module.desired(ctx, FakeModuleContext.args(module.spec(), m("name", "postgresql17-client")));
        Plan p = module.plan(module.parse(d, ExecResult.of(0, host(QUERY, null, null), "")), d);
        assertThat(p.changes().get(0).diff().label()).isEqualTo("packages in jail webserver");
        assertThat(commands(p)).as("already inside: no pkg -j").allMatch(c -> !c.contains("-j"));
        ctx.vars.put("drover_jail", "");
        assertThat(module.desired(ctx, FakeModuleContext.args(module.spec(), m("name", "curl"))).where())
                .isEqualTo("on the host");
    }

    @Test
    void installed_already_is_nothing_to_do() {
        assertThat(plan(host(QUERY, null, null), m("name", List.of("nginx", "curl"))).changes()).isEmpty();
        assertThat(plan(host(QUERY, null, null), m("name", "www/nginx")).changes()).as("by origin").isEmpty();
    }

    @Test
    void installs_the_missing_ones_only() {
        Plan p = plan(host(QUERY, null, null), m("name", List.of("nginx", "postgresql17-server", "vim")));
        assertThat(commands(p)).containsExactly("pkg install -y postgresql17-server vim");
        assertThat(p.changes().get(0).diff().after()).isEqualTo("postgresql17-server\nvim\n");
        assertThat(p.changes().get(0).description()).isEqualTo("install postgresql17-server, vim on the host");
    }

    @Test
    void one_string_is_split_like_pkgng() {
        Plan p = plan(host("", null, null), m("name", "nginx curl"));
        assertThat(commands(p)).containsExactly("pkg install -y nginx curl");
        assertThat(commands(plan(host("", null, null), m("name", "nginx,curl"))))
                .containsExactly("pkg install -y nginx curl");
    }

    @Test
    void stub_only_bootstraps_first_or_fails() {
        Plan p = plan(stub(), m("name", "nginx"));
        assertThat(commands(p)).containsExactly("env ASSUME_ALWAYS_YES=yes pkg bootstrap", "pkg install -y nginx");
        assertThat(plan(stub(), m("name", "nginx", "bootstrap", false)).failure())
                .contains("pkg is not bootstrapped on this host");
        assertThat(plan(stub(), m("name", "nginx", "state", "absent")).isEmpty()).isTrue();
        assertThat(plan(stub(), m("name", "nginx", "state", "absent", "jail", "web")).failure())
                .contains("jail web cannot be read");
    }

    @Test
    void pkgng_never_bootstraps() {
        PkgModule pkgng = new PkgModule(PkgSpecs.pkgng("community.general.pkgng"));
        PkgModule.Desired d = pkgng.desired(FakeModuleContext.args(pkgng.spec(), m("name", "nginx")));
        assertThat(pkgng.plan(pkgng.parse(d, ExecResult.of(0, stub(), "")), d).failure()).contains("bootstrap");
        assertThat(FakeModuleContext.errors(pkgng.spec(), m("name", "nginx", "bootstrap", true)))
                .containsExactly("module 'community.general.pkgng' has no argument 'bootstrap'");
    }

    @Test
    void jail_and_chroot_go_before_the_command() {
        assertThat(commands(plan(host("", null, null), m("name", "curl", "jail", "web", "cached", true,
                "pkgsite", "FreeBSD", "ignore_osver", true)))).containsExactly(
                "env IGNORE_OSVERSION=yes pkg -j web install -y -U -r FreeBSD curl");
        assertThat(commands(plan(host("", null, null), m("name", "curl", "chroot", "/jails/t 1"))))
                .containsExactly("pkg -c '/jails/t 1' install -y curl");
        assertThatThrownBy(() -> plan(host("", null, null), m("name", "curl", "chroot", "/a", "jail", "b")))
                .hasMessageContaining("mutually exclusive");
    }

    @Test
    void latest_upgrades_what_pkg_upgrade_n_lists() {
        Plan p = plan(host(QUERY, null, UPGRADE), m("name", List.of("nginx", "curl", "vim"), "state", "latest"));
        assertThat(commands(p)).containsExactly("pkg install -y vim", "pkg upgrade -y nginx");
        assertThat(p.changes().get(1).diff().before()).isEqualTo("nginx-1.26.3,3\n");
        assertThat(p.changes().get(1).diff().after()).isEqualTo("nginx-1.28.0_1,3\n");
        assertThat(plan(host(QUERY, null, "Your packages are up to date.\n"), m("name", "nginx", "state", "latest"))
                .changes()).isEmpty();
    }

    @Test
    void absent_deletes_but_never_cascades() {
        Plan p = plan(host(QUERY, DEPS, null), m("name", List.of("curl", "vim"), "state", "absent"));
        assertThat(commands(p)).containsExactly("pkg delete -y curl");
        assertThat(p.changes().get(0).diff().before()).isEqualTo("curl-8.14.1\n");
        assertThat(plan(host(QUERY, DEPS, null), m("name", "pcre2", "state", "absent")).failure())
                .isEqualTo("cannot delete pcre2: nginx depends on it (pkg delete would delete nginx too); list "
                        + "nginx as well to delete both");
        assertThat(commands(plan(host(QUERY, DEPS, null), m("name", List.of("pcre2", "nginx"), "state", "absent"))))
                .containsExactly("pkg delete -y nginx pcre2");
    }

    @Test
    void autoremove_lists_what_nothing_needs_after_the_deletions() {
        Plan p = plan(host(QUERY, DEPS, null), m("name", "curl", "state", "absent", "autoremove", true));
        assertThat(commands(p)).containsExactly("pkg delete -y curl", "pkg autoremove -y");
        assertThat(p.changes().get(1).diff().before()).isEqualTo(
                "ca_root_nss-3.111\nindexinfo-0.3.1_1\nlibidn2-2.3.8\nlibnghttp2-1.65.0\nlibpsl-0.21.5_2\n"
                        + "libunistring-1.3\n");
        assertThat(plan(host(QUERY, DEPS, null), m("name", "nginx", "autoremove", true)).changes()).isEmpty();
    }

    @Test
    void unreadable_state_fails_and_changes_nothing() {
        Plan p = plan(Sections.frame("pkg.active", "pkg: 10 packages installed\n", 0)
                + Sections.frame("pkg.installed", "pkg: sqlite error\n", 1), m("name", "nginx"));
        assertThat(p.failure()).contains("pkg query failed (exit 1)");
        assertThat(plan(Sections.frame("pkg.active", "sh: pkg: not found\n", 127), m("name", "nginx")).failure())
                .contains("unexpected answer from pkg -N");
    }

    @Test
    void names_and_refused_arguments_at_load() {
        assertThat(FakeModuleContext.errors(module.spec(), m("name", List.of("nginx", "-f"))))
                .contains("argument 'name': '-f' is not a package name (letters, digits and . _ + -, "
                        + "starting with a letter or digit) nor an origin (category/name)");
        assertThat(FakeModuleContext.errors(module.spec(), m("name", "*", "state", "latest")).get(0))
                .contains("'*' (every installed package) is not supported");
        assertThat(FakeModuleContext.errors(module.spec(), m("name", "nginx", "annotation", "+a=b")))
                .containsExactly("argument 'annotation': 'annotation' is not supported by drover's pkg: run "
                        + "'pkg annotate' with the command module");
        assertThat(FakeModuleContext.errors(module.spec(), m("name", "nginx", "jail", "web; reboot"))).hasSize(1);
        assertThat(FakeModuleContext.errors(module.spec(), m("pkg", "nginx"))).as("pkgng's alias").isEmpty();
    }

    @Test
    void one_round_trip_when_nothing_changes_and_in_check_mode() throws Exception {
        FakeModuleContext ctx = new FakeModuleContext(ExecResult.of(0, host(QUERY, null, null), ""));
        Outcome o = module.run(ctx, FakeModuleContext.args(module.spec(), m("name", "nginx")));
        assertThat(o.status()).isEqualTo(Outcome.Status.OK);
        assertThat(ctx.scripts()).hasSize(1);
        assertThat(ctx.scripts().get(0)).contains("pkg -N").contains("pkg query '%n %v %a %o'");
        FakeModuleContext check = new FakeModuleContext(ExecResult.of(0, stub(), "")).check(true);
        assertThat(module.run(check, FakeModuleContext.args(module.spec(), m("name", "nginx"))).status())
                .isEqualTo(Outcome.Status.CHANGED);
        assertThat(check.scripts()).hasSize(1);
    }

    @Test
    void apply_failure_names_the_unknown_package() throws Exception {
        FakeModuleContext ctx = new FakeModuleContext(ExecResult.of(0, host(QUERY, null, null), ""),
                ExecResult.of(1, "Updating FreeBSD repository catalogue...\n",
                        "pkg: No packages available to install matching 'nosuch' have been found in the "
                                + "repositories\n"));
        Outcome o = module.run(ctx, FakeModuleContext.args(module.spec(), m("name", "nosuch")));
        assertThat(o.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(o.message()).isEqualTo("No packages available to install matching 'nosuch' have been found in "
                + "the repositories");
    }
}
