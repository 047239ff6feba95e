package org.drover.freebsd;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code zfs get -H -p -o name,property,value,source}: {@code name<TAB>property<TAB>value<TAB>source}
 * ({@code libzfs_util.c zprop_print_one_property}). Names and property names hold no TAB, and the source
 * ({@code inherited from DS}, with spaces) holds none either, so the value is everything between the second TAB
 * and the last one: a user property's value may itself contain a TAB.
 */
public final class ZfsGetParser {
    private ZfsGetParser() {}

    public static List<ZfsProperty> parse(String stdout) {
        List<ZfsProperty> out = new ArrayList<>();
        for (ZfsHLines.Line l : ZfsHLines.of(stdout)) {
            String line = l.text();
            int n = l.number();
            int t1 = line.indexOf('\t');
            int t2 = t1 < 0 ? -1 : line.indexOf('\t', t1 + 1);
            int t3 = line.lastIndexOf('\t');
            if (t1 < 0 || t2 < 0 || t3 <= t2) {
                throw new IllegalArgumentException("zfs get line " + n + " does not have 4 TAB-separated fields: " + line);
            }
            out.add(new ZfsProperty(line.substring(0, t1), line.substring(t1 + 1, t2), line.substring(t2 + 1, t3),
                    ZfsSource.parse(line.substring(t3 + 1))));
        }
        return out;
    }
}
