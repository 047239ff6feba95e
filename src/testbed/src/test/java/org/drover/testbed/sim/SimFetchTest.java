package org.drover.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.testbed.sim.SimRunner.assertSame;
import static org.drover.testbed.sim.SimRunner.sampleLines;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fetch(1) against its simulated web ($FAKEBSD_STATE/www/NETLOC/PATH), b64encode, and the md5(1) family. */
class SimFetchTest {
    @TempDir
    Path dir;
    SimRunner host;

    @BeforeEach
    void setUp() {
        host = new SimRunner(dir);
        host.writeState("www/files.example.org/a.txt", "hello\n");
        host.mkdirHost("/tmp");
    }

    @Test
    void downloads_quietly_into_the_output_file_or_directory() {
        assertSame(host.run("fetch", "-q", "-T", "10", "-o", "/tmp/x", "--", "http://files.example.org/a.txt"), "", "", 0);
        assertThat(host.readHost("/tmp/x")).isEqualTo("hello\n");
        assertSame(host.run("fetch", "-q", "-o", "/tmp", "https://files.example.org/a.txt"), "", "", 0);
        assertThat(host.readHost("/tmp/a.txt")).isEqualTo("hello\n");
        assertSame(host.run("fetch", "-q", "-o", "-", "http://files.example.org/a.txt"), "hello\n", "", 0);
    }

    @Test
    void failures_print_what_freebsd_prints() {
        List<String> lines = sampleLines("fetch-errors-reconstructed.txt");
        assertSame(host.run("fetch", "-q", "-o", "/tmp/x", "http://files.example.org/missing.tar.gz"), "", lines.get(0), 1);
        assertSame(host.run("fetch", "-q", "-o", "/tmp/x", "http://nosuch.example.org/a"), "", lines.get(1), 1);
        assertSame(host.run("fetch", "-q", "-o", "/tmp/x", "http://127.0.0.1:9/a"), "", lines.get(2), 1);
        assertSame(host.run("fetch", "-q", "-o", "/nonexistent/dir/x", "http://files.example.org/a.txt"), "",
                lines.get(3), 1);
        host.writeState("www/files.example.org/.delay", "2\n");
        assertSame(host.run("fetch", "-q", "-T", "1", "-o", "/tmp/x", "http://files.example.org/a.txt"), "",
                lines.get(4), 1);
        assertThat(host.hostPath("/tmp/x")).doesNotExist();
        SimRunner.Result usage = host.run("fetch", "-Z", "http://files.example.org/a.txt");
        assertThat(usage.exit()).isEqualTo(1);
        assertThat(usage.stderr()).startsWith("fetch: illegal option -- Z\nusage: fetch [-146AadFlMmnPpqRrsUv]");
    }

    @Test
    void digests_and_base64_as_freebsd_prints_them() {
        host.writeHost("/tmp/h", "hello\n");
        assertSame(host.run("sha1", "-q", "/tmp/h"), "f572d396fae9206628714fb2ce00f72e94f2258f\n", "", 0);
        assertSame(host.run("md5", "-q", "/tmp/h"), "b1946ac92492d2347c6235b4d2611184\n", "", 0);
        assertSame(host.run("md5", "/tmp/h"), "MD5 (/tmp/h) = b1946ac92492d2347c6235b4d2611184\n", "", 0);
        assertSame(host.run("b64encode", "-r", "/tmp/h", "x"), "aGVsbG8K\n", "", 0);
        assertSame(host.sh("printf hello | b64encode x"), "begin-base64 644 x\naGVsbG8=\n====\n", "", 0);
    }
}
