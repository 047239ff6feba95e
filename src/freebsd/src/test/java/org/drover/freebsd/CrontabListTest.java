package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrontabListTest {
    @Test
    void a_tab_or_none() {
        List<String> lines = Samples.load("crontab-l-reconstructed.txt").lines().toList();
        String tab = String.join("\n", lines.subList(0, 4)) + "\n";
        assertThat(CrontabList.parse("deploy", tab, 0)).contains(tab);
        assertThat(CrontabList.parse("nobody", lines.get(4) + "\n", 1)).isEmpty();
        assertThat(CrontabList.parse(null, lines.get(4) + "\n", 1)).isEmpty();
        assertThatThrownBy(() -> CrontabList.parse("deploy", lines.get(4) + "\n", 1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CrontabList.parse("x", "crontab: user `x' unknown\n", 1))
                .hasMessageContaining("user `x' unknown");
    }
}
