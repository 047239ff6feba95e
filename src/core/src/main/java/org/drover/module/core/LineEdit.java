package org.drover.module.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drover.text.PyRegex;

/**
 * lineinfile's algorithm, as ansible-core's {@code modules/lineinfile.py} ({@code present} and {@code absent})
 * has it, on the file's lines (each keeping its {@code \n}). Pure: the module reads the file, this decides, the
 * module writes.
 */
final class LineEdit {
    private LineEdit() {}

    private static final String SEP = "\n";

    /** What the task asks; null fields are not given. insertAfter defaults to EOF when neither is given. */
    record Params(String line, String regexp, String searchString, String insertAfter, String insertBefore,
                  boolean backrefs, boolean firstmatch) {}

    /** The lines after the edit, whether they changed, Ansible's msg, and (absent) how many lines matched. */
    record Result(List<String> lines, boolean changed, String msg, int found) {}


    static Result present(List<String> input, Params p) {
        List<String> b = new ArrayList<>(input);
        String after = p.insertBefore() == null && p.insertAfter() == null ? "EOF" : p.insertAfter();
        String before = p.insertBefore();
        Pattern re = p.regexp() == null ? null : PyRegex.compile(p.regexp());
        Pattern ins = after != null && !after.equals("BOF") && !after.equals("EOF") ? PyRegex.compile(after)
                : before != null && !before.equals("BOF") ? PyRegex.compile(before) : null;
        int[] index = {-1, -1};
        Matcher match = null;
        boolean stringMatch = false;
        boolean exact = false;
        if (re != null) {
            for (int i = 0; i < b.size(); i++) {
                Matcher m = re.matcher(b.get(i));
                if (m.find()) {
                    index[0] = i;
                    match = m;
                    if (p.firstmatch()) {
                        break;
                    }
                }
            }
        }
        if (p.searchString() != null) {
            for (int i = 0; i < b.size(); i++) {
                if (b.get(i).contains(p.searchString())) {
                    index[0] = i;
                    stringMatch = true;
                    if (p.firstmatch()) {
                        break;
                    }
                }
            }
        }
        boolean matched = match != null || stringMatch;
        if (!matched) {
            for (int i = 0; i < b.size(); i++) {
                if (p.line().equals(strip(b.get(i)))) {
                    index[0] = i;
                    exact = true;
                } else if (ins != null && ins.matcher(b.get(i)).find()) {
                    if (after != null) {
                        index[1] = i + 1;
                        if (p.firstmatch()) {
                            break;
                        }
                    }
                    if (before != null) {
                        index[1] = i;
                        if (p.firstmatch()) {
                            break;
                        }
                    }
                }
            }
        }
        return decide(b, p, new State(index, match, matched, exact, after, before));
    }

    private record State(int[] index, Matcher match, boolean matched, boolean exact, String after, String before) {}

    private static Result decide(List<String> b, Params p, State s) {
        String line = p.line();
        int[] index = s.index();
        if (index[0] != -1) {
            String newLine = p.backrefs() && s.match() != null ? PyRegex.expand(s.match(), line) : line;
            if (!newLine.endsWith(SEP)) {
                newLine += SEP;
            }
            // (Ansible's branch for "no regexp, no search_string, no exact match" cannot be reached here:
            // without them index[0] is only ever set by an exact match.)
            if (!b.get(index[0]).equals(newLine)) {
                b.set(index[0], newLine);
                return new Result(b, true, "line replaced", 0);
            }
            return new Result(b, false, "", 0);
        }
        if (p.backrefs()) {
            return new Result(b, false, "", 0); // no match to expand the backrefs from: never guess
        }
        if ("BOF".equals(s.before()) || "BOF".equals(s.after())) {
            b.add(0, line + SEP);
            return new Result(b, true, "line added", 0);
        }
        if ("EOF".equals(s.after()) || index[1] == -1) {
            if (!b.isEmpty() && !endsWithEol(b.get(b.size() - 1))) {
                b.add(SEP);
            }
            b.add(line + SEP);
            return new Result(b, true, "line added", 0);
        }
        if (s.after() != null) {
            if (b.size() == index[1]) {
                if (!strip(b.get(index[1] - 1)).equals(line)) {
                    b.add(line + SEP);
                    return new Result(b, true, "line added", 0);
                }
                return new Result(b, false, "", 0);
            }
            if (!line.equals(strip(b.get(index[1])))) {
                b.add(index[1], line + SEP);
                return new Result(b, true, "line added", 0);
            }
            return new Result(b, false, "", 0);
        }
        b.add(index[1], line + SEP);
        return new Result(b, true, "line added", 0);
    }

    static Result absent(List<String> input, Params p) {
        Pattern re = p.regexp() == null ? null : PyRegex.compile(p.regexp());
        List<String> kept = new ArrayList<>();
        int found = 0;
        for (String cur : input) {
            boolean m = re != null ? re.matcher(cur).find()
                    : p.searchString() != null ? cur.contains(p.searchString()) : p.line().equals(strip(cur));
            if (m) {
                found++;
            } else {
                kept.add(cur);
            }
        }
        return new Result(kept, found > 0, found > 0 ? found + " line(s) removed" : "", found);
    }

    /** Python's {@code rstrip(b'\r\n')}. */
    static String strip(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean endsWithEol(String s) {
        return s.endsWith("\n") || s.endsWith("\r");
    }
}
