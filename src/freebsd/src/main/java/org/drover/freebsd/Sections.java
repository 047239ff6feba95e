package org.drover.freebsd;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Lets one remote script read several things in one round trip: each command's output (stdout and stderr
 * together) is framed by marker lines that also carry its exit status, and {@link #parse} splits them apart
 * again with the exact bytes each command printed.
 */
public final class Sections {
    static final String MARK = "@@drover@@";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]+");

    private Sections() {}

    /** What one command printed, and how it exited. */
    public record Section(String name, String output, int status) {
        public boolean ok() {
            return status == 0;
        }
    }

    /**
     * A script fragment that runs {@code command} (already quoted sh text) and frames its output as section
     * {@code name}. The command runs in a subshell, so an {@code exit} inside it ends only the section.
     */
    public static String section(String name, String command) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad section name " + name);
        }
        return "printf '%s\\n' '" + MARK + " begin " + name + "'\n"
                + "( " + command + "\n) 2>&1\n"
                + "printf '\\n%s %s\\n' '" + MARK + " end " + name + "' \"$?\"\n";
    }

    /** What {@link #section} prints for a command that printed {@code output} and exited with {@code status}. */
    public static String frame(String name, String output, int status) {
        return MARK + " begin " + name + "\n" + output + "\n" + MARK + " end " + name + " " + status + "\n";
    }

    /** Splits a read script's stdout into its sections, by name. */
    public static Map<String, Section> parse(String stdout) {
        Map<String, Section> out = new LinkedHashMap<>();
        String beginTag = MARK + " begin ";
        int pos = 0;
        while (true) {
            int b = stdout.indexOf(beginTag, pos);
            if (b < 0) {
                break;
            }
            if (b > 0 && stdout.charAt(b - 1) != '\n') {
                pos = b + beginTag.length();
                continue;
            }
            int eol = stdout.indexOf('\n', b);
            if (eol < 0) {
                break;
            }
            String name = stdout.substring(b + beginTag.length(), eol);
            String endTag = "\n" + MARK + " end " + name + " ";
            int e = stdout.indexOf(endTag, eol);
            if (e < 0) {
                break; // the script died inside this section
            }
            int statusStart = e + endTag.length();
            int statusEnd = stdout.indexOf('\n', statusStart);
            if (statusEnd < 0) {
                statusEnd = stdout.length();
            }
            int status;
            try {
                status = Integer.parseInt(stdout.substring(statusStart, statusEnd).strip());
            } catch (NumberFormatException ex) {
                status = -1;
            }
            String body = e >= eol + 1 ? stdout.substring(eol + 1, e) : "";
            out.put(name, new Section(name, body, status));
            pos = statusEnd;
        }
        return out;
    }

    /** The named section, or a failed empty one when the script never got there. */
    public static Section get(Map<String, Section> sections, String name) {
        return Optional.ofNullable(sections.get(name)).orElse(new Section(name, "", -1));
    }
}
