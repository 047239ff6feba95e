package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.module.Args;
import org.drover.module.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pf's real read and apply scripts (and the detached rollback timer) against the simulated pfctl, no SSH. */
class PfSimIT {
    static final String RULES = """
            ext_if = "em0"
            set skip on lo0
            nat on $ext_if inet from 10.66.0.0/24 to any -> ($ext_if)
            block in all
            pass out all keep state
            pass in on $ext_if proto tcp to port { 22, 80 }
            """;
    private final PfModule module = new PfModule();
    private LocalSimHost host;
    private Path conf;

    @BeforeEach
    void setUp(@TempDir Path dir) throws Exception {
        host = new LocalSimHost(dir);
        conf = dir.resolve("etc/pf conf");
        Files.createDirectories(conf.getParent());
    }

    private Outcome run(Object... kv) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", conf.toString());
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        List<String> errors = new ArrayList<>();
        Args a = Args.bind(module.spec(), m, false, errors);
        assertThat(errors).isEmpty();
        host.scripts.clear();
        return module.run(host, a);
    }

    private String loaded() throws Exception {
        return host.output("pfctl -s nat; pfctl -s rules");
    }

    @Test
    void convergesQuietlyAndSeesHandEditsOfTheLoadedRuleset() throws Exception {
        Outcome first = run("rules", RULES);
        assertThat(first.status()).as(first.message()).isEqualTo(Outcome.Status.CHANGED);
        assertThat(first.result()).containsEntry("guard", "confirmed");
        assertThat(Files.readString(conf)).isEqualTo(RULES);
        assertThat(host.output("pfctl -s Running")).isEqualTo("Enabled\n");
        assertThat(loaded()).contains("nat on em0 inet from 10.66.0.0/24 to any -> (em0) round-robin")
                .contains("port = http");
        assertThat(Files.exists(Path.of(conf + ".drover-armed.run"))).isFalse();

        Outcome second = run("rules", RULES);
        assertThat(second.status()).as(second.message() + " " + second.changes()).isEqualTo(Outcome.Status.OK);
        assertThat(host.scripts).hasSize(1);

        host.output("echo 'pass all' | pfctl -o none -f -");
        Outcome drift = run("rules", RULES);
        assertThat(drift.status()).isEqualTo(Outcome.Status.CHANGED);
        assertThat(drift.changes()).extracting(c -> c.description())
                .contains("load " + conf + " into the main ruleset")
                .noneMatch(d -> d.startsWith("update "));
        assertThat(loaded()).contains("port = ssh").doesNotContain("pass all flags");

        Files.writeString(conf, RULES + "# edited\n");
        Outcome file = run("rules", RULES);
        assertThat(file.changes()).extracting(c -> c.description()).containsExactly("update " + conf);
        assertThat(Files.readString(conf)).isEqualTo(RULES);
    }

    @Test
    void tableEntriesAddedByHandAreDrift() throws Exception {
        String rules = "table <webs> persist { 10.0.0.11 10.0.0.12 }\npass in proto tcp to <webs> port 80\n";
        assertThat(run("rules", rules).status()).isEqualTo(Outcome.Status.CHANGED);
        assertThat(run("rules", rules).status()).isEqualTo(Outcome.Status.OK);
        host.output("pfctl -t webs -T add 10.9.9.9 2>/dev/null");
        Outcome o = run("rules", rules);
        assertThat(o.status()).as(o.message()).isEqualTo(Outcome.Status.CHANGED);
        assertThat(host.output("pfctl -t webs -T show")).isEqualTo("   10.0.0.11\n   10.0.0.12\n");
        assertThat(run("rules", rules).status()).isEqualTo(Outcome.Status.OK);
    }

    @Test
    void rulesThatDoNotParseChangeNothing() throws Exception {
        assertThat(run("rules", RULES).status()).isEqualTo(Outcome.Status.CHANGED);
        String before = loaded();
        Outcome bad = run("rules", "pass in on $nope proto tcp\n");
        assertThat(bad.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(bad.message()).contains(conf + ":1:");
        assertThat(loaded()).isEqualTo(before);
        assertThat(Files.readString(conf)).isEqualTo(RULES);
    }

    @Test
    void withoutAConfirmedConnectionTheHostRestoresItself() throws Exception {
        assertThat(run("rules", RULES, "rollback_after", 0).status()).isEqualTo(Outcome.Status.CHANGED);
        String before = loaded();
        host.probeResult = false;
        String lockout = "set skip on lo0\nblock in all\n";
        Outcome o = run("rules", lockout, "rollback_after", 2, "boot", true);
        assertThat(o.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(o.message()).contains("restores the previous rules");
        assertThat(o.result()).containsEntry("guard", "rolled_back");
        // the module waited past the timer: file and loaded rules are back, rc.conf untouched, markers gone
        assertThat(Files.readString(conf)).isEqualTo(RULES);
        assertThat(loaded()).isEqualTo(before);
        assertThat(host.scripts.get(1)).doesNotContain("sysrc");
        try (var files = Files.list(conf.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("pf conf");
        }
    }

    @Test
    void anchorRulesLoadFromStdinWithoutAFile() throws Exception {
        List<String> errors = new ArrayList<>();
        Args a = Args.bind(module.spec(), Map.of("anchor", "drover/lab", "rules", "pass in quick proto tcp to port 8080\n"),
                false, errors);
        assertThat(errors).isEmpty();
        Outcome o = module.run(host, a);
        assertThat(o.status()).as(o.message()).isEqualTo(Outcome.Status.CHANGED);
        assertThat(host.output("pfctl -a drover/lab -s rules")).startsWith("pass in quick proto tcp from any to any port = ");
        assertThat(host.output("pfctl -s rules")).isEmpty(); // the main ruleset is not touched
        host.scripts.clear();
        assertThat(module.run(host, a).status()).isEqualTo(Outcome.Status.OK);
        assertThat(host.scripts).hasSize(1);
    }
}
