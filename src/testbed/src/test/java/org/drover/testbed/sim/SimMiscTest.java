package org.drover.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.testbed.sim.SimRunner.sample;
import static org.drover.testbed.sim.SimRunner.sampleLines;
import static org.drover.testbed.sim.SimRunner.assertSame;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sysctl, kldstat, kldload, kldunload, freebsd-version, uname and sha256: their samples and behaviour. */
class SimMiscTest {
    @TempDir
    Path dir;
    SimRunner host;

    @BeforeEach
    void setUp() {
        host = new SimRunner(dir);
    }

    @Test
    void sysctlVimage() {
        host.version("15.0-RELEASE");
        assertSame(host.run("sysctl", "kern.features.vimage"), sample("sysctl-kern-features-vimage-15.0-seed.txt"),
                "", 0);
        assertSame(host.run("sysctl", "-n", "kern.features.vimage"), "1\n", "", 0);
    }

    @Test
    void sysctlUnknownOid() {
        host.writeState("sysctl.json", "{\"kern.features.vimage\": null}\n");
        assertSame(host.run("sysctl", "-n", "kern.features.vimage"), "", sample("sysctl-unknown-oid-error.txt"), 1);
        assertSame(host.run("sysctl", "-i", "-n", "kern.features.vimage"), "", "", 0);
        assertSame(host.run("sysctl", "-q", "-n", "kern.features.vimage"), "", "", 1);
        assertSame(host.run("sysctl", "-n", "kern.features.inet"), "1\n", "", 0);
    }

