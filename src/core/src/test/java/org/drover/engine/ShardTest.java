package org.drover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ShardTest {
    static List<String> names(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(String.format("web%04d.example.net", i));
        }
        return out;
    }

    static int shardOf(String host, int n) {
        for (int k = 1; k <= n; k++) {
            if (new Shard(k, n).includes(host)) {
                return k;
            }
        }
        throw new AssertionError(host + " is in no shard");
    }

    @Test
    void everyHostIsInExactlyOneShardAndTheShardsAreEven() {
        int[] counts = new int[5];
        for (String h : names(0, 1000)) {
            int in = 0;
            for (int k = 1; k <= 4; k++) {
                if (new Shard(k, 4).includes(h)) {
                    in++;
                    counts[k]++;
                }
            }
            assertThat(in).as(h).isEqualTo(1);
        }
        for (int k = 1; k <= 4; k++) {
            assertThat(counts[k]).as("shard %d/4 of 1000", k).isBetween(220, 280);
        }
    }

    @Test
    void addingHostsMovesNoneOfTheOthers() {
        Map<String, Integer> before = new TreeMap<>();
        names(0, 100).forEach(h -> before.put(h, shardOf(h, 4)));
        names(100, 300).forEach(h -> shardOf(h, 4));
        before.forEach((h, k) -> assertThat(shardOf(h, 4)).as(h).isEqualTo(k));
    }

    @Test
    void aJailTargetGoesWithItsHost() {
        for (String h : names(0, 50)) {
            assertThat(shardOf("webserver@" + h, 3)).isEqualTo(shardOf(h, 3));
        }
    }

    @Test
    void parsing() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse("1/1").includes("any")).isTrue();
        for (String bad : List.of("0/4", "5/4", "4", "a/b", "1/0", "-1/4", "1/4/2", "99999999999/4")) {
            assertThatThrownBy(() -> Shard.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("K/N");
        }
    }
}
