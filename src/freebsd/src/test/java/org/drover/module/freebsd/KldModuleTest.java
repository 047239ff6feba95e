package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.drover.module.freebsd.LocalSimHost.m;

import java.util.List;
import java.util.Map;
import org.drover.freebsd.Samples;
import org.drover.freebsd.Sections;
import org.drover.module.Outcome;
import org.drover.module.Plan;
import org.drover.transport.ExecResult;
import org.junit.jupiter.api.Test;

class KldModuleTest {
    static final List<String> FILE = Samples.load("kldstat-n-file-reconstructed.txt").lines().toList();
    final KldModule module = new KldModule();

    /** The read script's answer: module registered?, the .ko row (refs) or none, kld_list (null: unset). */
    static String read(boolean registered, Integer refs, String kldList) {
        String file = refs == null ? "kldstat: can't find file if_bridge: No such file or directory\n"
                : FILE.get(0) + "\n" + FILE.get(1).replace("    1 0x", String.format("%5d 0x", refs)) + "\n";
        return Sections.frame("kld.module", "", registered ? 0 : 1)
                + Sections.frame("kld.file", file, refs == null ? 1 : 0)
                + Sections.frame("rc.values", kldList == null ? "sysrc: unknown variable 'kld_list'\n"
                : "kld_list: " + kldList + "\n", kldList == null ? 1 : 0)
                + Sections.frame("rc.file", kldList == null ? "" : "kld_list=\"" + kldList + "\"\n", 0);
    }

    Plan plan(String stdout, Map<String, Object> raw) {
        raw.putIfAbsent("name", "if_bridge");
        KldModule.Desired d = module.desired(FakeModuleContext.args(module.spec(), raw));
        return module.plan(module.parse(d, ExecResult.of(0, stdout, "")), d);
    }

    static List<String> commands(Plan p) {
        return p.changes().stream().flatMap(c -> c.commands().stream()).toList();
    }

    @Test
    void present_loads_and_persists() {
        assertThat(commands(plan(read(false, null, null), m("persist", true)))).containsExactly(
                "kldload if_bridge", "sysrc -f /etc/rc.conf kld_list+=if_bridge");
        assertThat(plan(read(true, 1, "if_bridge"), m("persist", true)).changes()).isEmpty();
        assertThat(commands(plan(read(false, null, "if_bridge"), m()))).containsExactly("kldload if_bridge");
    }

    @Test
    void loaded_but_not_persisted() {
        Plan p = plan(read(true, 1, "nullfs"), m("persist", true));
        assertThat(commands(p)).containsExactly("sysrc -f /etc/rc.conf kld_list+=if_bridge");
        assertThat(p.changes().get(0).diff().after()).isEqualTo("kld_list=\"nullfs if_bridge\"\n");
        assertThat(plan(read(true, 1, "nullfs"), m()).changes()).as("persist omitted: kld_list untouched").isEmpty();
    }

    @Test
    void persisted_but_not_loaded() {
        assertThat(commands(plan(read(false, null, "if_bridge"), m("persist", true))))
                .containsExactly("kldload if_bridge");
        assertThat(commands(plan(read(false, null, "if_bridge vmm"), m("persist", false))))
                .containsExactly("kldload if_bridge", "sysrc -f /etc/rc.conf kld_list-=if_bridge");
    }

    @Test
    void absent_unloads_and_removes_from_kld_list() {
        assertThat(commands(plan(read(true, 1, "vmm if_bridge"), m("state", "absent")))).containsExactly(
                "kldunload if_bridge", "sysrc -f /etc/rc.conf kld_list-=if_bridge");
        assertThat(commands(plan(read(false, null, "if_bridge"), m("state", "absent")))).containsExactly(
                "sysrc -f /etc/rc.conf kld_list-=if_bridge");
        assertThat(plan(read(false, null, null), m("state", "absent")).changes()).isEmpty();
        assertThatThrownBy(() -> plan(read(false, null, null), m("state", "absent", "persist", true)))
                .hasMessageContaining("cannot be persisted");
    }

    @Test
    void compiled_into_the_kernel_cannot_be_unloaded() {
        assertThat(plan(read(true, null, null), m("state", "absent")).failure())
                .isEqualTo("kernel module if_bridge is compiled into the kernel (no if_bridge.ko loaded): it "
                        + "cannot be unloaded");
        assertThat(plan(read(true, null, null), m()).changes()).as("present: it is there").isEmpty();
    }

    @Test
    void a_file_others_depend_on_is_not_unloaded() {
        assertThat(plan(read(true, 2, null), m("state", "absent")).failure()).isEqualTo(
                "if_bridge.ko cannot be unloaded: 1 other loaded file depends on it (kldstat shows refs 2)");
    }

    @Test
    void unreadable_state_fails_without_changes() {
        Plan p = plan(Sections.frame("kld.module", "kldstat: not found\n", 127), m());
        assertThat(p.failure()).contains("kldstat -q -m if_bridge failed (exit 127)");
    }

    @Test
    void unload_that_exits_0_but_leaves_the_file_fails() throws Exception {
        FakeModuleContext host = new FakeModuleContext(ExecResult.of(0, read(true, 1, null), ""),
                ExecResult.of(0, "", ""), ExecResult.of(0, read(true, 1, null), ""));
        Outcome o = module.run(host, FakeModuleContext.args(module.spec(), m("name", "if_bridge", "state", "absent")));
        assertThat(o.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(o.message()).isEqualTo("kernel module if_bridge is still loaded after kldunload exited 0");
        assertThat(host.scripts()).hasSize(3);
        assertThat(host.scripts().get(1)).isEqualTo("set -e\nkldunload if_bridge\n");
    }

    @Test
    void check_mode_reads_once_and_changes_nothing() throws Exception {
        FakeModuleContext host = new FakeModuleContext(ExecResult.of(0, read(false, null, null), "")).check(true);
        Outcome o = module.run(host, FakeModuleContext.args(module.spec(), m("name", "if_bridge", "persist", true)));
        assertThat(o.status()).isEqualTo(Outcome.Status.CHANGED);
        assertThat(host.scripts()).hasSize(1);
        assertThat(o.result().get("after")).isEqualTo(Map.of("name", "if_bridge", "loaded", true, "in_kld_list", true));
    }

    @Test
    void names_are_checked_when_the_playbook_loads() {
        assertThatThrownBy(() -> FakeModuleContext.args(module.spec(), m("name", "if_wg; reboot")))
                .hasMessageContaining("is not a kernel module name");
    }
}
