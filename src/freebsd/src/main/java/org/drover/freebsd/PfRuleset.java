package org.drover.freebsd;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A pf ruleset as pfctl prints it back (FORMATS §4.3), reduced to what can be compared between the desired file
 * ({@code pfctl -o none -nvf FILE}) and the loaded kernel rules ({@code pfctl -s nat} + {@code pfctl -s rules}):
 * macro definitions, {@code table}, {@code set}, {@code load anchor}, queueing and ethernet lines are dropped (the
 * kernel listings never print them), inline anchor bodies are folded to their {@code anchor} line, translation
 * rules ({@code nat}/{@code rdr}/{@code binat}) come first, as {@code -s nat} lists them apart.
 */
public record PfRuleset(List<String> translation, List<String> filter) {
    private static final Pattern MACRO = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\s*=\\s*.*");
    private static final List<String> DROPPED_PREFIXES = List.of("table <", "set ", "load anchor ", "altq ",
            "queue ", "ether ", "oldqueue ");
    private static final List<String> TRANSLATION_PREFIXES = List.of("nat ", "nat-anchor ", "rdr ", "rdr-anchor ",
            "binat ", "binat-anchor ", "no nat ", "no rdr ", "no binat ");

    public PfRuleset {
        translation = List.copyOf(translation);
        filter = List.copyOf(filter);
    }

    /** Normalises {@code pfctl -o none -nvf} output. */
    public static PfRuleset fromParsed(String nvfStdout) {
        List<String> t = new ArrayList<>();
        List<String> f = new ArrayList<>();
        for (String line : ruleLines(nvfStdout)) {
            (isTranslation(line) ? t : f).add(line);
        }
        return new PfRuleset(t, f);
    }

    /** The loaded ruleset from {@code pfctl -s nat} and {@code pfctl -s rules} output (same anchor). */
    public static PfRuleset fromLoaded(String natStdout, String rulesStdout) {
        return new PfRuleset(ruleLines(natStdout), ruleLines(rulesStdout));
    }

    /**
     * The {@code set} option lines of {@code pfctl -nvf} output ({@code set skip on { lo0 }}, {@code set
     * block-policy drop}...). The kernel listings do not show them, so they are compared file against file.
     */
    public static List<String> options(String nvfStdout) {
        List<String> out = new ArrayList<>();
        if (nvfStdout == null) {
            return out;
        }
        for (String raw : nvfStdout.split("\n")) {
            String line = raw.strip().replaceAll("\\s+", " ");
            if (line.startsWith("set ")) {
                out.add(line);
            }
        }
        return out;
    }

    /** All rules in comparison order: translation, then filter. */
    public List<String> lines() {
        List<String> all = new ArrayList<>(translation);
        all.addAll(filter);
        return all;
    }

    public String text() {
        return lines().isEmpty() ? "" : String.join("\n", lines()) + "\n";
    }

    public boolean isEmpty() {
        return translation.isEmpty() && filter.isEmpty();
    }

    static boolean isTranslation(String line) {
        return TRANSLATION_PREFIXES.stream().anyMatch(line::startsWith);
    }

    /** Rule lines with everything the kernel does not list removed; whitespace runs collapsed. */
    static List<String> ruleLines(String out) {
        List<String> lines = new ArrayList<>();
        if (out == null) {
            return lines;
        }
        int depth = 0;
        for (String raw : out.split("\n")) {
            String line = raw.strip().replaceAll("\\s+", " ");
            if (depth > 0) {
                // inside an inline anchor body: pfctl -s rules shows only the anchor line
                if (line.endsWith("{")) {
                    depth++;
                } else if (line.equals("}")) {
                    depth--;
                }
                continue;
            }
            if (line.isEmpty() || MACRO.matcher(line).matches()
                    || DROPPED_PREFIXES.stream().anyMatch(line::startsWith)) {
                continue;
            }
            if (line.startsWith("anchor ") && line.endsWith("{")) {
                depth = 1;
                line = line.substring(0, line.length() - 1).strip();
            }
            lines.add(line);
        }
        return lines;
    }
}
