package org.drover.freebsd;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ZFS size values as a playbook writes them ({@code 10G}, {@code 1.5T}, {@code 512K}, {@code 4096}) turned into the
 * exact byte counts {@code zfs get -p} prints. Like libzfs {@code zfs_nicestrtonum}: suffixes K M G T P E (powers
 * of 1024), optionally followed by {@code B} ({@code 10GB}), case-insensitive; a bare {@code B} means bytes.
 */
public final class ZfsSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGTPE]?)(?:B|iB)?",
            Pattern.CASE_INSENSITIVE);
    private static final String UNITS = "KMGTPE";

    /** Native properties whose values are sizes; {@code zfs get -p} prints them in bytes. */
    public static final Set<String> SIZE_PROPERTIES = Set.of("quota", "refquota", "reservation", "refreservation",
            "volsize", "recordsize", "volblocksize", "special_small_blocks", "dnodesize_bytes");

    /** Sizes where {@code none} means 0 ({@code zfs get -p} prints {@code 0} for them). */
    private static final Set<String> NONE_IS_ZERO = Set.of("quota", "refquota", "reservation", "refreservation");

    private ZfsSize() {}

    /** Bytes for a size text, or empty when text is not a size. Fractions round down, as libzfs does. */
    public static OptionalLong parse(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        String unit = m.group(2).toUpperCase();
        int power = unit.isEmpty() ? 0 : UNITS.indexOf(unit) + 1;
        if (m.group(1).contains(".") && power == 0) {
            return OptionalLong.empty(); // "1.5" bytes is not a size
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power))
                .setScale(0, RoundingMode.DOWN);
        try {
            return OptionalLong.of(bytes.longValueExact());
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The value {@code zfs get -H -p} would print for a desired value: sizes of size properties in bytes,
     * {@code none} as 0 for quotas and reservations; every other value unchanged (compared exactly).
     */
    public static String normalise(String property, String desired) {
        if (!SIZE_PROPERTIES.contains(property)) {
            return desired;
        }
        if (NONE_IS_ZERO.contains(property) && desired.trim().equalsIgnoreCase("none")) {
            return "0";
        }
        OptionalLong b = parse(desired);
        return b.isPresent() ? Long.toString(b.getAsLong()) : desired;
    }
}
