package org.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drover.cli.Main;
import org.drover.testbed.Backend;
import org.drover.testbed.FleetSpec;
import org.drover.text.JsonText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code play --shard K/N} on 200 simulated hosts: the four slices are disjoint, cover the fleet, are even, and
 * {@code drover report merge} of their JSON output gives the recap, exit code and JUnit cases of one unsharded run.
 * Real sshd processes (the OpenSSH back end): an SSH server in this JVM, starved by 200 hosts' work, may drop a
 * login, and an unreachable host in one run and not in another is not what this test is about.
 */
class ShardIT {
    static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: a command
                  command: "true"
                  changed_when: inventory_hostname is search('[05]$')
                - name: some hosts
                  debug: {msg: "{{ inventory_hostname }}"}
                  when: inventory_hostname is search('[13579]$')
                - name: a failure
                  fail: {msg: "ends in 7"}
                  when: inventory_hostname is search('7$')
            """;

    @Test
    void fourShardsMergeIntoTheUnshardedRun(@TempDir Path dir) throws Exception {
        Path pb = Files.writeString(dir.resolve("site.yml"), PLAYBOOK);
        try (Lab lab = Lab.plain(FleetSpec.builder().hosts(200).backend(Backend.OPENSSH).build())) {
            Lab.Run whole = lab.play(pb, "--forks", "25");
            assertThat(whole.exit()).as("some hosts fail").isEqualTo(2);
            Map<String, Object> wholeHosts = recapHosts(whole);
            assertThat(wholeHosts.values()).as("every host reached")
                    .allSatisfy(st -> assertThat(((Map<?, ?>) st).get("unreachable")).isEqualTo(0));
            assertThat(wholeHosts).hasSize(200);

            List<String> files = new ArrayList<>(List.of("report", "merge", "--output", "json", "--detailed-exitcode",
                    "--junit", dir.resolve("junit.xml").toString()));
            Set<String> seen = new HashSet<>();
            for (int k = 1; k <= 4; k++) {
                Lab.Run part = lab.play(pb, "--forks", "25", "--shard", k + "/4");
                Set<String> mine = recapHosts(part).keySet();
                assertThat(mine.size()).as("shard %d/4 of 200 hosts is even", k).isBetween(35, 65);
                assertThat(java.util.Collections.disjoint(mine, seen)).as("shards are disjoint").isTrue();
                seen.addAll(mine);
                Path json = dir.resolve("shard" + k + ".json");
                StringBuilder sb = new StringBuilder();
                part.events().forEach(e -> sb.append(JsonText.compact(e)).append('\n'));
                Files.writeString(json, sb.toString());
                files.add(json.toString());
            }
            assertThat(seen).isEqualTo(wholeHosts.keySet());

            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            PrintStream saved = System.out;
            int code;
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            try {
                var cl = Main.commandLine();
                cl.setErr(new PrintWriter(new StringWriter(), true));
                code = cl.execute(files.toArray(String[]::new));
            } finally {
                System.setOut(saved);
            }
            assertThat(code).isEqualTo(whole.exit());
            @SuppressWarnings("unchecked")
            Map<String, Object> merged = (Map<String, Object>) JsonText.parse(stdout.toString(StandardCharsets.UTF_8)
                    .strip());
            assertThat(merged.get("event")).isEqualTo("recap");
            assertThat(merged.get("hosts")).isEqualTo(wholeHosts);
            String junit = Files.readString(dir.resolve("junit.xml"));
            assertThat(junit.split("<testcase ", -1)).hasSize(whole.results().size() + 1);
            assertThat(junit).contains("failures=\"20\"");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> recapHosts(Lab.Run run) {
        Map<String, Object> recap = run.events().stream().filter(e -> "recap".equals(e.get("event"))).findFirst()
                .orElseThrow();
        return (Map<String, Object>) recap.get("hosts");
    }
}
