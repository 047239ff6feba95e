package org.drover.freebsd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses what {@code sysrc} prints: values ({@code -n}), assignments ({@code NAME: OLD -> NEW}) and errors. */
public final class SysrcParser {
    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*): (.*?) -> (.*)$");
    private static final Pattern UNKNOWN = Pattern.compile("sysrc: unknown variable '([^']*)'");

    private SysrcParser() {}

    /** One {@code NAME: OLD -> NEW} line; OLD is "" for a variable that was not set. */
    public record Assignment(String name, String before, String after) {
        public boolean changed() {
            return !before.equals(after);
        }
    }

    public static List<Assignment> parseAssignments(String text) {
        List<Assignment> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = ASSIGNMENT.matcher(line);
            if (m.matches()) {
                out.add(new Assignment(m.group(1), m.group(2), m.group(3)));
            }
        }
        return out;
    }

    /** True when sysrc said the variable is not set anywhere ({@code sysrc: unknown variable 'NAME'}). */
    public static boolean isUnknownVariable(String text, String name) {
        Matcher m = UNKNOWN.matcher(text);
        while (m.find()) {
            if (name == null || m.group(1).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The output of {@code sysrc [-f FILE] NAME1 NAME2 ...} (no {@code -n}): one {@code NAME: VALUE} line per set
     * variable, {@code sysrc: unknown variable 'NAME'} for the others. Returns a value (or empty) for every
     * requested name; a name sysrc said nothing about is an error (the rc.conf files could not be read).
     */
    public static java.util.Map<String, Optional<String>> parseQuery(java.util.List<String> names, String output) {
        java.util.Map<String, Optional<String>> out = new java.util.LinkedHashMap<>();
        for (String line : output.split("\n")) {
            for (String n : names) {
                if (out.containsKey(n)) {
                    continue;
                }
                if (line.equals(n + ":")) {
                    out.put(n, Optional.of(""));
                } else if (line.startsWith(n + ": ")) {
                    out.put(n, Optional.of(line.substring(n.length() + 2)));
                } else if (isUnknownVariable(line, n)) {
                    out.put(n, Optional.empty());
                }
            }
        }
        for (String n : names) {
            if (!out.containsKey(n)) {
                throw new IllegalStateException("sysrc did not report " + n + ": " + output.strip());
            }
        }
        return out;
    }

    /** Names assigned in a file, from {@code grep -E '^[[:space:]]*(N1|N2)=' FILE} output. */
    public static java.util.Set<String> assignedNames(String grepOutput) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        Matcher m = Pattern.compile("^[ \\t]*([A-Za-z_][A-Za-z0-9_]*)=", Pattern.MULTILINE).matcher(grepOutput);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /**
     * The output of {@code sysrc -n NAME} with its exit status: the value (without the final newline), empty
     * for an unknown variable. Any other failure (syntax error in rc.conf, no sysrc) is an exception.
     */
    public static Optional<String> parseValue(String name, String output, int status) {
        if (status == 0) {
            String v = output.endsWith("\n") ? output.substring(0, output.length() - 1) : output;
            return Optional.of(v);
        }
        if (isUnknownVariable(output, name)) {
            return Optional.empty();
        }
        throw new IllegalStateException("sysrc failed reading " + name + " (exit " + status + "): "
                + output.strip());
    }
}
