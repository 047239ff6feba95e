package org.drover.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.drover.engine.HostStats;
import org.drover.engine.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunMergeTest {
    static final String A = """
            {"event":"play_start","play":"p","pattern":"all","hosts":["a1"]}
            {"event":"task_start","task_id":1,"play":"p","task":"t","module":"command","handler":false,"hosts":1}
            {"event":"host_result","task_id":1,"task":"t","host":"a1","status":"failed","msg":"boom","ignored":false,"rescued":false,"execs":1,"duration_ms":5,"result":{"rc":1}}
            {"event":"recap","hosts":{"a1":{"ok":0,"changed":0,"unreachable":0,"failed":1,"skipped":0,"rescued":0,"ignored":0,"execs":3}},"failed":true,"unreachable":false,"changed":false,"interrupted":false,"execs":3,"duration_ms":900,"tasks":[{"task_id":1,"play":"p","task":"t","hosts":1,"execs":1,"duration_ms":5}]}
            """;
    static final String B = """
            {"event":"task_start","task_id":1,"play":"p","task":"t","module":"command","handler":false,"hosts":1}
            {"event":"host_result","task_id":1,"task":"t","host":"b1","status":"changed","msg":null,"ignored":false,"rescued":false,"execs":2,"duration_ms":7,"result":{"rc":0}}
            {"event":"recap","hosts":{"b1":{"ok":1,"changed":1,"unreachable":0,"failed":0,"skipped":0,"rescued":0,"ignored":0,"execs":4}},"failed":false,"unreachable":false,"changed":true,"interrupted":false,"execs":4,"duration_ms":1200,"tasks":[{"task_id":1,"play":"p","task":"t","hosts":1,"execs":2,"duration_ms":7}]}
            """;

    @Test
    void recapsTasksAndCasesAdd(@TempDir Path dir) throws IOException {
        RunMerge m = RunMerge.read(List.of(Files.writeString(dir.resolve("a.json"), A),
                Files.writeString(dir.resolve("b.json"), B)));
        RunSummary s = m.summary();
        assertThat(s.hosts()).containsEntry("a1", new HostStats(0, 0, 0, 1, 0, 0, 0, 3))
                .containsEntry("b1", new HostStats(1, 1, 0, 0, 0, 0, 0, 4));
        assertThat(s.anyFailed()).isTrue();
        assertThat(s.elapsed().toMillis()).as("shards run side by side: the longest").isEqualTo(1200);
        assertThat(s.tasks()).singleElement().satisfies(t -> {
            assertThat(t.hosts()).isEqualTo(2);
            assertThat(t.execs()).isEqualTo(3);
        });
        assertThat(m.cases()).extracting(c -> c.host() + " " + c.play() + " " + c.status() + " " + c.failure())
                .containsExactly("a1 p failed true", "b1 p changed false");
        assertThat(JunitReporter.xml(m.cases(), 1_200_000_000L)).contains("tests=\"2\" failures=\"1\"")
                .contains("<failure type=\"failed\" message=\"boom\">");
    }

    @Test
    void aRunWithoutItsRecapOrALineThatIsNotAnEventIsRefused(@TempDir Path dir) throws IOException {
        Path cut = Files.writeString(dir.resolve("cut.json"), A.substring(0, A.indexOf("{\"event\":\"recap\"")));
        assertThatThrownBy(() -> RunMerge.read(List.of(cut))).hasMessageContaining("cut.json: no recap");
        Path noise = Files.writeString(dir.resolve("noise.json"), "PLAY [x] ****\n" + A);
        assertThatThrownBy(() -> RunMerge.read(List.of(noise))).hasMessageContaining("noise.json:1: not an event");
    }
}
