package org.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.ModuleSpec;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DocCommandTest {
    static final ModuleSpec BRIDGE = new ModuleSpec("bridge", "Manage if_bridge interfaces",
            "Creates a bridge and keeps its members as listed.",
            List.of(ArgSpec.of("name", ArgType.STR).required().description("The bridge.").example("bridge0").build(),
                    ArgSpec.of("state", ArgType.STR).choices("present", "absent").defaultValue("present")
                            .description("Whether it exists.").build(),
                    ArgSpec.of("members", ArgType.LIST).aliases("ports").description("Member | interfaces.").build()),
            null, List.of("- bridge:\n    name: bridge0\n    members: [em0]"),
            List.of(ArgSpec.of("members", ArgType.LIST).description("The members after the run.").build()));
    static final ModuleSpec PING = new ModuleSpec("ping", "Check that a host answers", "", List.of(), null,
            List.of(), List.of());

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        DocCommand doc = new DocCommand();
        doc.specs = List.of(BRIDGE, PING);
        CommandLine cl = new CommandLine(doc);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void table_of_modules() {
        assertThat(run()).isZero();
        assertThat(out.toString()).startsWith("MODULE  SUMMARY\nbridge  Manage if_bridge interfaces\nping    Check that a host answers\n");
    }

    @Test
    void markdown_table() {
        assertThat(run("--markdown")).isZero();
        assertThat(out.toString()).isEqualTo("| Module | Summary |\n|---|---|\n| `bridge` | Manage if_bridge interfaces |\n"
                + "| `ping` | Check that a host answers |\n");
    }

    @Test
    void one_module_from_its_declaration() {
        assertThat(run("bridge")).isZero();
        String o = out.toString();
        assertThat(o).startsWith("bridge - Manage if_bridge interfaces\n\n  Creates a bridge");
        assertThat(o).contains("  name (str, required)\n      The bridge.\n      example: bridge0\n");
        assertThat(o).contains("  state (str)\n      Whether it exists.\n      choices: present, absent; default: present\n");
        assertThat(o).contains("aliases: ports");
        assertThat(o).contains("EXAMPLES\n  - bridge:\n      name: bridge0\n");
        assertThat(o).contains("RETURNS\n  members (list)\n      The members after the run.\n");
    }

    @Test
    void one_module_as_markdown_escapes_pipes() {
        assertThat(run("bridge", "--markdown")).isZero();
        assertThat(out.toString()).contains("| `state` | str |  | `present` | `present`, `absent` | Whether it exists. |")
                .contains("Member \\| interfaces.").contains("```yaml\n- bridge:");
    }

    @Test
    void unknown_module_suggests() {
        assertThat(run("bridg")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no module named 'bridg' (did you mean 'bridge'?)");
    }

    @Test
    void the_real_registry_documents_itself() {
        StringWriter o = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(o));
        assertThat(cl.execute("doc", "command")).isZero();
        assertThat(o.toString()).startsWith("command - ").contains("ARGUMENTS");
    }
}
