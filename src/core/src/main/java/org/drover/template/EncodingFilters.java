package org.drover.template;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drover.text.PyText;

/** Encodings, digests, password hashes, sizes and randomness. */
final class EncodingFilters {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SALT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./";
    private static final Map<String, String> DIGESTS = Map.of("md5", "MD5", "sha1", "SHA-1", "sha224", "SHA-224",
            "sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512", "sha3_256", "SHA3-256", "sha3_512", "SHA3-512");
    private static final List<String> UNITS = List.of("Y", "Z", "E", "P", "T", "G", "M", "K", "B");
    private static final Pattern HUMAN = Pattern.compile("^\\s*(\\d*\\.?\\d*)\\s*([A-Za-z]+)?");
    private static final UUID ANSIBLE_NAMESPACE = UUID.fromString("361E6D51-FAEC-444A-9079-341386DA8E2E");

    private EncodingFilters() {}

    static void register(Registrar r) {
        r.filter("b64encode", (v, a) -> Base64.getEncoder().encodeToString(PyText.str(v).getBytes(charset(a))));
        r.filter("b64decode", (v, a) -> {
            try {
                return new String(Base64.getMimeDecoder().decode(PyText.str(v)), charset(a));
            } catch (IllegalArgumentException e) {
                throw new TemplateException("b64decode: " + e.getMessage(), null);
            }
        });
        r.filter("hash", (v, a) -> hash(PyText.str(v), a.string(0, "hashtype", "sha1")));
        r.filter("checksum", (v, a) -> hash(PyText.str(v), "sha1"));
        r.filter("sha1", (v, a) -> hash(PyText.str(v), "sha1"));
        r.filter("md5", (v, a) -> hash(PyText.str(v), "md5"));
        r.filter("password_hash", EncodingFilters::passwordHash);
        r.filter("to_uuid", (v, a) -> uuid5(PyText.str(a.get(0, "namespace", ANSIBLE_NAMESPACE.toString())), PyText.str(v)));
        r.filter("human_readable", (v, a) -> humanReadable(v, a.flag(0, "isbits", false), a.string(1, "unit", null)));
        r.filter("human_to_bytes", (v, a) -> humanToBytes(v, a.string(0, "default_unit", null), a.flag(1, "isbits", false)));
        r.filter("random", EncodingFilters::random);
    }

    private static Charset charset(FilterArgs a) {
        try {
            return Charset.forName(a.string(0, "encoding", "utf-8"));
        } catch (IllegalArgumentException e) {
            throw new TemplateException("unknown encoding: " + a.string(0, "encoding", ""), null);
        }
    }

    static String hash(String data, String type) {
        String algorithm = DIGESTS.get(type.toLowerCase(Locale.ROOT));
        if (algorithm == null) {
            throw new TemplateException("unsupported hash type " + type, null);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new TemplateException("unsupported hash type " + type, null);
        }
    }

