package org.drover.yaml;

/** Where a value came from: file (as the user named it), 1-based line and column. */
public record SourceMark(String file, int line, int column) {
    public static final SourceMark UNKNOWN = new SourceMark("<unknown>", 0, 0);

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
