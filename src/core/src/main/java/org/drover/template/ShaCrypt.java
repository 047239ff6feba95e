package org.drover.template;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The SHA-256 and SHA-512 crypt schemes ($5$, $6$) of glibc and libxcrypt, which password_hash produces. */
final class ShaCrypt {
    private static final String ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int[][] ORDER_512 = {{0, 21, 42}, {22, 43, 1}, {44, 2, 23}, {3, 24, 45}, {25, 46, 4}, {47, 5, 26},
        {6, 27, 48}, {28, 49, 7}, {50, 8, 29}, {9, 30, 51}, {31, 52, 10}, {53, 11, 32}, {12, 33, 54}, {34, 55, 13},
        {56, 14, 35}, {15, 36, 57}, {37, 58, 16}, {59, 17, 38}, {18, 39, 60}, {40, 61, 19}, {62, 20, 41}};
    private static final int[][] ORDER_256 = {{0, 10, 20}, {21, 1, 11}, {12, 22, 2}, {3, 13, 23}, {24, 4, 14}, {15, 25, 5},
        {6, 16, 26}, {27, 7, 17}, {18, 28, 8}, {9, 19, 29}};
    /** Rounds when the hash names none; crypt then omits rounds= from its output. */
    static final int DEFAULT_ROUNDS = 5000;

    private ShaCrypt() {}

    /** crypt(password, "$id$[rounds=N$]salt"): id 5 is SHA-256, 6 SHA-512. */
    static String crypt(String password, String salt, int rounds, boolean sha512) {
        String algorithm = sha512 ? "SHA-512" : "SHA-256";
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        byte[] s = salt.getBytes(StandardCharsets.UTF_8);
        byte[] b = digest(algorithm, p, s, p);
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        a.writeBytes(p);
        a.writeBytes(s);
        a.writeBytes(repeat(b, p.length));
        for (int n = p.length; n > 0; n >>= 1) {
            a.writeBytes((n & 1) != 0 ? b : p);
        }
        byte[] c = digest(algorithm, a.toByteArray());
        byte[] pBytes = repeat(digest(algorithm, repeatEach(p, p.length)), p.length);
        byte[] sBytes = repeat(digest(algorithm, repeatEach(s, 16 + (c[0] & 0xff))), s.length);
        for (int i = 0; i < rounds; i++) {
            ByteArrayOutputStream r = new ByteArrayOutputStream();
            r.writeBytes((i & 1) != 0 ? pBytes : c);
            if (i % 3 != 0) {
                r.writeBytes(sBytes);
            }
            if (i % 7 != 0) {
                r.writeBytes(pBytes);
            }
            r.writeBytes((i & 1) != 0 ? c : pBytes);
            c = digest(algorithm, r.toByteArray());
        }
        String prefix = "$" + (sha512 ? "6" : "5") + "$" + (rounds == DEFAULT_ROUNDS ? "" : "rounds=" + rounds + "$") + salt + "$";
        return prefix + encode(c, sha512);
    }

    private static String encode(byte[] c, boolean sha512) {
        StringBuilder out = new StringBuilder();
        for (int[] t : sha512 ? ORDER_512 : ORDER_256) {
            b64(out, c[t[0]], c[t[1]], c[t[2]], 4);
        }
        if (sha512) {
            b64(out, (byte) 0, (byte) 0, c[63], 2);
        } else {
            b64(out, (byte) 0, c[31], c[30], 3);
        }
        return out.toString();
    }

    private static void b64(StringBuilder out, byte b2, byte b1, byte b0, int n) {
        int w = ((b2 & 0xff) << 16) | ((b1 & 0xff) << 8) | (b0 & 0xff);
        for (int i = 0; i < n; i++) {
            out.append(ITOA64.charAt(w & 0x3f));
            w >>= 6;
        }
    }

    /** The first length bytes of block repeated. */
    private static byte[] repeat(byte[] block, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = block[i % block.length];
        }
        return out;
    }

    private static byte[] repeatEach(byte[] bytes, int times) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < times; i++) {
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] digest(String algorithm, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            for (byte[] part : parts) {
                md.update(part);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
