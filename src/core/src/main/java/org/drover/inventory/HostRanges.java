package org.drover.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible host ranges: {@code web[01:20]} (zero padding kept), {@code db-[a:f]}, {@code [01:20:5]} (step).
 * As Ansible's expand_hostname_range: an empty start is 0, a zero-padded start needs an end of its length, and
 * letters go in Python's ascii_letters order (a to z, then A to Z). The arithmetic cannot overflow and one
 * host entry expands to at most {@link #MAX_HOSTS} names.
 */
final class HostRanges {
    static final int MAX_HOSTS = 100_000;
    private static final Pattern RANGE = Pattern.compile("\\[([^\\[\\]:]*):([^\\[\\]:]*)(?::([^\\[\\]:]*))?]");
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private HostRanges() {}

    static boolean hasRange(String name) {
        return RANGE.matcher(name).find();
    }

    /** Expands every range in the name (left to right); throws IllegalArgumentException with a readable reason. */
    static List<String> expand(String name) {
        Matcher m = RANGE.matcher(name);
        if (!m.find()) {
            return List.of(name);
        }
        String head = name.substring(0, m.start());
        List<String> middles = middles(m.group(1).isEmpty() ? "0" : m.group(1), m.group(2), step(m.group(3)));
        List<String> tails = expand(name.substring(m.end()));
        if ((long) middles.size() * tails.size() > MAX_HOSTS) {
            throw new IllegalArgumentException("expands to more than " + MAX_HOSTS + " hosts");
        }
        List<String> out = new ArrayList<>(middles.size() * tails.size());
        for (String mid : middles) {
            for (String tail : tails) {
                out.add(head + mid + tail);
            }
        }
        return out;
    }

    private static long step(String text) {
        if (text == null) {
            return 1;
        }
        long step = number(text, "range step");
        if (step <= 0) {
            throw new IllegalArgumentException("range step must be positive");
        }
        return step;
    }

    private static List<String> middles(String from, String to, long step) {
        if (to.isEmpty()) {
            throw new IllegalArgumentException("host range must specify end value");
        }
        int a = LETTERS.indexOf(from);
        int b = LETTERS.indexOf(to);
        List<String> out = new ArrayList<>();
        if (from.length() == 1 && to.length() == 1 && a >= 0 && b >= 0) {
            checkOrder(a, b, from, to);
            for (long i = a; i <= b; i += step) {
                out.add(String.valueOf(LETTERS.charAt((int) i)));
            }
            return out;
        }
        if (from.length() > 1 && from.startsWith("0") && from.length() != to.length()) {
            throw new IllegalArgumentException("host range must specify equal-length begin and end formats");
        }
        long first = number(from, "range start");
        long last = number(to, "range end");
        checkOrder(first, last, from, to);
        if ((last - first) / step >= MAX_HOSTS) {
            throw new IllegalArgumentException("expands to more than " + MAX_HOSTS + " hosts");
        }
        for (long i = first; i <= last; i += step) {
            String s = Long.toString(i);
            out.add(from.startsWith("0") && s.length() < from.length() ? "0".repeat(from.length() - s.length()) + s : s);
        }
        return out;
    }

    private static void checkOrder(long a, long b, String from, String to) {
        if (a > b) {
            throw new IllegalArgumentException("range start " + from + " is after its end " + to);
        }
    }

    /** A non-negative decimal number of at most 18 digits (so that no sum of two overflows). */
    private static long number(String text, String what) {
        if (!text.matches("\\d{1,18}")) {
            throw new IllegalArgumentException(what + " '" + text + "' " + (text.matches("\\d+") ? "is too large"
                    : "must be a number (or, with its other end, a single letter)"));
        }
        return Long.parseLong(text);
    }
}
