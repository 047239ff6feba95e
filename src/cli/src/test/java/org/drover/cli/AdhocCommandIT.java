package org.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.drover.testbed.Backend;
import picocli.CommandLine;
import org.drover.testbed.Fleet;
import org.drover.testbed.FleetSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code drover adhoc} (and {@code drover PATTERN -m ...}) against two simulated FreeBSD hosts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdhocCommandIT {
    Fleet fleet;

    @BeforeAll
    void start() throws IOException {
        fleet = Fleet.start(FleetSpec.builder().hosts(2).backend(Backend.EMBEDDED).build());
    }

    @AfterAll
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    record Run(int exit, String out, String err) {}

    Run adhoc(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-i", fleet.inventory().toString(), "--known-hosts",
                fleet.baseDir().resolve("known_hosts").toString(), "--no-color"));
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = cl.execute(Main.adhocShortcut(cl, all.toArray(String[]::new)));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void aCommandPrintsItsOutputPerHostAsAnsibleDoes() {
        Run r = adhoc("adhoc", "all", "-a", "echo hello");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
        List<String> blocks = List.of(r.out().split("(?m)^(?=lab)"));
        assertThat(blocks).hasSize(2).allSatisfy(b -> assertThat(b).matches("lab\\S+ \\| CHANGED \\| rc=0 >>\nhello\n"));
    }

    @Test
    void anotherModulePrintsItsResultAsSortedJsonAndThePatternShortcutWorks() {
        Run r = adhoc("lab01", "-m", "sysrc", "-a", "name=gateway_enable value=YES", "-C");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).startsWith("lab01 | CHANGED => {\n").contains("\n    \"changed\": true,\n");
        // the result's keys sorted at every level, indented by four, as Ansible's json.dumps(sort_keys=True)
        List<String> keys = r.out().lines().filter(l -> l.matches("    \"[a-z_]+\":.*"))
                .map(l -> l.substring(5, l.indexOf('"', 5))).toList();
        assertThat(keys).isSorted().contains("changed");
        assertThat(r.out()).doesNotContain("lab02");
    }

    @Test
    void aFailingCommandAndAMissingArgumentAreReportedAsAnsibleReportsThem() {
        Run failed = adhoc("adhoc", "lab01", "-m", "shell", "-a", "echo oops >&2; exit 3");
        assertThat(failed.exit()).isEqualTo(ExitCodes.FAILED);
        // stdout, stderr and msg one after the other, as Ansible's minimal callback joins them
        assertThat(failed.out()).startsWith("lab01 | FAILED | rc=3 >>\noopsnon-zero return code");

        Run none = adhoc("adhoc", "all");
        assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).startsWith("drover adhoc: No argument passed to command module");
    }
}
