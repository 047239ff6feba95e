package org.drover.ssh;

import com.hierynomus.sshj.userauth.certificate.Certificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import org.drover.text.Glob;

/**
 * An OpenSSH known_hosts file: plain, wildcard ({@code *}, {@code ?}, {@code !negated}) and hashed
 * ({@code |1|salt|hash}) host patterns, the {@code [host]:port} form, {@code @cert-authority} and
 * {@code @revoked} lines. We check revocations ourselves: sshj's own verifier ignores them.
 */
public final class KnownHosts {
    public enum Marker { NONE, CERT_AUTHORITY, REVOKED }

    /** One key line. */
    public record Entry(int line, Marker marker, String hosts, String keyType, byte[] key) {
        public boolean appliesTo(String lookupName) {
            return matchesHosts(hosts, lookupName);
        }

        public String fingerprint() {
            return KnownHosts.fingerprint(key);
        }
    }

    /** The outcome of checking a server's key. */
    public sealed interface Verdict {
        record Known(Entry entry) implements Verdict {}

        record Unknown() implements Verdict {}

        /** The host is known, with other keys. */
        record Changed(List<Entry> known) implements Verdict {}

        record Revoked(Entry entry) implements Verdict {}

        /** Signed by a trusted CA, but the certificate itself is not valid for this host. */
        record BadCertificate(String reason) implements Verdict {}
    }

    private final Path file;
    private final List<Entry> entries;
    private final List<String> problems;

    private KnownHosts(Path file, List<Entry> entries, List<String> problems) {
        this.file = file;
        this.entries = new CopyOnWriteArrayList<>(entries);
        this.problems = List.copyOf(problems);
    }

