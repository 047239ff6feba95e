package org.drover.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Unified diffs of two texts (what {@code --diff} prints), from a longest-common-subsequence table.
 * Texts are small (files the modules read are capped), so the quadratic table is fine; beyond
 * {@link #MAX_CELLS} cells the whole text is shown as replaced.
 */
public final class UnifiedDiff {
    private UnifiedDiff() {}

    static final long MAX_CELLS = 25_000_000L;
    private static final int CONTEXT = 3;

    /** The diff with {@code --- label (before)} / {@code +++ label (after)} headers; empty when equal. */
    public static List<String> diff(String label, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        if (a.equals(b)) {
            return List.of();
        }
        List<Op> ops = ops(a, b);
        List<String> out = new ArrayList<>();
        out.add("--- " + label + " (before)");
        out.add("+++ " + label + " (after)");
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).kind == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend the hunk while changes are within 2*CONTEXT lines of each other
            int j = i;
            while (j < ops.size()) {
                if (ops.get(j).kind != ' ') {
                    end = j;
                    j++;
                    continue;
                }
                int k = j;
                while (k < ops.size() && ops.get(k).kind == ' ') {
                    k++;
                }
                if (k < ops.size() && k - j <= 2 * CONTEXT) {
                    j = k;
                } else {
                    break;
                }
            }
            int stop = Math.min(ops.size(), end + CONTEXT + 1);
            int aStart = ops.get(start).aLine, bStart = ops.get(start).bLine;
            int aLen = 0, bLen = 0;
            List<String> body = new ArrayList<>();
            for (int k = start; k < stop; k++) {
                Op op = ops.get(k);
                body.add(op.kind + op.text);
                if (op.kind != '+') {
                    aLen++;
                }
                if (op.kind != '-') {
                    bLen++;
                }
            }
            out.add("@@ -" + range(aStart, aLen) + " +" + range(bStart, bLen) + " @@");
            out.addAll(body);
            i = stop;
        }
        return out;
    }

    private static String range(int start0, int len) {
        int start = len == 0 ? start0 : start0 + 1;
        return len == 1 ? String.valueOf(start) : start + "," + len;
    }

    /** kind: ' ' same, '-' only before, '+' only after; aLine/bLine: 0-based positions before this op. */
    private record Op(char kind, String text, int aLine, int bLine) {}

    private static List<Op> ops(List<String> a, List<String> b) {
        int n = a.size(), m = b.size();
        // common prefix and suffix keep the table small for the usual one-line edit
        int pre = 0;
        while (pre < n && pre < m && a.get(pre).equals(b.get(pre))) {
            pre++;
        }
        int suf = 0;
        while (suf < n - pre && suf < m - pre && a.get(n - 1 - suf).equals(b.get(m - 1 - suf))) {
            suf++;
        }
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < pre; i++) {
            ops.add(new Op(' ', a.get(i), i, i));
        }
        List<String> am = a.subList(pre, n - suf), bm = b.subList(pre, m - suf);
        int x = am.size(), y = bm.size();
        if ((long) x * y > MAX_CELLS) {
            for (int i = 0; i < x; i++) {
                ops.add(new Op('-', am.get(i), pre + i, pre));
            }
            for (int j = 0; j < y; j++) {
                ops.add(new Op('+', bm.get(j), pre + x, pre + j));
            }
        } else {
            int[][] lcs = new int[x + 1][y + 1];
            for (int i = x - 1; i >= 0; i--) {
                for (int j = y - 1; j >= 0; j--) {
                    lcs[i][j] = am.get(i).equals(bm.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
                }
            }
            int i = 0, j = 0;
            while (i < x || j < y) {
                if (i < x && j < y && am.get(i).equals(bm.get(j))) {
                    ops.add(new Op(' ', am.get(i), pre + i, pre + j));
                    i++;
                    j++;
                } else if (i < x && (j == y || lcs[i + 1][j] >= lcs[i][j + 1])) {
                    ops.add(new Op('-', am.get(i), pre + i, pre + j)); // deletions first, as diff -u prints them
                    i++;
                } else {
                    ops.add(new Op('+', bm.get(j), pre + i, pre + j));
                    j++;
                }
            }
        }
        for (int k = 0; k < suf; k++) {
            ops.add(new Op(' ', a.get(n - suf + k), n - suf + k, m - suf + k));
        }
        return ops;
    }

    private static List<String> lines(String s) {
        if (s == null || s.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(List.of(s.split("\n", -1)));
        if (s.endsWith("\n")) {
            out.remove(out.size() - 1);
        } else {
            out.set(out.size() - 1, out.get(out.size() - 1) + "\n\\ No newline at end of file");
        }
        return out;
    }
}
