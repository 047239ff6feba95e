package org.drover.freebsd;

import java.util.regex.Pattern;

/**
 * A pf anchor path such as {@code drover} or {@code jails/web}: components of {@code [A-Za-z0-9_.-]} (each at most
 * 63 characters, PF_ANCHOR_NAME_SIZE), separated by {@code /}. Names starting with {@code _} are reserved and
 * cannot be changed from the command line (pfctl refuses them), and {@code *} only matches, so both are refused.
 */
public record PfAnchorName(String value) {
    private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    public PfAnchorName {
        String p = problem(value);
        if (p != null) {
            throw new IllegalArgumentException(p);
        }
    }

    public static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "empty anchor name";
        }
        if (value.startsWith("_")) {
            return "anchor names beginning with '_' cannot be modified from the command line";
        }
        if (value.length() > 1023) {
            return "anchor path longer than 1023 characters";
        }
        for (String c : value.split("/", -1)) {
            if (!COMPONENT.matcher(c).matches() || c.equals("..")) {
                return "invalid anchor name '" + DatasetName.printable(value)
                        + "' (components of A-Z a-z 0-9 _ . - separated by '/')";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
