package org.drover.module.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.drover.transport.ExecResult;
import org.junit.jupiter.api.Test;

/** What fetch believes of the host's answer: the awkward ones fail instead of leading to a write. */
class HostFileTest {
    static final String SHA1 = "f572d396fae9206628714fb2ce00f72e94f2258f";

    @Test
    void a_small_file_comes_with_its_content_in_freebsd_b64encode_lines() {
        HostFile.State s = HostFile.parse(ExecResult.of(0, "state=file\nsha1=" + SHA1 + "\nsize=6\n"
                + HostFile.CONTENT_MARK + "\naGVs\nbG8K\n", ""));
        assertThat(s.kind()).isEqualTo(HostFile.Kind.FILE);
        assertThat(new String(s.content(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
    }

    @Test
    void no_checksum_a_failed_shell_or_an_unknown_answer_is_an_error() {
        assertThatThrownBy(() -> HostFile.parse(ExecResult.of(0, "state=file\nsha1=\nsize=6\n",
                "sha1: not found"))).hasMessageContaining("sha1: not found");
        assertThatThrownBy(() -> HostFile.parse(ExecResult.of(126, "", "sh: permission denied")))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> HostFile.parse(ExecResult.of(0, "state=socket\n", "")))
                .hasMessageContaining("unexpected");
        assertThat(HostFile.parse(ExecResult.of(0, "state=absent\n", "")).kind()).isEqualTo(HostFile.Kind.ABSENT);
    }
}
