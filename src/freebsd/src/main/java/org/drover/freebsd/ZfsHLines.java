package org.drover.freebsd;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a {@code zfs ... -H} listing (zfs list, zfs get), numbered from 1 as they appear in the output so
 * parse errors can name them; a trailing CR is dropped and blank lines are skipped. How each line splits into
 * fields is the caller's business: zfs get's value may itself hold a TAB, zfs list's fields never do.
 */
final class ZfsHLines {
    private ZfsHLines() {}

    record Line(int number, String text) {
    }

    static List<Line> of(String stdout) {
        List<Line> lines = new ArrayList<>();
        if (stdout == null) {
            return lines;
        }
        int n = 0;
        for (String line : stdout.split("\n", -1)) {
            n++;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (!line.isEmpty()) {
                lines.add(new Line(n, line));
            }
        }
        return lines;
    }
}
