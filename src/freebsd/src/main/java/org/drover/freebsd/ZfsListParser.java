package org.drover.freebsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code zfs list -H -p -o COLUMNS}: one line per dataset, fields separated by exactly one TAB, no header
 * ({@code zfs_main.c collect_dataset}). Names may contain spaces, so lines are split on TAB only.
 */
public final class ZfsListParser {
    private ZfsListParser() {}

    /**
     * @param columns the {@code -o} list, in order, e.g. {@code name,origin,mountpoint,used}
     * @throws IllegalArgumentException naming the line when a line has the wrong number of fields
     */
    public static List<ZfsListRow> parse(String stdout, List<String> columns) {
        List<ZfsListRow> rows = new ArrayList<>();
        for (ZfsHLines.Line l : ZfsHLines.of(stdout)) {
            String line = l.text();
            int n = l.number();
            String[] f = line.split("\t", -1);
            if (f.length != columns.size()) {
                throw new IllegalArgumentException("zfs list line " + n + " has " + f.length + " fields, expected "
                        + columns.size() + " (" + String.join(",", columns) + "): " + line);
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < f.length; i++) {
                m.put(columns.get(i), f[i]);
            }
            rows.add(new ZfsListRow(m));
        }
        return rows;
    }

    public static List<ZfsListRow> parse(String stdout, String columns) {
        return parse(stdout, List.of(columns.split(",")));
    }
}
