package org.drover.module.files;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drover.text.PyRegex;
import org.drover.text.PyText;

/** blockinfile's algorithm, as ansible-core 2.14's {@code modules/blockinfile.py} has it. Pure. */
final class BlockEdit {
    private BlockEdit() {}

    /** What the task asks: the marker with {mark}, its two words, the block, where to put it, present or not. */
    record Params(String marker, String markerBegin, String markerEnd, String block, String insertAfter,
                  String insertBefore, boolean present) {}

    /** The new content (null = the file stays missing) and Ansible's msg ('' when unchanged). */
    record Result(String content, String msg) {}

    /** {@code original} null: the file does not exist (create: true). */
    static Result edit(String original, Params p) {
        List<String> lines = original == null ? new ArrayList<>() : PyText.linesKeepingEnds(original);
        String after = p.insertBefore() == null && p.insertAfter() == null ? "EOF" : p.insertAfter();
        String before = p.insertBefore();
        Pattern insertre = after != null && !after.equals("EOF") ? PyRegex.compile(after)
                : before != null && !before.equals("BOF") ? PyRegex.compile(before) : null;
        String marker0 = p.marker().replace("{mark}", p.markerBegin()) + "\n";
        String marker1 = p.marker().replace("{mark}", p.markerEnd()) + "\n";
        List<String> blocklines = new ArrayList<>();
        if (p.present() && !p.block().isEmpty()) {
            String block = p.block().endsWith("\n") ? p.block() : p.block() + "\n";
            blocklines.add(marker0);
            blocklines.addAll(PyText.linesKeepingEnds(block));
            blocklines.add(marker1);
        }
        Integer n0 = null;
        Integer n1 = null;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals(marker0)) {
                n0 = i;
            }
            if (lines.get(i).equals(marker1)) {
                n1 = i;
            }
        }
        if (n0 == null || n1 == null) {
            n0 = insertAt(original, lines, insertre, after, before);
        } else if (n0 < n1) {
            lines.subList(n0, n1 + 1).clear();
        } else {
            lines.subList(n1, n0 + 1).clear();
            n0 = n1;
        }
        if (n0 > 0 && !lines.get(n0 - 1).endsWith("\n")) {
            lines.set(n0 - 1, lines.get(n0 - 1) + "\n");
        }
        lines.addAll(n0, blocklines);
        String result = String.join("", lines);
        String msg = result.equals(original) ? "" : original == null ? "File created"
                : blocklines.isEmpty() ? "Block removed" : "Block inserted";
        return new Result(result, msg);
    }

    /** Where a block without both markers goes. */
    private static int insertAt(String original, List<String> lines, Pattern insertre, String after, String before) {
        if (insertre == null) {
            return before != null ? 0 : lines.size(); // BOF, else EOF
        }
        Integer n0 = null;
        String source = after != null ? after : before;
        // Python's re.MULTILINE can only come from an inline (?m) at the start of the pattern
        if (source.matches("(?s)\\(\\?[aiLmsux]*m[aiLmsux]*\\).*") && original != null) {
            Matcher m = insertre.matcher(original);
            if (m.find()) {
                n0 = count(original, after != null ? m.end() : m.start());
            }
        } else {
            for (int i = 0; i < lines.size(); i++) {
                if (insertre.matcher(lines.get(i)).find()) {
                    n0 = i;
                }
            }
        }
        if (n0 == null) {
            return lines.size();
        }
        return after != null ? n0 + 1 : n0;
    }

    private static int count(String s, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

}
