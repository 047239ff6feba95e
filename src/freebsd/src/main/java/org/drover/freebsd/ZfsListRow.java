package org.drover.freebsd;

import java.util.List;
import java.util.Map;

/**
 * One line of {@code zfs list -H -p -o COLUMNS}: the values by column name, in column order. A value of
 * {@code -} means "not applicable" (origin of a non-clone, mountpoint of a snapshot).
 */
public record ZfsListRow(Map<String, String> values) {
    public ZfsListRow {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    public String name() {
        return values.get("name");
    }

    /** The column's value, or null when the column was not asked for or is {@code -}. */
    public String get(String column) {
        String v = values.get(column);
        return v == null || v.equals("-") ? null : v;
    }

    public boolean isSnapshot() {
        String t = values.get("type");
        return t != null ? t.equals("snapshot") : name().indexOf('@') >= 0;
    }

    /** The {@code clones} column of a snapshot: comma-separated clone names (ZFS names cannot contain commas). */
    public List<String> clones() {
        String c = get("clones");
        if (c == null || c.isEmpty()) {
            return List.of();
        }
        return List.of(c.split(","));
    }
}
