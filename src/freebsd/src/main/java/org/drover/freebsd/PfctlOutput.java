package org.drover.freebsd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for pfctl's small outputs and messages (FORMATS §4). */
public final class PfctlOutput {
    private static final Pattern PARSE_ERROR = Pattern.compile("(.+?):(\\d+): (.*)");
    private static final Pattern TABLE_COUNT = Pattern.compile("(\\d+)(?:/(\\d+))? (?:table|tables|addresses|address) "
            + "(created|added|deleted|changed|match|zeroed|cleared)(?: \\(dummy\\))?\\.");

    private PfctlOutput() {}

    /** One {@code FILE:LINE: message} report from the parser ({@code parse.y yyerror}). */
    public record ParseError(String file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    /** An entry of {@code pfctl -t T -T show}. */
    public record TableEntry(String address, boolean negated) {
    }

    /** A status line of a table command ({@code 2/2 addresses added.}, {@code 1 table created.}). */
    public record TableCount(int count, Integer of, String what) {
    }

    /**
     * {@code pfctl -s Running}: {@code Enabled} (exit 0) or {@code Disabled} (exit 1). Empty when pf is not usable
     * (no /dev/pf: the module is not loaded), so the caller can tell it apart from "disabled".
     */
    public static Optional<Boolean> running(String stdout, int exitStatus) {
        String s = stdout == null ? "" : stdout.strip();
        if (s.equals("Enabled")) {
            return Optional.of(true);
        }
        if (s.equals("Disabled")) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** True when stderr says /dev/pf is missing, i.e. the pf kernel module is not loaded. */
    public static boolean noDevice(String stderr) {
        return stderr != null && stderr.contains("/dev/pf: No such file or directory");
    }

    /** {@code pfctl -e} failing because pf already runs is success for us ({@code pfctl: pf already enabled}). */
    public static boolean alreadyEnabled(String stderr) {
        return stderr != null && stderr.contains("pf already enabled");
    }

    /** {@code pfctl -d} failing because pf is not running ({@code pfctl: pf not enabled}). */
    public static boolean notEnabled(String stderr) {
        return stderr != null && stderr.contains("pfctl: pf not enabled");
    }

    /** {@code pfctl -s Anchors}: one anchor per line, indented by two spaces. */
    public static List<String> anchors(String stdout) {
        List<String> out = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (!line.isBlank() && !line.startsWith("Anchor '")) {
                out.add(line.strip());
            }
        }
        return out;
    }

    /** {@code FILE:LINE: message} lines of a failed {@code pfctl -nf}/{@code -f}; other lines are ignored. */
    public static List<ParseError> parseErrors(String stderr) {
        List<ParseError> out = new ArrayList<>();
        if (stderr == null) {
            return out;
        }
        for (String line : stderr.split("\n")) {
            Matcher m = PARSE_ERROR.matcher(line);
            if (m.matches() && !line.startsWith("pfctl:")) {
                out.add(new ParseError(m.group(1), Integer.parseInt(m.group(2)), m.group(3)));
            }
        }
        return out;
    }

    /** {@code pfctl -t T -T show}: three columns of prefix ({@code !} in the third for negated entries), then the address. */
    public static List<TableEntry> tableShow(String stdout) {
        List<TableEntry> out = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.length() < 4 || !line.startsWith("  ")) {
                throw new IllegalArgumentException("not a pfctl -T show line: " + line);
            }
            boolean negated = line.charAt(2) == '!';
            out.add(new TableEntry(line.substring(3).strip(), negated));
        }
        return out;
    }

    /** Status lines of table commands on stderr; other lines are skipped. {@code no changes.} gives count 0. */
    public static List<TableCount> tableCounts(String stderr) {
        List<TableCount> out = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            String l = line.strip();
            if (l.equals("no changes.") || l.equals("no changes (dummy).")) {
                out.add(new TableCount(0, null, "unchanged"));
                continue;
            }
            Matcher m = TABLE_COUNT.matcher(l);
            if (m.matches()) {
                out.add(new TableCount(Integer.parseInt(m.group(1)),
                        m.group(2) == null ? null : Integer.parseInt(m.group(2)), m.group(3)));
            }
        }
        return out;
    }
}
