package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.drover.transport.Sh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"zroot", "zroot/jails", "zroot/jails/data/pg 17", "zroot/jails/containers/web.example.org",
            "tank/a:b_c-d.e", "Z/x", "zroot/ leading space"})
    void acceptsWhatZfsAccepts(String name) {
        assertThat(DatasetName.problem(name)).isNull();
        assertThat(DatasetName.of(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/zroot/jails", "zroot/", "zroot//a", "zroot/./a", "zroot/../etc", "1pool/a",
            "zroot/a@snap", "zroot/a#bm", "zroot/a;rm -rf /", "zroot/$(id)", "zroot/a`id`", "zroot/a\nb",
            "mirror/a", "-o/x", "zroot/a'b", "zroot/a%recv", "zroot/a|b", "zroot/a\"b", "zroot/a\\b", "zroot/a\tb",
            "zroot/é"})
    void refusesInvalidNamesAndInjection(String name) {
        assertThat(DatasetName.problem(name)).isNotNull();
        assertThatThrownBy(() -> DatasetName.of(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesOverlongAndTooDeepNames() {
        assertThat(DatasetName.problem("zroot/" + "a".repeat(250))).contains("longer than 255");
        assertThat(DatasetName.problem("zroot/" + "a".repeat(249))).isNull();
        assertThat(DatasetName.problem("z" + "/a".repeat(50))).contains("deeper");
        assertThat(DatasetName.problem("z" + "/a".repeat(49))).isNull();
    }

    @Test
    void messagesEscapeControlCharacters() {
        assertThat(DatasetName.problem("zroot/a\u001b[2Jb")).contains("\\x1b").doesNotContain("\u001b");
    }

    @Test
    void namesWithSpacesAreQuotedAsOneWord() {
        assertThat(Sh.quote(DatasetName.of("zroot/jails/data/pg 17").value())).isEqualTo("'zroot/jails/data/pg 17'");
    }

    @Test
    void parentPoolAndContainment() {
        DatasetName n = DatasetName.of("zroot/jails/web");
        assertThat(n.pool()).isEqualTo("zroot");
        assertThat(n.parent()).isEqualTo(DatasetName.of("zroot/jails"));
        assertThat(DatasetName.of("zroot").parent()).isNull();
        assertThat(n.contains("zroot/jails/web/log")).isTrue();
        assertThat(n.contains("zroot/jails/web@s")).isTrue();
        assertThat(n.contains("zroot/jails/webserver")).isFalse();
    }

    @Test
    void everyNameInTheListingSampleIsValid() {
        var rows = ZfsListParser.parse(ZfsPfSamples.load("zfs-list-H-p-name-origin-mountpoint-used-reconstructed.txt"),
                "name,origin,mountpoint,used");
        assertThat(rows).hasSize(10);
        for (var r : rows) {
            String problem = r.isSnapshot() ? SnapshotName.problem(r.name()) : DatasetName.problem(r.name());
            assertThat(problem).as(r.name()).isNull();
            if (r.get("origin") != null) {
                assertThat(SnapshotName.problem(r.get("origin"))).isNull();
            }
        }
    }
}
