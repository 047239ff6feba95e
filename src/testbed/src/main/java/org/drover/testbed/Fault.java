package org.drover.testbed;

import java.util.Locale;

/** A fault knob for one simulated command, in the words of {@code $FAKEBSD_STATE/faults/COMMAND}. */
public sealed interface Fault {
    /** The command sleeps this long before doing its work. */
    record Slow(double seconds) implements Fault {}

    /** The command never returns. */
    record Hang() implements Fault {}

    /** The command exits with this status, printing text (if any) on stderr. */
    record Fail(int status, String text) implements Fault {}

    /** The file's content, as fakebsd.common.apply_faults reads it. */
    default String fileText() {
        if (this instanceof Slow s) {
            return String.format(Locale.ROOT, "slow %s%n", s.seconds());
        } else if (this instanceof Fail f) {
            return "fail " + f.status() + (f.text() == null || f.text().isEmpty() ? "" : " " + f.text()) + "\n";
        }
        return "hang\n";
    }

    /** Parses the file's words: {@code slow 2.5}, {@code hang}, {@code fail 1 text...}. */
    static Fault parse(String text) {
        String[] w = text.trim().split("\\s+", 3);
        return switch (w[0]) {
            case "slow" -> new Slow(w.length > 1 ? Double.parseDouble(w[1]) : 1.0);
            case "hang" -> new Hang();
            case "fail" -> new Fail(w.length > 1 ? Integer.parseInt(w[1]) : 1, w.length > 2 ? w[2] : "");
            default -> throw new IllegalArgumentException("unknown fault '" + text + "' (slow SECONDS, hang, fail STATUS [TEXT])");
        };
    }
}
