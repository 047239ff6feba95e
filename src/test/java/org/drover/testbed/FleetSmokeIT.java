package org.drover.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class FleetSmokeIT {
    static Path standins() throws Exception {
        return Path.of(FleetSmokeIT.class.getResource("fakesim/bin").toURI()).getParent();
    }

    @Test
    void embeddedSmoke() throws Exception {
        try (Fleet fleet = Fleet.start(FleetSpec.builder().hosts(2).simDir(standins()).build())) {
            SshRun.Out o = SshRun.once(fleet, "lab01", "uname -n; ifconfig; echo $PATH; id -u");
            System.out.println(o);
            assertThat(o.stdout()).contains("lab01");
        }
    }
}
