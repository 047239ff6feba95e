package org.drover.runlock;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Run ids: the UTC start time and random bits, e.g. {@code 20261203T140512Z-9f3a61c2}; safe in file names. */
public final class RunIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {}

    public static String create() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-" + HexFormat.of().formatHex(b);
    }
}
