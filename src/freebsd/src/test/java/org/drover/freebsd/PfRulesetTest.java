package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PfRulesetTest {

    @Test
    void keepsEveryRuleOfTheTestSuiteGolden() {
        String out = ZfsPfSamples.load("pfctl-nvf-pf0004-port-names-excerpt.txt");
        PfRuleset r = PfRuleset.fromParsed(out);
        assertThat(r.translation()).isEmpty();
        assertThat(r.filter()).hasSize(16);
        assertThat(r.filter().get(0)).isEqualTo("block drop in all");
        assertThat(r.filter().get(14))
                .isEqualTo("block drop in inet proto tcp from 10.0.0.0/8 port = ssh to 192.168.0.0/16 port = ircd");
        assertThat(r.filter()).contains("block drop in proto tcp from any port 21 >< 2048 to any port 1024:2048");
    }

    /** The -nvf form of the seed's pf.conf in written order, as pfctl -o none prints it (macros, set, nat kept). */
    private static final String SEED_NVF = """
            ext_if = "vtnet0"
            bridge_if = "bridge0"
            jail_webserver = "192.168.1.201"
            jail_database = "192.168.1.202"
            set skip on { lo0 }
            nat on vtnet0 inet from 192.168.1.0/24 to any -> (vtnet0) round-robin
            block drop in log all
            pass out all flags S/SA keep state
            pass in on vtnet0 proto tcp from any to any port = ssh flags S/SA keep state
            pass in on vtnet0 inet proto tcp from any to 192.168.1.201 port = http flags S/SA keep state
            pass in on vtnet0 inet proto tcp from any to 192.168.1.201 port = https flags S/SA keep state
            pass in on bridge0 inet proto tcp from 192.168.1.201 to 192.168.1.202 port = postgresql flags S/SA keep state
            pass inet proto icmp all keep state
            """;

    @Test
    void dropsMacrosAndSetAndPutsTranslationFirst() {
        PfRuleset r = PfRuleset.fromParsed(SEED_NVF);
        assertThat(r.translation()).containsExactly("nat on vtnet0 inet from 192.168.1.0/24 to any -> (vtnet0) round-robin");
        assertThat(r.filter()).hasSize(7).noneMatch(l -> l.contains(" = \"") || l.startsWith("set "));
        assertThat(r.lines().get(0)).startsWith("nat on");
        assertThat(PfRuleset.options(SEED_NVF)).containsExactly("set skip on { lo0 }");
        assertThat(PfRuleset.options(ZfsPfSamples.load("pfctl-nvf-pf0004-port-names-excerpt.txt"))).isEmpty();
    }

    @Test
    void theReorderedSeedIsDriftAgainstTheFileOrder() {
        // pfctl -s rules of the seed was loaded with the default optimiser: same rules, 'pass out' moved down.
        PfRuleset loaded = PfRuleset.fromLoaded(
                "nat on vtnet0 inet from 192.168.1.0/24 to any -> (vtnet0) round-robin\n",
                ZfsPfSamples.load("pfctl-s-rules-reordered-15.0-seed.txt"));
        PfRuleset desired = PfRuleset.fromParsed(SEED_NVF);
        assertThat(loaded.filter()).hasSize(7);
        assertThat(loaded.filter()).containsExactlyInAnyOrderElementsOf(desired.filter());
        assertThat(loaded.lines()).isNotEqualTo(desired.lines());
        assertThat(loaded.filter().get(5)).isEqualTo("pass out all flags S/SA keep state");
    }

    @Test
    void anchorCallsAndAnchorRules() {
        List<String> lines = ZfsPfSamples.load("pfctl-anchor-rules-reconstructed.txt").lines().toList();
        // 1) pfctl -s rules of the main ruleset: two lines; 2) pfctl -a jails/web -s rules: one line
        PfRuleset main = PfRuleset.fromLoaded("", lines.get(0) + "\n" + lines.get(1) + "\n");
        assertThat(main.filter()).containsExactly("block drop in all", "anchor \"jails/*\" all");
        PfRuleset web = PfRuleset.fromLoaded("", lines.get(2) + "\n");
        PfRuleset desiredWeb = PfRuleset.fromParsed(
                "pass in quick inet proto tcp from any to 10.0.0.11 port = http flags S/SA keep state\n");
        assertThat(web.lines()).isEqualTo(desiredWeb.lines());
        assertThat(PfctlOutput.anchors(lines.get(3) + "\n")).containsExactly("jails/web");
    }

    @Test
    void inlineAnchorBodiesAndTablesAreFolded() {
        String nvf = """
                table <webs> persist { 10.0.0.11 10.0.0.12 }
                block drop in all
                anchor "jails" all {
                  pass in quick proto tcp from any to <webs> port = http flags S/SA keep state
                  anchor "inner" all {
                    pass all flags S/SA keep state
                  }
                }
                pass out all flags S/SA keep state
                load anchor "x" from "/etc/pf.anchors/x"
                """;
        assertThat(PfRuleset.fromParsed(nvf).lines())
                .containsExactly("block drop in all", "anchor \"jails\" all", "pass out all flags S/SA keep state");
    }

    @Test
    void emptyRulesetsAreEqual() {
        assertThat(PfRuleset.fromLoaded("", "").lines()).isEqualTo(PfRuleset.fromParsed("\n").lines());
        assertThat(PfRuleset.fromLoaded("", "").text()).isEmpty();
    }
}
