package org.drover.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.testbed.sim.SimRunner.assertSame;
import static org.drover.testbed.sim.SimRunner.sampleLines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated stat(1) prints what FreeBSD's does (usr.bin/stat/stat.c), not what Linux's stat does. */
class SimStatTest {
    static final String FORMAT = "%p %u %g %z %i %d %l %Fa %Fm %Fc %Su %Sg%t%Y";
    @TempDir
    Path dir;
    SimRunner host;

    @BeforeEach
    void setUp() {
        host = new SimRunner(dir.resolve("host"));
    }

    @Test
    void theSampleFormatLineByLineShape() throws Exception {
        List<String> lines = sampleLines("stat-f-file-dir-link-missing-reconstructed.txt");
        Path f = Files.writeString(dir.resolve("f"), "x".repeat(1234));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        Path link = Files.createSymbolicLink(dir.resolve("l"), Path.of("../www/nginx-dist"));
        String file = host.run("stat", "-f", FORMAT, "--", f.toString()).ok().stdout();
        String shape = "[0-7]+ [0-9]+ [0-9]+ [0-9]+ [0-9]+ [0-9]+ [0-9]+ ([0-9]+\\.[0-9]{9} ){3}\\S+ \\S+\t.*\n";
        assertThat(lines.get(0)).matches(shape);
        assertThat(file).matches(shape).startsWith("100644 ").contains(" 1234 ").endsWith("\t\n");
        assertThat(host.run("stat", "-f", FORMAT, "--", link.toString()).ok().stdout()).startsWith("120")
                .endsWith("\t../www/nginx-dist\n");
        assertSame(host.run("stat", "-f", FORMAT, "--", "/nonexistent"), "", lines.get(4), 1);
    }

    @Test
    void optionsAsFreeBsdTakesThem() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "hi\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-x---"));
        Path l = Files.createSymbolicLink(dir.resolve("l"), f);
        assertSame(host.run("stat", "-n", "-f", "%Lp", f.toString()), "750", "", 0);
        assertSame(host.run("stat", "-L", "-f", "%Sp %HT", l.toString()), "-rwxr-x--- Regular File\n", "", 0);
        assertThat(host.run("stat", "-f", "%Sp %SY", l.toString()).ok().stdout()).matches("l[rwx-]{9}  -> " + f + "\n");
        assertSame(host.run("stat", "-c", "%a", f.toString()), "", "stat: illegal option -- c\nusage: stat "
                + "[-FLnq] [-f format | -l | -r | -s | -x] [-t timefmt] [file|handle ...]\n", 1);
        assertSame(host.run("stat", "-f", "%Q", f.toString()), "", "stat: %Q: bad format\n", 1);
    }
}
