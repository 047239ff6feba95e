package org.drover.freebsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses the scripted forms of {@code jls}: {@code -n} (name=value, with or without {@code -q} quoting) and
 * explicit parameter lists with {@code -h}. The default column form truncates values and is never parsed.
 */
public final class JlsParser {
    private static final Pattern NOT_FOUND = Pattern.compile("jls: jail (\"[^\"]*\"|\\d+) not found");
    private static final Pattern DYING = Pattern.compile("jls: jail (\"[^\"]*\"|\\d+) is dying");

    private JlsParser() {}

    /** {@code jls -n [-q] ...}: one jail per line. */
    public static List<JailParams> parseNameValues(String text) {
        List<JailParams> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.add(parseNameValueLine(line));
            }
        }
        return out;
    }

    /** One {@code -n} line. Quotes (from {@code -q}) are removed; {@code ""} is the empty string. */
    public static JailParams parseNameValueLine(String line) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        for (String token : tokens(line)) {
            int eq = token.indexOf('=');
            if (eq < 0) {
                flags.add(token);
            } else {
                values.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return new JailParams(values, flags);
    }

    /**
     * {@code jls -h [-q] P1 P2 ...}: a header line of parameter names, then one line of space-separated values
     * per jail; {@code -} is an empty value.
     */
    public static List<Map<String, String>> parseWithHeader(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        List<Map<String, String>> out = new ArrayList<>();
        if (lines.isEmpty()) {
            return out;
        }
        List<String> names = tokens(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            List<String> vals = tokens(line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String v = i < vals.size() ? vals.get(i) : "";
                row.put(names.get(i), v.equals("-") ? "" : v);
            }
            out.add(row);
        }
        return out;
    }

    /** True when the text is jls's "jail X not found" (stderr, exit 1): the jail is not running. */
    public static boolean isNotFound(String text) {
        return NOT_FOUND.matcher(text).find();
    }

    /** True when the jail exists but is dying (still releasing resources after removal). */
    public static boolean isDying(String text) {
        return DYING.matcher(text).find();
    }

    /**
     * Splits on spaces outside quotes and removes the quotes ({@code -q} uses " unless the value holds ").
     * Not {@link org.drover.text.Tokenizer}: this reads jls's own output format, not something a user wrote.
     * jls quotes without escapes, separates with spaces and tabs only, and its output is never refused, so an
     * unclosed quote simply runs to the end of the line.
     */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inToken = true;
            } else if (c == ' ' || c == '\t') {
                if (inToken) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inToken = false;
                }
            } else {
                cur.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            out.add(cur.toString());
        }
        return out;
    }
}
