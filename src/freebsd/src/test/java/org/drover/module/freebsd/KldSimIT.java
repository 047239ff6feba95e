package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.module.freebsd.LocalSimHost.assertStatus;
import static org.drover.module.freebsd.LocalSimHost.m;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.drover.module.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kld against the simulated kldstat/kldload/kldunload/sysrc with the local /bin/sh: converge, rerun, check mode. */
class KldSimIT {
    @TempDir
    Path dir;
    Path rcConf;
    LocalSimHost h;
    final KldModule kld = new KldModule();

    @BeforeEach
    void host() throws Exception {
        rcConf = Files.createDirectories(dir.resolve("root/etc")).resolve("rc.conf");
        Files.writeString(rcConf, "hostname=\"simhost\"\nkld_list=\"vmm\"\n");
        h = new LocalSimHost(dir).root(dir.resolve("root"));
    }

    @Test
    void converge_rerun_and_remove() throws Exception {
        Map<String, Object> wg = m("name", "if_wg", "persist", true);
        h.check(true);
        Outcome preview = h.run(kld, wg);
        assertStatus(preview, Outcome.Status.CHANGED);
        assertThat(h.scripts).hasSize(1);
        assertThat(h.output("kldstat")).doesNotContain("if_wg.ko");
        assertThat(Files.readString(rcConf)).contains("kld_list=\"vmm\"\n");
        h.check(false);

        Outcome o = h.run(kld, wg);
        assertStatus(o, Outcome.Status.CHANGED);
        assertThat(o.result().get("commands")).isEqualTo(preview.result().get("commands")).isEqualTo(
                List.of("kldload if_wg", "sysrc -f /etc/rc.conf kld_list+=if_wg"));
        assertThat(h.scripts).as("read, apply, verify").hasSize(3);
        assertThat(h.output("kldstat -n if_wg")).contains(" if_wg.ko\n");
        assertThat(Files.readString(rcConf)).contains("kld_list=\"vmm if_wg\"");
        assertStatus(h.run(kld, wg), Outcome.Status.OK);
        assertThat(h.scripts).as("a rerun is one round trip").hasSize(1);

        Map<String, Object> gone = m("name", "if_wg", "state", "absent");
        assertStatus(h.run(kld, gone), Outcome.Status.CHANGED);
        assertThat(h.sh("kldstat -q -m if_wg").exitStatus()).isEqualTo(1);
        assertThat(Files.readString(rcConf)).contains("kld_list=\"vmm\"");
        assertStatus(h.run(kld, gone), Outcome.Status.OK);
    }

    @Test
    void what_cannot_be_unloaded_fails_and_changes_nothing() throws Exception {
        Outcome o = h.run(kld, m("name", "if_lo", "state", "absent"));
        assertStatus(o, Outcome.Status.FAILED);
        assertThat(o.message()).contains("compiled into the kernel");

        // Loaded only as if_bridge.ko's dependency: kldstat shows refs 1 like any file, so the planner cannot know;
        // the kernel refuses and the task fails with kldunload's message.
        h.output("kldload if_bridge");
        Outcome busy = h.run(kld, m("name", "bridgestp", "state", "absent"));
        assertStatus(busy, Outcome.Status.FAILED);
        assertThat(busy.message()).isEqualTo("failed to apply: kldunload: can't unload file: Device busy");
        assertThat(h.output("kldstat")).contains(" bridgestp.ko\n");
    }

    @Test
    void loaded_by_hand_and_as_a_dependency_is_caught_by_the_planner() throws Exception {
        h.output("kldload bridgestp && kldload if_bridge");
        Outcome o = h.run(kld, m("name", "bridgestp", "state", "absent"));
        assertStatus(o, Outcome.Status.FAILED);
        assertThat(o.message()).isEqualTo(
                "bridgestp.ko cannot be unloaded: 1 other loaded file depends on it (kldstat shows refs 2)");
    }
}
