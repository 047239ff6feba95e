package org.drover.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import org.drover.text.Glob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and hashed lines below were made with ssh-keygen (OpenSSH 9.2); fingerprints are what ssh-keygen -l printed. */
class KnownHostsTest {
    static final String A = "AAAAC3NzaC1lZDI1NTE5AAAAIDQlHa9A3wBlWE5XocUnm+l+b7D5BWD0ZNUvY+12I5yd";
    static final String A_FP = "SHA256:7ir5ra9HkjIfVC4lIzmDxkaPxqrQ9BeiI1KQHPek0Qk";
    static final String B = "AAAAC3NzaC1lZDI1NTE5AAAAIBFvzDBBrY9RehGonCO3S2LyXO1ogPCbCkTinMmaEwAT";
    static final String B_FP = "SHA256:cLgNy7H0jviqy7PH88zeAiyBlzxP32vWuU4tt8OfU4o";
    static final String C = "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBP+n/9Kqik16cUcFVs00fMxx+Bt4Qd/oCbJegXLGDna5b35Nem9oc/++q4bDs6bXUvgH1gD/AOR/BJd8Cb+Y5QA=";
    static final String C_FP = "SHA256:CVAc0rKPeJOIHpT6G/bc57rgeO4SQYuBClpHdmN9Aa0";
    /** ssh-keygen -H of "web1.example.org A" and "[10.0.0.5]:2222 C". */
    static final String HASHED = """
            |1|xoXOAYVL7+VuD8hc5S5jS3+NLes=|BEHmHuO0Z5jU9lN3SdisJHG9cKs= ssh-ed25519 %s
            |1|jYg3LelAyd/s2+Ti7ggBJeBu758=|DEKUoK0QguGVRrAdftltvkE+8ak= ecdsa-sha2-nistp256 %s
            """.formatted(A, C);

    static PublicKey key(String b64) throws Exception {
        return new Buffer.PlainBuffer(Base64.getDecoder().decode(b64)).readPublicKey();
    }

    static KnownHosts parse(String text) {
        return KnownHosts.parse(Path.of("known_hosts"), text.lines().toList());
    }

    @Test
    void fingerprintsMatchSshKeygen() throws Exception {
        assertThat(KnownHosts.fingerprint(key(A))).isEqualTo(A_FP);
        assertThat(KnownHosts.fingerprint(key(B))).isEqualTo(B_FP);
        assertThat(KnownHosts.fingerprint(key(C))).isEqualTo(C_FP);
    }

    @Test
    void hashedEntriesMatchOnlyTheirHost() throws Exception {
        KnownHosts kh = parse(HASHED);
        assertThat(kh.check("web1.example.org", 22, key(A))).isInstanceOf(KnownHosts.Verdict.Known.class);
        assertThat(kh.check("WEB1.example.org", 22, key(A))).as("host names are case-insensitive")
                .isInstanceOf(KnownHosts.Verdict.Known.class);
        assertThat(kh.check("web2.example.org", 22, key(A))).isInstanceOf(KnownHosts.Verdict.Unknown.class);
        assertThat(kh.check("web1.example.org", 2222, key(A))).as("other port, other entry")
                .isInstanceOf(KnownHosts.Verdict.Unknown.class);
        assertThat(kh.check("10.0.0.5", 2222, key(C))).isInstanceOf(KnownHosts.Verdict.Known.class);
        assertThat(kh.check("10.0.0.5", 22, key(C))).isInstanceOf(KnownHosts.Verdict.Unknown.class);
        assertThat(kh.algorithmsFor("10.0.0.5", 2222)).containsExactly("ecdsa-sha2-nistp256");
    }