    @Test
    void sysctlSetting() throws Exception {
        assertSame(host.run("sysctl", "net.inet.ip.forwarding=1"), "net.inet.ip.forwarding: 0 -> 1\n", "", 0);
        assertSame(host.run("sysctl", "-n", "net.inet.ip.forwarding"), "1\n", "", 0);
        assertSame(host.run("sysctl", "kern.hostname=h2"), "kern.hostname: testhost -> h2\n", "", 0);
        assertSame(host.run("uname", "-n"), "h2\n", "", 0);
        assertSame(host.run("sysctl", "kern.ostype=Linux"), "", "sysctl: oid 'kern.ostype' is read only\n", 1);
        assertSame(host.run("sysctl", "net.inet.ip.forwarding=yes"), "", "sysctl: invalid integer 'yes'\n", 1);
        assertSame(host.run("sysctl", "security.jail.jailed", "security.jail.enforce_statfs"),
                "security.jail.jailed: 0\nsecurity.jail.enforce_statfs: 2\n", "", 0);
        assertThat(host.run("sysctl", "security.jail").ok().stdout()).contains("security.jail.jailed: 0\n");
        assertThat(host.run("sysctl").exit()).isEqualTo(1);
        java.nio.file.Files.setPosixFilePermissions(dir,
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        java.nio.file.Files.setPosixFilePermissions(dir.resolve("state"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> nobody = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                SimRunner.binDir().resolve("sysctl").toString(), "net.inet.ip.forwarding=0");
        assertSame(host.exec(nobody, Map.of()), "",
                "sysctl: net.inet.ip.forwarding=0: Operation not permitted\n", 1);
    }

    @Test
    void kldstatModule() {
        List<String> lines = sampleLines("kldstat-m-module-reconstructed.txt");
        assertSame(host.run("kldstat", "-q", "-m", "if_bridge"), "", "", 1);
        host.run("kldload", "if_bridge").ok();
        assertSame(host.run("kldstat", "-m", "if_bridge"), lines.get(0) + lines.get(1), "", 0);
        assertSame(host.run("kldstat", "-m", "if_nosuch"), "", lines.get(2), 1);
        assertSame(host.run("kldstat", "-q", "-m", "if_bridge"), "", "", 0);
        assertSame(host.run("kldstat", "-q", "-m", "if_lo"), "", "", 0);  // compiled in
        assertThat(host.run("kldstat", "-n", "if_bridge").ok().stdout()).matches(
                "Id Refs Address                Size Name\n +\\d+ +1 0x[0-9a-f]{16} +[0-9a-f]+ if_bridge.ko\n");
        assertThat(host.run("kldstat").ok().stdout()).contains(" bridgestp.ko\n").contains(" zfs.ko\n")
                .contains(" pf.ko\n");
    }

    @Test
    void kldloadAlreadyLoaded() {
        host.run("kldload", "if_wg").ok();
        assertSame(host.run("kldload", "if_wg"), "", sample("kldload-already-loaded-error.txt"), 1);
        assertSame(host.run("kldload", "-n", "if_wg"), "", "", 0);
        assertSame(host.run("kldload", "-n", "if_lo"), "", "", 0);
        assertSame(host.run("kldload", "nosuch"), "", "kldload: can't load nosuch: No such file or directory\n", 1);
        assertSame(host.run("kldload", "-v", "if_epair"), "Loaded if_epair, id=5\n", "", 0);
    }

    @Test
    void kldstatFile() {
        List<String> lines = sampleLines("kldstat-n-file-reconstructed.txt");
        host.run("kldload", "if_bridge").ok();
        assertSame(host.run("kldstat", "-n", "if_bridge"), lines.get(0) + lines.get(1), "", 0);
        assertSame(host.run("kldstat", "-n", "if_bridge.ko"), lines.get(0) + lines.get(1), "", 0);
        assertSame(host.run("kldstat", "-n", "if_lo"), "", lines.get(2), 1);
        assertSame(host.run("kldstat", "-q", "-n", "if_bridge"), "", "", 0);
        assertSame(host.run("kldstat", "-q", "-n", "if_lo"), "", "", 1);
    }

    @Test
    void kldunloadErrorsAndReferences() {
        List<String> lines = sampleLines("kldunload-errors-reconstructed.txt");
        host.run("kldload", "if_bridge").ok();
        assertSame(host.run("kldunload", "if_lo"), "", lines.get(0), 1);
        assertSame(host.run("kldunload", "bridgestp"), "", lines.get(1), 1);
        assertSame(host.run("kldunload", "kernel"), "", lines.get(1), 1);
        assertSame(host.run("kldunload", "-v", "if_bridge"), "Unloading if_bridge.ko, id=5\n", "", 0);
        assertSame(host.run("kldstat", "-q", "-m", "if_bridge"), "", "", 1);
        assertSame(host.run("kldstat", "-q", "-n", "bridgestp"), "", "", 1);  // its dependent's reference is gone
        // Loaded by hand and as a dependency: kldunload drops one reference, exits 0, and the file stays.
        host.run("kldload", "bridgestp").ok();
        host.run("kldload", "if_bridge").ok();
        assertSame(host.run("kldunload", "bridgestp"), "", "", 0);
        assertSame(host.run("kldstat", "-q", "-n", "bridgestp"), "", "", 0);
        assertSame(host.run("kldunload", "bridgestp"), "", lines.get(1), 1);
        assertSame(host.run("kldunload"), "", "usage: kldunload [-fv] -i id ...\n"
                + "       kldunload [-fv] [-n] name ...\n", 64);
        assertSame(host.run("kldunload", "nosuch", "if_bridge"), "", "kldunload: can't find file nosuch\n", 1);
        assertSame(host.run("kldstat", "-q", "-n", "if_bridge"), "", "", 0);  // it stopped at the first failure
    }

    @Test
    void freebsdVersionOrder() {
        host.version("14.3-RELEASE-p3").writeState("version-kernel", "14.3-RELEASE-p2\n");
        assertSame(host.run("freebsd-version", "-ku"), sample("freebsd-version-ku-reconstructed.txt"), "", 0);
        assertSame(host.run("freebsd-version", "-uk"), sample("freebsd-version-ku-reconstructed.txt"), "", 0);
        assertSame(host.run("freebsd-version"), "14.3-RELEASE-p3\n", "", 0);
        assertSame(host.run("freebsd-version", "-urk"), "14.3-RELEASE-p2\n14.3-RELEASE-p2\n14.3-RELEASE-p3\n", "",
                0);
        assertSame(host.run("freebsd-version", "-x"), "",
                "freebsd-version: illegal option -- x\nusage: freebsd-version [-kru] [-j jail]\n", 1);
    }

    @Test
    void unameFields() {
        host.version("15.0-RELEASE");
        assertSame(host.run("uname"), "FreeBSD\n", "", 0);
        assertSame(host.run("uname", "-srm"), "FreeBSD 15.0-RELEASE amd64\n", "", 0);
        assertSame(host.run("uname", "-K"), "1500000\n", "", 0);
        assertThat(host.run("uname", "-a").ok().stdout())
                .matches("FreeBSD testhost 15\\.0-RELEASE FreeBSD 15\\.0-RELEASE \\S+ GENERIC amd64\n");
    }

    @Test
    void sha256Forms() {
        host.writeHost("/tmp/a.txt", "hello\n");
        String hex = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
        assertSame(host.run("sha256", "/tmp/a.txt"), "SHA256 (/tmp/a.txt) = " + hex + "\n", "", 0);
        assertSame(host.run("sha256", "-q", "/tmp/a.txt"), hex + "\n", "", 0);
        assertSame(host.run("sha256", "-r", "/tmp/a.txt"), hex + " /tmp/a.txt\n", "", 0);
        assertSame(host.run("sha256", "-s", "abc"), "SHA256 (\"abc\") = "
                + "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n", "", 0);
        assertSame(host.run("sha256", "/tmp/nope", "/tmp/a.txt"), "SHA256 (/tmp/a.txt) = " + hex + "\n",
                "sha256: /tmp/nope: No such file or directory\n", 1);
        assertSame(host.sh("printf abc | sha256"),
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n", "", 0);
    }
}
