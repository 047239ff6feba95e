package org.drover.freebsd;

/** One line of {@code zfs get -H -p -o name,property,value,source}. A value of {@code -} means unset. */
public record ZfsProperty(String dataset, String property, String value, ZfsSource source) {
    /** True for an unset user property (value and source both {@code -}). */
    public boolean isUnset() {
        return value.equals("-") && source.kind() == ZfsSource.Kind.NONE;
    }
}