    @Test
    void changedKeyListsWhatIsKnown() throws Exception {
        KnownHosts kh = parse("# comment\n\nweb1,10.0.0.1 ssh-ed25519 " + A + " old key\n");
        KnownHosts.Verdict v = kh.check("10.0.0.1", 22, key(B));
        assertThat(v).isInstanceOf(KnownHosts.Verdict.Changed.class);
        KnownHosts.Entry e = ((KnownHosts.Verdict.Changed) v).known().get(0);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.fingerprint()).isEqualTo(A_FP);
    }

    @Test
    void bracketedPortForm() throws Exception {
        KnownHosts kh = parse("[db.lan]:2200 ssh-ed25519 " + A + "\ndb.lan ssh-ed25519 " + B + "\n");
        assertThat(KnownHosts.lookupName("DB.lan", 2200)).isEqualTo("[db.lan]:2200");
        assertThat(KnownHosts.lookupName("db.lan", 22)).isEqualTo("db.lan");
        assertThat(kh.check("db.lan", 2200, key(A))).isInstanceOf(KnownHosts.Verdict.Known.class);
        assertThat(kh.check("db.lan", 22, key(B))).isInstanceOf(KnownHosts.Verdict.Known.class);
        assertThat(kh.check("db.lan", 2200, key(B))).isInstanceOf(KnownHosts.Verdict.Changed.class);
    }

    @Test
    void wildcardAndNegatedPatterns() throws Exception {
        KnownHosts kh = parse("*.lab.example,!bad.lab.example,10.1.?.7 ssh-ed25519 " + A + "\n"
                + "[*.lab.example]:* ecdsa-sha2-nistp256 " + C + "\n");
        assertThat(kh.check("jail1.lab.example", 22, key(A))).isInstanceOf(KnownHosts.Verdict.Known.class);
        assertThat(kh.check("10.1.3.7", 22, key(A))).isInstanceOf(KnownHosts.Verdict.Known.class);
        assertThat(kh.check("10.1.33.7", 22, key(A))).isInstanceOf(KnownHosts.Verdict.Unknown.class);
        assertThat(kh.check("bad.lab.example", 22, key(A))).as("negation wins")
                .isInstanceOf(KnownHosts.Verdict.Unknown.class);
        assertThat(kh.check("x.lab.example", 2022, key(C))).isInstanceOf(KnownHosts.Verdict.Known.class);
        assertThat(Glob.matches("a*b*c", "aXXbYc")).isTrue();
        assertThat(Glob.matches("a*b*c", "aXXbY")).isFalse();
        assertThat(Glob.matches("*", "")).isTrue();
    }

    @Test
    void revokedLineWinsOverAMatchingEntry() throws Exception {
        KnownHosts kh = parse("web1 ssh-ed25519 " + A + "\n@revoked * ssh-ed25519 " + A + "\n");
        KnownHosts.Verdict v = kh.check("web1", 22, key(A));
        assertThat(v).isInstanceOf(KnownHosts.Verdict.Revoked.class);
        assertThat(((KnownHosts.Verdict.Revoked) v).entry().line()).isEqualTo(2);
        assertThat(kh.check("web1", 22, key(B))).isInstanceOf(KnownHosts.Verdict.Changed.class);
    }

    @Test
    void certAuthorityLinesAreNotPlainKeys() throws Exception {
        KnownHosts kh = parse("@cert-authority *.example ssh-ed25519 " + A + "\n");
        KnownHosts.Entry e = kh.entries().get(0);
        assertThat(e.marker()).isEqualTo(KnownHosts.Marker.CERT_AUTHORITY);
        // a plain (uncertified) key equal to the CA key is not trusted by a CA line
        assertThat(kh.check("h.example", 22, key(A))).isInstanceOf(KnownHosts.Verdict.Unknown.class);
        assertThat(kh.algorithmsFor("h.example", 22)).contains("ssh-ed25519-cert-v01@openssh.com");
        assertThat(kh.algorithmsFor("h.other", 22)).isEmpty();
    }

    @Test
    void malformedLinesAreSkippedAndReported() throws Exception {
        KnownHosts kh = parse("@bogus x ssh-ed25519 " + A + "\nonlyhost\nh ssh-ed25519 !!notbase64\n"
                + "ok ssh-ed25519 " + B + "\n");
        assertThat(kh.entries()).hasSize(1);
        assertThat(kh.problems()).hasSize(3);
        assertThat(kh.check("ok", 22, key(B))).isInstanceOf(KnownHosts.Verdict.Known.class);
    }

    @Test
    void appendCreatesTheFileAndTheEntryIsThenKnown(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("a/b/known_hosts");
        KnownHosts kh = KnownHosts.load(f);
        assertThat(kh.check("10.0.0.9", 2200, key(A))).isInstanceOf(KnownHosts.Verdict.Unknown.class);
        kh.append("10.0.0.9", 2200, key(A));
        assertThat(Files.readString(f)).isEqualTo("[10.0.0.9]:2200 ssh-ed25519 " + A + "\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-------");
        assertThat(kh.check("10.0.0.9", 2200, key(A))).isInstanceOf(KnownHosts.Verdict.Known.class);
        assertThat(KnownHosts.load(f).check("10.0.0.9", 2200, key(A))).isInstanceOf(KnownHosts.Verdict.Known.class);
        Files.writeString(f, "x ssh-ed25519 " + B); // no final newline
        KnownHosts.load(f).append("y", 22, key(A));
        assertThat(Files.readAllLines(f)).isEqualTo(List.of("x ssh-ed25519 " + B, "y ssh-ed25519 " + A));
    }

    @Test
    void learningTwiceWritesOneLine(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("known_hosts");
        KnownHosts kh = KnownHosts.load(f);
        assertThat(kh.learn("h", 22, key(A))).isInstanceOf(KnownHosts.Verdict.Known.class);
        assertThat(kh.learn("h", 22, key(A))).isInstanceOf(KnownHosts.Verdict.Known.class);
        assertThat(kh.learn("h", 22, key(B))).isInstanceOf(KnownHosts.Verdict.Changed.class);
        assertThat(Files.readAllLines(f)).containsExactly("h ssh-ed25519 " + A);
    }
}
