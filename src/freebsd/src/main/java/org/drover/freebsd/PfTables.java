package org.drover.freebsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Table contents, the part of a ruleset that {@code pfctl -s rules} does not show: the inline definitions printed by
 * {@code pfctl -nvf} ({@code table <webs> persist { 10.0.0.11 10.0.0.12 }}, {@code pfctl_parser.c print_tabledef})
 * against {@code pfctl -t NAME -T show}. Entries are compared as sets; a negated entry is written {@code !ADDR}.
 * Tables filled from a file ({@code file "/etc/x"}) are left out: their content is not in the ruleset text.
 */
public final class PfTables {
    private static final Pattern DEF = Pattern.compile("table\\s+<([^>]+)>(.*)");
    private static final Pattern DECLARED = Pattern.compile("^\\s*table\\s+<([^>]+)>", Pattern.MULTILINE);

    private PfTables() {}

    /** Inline tables of {@code pfctl -nvf} output, by name; file-backed tables are omitted. */
    public static Map<String, Set<String>> fromParsed(String nvfStdout) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String raw : nvfStdout.split("\n")) {
            Matcher m = DEF.matcher(raw.strip());
            if (!m.matches()) {
                continue;
            }
            String rest = m.group(2);
            if (rest.contains(" file \"")) {
                continue;
            }
            Set<String> entries = new TreeSet<>();
            int open = rest.indexOf('{');
            int close = rest.lastIndexOf('}');
            if (open >= 0 && close > open) {
                String[] words = rest.substring(open + 1, close).replace(",", " ").trim().split("\\s+");
                for (int i = 0; i < words.length; i++) {
                    String w = words[i];
                    if (w.isEmpty()) {
                        continue;
                    }
                    if (w.equals("!") && i + 1 < words.length) {
                        entries.add("!" + words[++i]);
                    } else {
                        entries.add(w);
                    }
                }
            }
            out.put(m.group(1), entries);
        }
        return out;
    }

    /** {@code pfctl -t NAME -T show} as a set. */
    public static Set<String> fromShow(String stdout) {
        Set<String> out = new TreeSet<>();
        for (PfctlOutput.TableEntry e : PfctlOutput.tableShow(stdout)) {
            out.add((e.negated() ? "!" : "") + e.address());
        }
        return out;
    }

    /** Names of the tables a pf.conf text defines ({@code table <NAME> ...} at the start of a line). */
    public static List<String> declaredNames(String pfConf) {
        List<String> out = new ArrayList<>();
        Matcher m = DECLARED.matcher(pfConf);
        while (m.find()) {
            if (!out.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** Lines for a diff: {@code <name> entry}, sorted. */
    public static String text(String name, Set<String> entries) {
        StringBuilder b = new StringBuilder();
        for (String e : entries) {
            b.append('<').append(name).append("> ").append(e).append('\n');
        }
        return b.toString();
    }
}
