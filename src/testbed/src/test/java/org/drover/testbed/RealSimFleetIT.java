package org.drover.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The fleet with the repository's own simulations (src/testbed/sim): state made on one host stays on it. */
class RealSimFleetIT {
    private static final String PATH = FleetContract.FREEBSD_PATH;

    @Test
    void simulatedInterfacesAreKeptPerHost() throws Exception {
        Path sim = Fleet.locateSimDir();
        try (Fleet fleet = Fleet.start(FleetSpec.builder().hosts(2).backend(Backend.EMBEDDED).simDir(sim).build())) {
            SshRun.Out created = SshRun.once(fleet, "lab01", PATH + "ifconfig bridge create");
            assertThat(created.status()).as(created.stderr()).isZero();
            String bridge = created.stdout().strip();
            assertThat(bridge).startsWith("bridge");
            assertThat(SshRun.once(fleet, "lab01", PATH + "ifconfig -l").stdout()).contains(bridge);
            SshRun.Out other = SshRun.once(fleet, "lab02", PATH + "ifconfig -l");
            assertThat(other.status()).isZero();
            assertThat(other.stdout()).doesNotContain(bridge);
            fleet.reset();
            assertThat(SshRun.once(fleet, "lab01", PATH + "ifconfig -l").stdout()).doesNotContain(bridge);
        }
    }

    @Test
    void stateLeftOnTheMachineNeverShowsInAHost() throws Exception {
        // A simulated command run outside a fleet writes to the machine's own /var/db/fakebsd; hosts must not see it.
        Path machineState = Path.of(FleetHost.STATE_DIR);
        boolean existed = Files.isDirectory(machineState);
        Path marker = machineState.resolve("zfs.json.leak-test");
        Files.createDirectories(machineState);
        try {
            Files.writeString(marker, "{}");
            try (Fleet fleet = Fleet.start(FleetSpec.builder().hosts(1).backend(Backend.EMBEDDED)
                    .simDir(Fleet.locateSimDir()).build())) {
                Fleet.Result listing = fleet.exec("lab01", "ls -a " + FleetHost.STATE_DIR);
                assertThat(listing.status()).isZero();
                assertThat(listing.output()).contains("version").doesNotContain("leak-test");
                fleet.reset();
                assertThat(fleet.exec("lab01", "ls -a " + FleetHost.STATE_DIR).output()).doesNotContain("leak-test");
            }
        } finally {
            Files.deleteIfExists(marker);
            if (!existed) {
                Files.deleteIfExists(machineState);
            }
        }
    }
}
