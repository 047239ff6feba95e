package org.drover.vault;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ansible's VaultAES256: PBKDF2-HMAC-SHA256 (10,000 rounds, 32-byte salt) derives 80 bytes: an AES-256 key, an
 * HMAC-SHA256 key and the CTR counter's start. The plaintext is PKCS#7-padded to 16 bytes, encrypted with AES-CTR,
 * and the ciphertext authenticated with HMAC-SHA256. The body is hex(hex(salt) \n hex(hmac) \n hex(ciphertext)).
 */
final class VaultCipher {
    static final int SALT_BYTES = 32;
    private static final int ROUNDS = 10_000;

    private record Keys(byte[] cipherKey, byte[] hmacKey, byte[] iv) {}

    private VaultCipher() {}

    /** The hex body (not yet wrapped) of plaintext under password with the given salt. */
    static String encrypt(byte[] plaintext, byte[] password, byte[] salt) {
        Keys k = derive(password, salt);
        try {
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k.cipherKey(), "AES"), new IvParameterSpec(k.iv()));
            byte[] ciphertext = aes.doFinal(pad(plaintext));
            byte[] hmac = hmac(k.hmacKey(), ciphertext);
            String inner = hex(salt) + "\n" + hex(hmac) + "\n" + hex(ciphertext);
            return hex(inner.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CTR is part of every Java 17 runtime", e);
        }
    }

    /** The plaintext, or null when password is not the one (the HMAC does not match). */
    static byte[] decrypt(String body, byte[] password) {
        String inner = new String(unhex(body), java.nio.charset.StandardCharsets.US_ASCII);
        String[] parts = inner.split("\n", -1);
        if (parts.length != 3) {
            throw new VaultException("the vault text is damaged: its body does not hold salt, HMAC and ciphertext");
        }
        byte[] salt = unhex(parts[0]);
        byte[] expected = unhex(parts[1]);
        byte[] ciphertext = unhex(parts[2]);
        Keys k = derive(password, salt);
        if (!MessageDigest.isEqual(expected, hmac(k.hmacKey(), ciphertext))) {
            return null;
        }
        try {
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k.cipherKey(), "AES"), new IvParameterSpec(k.iv()));
            return unpad(aes.doFinal(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CTR is part of every Java 17 runtime", e);
        }
    }

    private static Keys derive(byte[] password, byte[] salt) {
        byte[] out = pbkdf2(password, salt, 80, ROUNDS);
        return new Keys(Arrays.copyOfRange(out, 0, 32), Arrays.copyOfRange(out, 32, 64), Arrays.copyOfRange(out, 64, 80));
    }

    /**
     * PBKDF2-HMAC-SHA256 (RFC 8018) over the password's bytes, as Ansible hashes them: the JDK's PBEKeySpec takes
     * chars and would re-encode a password file that is not UTF-8.
     */
    static byte[] pbkdf2(byte[] password, byte[] salt, int length, int rounds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, "HmacSHA256"));
            byte[] out = new byte[length];
            for (int block = 1, done = 0; done < length; block++) {
                mac.update(salt);
                byte[] u = mac.doFinal(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8),
                        (byte) block});
                byte[] t = u.clone();
                for (int i = 1; i < rounds; i++) {
                    u = mac.doFinal(u);
                    for (int j = 0; j < t.length; j++) {
                        t[j] ^= u[j];
                    }
                }
                int n = Math.min(t.length, length - done);
                System.arraycopy(t, 0, out, done, n);
                done += n;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    private static byte[] pad(byte[] data) {
        int n = 16 - data.length % 16;
        byte[] out = Arrays.copyOf(data, data.length + n);
        Arrays.fill(out, data.length, out.length, (byte) n);
        return out;
    }

    private static byte[] unpad(byte[] data) {
        int n = data.length == 0 ? 0 : data[data.length - 1] & 0xff;
        if (n < 1 || n > 16 || n > data.length) {
            throw new VaultException("the vault text is damaged: bad padding after decryption");
        }
        return Arrays.copyOf(data, data.length - n);
    }

    static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    static byte[] unhex(String s) {
        try {
            return java.util.HexFormat.of().parseHex(s.strip());
        } catch (IllegalArgumentException e) {
            throw new VaultException("the vault text is damaged: it is not hexadecimal", e);
        }
    }
}
