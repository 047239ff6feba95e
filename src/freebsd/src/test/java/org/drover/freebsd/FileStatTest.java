package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FileStatTest {
    final List<String> lines = Samples.load("stat-f-file-dir-link-missing-reconstructed.txt").lines().toList();

    @Test
    void regularFileDirectoryAndLink() {
        FileStat f = FileStat.parse("/etc/motd.template", lines.get(0) + "\n", 0).orElseThrow();
        assertThat(f.type()).isEqualTo("file");
        assertThat(f.modeString()).isEqualTo("0644");
        assertThat(f.owner()).isEqualTo("root");
        assertThat(f.group()).isEqualTo("wheel");
        assertThat(f.size()).isEqualTo(1234);
        assertThat(f.nlink()).isEqualTo(1);
        assertThat(f.atime()).isEqualTo("1717171717.123456789");
        assertThat(f.tail()).isEmpty();
        FileStat d = FileStat.parse("/usr/local/etc", lines.get(1) + "\n", 0).orElseThrow();
        assertThat(d.isDir()).isTrue();
        assertThat(d.mode()).isEqualTo(0755);
        FileStat l = FileStat.parse("/usr/local/www/default", lines.get(2) + "\n", 0).orElseThrow();
        assertThat(l.isLink()).isTrue();
        assertThat(l.tail()).isEqualTo("../www/nginx-dist");
    }

    @Test
    void unknownIdsHaveNoNameAndTwoLinksMakeNoDifferenceToTheType() {
        FileStat f = FileStat.parse("/var/db/x", lines.get(3) + "\n", 0).orElseThrow();
        assertThat(f.owner()).isNull();
        assertThat(f.group()).isNull();
        assertThat(f.uid()).isEqualTo(1234);
        assertThat(f.nlink()).isEqualTo(2);
        assertThat(f.modeString()).isEqualTo("0640");
    }

    @Test
    void missingFileIsEmptyOtherErrorsThrow() {
        assertThat(FileStat.parse("/nonexistent", lines.get(4) + "\n", 1)).isEmpty();
        assertThatThrownBy(() -> FileStat.parse("/x", "stat: /x: stat: Permission denied\n", 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Permission denied");
        assertThatThrownBy(() -> FileStat.parse("/x", "sh: stat: not found\n", 127))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> FileStat.parse("/x", "644 root wheel 12\n", 0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void treeListingCarriesNames() {
        String tree = lines.get(0).replace("\t", "\t/srv/a b") + "\n" + lines.get(1).replace("\t", "\t/srv/d") + "\n";
        List<FileStat> t = FileStat.parseTree(tree);
        assertThat(t).extracting(FileStat::tail).containsExactly("/srv/a b", "/srv/d");
    }
}
