package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FetchErrorsTest {
    private final List<String> lines = Samples.load("fetch-errors-reconstructed.txt").lines().toList();

    @Test
    void the_reason_libfetch_gave_for_the_url() {
        assertThat(FetchErrors.reason(lines.get(0) + "\n", "http://files.example.org/missing.tar.gz"))
                .isEqualTo("Not Found");
        assertThat(FetchErrors.reason(lines.get(1) + "\n", "http://nosuch.example.org/a")).isEqualTo("No address record");
        assertThat(FetchErrors.reason(lines.get(2) + "\n", "http://127.0.0.1:9/a")).isEqualTo("Connection refused");
    }

    @Test
    void other_failures_are_told_as_fetch_printed_them() {
        assertThat(FetchErrors.reason(lines.get(3) + "\n", "http://files.example.org/a.txt"))
                .isEqualTo("/nonexistent/dir/x: open(): No such file or directory");
        assertThat(FetchErrors.timedOut(lines.get(4) + "\n")).isTrue();
        assertThat(FetchErrors.timedOut(lines.get(0) + "\n")).isFalse();
        assertThat(FetchErrors.reason("", "http://x/")).isEqualTo("fetch failed without a message");
    }
}