    /** Reads file; a missing file is an empty list (every host unknown). */
    public static KnownHosts load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new KnownHosts(file, List.of(), List.of());
        }
        return parse(file, Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** Parses lines; malformed lines are skipped and listed in {@link #problems()} (as OpenSSH does). */
    public static KnownHosts parse(Path file, List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            Marker marker = Marker.NONE;
            int at = 0;
            if (f[0].startsWith("@")) {
                marker = switch (f[0]) {
                    case "@cert-authority" -> Marker.CERT_AUTHORITY;
                    case "@revoked" -> Marker.REVOKED;
                    default -> null;
                };
                if (marker == null) {
                    problems.add((i + 1) + ": unknown marker " + f[0]);
                    continue;
                }
                at = 1;
            }
            if (f.length < at + 3) {
                problems.add((i + 1) + ": expected hosts, key type and key");
                continue;
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(f[at + 2]);
            } catch (IllegalArgumentException e) {
                problems.add((i + 1) + ": key is not base64");
                continue;
            }
            entries.add(new Entry(i + 1, marker, f[at], f[at + 1], key));
        }
        return new KnownHosts(file, entries, problems);
    }

    public Path file() {
        return file;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public List<String> problems() {
        return problems;
    }

    /** The name OpenSSH looks up: {@code host} on port 22, {@code [host]:port} otherwise. */
    public static String lookupName(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        return port == 22 ? h : "[" + h + "]:" + port;
    }

    /** Checks the key a server presented for host:port. */
    public Verdict check(String host, int port, PublicKey key) {
        String name = lookupName(host, port);
        byte[] blob = blob(key);
        List<byte[]> candidates = new ArrayList<>();
        candidates.add(blob);
        Certificate<?> cert = key instanceof Certificate<?> c ? c : null;
        if (cert != null) {
            candidates.add(blob(cert.getKey()));
            candidates.add(cert.getSignatureKey());
        }
        for (Entry e : entries) {
            if (e.marker() == Marker.REVOKED && e.appliesTo(name)) {
                for (byte[] c : candidates) {
                    if (Arrays.equals(c, e.key())) {
                        return new Verdict.Revoked(e);
                    }
                }
            }
        }
        if (cert != null) {
            for (Entry e : entries) {
                if (e.marker() == Marker.CERT_AUTHORITY && e.appliesTo(name)
                        && Arrays.equals(e.key(), cert.getSignatureKey())) {
                    String problem;
                    try {
                        problem = KeyType.CertUtils.verifyHostCertificate(blob, cert, host);
                    } catch (RuntimeException | Buffer.BufferException ex) {
                        problem = "cannot verify: " + ex.getMessage();
                    }
                    return problem == null ? new Verdict.Known(e) : new Verdict.BadCertificate(problem);
                }
            }
        }
        byte[] plain = cert != null ? candidates.get(1) : blob;
        List<Entry> known = new ArrayList<>();
        for (Entry e : entries) {
            if (e.marker() == Marker.NONE && e.appliesTo(name)) {
                if (Arrays.equals(e.key(), plain)) {
                    return new Verdict.Known(e);
                }
                known.add(e);
            }
        }
        return known.isEmpty() ? new Verdict.Unknown() : new Verdict.Changed(known);
    }

    /** Key algorithms known for host:port, so the key exchange asks for a key we can check. */
    public List<String> algorithmsFor(String host, int port) {
        String name = lookupName(host, port);
        LinkedHashSet<String> algs = new LinkedHashSet<>();
        for (Entry e : entries) {
            if (!e.appliesTo(name)) {
                continue;
            }
            if (e.marker() == Marker.NONE) {
                algs.add(e.keyType());
            } else if (e.marker() == Marker.CERT_AUTHORITY) {
                for (KeyType t : KeyType.values()) {
                    if (t.getParent() != null) {
                        algs.add(t.toString());
                    }
                }
            }
        }
        return List.copyOf(algs);
    }

    /**
     * accept-new: appends the key unless, checked again under the lock, host:port became known meanwhile (two
     * connections to one new host at once learn it once). Returns the verdict that now holds.
     */
    public synchronized Verdict learn(String host, int port, PublicKey key) throws IOException {
        Verdict v = check(host, port, key);
        if (v instanceof Verdict.Unknown) {
            return new Verdict.Known(append(host, port, key));
        }
        return v;
    }

    /** Appends a plain line for host:port (accept-new), creating the file (0600) and its folder when missing. */
    public synchronized Entry append(String host, int port, PublicKey key) throws IOException {
        String type = KeyType.fromKey(key).toString();
        byte[] blob = blob(key);
        String line = lookupName(host, port) + " " + type + " " + Base64.getEncoder().encodeToString(blob) + "\n";
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        if (!Files.exists(file)) {
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
        } else if (Files.size(file) > 0 && !endsWithNewline(file)) {
            line = "\n" + line;
        }
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        int lineNo = (int) Files.lines(file).count();
        Entry e = new Entry(lineNo, Marker.NONE, lookupName(host, port), type, blob);
        entries.add(e);
        return e;
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return all.length == 0 || all[all.length - 1] == '\n';
    }

    /** The public key in SSH wire format, as in the known_hosts line. */
    public static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    /** {@code SHA256:base64}, as {@code ssh-keygen -l} prints it. */
    public static String fingerprint(byte[] blob) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String fingerprint(PublicKey key) {
        return fingerprint(blob(key));
    }

    /** A comma-separated pattern list: no negated pattern may match, and one plain pattern must. */
    static boolean matchesHosts(String hosts, String name) {
        if (hosts.startsWith("|1|")) {
            return hashedMatch(hosts, name);
        }
        boolean hit = false;
        for (String p : hosts.split(",")) {
            if (p.isEmpty()) {
                continue;
            }
            boolean negated = p.startsWith("!");
            String pat = (negated ? p.substring(1) : p).toLowerCase(Locale.ROOT);
            if (Glob.matches(pat, name)) { // OpenSSH's match_pattern
                if (negated) {
                    return false;
                }
                hit = true;
            }
        }
        return hit;
    }

    static boolean hashedMatch(String field, String name) {
        String[] parts = field.split("\\|");
        if (parts.length != 4) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] want = Base64.getDecoder().decode(parts[3]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return MessageDigest.isEqual(want, mac.doFinal(name.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