    /** password_hash(hashtype='sha512', salt=None, salt_size=None, rounds=None): sha512 and sha256 crypt. */
    private static Object passwordHash(Object v, FilterArgs a) {
        String type = a.string(0, "hashtype", "sha512");
        boolean sha512 = type.equals("sha512") || type.equals("sha512_crypt");
        if (!sha512 && !type.equals("sha256") && !type.equals("sha256_crypt")) {
            throw new TemplateException("password_hash: hash type '" + type + "' is not supported by drover "
                    + "(use sha512 or sha256)", null);
        }
        int saltSize = (int) PyNumbers.big(a.get(2, "salt_size", 16L)).longValue();
        String salt = a.string(1, "salt", null);
        if (salt == null) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < saltSize; i++) {
                b.append(SALT_CHARS.charAt(RANDOM.nextInt(SALT_CHARS.length())));
            }
            salt = b.toString();
        }
        if (!salt.matches("[./0-9A-Za-z]*")) {
            throw new TemplateException("invalid characters in salt", null);
        }
        if (salt.length() > 16) {
            throw new TemplateException("invalid salt size", null);
        }
        Object rounds = a.get(3, "rounds", null);
        int n = rounds == null ? (sha512 ? 656000 : 535000) : (int) PyNumbers.big(rounds).longValue();
        return ShaCrypt.crypt(PyText.str(v), salt, Math.max(1000, Math.min(999_999_999, n)), sha512);
    }

    static String uuid5(String namespace, String name) {
        UUID ns = UUID.fromString(namespace);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16).putLong(ns.getMostSignificantBits()).putLong(ns.getLeastSignificantBits()).array());
            byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            ByteBuffer bb = ByteBuffer.wrap(h, 0, 16);
            return new UUID(bb.getLong(), bb.getLong()).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ansible's bytes_to_human: '%.2f %s' of the largest unit the size reaches (or the unit asked for). */
    static String humanReadable(Object size, boolean isbits, String unit) {
        if (!PyNumbers.isNumber(size)) {
            throw new TemplateException("human_readable() failed on bad input: '>=' not supported between instances of '"
                    + PyTreeBuilder.typeName(size) + "' and 'int'", null);
        }
        String suffix = "B";
        double limit = 1;
        for (int i = 0; i < UNITS.size(); i++) {
            suffix = UNITS.get(i);
            limit = Math.pow(2, 10.0 * (UNITS.size() - 1 - i));
            if (unit == null ? PyNumbers.dbl(size) >= limit : unit.toUpperCase(Locale.ROOT).equals(suffix)) {
                break;
            }
        }
        String base = isbits ? "bits" : "Bytes";
        String shown = limit != 1 ? suffix + base.charAt(0) : base;
        BigDecimal value = new BigDecimal(PyNumbers.dbl(size) / limit).setScale(2, RoundingMode.HALF_EVEN);
        return value.toPlainString() + " " + shown;
    }

    /** Ansible's human_to_bytes: '10M' is 10485760; units K..Y are powers of 1024. */
    static Object humanToBytes(Object number, String defaultUnit, boolean isbits) {
        String text = PyText.str(number);
        Matcher m = HUMAN.matcher(text);
        if (!m.find() || m.group(1).isEmpty() || m.group(1).equals(".")) {
            throw new TemplateException("human_to_bytes() can't interpret following string: " + text, null);
        }
        double num = Double.parseDouble(m.group(1));
        String unit = m.group(2) != null ? m.group(2) : defaultUnit;
        if (unit == null) {
            return PyNumbers.narrow(new BigDecimal(num).setScale(0, RoundingMode.HALF_EVEN).toBigInteger());
        }
        String key = unit.substring(0, 1).toUpperCase(Locale.ROOT);
        int index = UNITS.indexOf(key);
        if (index < 0) {
            throw new TemplateException("human_to_bytes() failed to convert " + text + " (unit = " + unit
                    + "). The suffix must be one of Y, Z, E, P, T, G, M, K, B", null);
        }
        String unitClass = isbits ? "b" : "B";
        if (unit.length() > 1 && !unit.toLowerCase(Locale.ROOT).contains(isbits ? "bit" : "byte")
                && unit.charAt(1) != unitClass.charAt(0)) {
            throw new TemplateException("human_to_bytes() failed to convert " + text + ". Value is not a valid string (expect "
                    + (key.equals("B") ? unitClass + " or " + (isbits ? "bit" : "byte") : key + unitClass + " or " + key) + ")", null);
        }
        BigDecimal limit = new BigDecimal(java.math.BigInteger.ONE.shiftLeft(10 * (UNITS.size() - 1 - index)));
        return PyNumbers.narrow(new BigDecimal(num).multiply(limit).setScale(0, RoundingMode.HALF_EVEN).toBigInteger());
    }

    /** Ansible's random: an int below end (from start, by step), or a random element; seed= is refused. */
    private static Object random(Object v, FilterArgs a) {
        if (a.get(2, "seed", null) != null) {
            throw new TemplateException("random(seed=...) is not supported by drover: it cannot repeat Python's generator; "
                    + "compute the value once and store it in a variable", null);
        }
        Object start = a.get(0, "start", null);
        Object step = a.get(1, "step", null);
        if (PyNumbers.isInt(v)) {
            long from = start == null ? 0 : PyNumbers.big(start).longValue();
            long by = step == null || PyNumbers.big(step).signum() == 0 ? 1 : PyNumbers.big(step).longValue();
            long end = PyNumbers.big(v).longValue();
            long count = by > 0 ? (end - from + by - 1) / by : (from - end - by - 1) / -by;
            if (count <= 0) {
                throw new TemplateException("empty range for randrange()", null);
            }
            return from + by * (long) (RANDOM.nextDouble() * count);
        }
        if (start != null || step != null) {
            throw new TemplateException("start and step can only be used with integer values", null);
        }
        List<Object> items = PyValues.iterate(v);
        if (items.isEmpty()) {
            throw new TemplateException("Cannot choose from an empty sequence", null);
        }
        return items.get(RANDOM.nextInt(items.size()));
    }
}
