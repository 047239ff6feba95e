package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PfTablesTest {

    @Test
    void inlineDefinitionsOfParsedRules() {
        String nvf = """
                table <webs> persist { 10.0.0.11 10.0.0.12 }
                table <bad> const { 192.0.2.0/24 !192.0.2.1 }
                table <spaced> { 192.0.2.0/24 ! 192.0.2.1 }
                table <fromfile> persist file "/etc/pf.blocked"
                table <empty> persist
                block drop in from <bad> to any
                """;
        Map<String, Set<String>> t = PfTables.fromParsed(nvf);
        assertThat(t).containsOnlyKeys("webs", "bad", "spaced", "empty");
        assertThat(t.get("webs")).containsExactly("10.0.0.11", "10.0.0.12");
        assertThat(t.get("bad")).containsExactly("!192.0.2.1", "192.0.2.0/24");
        assertThat(t.get("spaced")).isEqualTo(t.get("bad"));
        assertThat(t.get("empty")).isEmpty();
    }

    @Test
    void showOutputOfTheSampleAsASet() {
        List<String> lines = ZfsPfSamples.load("pfctl-table-commands-reconstructed.txt").lines().toList();
        assertThat(PfTables.fromShow(lines.get(3) + "\n" + lines.get(4) + "\n"))
                .containsExactly("10.0.0.0/24", "10.0.0.11");
        assertThat(PfTables.fromShow("  !10.1.0.0/16\n   10.1.2.3\n")).containsExactly("!10.1.0.0/16", "10.1.2.3");
        assertThat(PfTables.fromShow("")).isEmpty();
    }

    @Test
    void declaredNamesComeFromTheRulesText() {
        assertThat(PfTables.declaredNames("table <webs> { $web }\n  table <bad> persist\npass to <webs>\n# table <no>\n"))
                .containsExactly("webs", "bad");
        assertThat(PfTables.text("webs", Set.of("10.0.0.11"))).isEqualTo("<webs> 10.0.0.11\n");
    }
}
