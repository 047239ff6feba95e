package org.drover.module;

/** Before and after text of one thing (a file, a state rendered as lines); the reporter makes the unified diff. */
public record Diff(String label, String before, String after) {
}
