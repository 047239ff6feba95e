package org.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ManPageTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void theManualHasASectionPerCommandWithEveryVisibleOptionOfHelp() {
        assertThat(run("man")).isEqualTo(ExitCodes.OK);
        String man = out.toString();

        assertThat(man).startsWith(".TH DROVER 1 ").contains(".SH NAME\ndrover \\- Agentless orchestration");
        assertThat(man).contains(".SH \"DROVER PLAY\"", ".SH \"DROVER DOC\"", ".SH \"DROVER INVENTORY\"",
                ".SH \"DROVER COMPLETION\"", ".SH \"DROVER MAN\"");
        assertThat(man).doesNotContain(".SH \"DROVER HELP\"");
        // every option --help shows for play is in the manual, dashes escaped for troff
        CommandLine play = Main.commandLine().getSubcommands().get("play");
        for (CommandLine.Model.OptionSpec o : play.getCommandSpec().options()) {
            if (!o.hidden()) {
                assertThat(man).contains("\\fB" + o.longestName().replace("-", "\\-") + "\\fR");
            }
        }
        // the footer (exit codes) comes along
        assertThat(man).contains("bad command\\-line usage");
    }

    @Test
    void troffRequestsInTextAreNeutralised() {
        assertThat(ManPage.escape(".rm x\n'so /etc/passwd\nplain -- text \\n"))
                .isEqualTo("\\&.rm x\n\\&'so /etc/passwd\nplain \\-\\- text \\en");
    }

    @Test
    void aUsageMistakeIsOneLineAndAHintNotTheWholeUsage() {
        assertThat(run("--nosuch")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("Unknown option: '--nosuch'\nRun 'drover --help' for the usage.\n");
        err.getBuffer().setLength(0);

        assertThat(run("play", "--no-colour", "site.yml")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("Unknown option: '--no-colour'\nPossible solutions: --no-color")
                .doesNotContain("Usage:");
    }
}
