package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZfsListParserTest {
    private static final String COLUMNS = "name,origin,mountpoint,used";

    @Test
    void parsesTheScriptedListingSplittingOnTabOnly() {
        List<ZfsListRow> rows = ZfsListParser.parse(
                ZfsPfSamples.load("zfs-list-H-p-name-origin-mountpoint-used-reconstructed.txt"), COLUMNS);
        assertThat(rows).extracting(ZfsListRow::name).containsExactly(
                "zroot/jails", "zroot/jails/containers", "zroot/jails/containers/database",
                "zroot/jails/containers/web.example.org", "zroot/jails/containers/web.example.org@pre-upgrade 2026-01-05",
                "zroot/jails/data", "zroot/jails/data/pg 17", "zroot/jails/templates", "zroot/jails/templates/base",
                "zroot/jails/templates/base@15.0-RELEASE");
        ZfsListRow db = rows.get(2);
        assertThat(db.get("origin")).isEqualTo("zroot/jails/templates/base@15.0-RELEASE");
        assertThat(db.get("used")).isEqualTo("0");
        ZfsListRow pg = rows.get(6);
        assertThat(pg.get("mountpoint")).isEqualTo("legacy");
        assertThat(pg.get("origin")).isNull();
        assertThat(pg.get("used")).isEqualTo("4096000");
        assertThat(rows.get(5).get("mountpoint")).isEqualTo("none");
        ZfsListRow snap = rows.get(4);
        assertThat(snap.isSnapshot()).isTrue();
        assertThat(snap.get("mountpoint")).isNull();
        assertThat(rows.get(0).get("used")).isEqualTo("392429568");
        assertThat(rows.stream().filter(ZfsListRow::isSnapshot).count()).isEqualTo(2);
    }

    @Test
    void typeAndClonesColumns() {
        String out = "zroot/t/base@s\tsnapshot\t-\tzroot/j/a,zroot/j/b c\n"
                + "zroot/t/base@t\tsnapshot\t-\t\n"
                + "zroot/j/a\tfilesystem\tzroot/t/base@s\t-\n";
        List<ZfsListRow> rows = ZfsListParser.parse(out, "name,type,origin,clones");
        assertThat(rows.get(0).clones()).containsExactly("zroot/j/a", "zroot/j/b c");
        assertThat(rows.get(1).clones()).isEmpty();
        assertThat(rows.get(2).clones()).isEmpty();
        assertThat(rows.get(2).isSnapshot()).isFalse();
        assertThat(rows.get(0).isSnapshot()).isTrue();
    }

    @Test
    void humanModeOutputIsRejectedNotMisread() {
        // The seeds are `zfs list` without -H: a header and space padding. They must never pass for scripted output.
        for (String sample : List.of("zfs-list-r-clones-15.0-seed.txt", "zfs-list-t-snapshot-15.0-seed.txt")) {
            assertThatThrownBy(() -> ZfsListParser.parse(ZfsPfSamples.load(sample), COLUMNS))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
        }
    }

    @Test
    void emptyOutputIsNoDatasets() {
        assertThat(ZfsListParser.parse("", COLUMNS)).isEmpty();
        assertThat(ZfsListParser.parse("\n", COLUMNS)).isEmpty();
    }
}
