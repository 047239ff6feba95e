package org.drover.text;

/**
 * Text from hosts and playbooks made safe for a terminal and for one-line messages: control characters (C0,
 * DEL, C1, which includes the 8-bit CSI) are written as {@code \x1b}, so remote output cannot move the cursor,
 * set a window title (OSC), ring the bell or hide text. Newline and tab are kept by {@link #terminal}.
 */
public final class Visible {
    private Visible() {}

    /** For a terminal: every control character escaped except newline and tab. */
    public static String terminal(String s) {
        return escape(s, true);
    }

    /** For a one-line message: newline and tab escaped too ({@code \n}, {@code \t}). */
    public static String oneLine(String s) {
        return escape(s, false);
    }

    /** True for a control character: C0, DEL or C1. */
    public static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    private static String escape(String s, boolean keepLines) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !needsEscape(s.charAt(i), keepLines)) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!needsEscape(c, keepLines)) {
                b.append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c == '\r') {
                b.append("\\r");
            } else {
                b.append(String.format("\\x%02x", (int) c));
            }
        }
        return b.toString();
    }

    private static boolean needsEscape(char c, boolean keepLines) {
        return isControl(c) && !(keepLines && (c == '\n' || c == '\t'));
    }
}
