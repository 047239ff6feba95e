package org.drover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.engine.Fixtures.*;

import java.util.List;
import java.util.Map;
import org.drover.module.ModuleRegistry;
import org.drover.transport.ExecResult;
import org.drover.template.JinjavaTemplater;
import org.junit.jupiter.api.Test;

/** A thousand hosts with instant fake connections: the engine's own overhead per host and task stays small. */
class ScaleTest {
    @Test
    void thousandHostsFiveTasks() {
        String[] names = new String[1000];
        for (int i = 0; i < names.length; i++) {
            names[i] = "h" + i;
        }
        FakeConnections fake = new FakeConnections((h, r) -> ExecResult.of(0, "x\n", ""));
        Recorder rec = new Recorder();
        long t0 = System.nanoTime();
        RunSummary s = new Engine(ModuleRegistry.load(), new JinjavaTemplater(), fake, options(), rec).run(List.of(playbook(
                play("all").vars(Map.of("a", "{{ inventory_hostname }}-x")).tasks(
                        shell("echo {{ a }}").register("r"),
                        debug("{{ r.stdout }} {{ play_hosts | length }}").when("r.rc == 0"),
                        task("set_fact", Map.of("b", "{{ hostvars[groups['all'][0]]['inventory_hostname'] }}")),
                        shell("echo {{ b }}").changedWhen("false"),
                        shell("echo {{ item }}").loop(List.of(1, 2, 3))).build())), inventory(names));
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("1000 hosts x 5 tasks: %.2fs, %d execs%n", secs, s.execs());
        assertThat(s.hosts()).hasSize(1000);
        assertThat(s.anyFailed()).isFalse();
        assertThat(s.execs()).isEqualTo(5000);
        assertThat(secs).isLessThan(120); // generous: CI machines are shared
    }
}
