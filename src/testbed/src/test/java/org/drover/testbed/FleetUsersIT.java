package org.drover.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Login shells and the admin user with sudo or doas, created inside the hosts only, on both back ends. */
class FleetUsersIT {

    private static FleetSpec.Builder spec(Backend backend) throws Exception {
        return FleetSpec.builder().hosts(1).backend(backend).simDir(FleetContract.standins());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void rootCanHaveTcshAsLoginShell(Backend backend) throws Exception {
        try (Fleet fleet = Fleet.start(spec(backend).rootShell("tcsh").build())) {
            SshRun.Out o = SshRun.once(fleet, "lab01", "echo $shell; set x = 5; echo $x; uname -n");
            assertThat(o.stdout()).isEqualTo("/bin/tcsh\n5\nlab01\n");
            // drover's modules run /bin/sh -c '...' whatever the login shell is
            assertThat(SshRun.once(fleet, "lab01", "/bin/sh -c 'x=1; echo $((x + 1))'").stdout()).isEqualTo("2\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void adminBecomesRootWithSudo(Backend backend) throws Exception {
        try (Fleet fleet = Fleet.start(spec(backend).admin("admin", "sh", "sudo").build())) {
            assertThat(fleet.loginUser()).isEqualTo("admin");
            SshRun.Out o = SshRun.once(fleet, "lab01", "id -un; pwd; sudo -n id -u; sudo -n /bin/sh -c 'cat /var/db/fakebsd/hostname'");
            assertThat(o.stdout()).as(o.toString()).isEqualTo("admin\n/usr/home/admin\n0\nlab01\n");
            assertThat(SshRun.once(fleet, "lab01", "touch /etc/x 2>/dev/null || echo denied").stdout()).isEqualTo("denied\n");
            assertThat(Files.readString(fleet.inventory())).contains("drover_user: admin", "drover_become: true",
                    "drover_become_method: sudo");
            assertCreatedInsideOnly(fleet);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void adminWithTcshBecomesRootWithDoas(Backend backend) throws Exception {
        try (Fleet fleet = Fleet.start(spec(backend).admin("admin", "tcsh", "doas").build())) {
            SshRun.Out o = SshRun.once(fleet, "lab01", "echo $shell; id -un; doas -n id -u");
            assertThat(o.stdout()).isEqualTo("/bin/tcsh\nadmin\n0\n");
            assertThat(SshRun.once(fleet, fleet.host("lab01"), "root", "id -u").stdout()).isEqualTo("0\n");
            assertCreatedInsideOnly(fleet);
        }
    }

    private static void assertCreatedInsideOnly(Fleet fleet) throws Exception {
        assertThat(fleet.host("lab01").file("/etc/passwd")).content().containsPattern("(?m)^admin:x:\\d+:");
        assertThat(Path.of("/etc/passwd")).content().doesNotContainPattern("(?m)^admin:x:\\d+:.*drover admin");
        assertThat(Path.of("/etc/sudoers.d/drover-admin")).doesNotExist();
        assertThat(Path.of("/usr/home/admin")).doesNotExist();
        if (Files.exists(Path.of("/etc/doas.conf"))) {
            assertThat(Path.of("/etc/doas.conf")).content().doesNotContain("permit nopass keepenv admin");
        }
    }
}
