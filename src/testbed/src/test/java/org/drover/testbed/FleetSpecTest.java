package org.drover.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FleetSpecTest {

    @Test
    void versionsShellsAndNames() {
        FleetSpec s = FleetSpec.builder().hosts(120).versions("13.4", "14.3-RELEASE", "15.0-STABLE").rootShell("tcsh")
                .admin("admin", "sh", "sudo").build();
        assertThat(s.versions()).containsExactly("13.4-RELEASE", "14.3-RELEASE", "15.0-STABLE");
        assertThat(s.rootShell()).isEqualTo("/bin/tcsh");
        assertThat(s.adminShell()).isEqualTo("/bin/sh");
        assertThat(s.loginUser()).isEqualTo("admin");
        assertThat(s.hostName(0)).isEqualTo("lab001");
        assertThat(s.hostName(119)).isEqualTo("lab120");
        assertThat(FleetSpec.builder().hosts(3).build().hostName(2)).isEqualTo("lab03");
        assertThat(FleetSpec.builder().build().loginUser()).isEqualTo("root");
    }

    @Test
    void refusesWhatCouldReachAShellOrAMountOption() {
        assertThatThrownBy(() -> FleetSpec.builder().versions("14.3; reboot").build())
                .hasMessageContaining("invalid FreeBSD version");
        assertThatThrownBy(() -> FleetSpec.builder().rootShell("/bin/sh -c x").build()).hasMessageContaining("invalid shell");
        assertThatThrownBy(() -> FleetSpec.builder().admin("root", "sh", "doas").build()).hasMessageContaining("admin user");
        assertThatThrownBy(() -> FleetSpec.builder().admin("admin", "sh", "su").build()).hasMessageContaining("sudo or doas");
        assertThatThrownBy(() -> FleetSpec.builder().namePrefix("Lab X").build()).hasMessageContaining("prefix");
        assertThatThrownBy(() -> FleetSpec.builder().seedState("../etc/passwd", "x").build()).hasMessageContaining("state file");
        assertThatThrownBy(() -> FleetSpec.builder().hosts(0).build()).hasMessageContaining("hosts");
        assertThatThrownBy(() -> Fleet.commandName("zfs/../x")).hasMessageContaining("invalid command");
    }

    @Test
    void faultFilesInTheWordsTheSimulationsRead() {
        assertThat(new Fault.Slow(2.5).fileText()).isEqualTo("slow 2.5\n");
        assertThat(new Fault.Hang().fileText()).isEqualTo("hang\n");
        assertThat(new Fault.Fail(3, "zfs: pool is busy").fileText()).isEqualTo("fail 3 zfs: pool is busy\n");
        assertThat(new Fault.Fail(1, "").fileText()).isEqualTo("fail 1\n");
        for (Fault f : new Fault[] {new Fault.Slow(0.25), new Fault.Hang(), new Fault.Fail(7, "two words")}) {
            assertThat(Fault.parse(f.fileText())).isEqualTo(f);
        }
        assertThatThrownBy(() -> Fault.parse("explode")).hasMessageContaining("unknown fault");
    }

    @Test
    void sshdCountsFromItsLogAndKeepsThePortOffTheConfig() {
        String c = Seed.sshdConfig();
        assertThat(c).contains("LogLevel VERBOSE", "PidFile none", "UsePAM no", "StrictModes no", "ListenAddress 127.0.0.1",
                "AuthorizedKeysFile /etc/ssh/drover_authorized_keys", "MaxStartups", "MaxSessions");
        assertThat(c).doesNotContainPattern("(?m)^Port ");
    }
}
