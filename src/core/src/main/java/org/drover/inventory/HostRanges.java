package org.drover.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ansible host ranges: {@code web[01:20]} (zero padding kept), {@code db-[a:f]}, {@code [01:20:5]} (step). */
final class HostRanges {
    private static final Pattern RANGE = Pattern.compile("\\[([^\\[\\]:]*):([^\\[\\]:]*)(?::([^\\[\\]:]*))?]");

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
        String tail = name.substring(m.end());
        String from = m.group(1);
        String to = m.group(2);
        int step = 1;
        if (m.group(3) != null) {
            try {
                step = Integer.parseInt(m.group(3));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("range step '" + m.group(3) + "' is not a number");
            }
            if (step <= 0) {
                throw new IllegalArgumentException("range step must be positive");
            }
        }
        List<String> middles = new ArrayList<>();
        if (from.matches("\\d+") && to.matches("\\d+")) {
            int a = Integer.parseInt(from);
            int b = Integer.parseInt(to);
            if (a > b) {
                throw new IllegalArgumentException("range start " + from + " is after its end " + to);
            }
            int width = from.length();
            for (int i = a; i <= b; i += step) {
                String s = Integer.toString(i);
                middles.add(from.startsWith("0") && s.length() < width ? "0".repeat(width - s.length()) + s : s);
            }
        } else if (from.matches("[a-zA-Z]") && to.matches("[a-zA-Z]")) {
            char a = from.charAt(0);
            char b = to.charAt(0);
            if (a > b) {
                throw new IllegalArgumentException("range start " + from + " is after its end " + to);
            }
            for (char c = a; c <= b; c += (char) step) {
                middles.add(String.valueOf(c));
            }
        } else {
            throw new IllegalArgumentException("range [" + from + ":" + to + "] must be numbers or single letters");
        }
        List<String> out = new ArrayList<>();
        for (String mid : middles) {
            out.addAll(expand(head + mid + tail));
        }
        return out;
    }
}
