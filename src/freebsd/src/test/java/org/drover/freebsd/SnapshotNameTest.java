package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotNameTest {

    @Test
    void splitsDatasetAndSnapshotIncludingSpaces() {
        SnapshotName s = SnapshotName.of("zroot/jails/containers/web.example.org@pre-upgrade 2026-01-05");
        assertThat(s.dataset().value()).isEqualTo("zroot/jails/containers/web.example.org");
        assertThat(s.snapshot()).isEqualTo("pre-upgrade 2026-01-05");
        assertThat(s.value()).isEqualTo("zroot/jails/containers/web.example.org@pre-upgrade 2026-01-05");
        assertThat(SnapshotName.of("zroot/jails/templates/14.3-RELEASE@base").dataset().value())
                .isEqualTo("zroot/jails/templates/14.3-RELEASE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "zroot/a", "zroot/a@", "@snap", "zroot/a@b@c", "zroot/a@b/c", "zroot/a@b;id",
            "zroot/a@$(reboot)", "zroot/a@b\nc", "/zroot/a@s", "zroot/a@b'c", "zroot/a#x@s"})
    void refusesInvalidSnapshotNames(String name) {
        assertThat(SnapshotName.problem(name)).isNotNull();
        assertThatThrownBy(() -> SnapshotName.of(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesOverlongSnapshotNames() {
        assertThat(SnapshotName.problem("zroot/a@" + "s".repeat(250))).contains("longer");
    }
}
