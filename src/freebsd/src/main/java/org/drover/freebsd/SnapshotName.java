package org.drover.freebsd;

/**
 * A ZFS snapshot name {@code pool/dataset@snap}: a valid {@link DatasetName}, one {@code @}, and a non-empty
 * snapshot component of the same characters ({@code zfs_namecheck.c}), under 256 characters in all.
 */
public record SnapshotName(DatasetName dataset, String snapshot) {
    public SnapshotName {
        if (dataset == null) {
            throw new IllegalArgumentException("snapshot needs a dataset");
        }
        String p = snapshotProblem(snapshot);
        if (p != null) {
            throw new IllegalArgumentException(p);
        }
        if (dataset.value().length() + 1 + snapshot.length() > DatasetName.MAX_LENGTH) {
            throw new IllegalArgumentException("snapshot name longer than " + DatasetName.MAX_LENGTH + " characters");
        }
    }

    public static SnapshotName of(String value) {
        String p = problem(value);
        if (p != null) {
            throw new IllegalArgumentException(p);
        }
        int at = value.indexOf('@');
        return new SnapshotName(DatasetName.of(value.substring(0, at)), value.substring(at + 1));
    }

    /** Why value is not a valid snapshot name, or null when it is. */
    public static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "empty snapshot name";
        }
        int at = value.indexOf('@');
        if (at < 0) {
            return "'" + DatasetName.printable(value) + "' is not a snapshot name (expected pool/dataset@snapshot)";
        }
        if (value.length() > DatasetName.MAX_LENGTH) {
            return "snapshot name longer than " + DatasetName.MAX_LENGTH + " characters";
        }
        String ds = value.substring(0, at);
        String dsProblem = DatasetName.problem(ds);
        if (dsProblem != null) {
            return dsProblem;
        }
        return snapshotProblem(value.substring(at + 1));
    }

    private static String snapshotProblem(String snap) {
        if (snap == null || snap.isEmpty()) {
            return "empty snapshot component after '@'";
        }
        if (snap.indexOf('@') >= 0) {
            return "snapshot name has more than one '@'";
        }
        if (snap.indexOf('/') >= 0) {
            return "snapshot component '" + DatasetName.printable(snap) + "' contains '/'";
        }
        String bad = DatasetName.invalidChar(snap);
        if (bad != null) {
            return "snapshot component '" + DatasetName.printable(snap) + "' contains invalid character " + bad;
        }
        return null;
    }

    public String value() {
        return dataset.value() + "@" + snapshot;
    }

    @Override
    public String toString() {
        return value();
    }
}
