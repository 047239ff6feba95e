package org.drover.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Where the passphrase of an encrypted private key comes from. Returns null when it has none. */
@FunctionalInterface
public interface PassphraseSource {
    /** Environment variable holding the passphrase (same for every key). */
    String ENV = "DROVER_KEY_PASSPHRASE";
    /** Environment variable naming a file whose first line is the passphrase. */
    String ENV_FILE = "DROVER_KEY_PASSPHRASE_FILE";

    char[] passphrase(Path keyFile);

    /**
     * Where the passphrase for keyFile comes from, for messages: "DROVER_KEY_PASSPHRASE", "a prompt", ...; or,
     * when there is none, what could supply one.
     */
    default String origin(Path keyFile) {
        return "the passphrase source";
    }

    PassphraseSource NONE = new PassphraseSource() {
        @Override
        public char[] passphrase(Path keyFile) {
            return null;
        }

        @Override
        public String origin(Path keyFile) {
            return "no source of passphrases";
        }
    };

    /** The passphrase in a file (first line). */
    static PassphraseSource file(Path file) {
        return new PassphraseSource() {
            @Override
            public char[] passphrase(Path key) {
                try {
                    String s = Files.readString(file, StandardCharsets.UTF_8);
                    int nl = s.indexOf('\n');
                    return (nl >= 0 ? s.substring(0, nl) : s).replace("\r", "").toCharArray();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read key passphrase file " + file + ": " + e.getMessage(),
                            e);
                }
            }

            @Override
            public String origin(Path key) {
                return "the file " + file;
            }
        };
    }

    /**
     * The usual chain: {@value #ENV}, then the file named by {@value #ENV_FILE}, then prompt (asked once per
     * key file, answers remembered for the run); prompt may be null.
     */
    static PassphraseSource standard(Map<String, String> env, Function<Path, char[]> prompt) {
        Map<Path, char[]> asked = new ConcurrentHashMap<>();
        return new PassphraseSource() {
            @Override
            public char[] passphrase(Path key) {
                String v = env.get(ENV);
                if (v != null) {
                    return v.toCharArray();
                }
                String f = env.get(ENV_FILE);
                if (f != null && !f.isBlank()) {
                    return file(Path.of(f)).passphrase(key);
                }
                if (prompt == null) {
                    return null;
                }
                synchronized (asked) { // one prompt at a time, even with 50 hosts connecting
                    char[] p = asked.computeIfAbsent(key.toAbsolutePath().normalize(), prompt);
                    return p == null ? null : p.clone();
                }
            }

            @Override
            public String origin(Path key) {
                if (env.get(ENV) != null) {
                    return ENV;
                }
                String f = env.get(ENV_FILE);
                if (f != null && !f.isBlank()) {
                    return "the file " + f + " (named by " + ENV_FILE + ")";
                }
                return prompt != null ? "the prompt" : "neither " + ENV + " nor " + ENV_FILE
                        + " set, and no terminal to ask on";
            }
        };
    }
}
