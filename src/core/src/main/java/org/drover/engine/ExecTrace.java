package org.drover.engine;

import java.time.Duration;

/** One round trip a module made, kept for {@code -v} output (recorded only when verbosity asks for it). */
public record ExecTrace(String script, String become, int exitStatus, String stdout, String stderr,
                        boolean timedOut, Duration elapsed) {
}
