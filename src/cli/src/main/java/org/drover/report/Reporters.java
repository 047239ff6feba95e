package org.drover.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.drover.engine.RunListener;

/** Builds the listeners a run's options ask for: console or JSON on out, plus a JUnit file. */
public final class Reporters {
    private Reporters() {}

    public static RunListener create(ReportOptions options, PrintStream out) {
        List<RunListener> listeners = new ArrayList<>();
        if (options.format() == ReportOptions.Format.JSON) {
            listeners.add(new JsonReporter(out, options.verbosity()));
        } else if (options.format() == ReportOptions.Format.MINIMAL) {
            listeners.add(new MinimalReporter(out, colour(options)));
        } else {
            boolean terminal = out == System.out && System.console() != null;
            listeners.add(new ConsoleReporter(out, colour(options), terminal, options.verbosity(), options.profile()));
        }
        if (options.junit() != null) {
            listeners.add(new JunitReporter(options.junit()));
        }
        return listeners.size() == 1 ? listeners.get(0) : RunListener.all(listeners);
    }

    /** Colour when asked for, unless NO_COLOR is set to anything non-empty (no-color.org). */
    static boolean colour(ReportOptions options) {
        String noColor = System.getenv("NO_COLOR");
        return options.color() && (noColor == null || noColor.isEmpty());
    }
}
