package org.drover.vault;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The passwords of a run, and Ansible Vault's envelope around {@link VaultCipher}: a header line
 * {@code $ANSIBLE_VAULT;1.1;AES256} (1.2 adds {@code ;ID}), then the hex body in lines of 80.
 * Decryption tries the secret whose id the header names first, then every other, as ansible-vault does.
 */
public final class Vault {
    public static final String HEADER = "$ANSIBLE_VAULT";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Vault NONE = new Vault(List.of());

    /** The run's vault: loading is static, like the process-wide secrets of ansible-playbook; set once per run. */
    private static volatile Vault current = NONE;

    private final List<VaultSecret> secrets;

    public Vault(List<VaultSecret> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /** A vault with no password: any vaulted text is an error that says how to give one. */
    public static Vault none() {
        return NONE;
    }

    /** The vault files and values are decrypted with from now on. */
    public static void use(Vault vault) {
        current = vault;
    }

    public static Vault current() {
        return current;
    }

    public boolean hasSecrets() {
        return !secrets.isEmpty();
    }

    /** True when text is a vault envelope (its first line starts with the header). */
    public static boolean isVaulted(String text) {
        return text.stripLeading().startsWith(HEADER + ";");
    }

    /** The envelope's plaintext. */
    public byte[] decrypt(String envelope) {
        String text = envelope.strip();
        int nl = text.indexOf('\n');
        String header = nl < 0 ? text : text.substring(0, nl).strip();
        String[] h = header.split(";");
        if (h.length < 3 || !h[0].equals(HEADER)) {
            throw new VaultException("not a vault text: the first line must start with " + HEADER + ";");
        }
        if (!h[1].equals("1.1") && !h[1].equals("1.2")) {
            throw new VaultException("vault format " + h[1] + " is not supported (1.1 and 1.2 are)");
        }
        if (!h[2].strip().equals("AES256")) {
            throw new VaultException("vault cipher " + h[2] + " is not supported (AES256 is)");
        }
        String id = h.length > 3 ? h[3].strip() : null;
        if (secrets.isEmpty()) {
            throw new VaultException("Attempting to decrypt but no vault secrets found" + (id != null ? " (the data "
                    + "names vault id '" + id + "')" : "") + ": give one with --vault-password-file FILE, "
                    + "--ask-vault-pass or --vault-id [ID@]SOURCE");
        }
        String body = nl < 0 ? "" : text.substring(nl + 1).replaceAll("\\s", "");
        for (VaultSecret s : ordered(id)) {
            byte[] plain = VaultCipher.decrypt(body, s.password());
            if (plain != null) {
                return plain;
            }
        }
        throw new VaultException("Decryption failed (no vault secrets were found that could decrypt)"
                + (id != null ? ": the data names vault id '" + id + "'" : ""));
    }

    public String decryptString(String envelope) {
        return new String(decrypt(envelope), StandardCharsets.UTF_8);
    }

    /** plaintext in an envelope, with the first secret (or the one with id), under a fresh random salt. */
    public String encrypt(byte[] plaintext, String id) {
        byte[] salt = new byte[VaultCipher.SALT_BYTES];
        RANDOM.nextBytes(salt);
        return encrypt(plaintext, secretFor(id), salt);
    }

    /** With a given salt: the same bytes as ansible-vault would write with that salt (tests compare them). */
    static String encrypt(byte[] plaintext, VaultSecret secret, byte[] salt) {
        StringBuilder out = new StringBuilder(HEADER).append(";");
        out.append(secret.id().equals(VaultSecret.DEFAULT_ID) ? "1.1;AES256" : "1.2;AES256;" + secret.id());
        String body = VaultCipher.encrypt(plaintext, secret.password(), salt);
        for (int i = 0; i < body.length(); i += 80) {
            out.append('\n').append(body, i, Math.min(body.length(), i + 80));
        }
        return out.append('\n').toString();
    }

    private VaultSecret secretFor(String id) {
        if (secrets.isEmpty()) {
            throw new VaultException("no vault password was given: use --vault-password-file FILE, --ask-vault-pass"
                    + " or --vault-id [ID@]SOURCE");
        }
        if (id == null) {
            return secrets.get(0);
        }
        return secrets.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new VaultException("no vault password with vault id '" + id + "' was given"));
    }

    private List<VaultSecret> ordered(String id) {
        List<VaultSecret> out = new ArrayList<>();
        secrets.stream().filter(s -> s.id().equals(id)).forEach(out::add);
        secrets.stream().filter(s -> !s.id().equals(id)).forEach(out::add);
        return out;
    }
}
