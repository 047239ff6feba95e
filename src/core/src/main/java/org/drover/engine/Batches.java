package org.drover.engine;

import java.util.ArrayList;
import java.util.List;

/** Splits a play's hosts into {@code serial} batches: numbers or percentages; the last size repeats. */
final class Batches {
    private Batches() {}

    static <T> List<List<T>> split(List<T> hosts, List<Object> serial) {
        if (serial.isEmpty() || hosts.isEmpty()) {
            return hosts.isEmpty() ? List.of() : List.of(hosts);
        }
        List<List<T>> out = new ArrayList<>();
        int i = 0;
        int step = 0;
        while (i < hosts.size()) {
            Object spec = serial.get(Math.min(step++, serial.size() - 1));
            int size = Math.max(1, size(spec, hosts.size()));
            int end = Math.min(hosts.size(), i + size);
            out.add(List.copyOf(hosts.subList(i, end)));
            i = end;
        }
        return out;
    }

    /** An absolute count, or a percentage of the play's hosts rounded down (at least one host). */
    static int size(Object spec, int total) {
        String s = String.valueOf(spec).trim();
        try {
            if (s.endsWith("%")) {
                double pct = Double.parseDouble(s.substring(0, s.length() - 1).trim());
                return (int) Math.floor(total * pct / 100.0);
            }
            return s.isEmpty() || s.equals("0") ? total : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("serial: '" + spec + "' is neither a number nor a percentage");
        }
    }
}
