package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PfctlOutputTest {

    @Test
    void running() {
        assertThat(PfctlOutput.running(ZfsPfSamples.load("pfctl-s-Running-reconstructed.txt"), 0)).contains(true);
        assertThat(PfctlOutput.running("Disabled\n", 1)).contains(false);
        assertThat(PfctlOutput.running("", 1)).isEmpty();
        assertThat(PfctlOutput.noDevice("pfctl: /dev/pf: No such file or directory\n")).isTrue();
        assertThat(PfctlOutput.noDevice("pfctl: pf not enabled\n")).isFalse();
    }

    @Test
    void enableAndDisableMessages() {
        assertThat(PfctlOutput.alreadyEnabled(ZfsPfSamples.load("pfctl-e-already-enabled-pot.txt"))).isTrue();
        String msgs = ZfsPfSamples.load("pfctl-e-d-messages-reconstructed.txt");
        List<String> lines = msgs.lines().toList();
        assertThat(PfctlOutput.alreadyEnabled(lines.get(0))).isFalse(); // "pf enabled" is plain success
        assertThat(PfctlOutput.notEnabled(lines.get(1))).isFalse();
        assertThat(PfctlOutput.notEnabled(lines.get(2))).isTrue();
    }

    @Test
    void parseErrorsOfCheckAndLoad() {
        assertThat(PfctlOutput.parseErrors(ZfsPfSamples.load("pfctl-nf-syntax-error-reconstructed.txt")))
                .containsExactly(new PfctlOutput.ParseError("/etc/pf.conf", 3, "syntax error"));
        List<PfctlOutput.ParseError> load = PfctlOutput.parseErrors(
                ZfsPfSamples.load("pfctl-f-syntax-error-not-loaded-reconstructed.txt"));
        assertThat(load).extracting(PfctlOutput.ParseError::message)
                .containsExactly("macro 'ext_iff' not defined", "syntax error");
        assertThat(load.get(0).line()).isEqualTo(7);
        assertThat(PfctlOutput.parseErrors("stdin:2: syntax error\n").get(0).file()).isEqualTo("stdin");
    }

    @Test
    void tables() {
        List<String> lines = ZfsPfSamples.load("pfctl-table-commands-reconstructed.txt").lines().toList();
        assertThat(PfctlOutput.tableCounts(lines.get(0) + "\n" + lines.get(1) + "\n")).containsExactly(
                new PfctlOutput.TableCount(1, null, "created"), new PfctlOutput.TableCount(2, 2, "added"));
        assertThat(PfctlOutput.tableCounts(lines.get(2))).containsExactly(new PfctlOutput.TableCount(0, null, "unchanged"));
        assertThat(PfctlOutput.tableShow(lines.get(3) + "\n" + lines.get(4) + "\n")).containsExactly(
                new PfctlOutput.TableEntry("10.0.0.11", false), new PfctlOutput.TableEntry("10.0.0.0/24", false));
        assertThat(PfctlOutput.tableShow("  !10.1.0.0/16\n")).containsExactly(new PfctlOutput.TableEntry("10.1.0.0/16", true));
        assertThat(PfctlOutput.tableCounts(lines.get(5))).isEmpty();
        assertThatThrownBy(() -> PfctlOutput.tableShow(lines.get(5))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anchorNames() {
        assertThat(PfAnchorName.problem("drover/lab")).isNull();
        assertThat(PfAnchorName.problem("jails")).isNull();
        for (String bad : List.of("_private", "a;b", "a b", "jails/*", "a//b", "../x", "", "a$(id)", "-a")) {
            assertThat(PfAnchorName.problem(bad)).as(bad).isNotNull();
        }
        assertThat(PfctlOutput.anchors("Anchor 'x' not found.\n")).isEmpty();
    }
}
