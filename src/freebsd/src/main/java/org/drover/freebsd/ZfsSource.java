package org.drover.freebsd;

/**
 * Where a property's value comes from, as {@code zfs get} prints it in the source column.
 *
 * @param from the dataset it is inherited from ({@link Kind#INHERITED} only), else null
 */
public record ZfsSource(Kind kind, String from) {
    public enum Kind { NONE, DEFAULT, LOCAL, TEMPORARY, RECEIVED, INHERITED, OTHER }

    private static final String INHERITED_PREFIX = "inherited from ";

    /** Parses {@code -}, {@code default}, {@code local}, {@code temporary}, {@code received}, {@code inherited from DS}. */
    public static ZfsSource parse(String text) {
        return switch (text) {
            case "-" -> new ZfsSource(Kind.NONE, null);
            case "default" -> new ZfsSource(Kind.DEFAULT, null);
            case "local" -> new ZfsSource(Kind.LOCAL, null);
            case "temporary" -> new ZfsSource(Kind.TEMPORARY, null);
            case "received" -> new ZfsSource(Kind.RECEIVED, null);
            default -> text.startsWith(INHERITED_PREFIX)
                    ? new ZfsSource(Kind.INHERITED, text.substring(INHERITED_PREFIX.length()))
                    : new ZfsSource(Kind.OTHER, text);
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "-";
            case INHERITED -> INHERITED_PREFIX + from;
            case OTHER -> from;
            default -> kind.name().toLowerCase();
        };
    }
}
