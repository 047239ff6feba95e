package org.drover.freebsd;

/**
 * A ZFS filesystem or volume name ({@code pool/a/b}), validated with OpenZFS's own rules
 * ({@code module/zcommon/zfs_namecheck.c}): components of {@code [A-Za-z0-9_.: -]}, none empty, none {@code .}
 * or {@code ..}, no leading or trailing {@code /}, under 256 characters, at most 50 levels deep, the pool name
 * starting with a letter and not reserved. Spaces are legal, so a name is always passed through
 * {@link org.drover.transport.Sh#quote} and output is split on TAB only. Starting with a letter also means a name can
 * never be mistaken for a command-line option.
 */
public record DatasetName(String value) implements Comparable<DatasetName> {
    /** ZFS_MAX_DATASET_NAME_LEN is 256 including the terminating NUL. */
    static final int MAX_LENGTH = 255;
    /** zfs_max_dataset_nesting default. */
    static final int MAX_DEPTH = 50;

    public DatasetName {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public static DatasetName of(String value) {
        return new DatasetName(value);
    }

    /** Why value is not a valid dataset name, or null when it is. */
    public static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "empty dataset name";
        }
        if (value.length() > MAX_LENGTH) {
            return "dataset name longer than " + MAX_LENGTH + " characters";
        }
        if (value.indexOf('@') >= 0) {
            return "'" + printable(value) + "' is a snapshot name, not a dataset name";
        }
        if (value.indexOf('#') >= 0) {
            return "'" + printable(value) + "' is a bookmark name, not a dataset name";
        }
        String p = componentsProblem(value, "dataset");
        if (p != null) {
            return p;
        }
        return poolProblem(value.split("/", -1)[0]);
    }

    /** Checks slash-separated components of a dataset path; shared with {@link SnapshotName}. */
    static String componentsProblem(String value, String what) {
        if (value.startsWith("/")) {
            return what + " name '" + printable(value) + "' starts with '/' (give pool/dataset, not a mount point)";
        }
        if (value.endsWith("/")) {
            return what + " name '" + printable(value) + "' ends with '/'";
        }
        String[] parts = value.split("/", -1);
        if (parts.length > MAX_DEPTH) {
            return what + " name '" + printable(value) + "' is nested deeper than " + MAX_DEPTH + " levels";
        }
        for (String c : parts) {
            if (c.isEmpty()) {
                return what + " name '" + printable(value) + "' has an empty component";
            }
            if (c.equals(".") || c.equals("..")) {
                return what + " name '" + printable(value) + "' has a '" + c + "' component";
            }
            String bad = invalidChar(c);
            if (bad != null) {
                return what + " name '" + printable(value) + "' contains invalid character " + bad;
            }
        }
        return null;
    }

    static String poolProblem(String pool) {
        char first = pool.charAt(0);
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
            return "pool name '" + printable(pool) + "' must start with a letter";
        }
        if (pool.equals("mirror") || pool.equals("raidz") || pool.equals("draid") || pool.equals("spare")
                || pool.equals("log")) {
            return "pool name '" + pool + "' is reserved";
        }
        return null;
    }

    /** zfs_namecheck.c valid_char: alphanumerics and {@code - _ . : space}. Returns a description or null. */
    static String invalidChar(String component) {
        for (int i = 0; i < component.length(); i++) {
            char ch = component.charAt(i);
            boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                    || ch == '-' || ch == '_' || ch == '.' || ch == ':' || ch == ' ';
            if (!ok) {
                return ch < 0x20 || ch == 0x7f ? String.format("U+%04X", (int) ch) : "'" + ch + "'";
            }
        }
        return null;
    }

    /** Control characters shown escaped in messages, so an injection attempt cannot garble the terminal. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** The pool: the first component. */
    public String pool() {
        int i = value.indexOf('/');
        return i < 0 ? value : value.substring(0, i);
    }

    /** The parent dataset, or null for a pool's root dataset. */
    public DatasetName parent() {
        int i = value.lastIndexOf('/');
        return i < 0 ? null : new DatasetName(value.substring(0, i));
    }

    /** True when other is this dataset or lies below it. */
    public boolean contains(String other) {
        return other.equals(value) || other.startsWith(value + "/") || other.startsWith(value + "@");
    }

    @Override
    public int compareTo(DatasetName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
