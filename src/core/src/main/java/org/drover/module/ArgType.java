package org.drover.module;

/** Declared argument types. YAML 1.2 leaves {@code yes}/{@code on} as strings, so BOOL coerces them explicitly. */
public enum ArgType {
    STR, INT, BOOL, LIST, MAP, RAW
}
