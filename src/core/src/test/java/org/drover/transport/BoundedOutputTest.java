package org.drover.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.drover.engine.LocalConnection;
import org.junit.jupiter.api.Test;

class BoundedOutputTest {
    @Test
    void keepsUpToTheBoundAndCountsTheRest() {
        BoundedOutput o = new BoundedOutput(10);
        byte[] b = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        o.write(b, 0, 6);
        o.write(b, 6, 10);
        o.write(b, 0, 3);
        assertThat(o.size()).isEqualTo(10);
        assertThat(o.dropped()).isEqualTo(9);
        assertThat(o.text()).isEqualTo("0123456789\n... 9 bytes more not kept (--max-output)\n");
        BoundedOutput small = new BoundedOutput(10);
        small.write(b, 0, 10);
        assertThat(small.text()).isEqualTo("0123456789");
    }

    @Test
    void sizesTakeBinarySuffixes() {
        assertThat(BoundedOutput.parseSize("65536")).isEqualTo(65536);
        assertThat(BoundedOutput.parseSize("512K")).isEqualTo(512 * 1024);
        assertThat(BoundedOutput.parseSize("8m")).isEqualTo(8L << 20);
        assertThat(BoundedOutput.parseSize("1GiB")).isEqualTo(1L << 30);
        assertThat(BoundedOutput.parseSize("lots")).isEqualTo(-1);
        assertThat(BoundedOutput.parseSize("-5")).isEqualTo(-1);
    }

    @Test
    void aLocalCommandsOutputIsBoundedToo() throws Exception {
        try (LocalConnection c = new LocalConnection("localhost", null, Duration.ofSeconds(60))) {
            ExecResult r = c.exec(ExecRequest.of("head -c 3000000 /dev/zero | tr '\\0' a; echo err >&2")
                    .withMaxOutput(1 << 20));
            assertThat(r.exitStatus()).isZero();
            assertThat(r.stdout()).startsWith("aaa").hasSize((1 << 20) + "\n... 1951424 bytes more not kept (--max-output)\n".length())
                    .endsWith("a\n... 1951424 bytes more not kept (--max-output)\n");
            assertThat(r.stderr()).isEqualTo("err\n");
        }
    }
}
