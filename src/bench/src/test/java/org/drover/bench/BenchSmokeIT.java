package org.drover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's machinery on 2 OpenSSH hosts, 1 repetition, without Ansible: drover and the floor converge and
 * rerun, measured, counted by the servers, reported. Proves src/bench still works; the figures mean nothing here.
 */
class BenchSmokeIT {
    @Test
    void drover_and_floor_on_two_hosts(@TempDir Path out) throws Exception {
        Bench b = new Bench(new BenchOptions(List.of(2), 1, false, List.of(), 1, 0, 0, false,
                Path.of(System.getProperty("drover.root", "../..")).toAbsolutePath().normalize(), out, List.of()));
        b.runAll();

        assertThat(b.runs()).extracting(r -> r.tool() + " " + r.phase())
                .containsExactly("drover converge", "drover nochange", "floor converge", "floor nochange");
        for (Bench.Run r : b.runs()) {
            assertThat(r.ok()).as(r.tool() + " " + r.phase() + ": " + r.note()).isTrue();
            assertThat(r.connsPerHostMax()).as("connections per host").isEqualTo(1);
            // drover adds its run lock: one exec to take it and one to release it per host per run
            assertThat(r.execsPerHostMax()).as("exec channels per host")
                    .isEqualTo(Bench.GENERIC_TASKS + (r.tool().equals("drover") ? Bench.RUN_LOCK_EXECS : 0));
            assertThat(r.wallS()).isPositive();
            assertThat(r.cpuS()).isPositive();
            assertThat(r.peakRssKb()).isGreaterThan(10_000);
            assertThat(r.fleetCpuS()).as("the servers ran commands").isPositive();
        }

        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("table")).hasSize(4);
        assertThat(s.get("ratios").findValuesAsText("ratio")).containsOnly("drover/floor");
        assertThat(s.get("targets").findValuesAsText("target"))
                .contains("generic 2 hosts nochange: exec channels per host and task <= 1");
        assertThat(Files.readString(out.resolve("summary.txt"))).contains("drover/floor");
    }

    @Test
    void jfr_summary_finds_the_busy_method(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("r.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
            r.start();
            long end = System.nanoTime() + 1_000_000_000L;
            long x = 1;
            while (System.nanoTime() < end) {
                x = busy(x);
            }
            assertThat(x).isNotZero();
            r.stop();
            r.dump(jfr);
        }
        Map<String, Object> s = JfrSummary.summarize(jfr);
        assertThat((int) s.get("cpu_samples")).isPositive();
        assertThat(s.get("innermost_drover_frame").toString()).contains("BenchSmokeIT.busy");
    }

    /** Plain Java arithmetic (no intrinsics), so the samples land in this method. */
    private static long busy(long seed) {
        long a = seed;
        for (int i = 0; i < 100_000; i++) {
            a = a * 6364136223846793005L + 1442695040888963407L;
            a ^= a >>> 29;
        }
        return a == 0 ? 1 : a;
    }
}
