package org.drover.report;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How a run is reported.
 *
 * @param format    the format on standard output
 * @param verbosity 0 to 4 ({@code -v} to {@code -vvvv})
 * @param junit     where to write a JUnit report, or null
 * @param profile   print the slowest tasks at the end
 * @param color     colour on the console (NO_COLOR still wins)
 */
public record ReportOptions(Format format, int verbosity, Path junit, boolean profile, boolean color) {
    /** {@code --output}. */
    public enum Format {
        CONSOLE, JSON, MINIMAL;

        public static Format parse(String s) {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        }
    }

    public static ReportOptions defaults() {
        return new ReportOptions(Format.CONSOLE, 0, null, false, false);
    }
}
