package org.drover.transport;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * File transfer without SFTP (FreeBSD hosts may run sshd without it, and become needs a shell anyway): scripts
 * that write stdin to a file atomically, and that read a file's SHA-256, for {@code /bin/sh} with base commands
 * only.
 */
public final class RemoteFiles {
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3,4}|[ugoa]*[-+=][rwxXst]*(,[ugoa]*[-+=][rwxXst]*)*");
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*\\$?");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** What {@link #sha256Script} prints for a missing file. */
    static final String ABSENT = "absent";

    private RemoteFiles() {}

    /**
     * A script that copies its stdin to path: a temp file in the same directory, mode/owner/group set on it, then
     * renamed over path, so readers see the old or the new file, never half of one. Prints the new file's SHA-256
     * on its last line. The temp file is removed on failure.
     *
     * @param mode  octal ({@code 0644}) or symbolic ({@code u=rw,go=r}), or null for 0644 on a new file and the
     *              current mode of an existing one
     * @param owner user name or numeric id, or null to leave it
     * @param group group name or numeric id, or null to leave it
     */
    public static String writeScript(String path, String mode, String owner, String group) {
        checkPath(path);
        if (mode != null && !MODE.matcher(mode).matches()) {
            throw new IllegalArgumentException("invalid file mode: " + Sh.quote(mode));
        }
        checkName("owner", owner);
        checkName("group", group);
        String dir = path.lastIndexOf('/') == 0 ? "/" : path.substring(0, path.lastIndexOf('/'));
        String base = path.substring(path.lastIndexOf('/') + 1);
        StringBuilder s = new StringBuilder();
        s.append("set -e\n");
        s.append("dest=").append(Sh.quote(path)).append('\n');
        s.append("tmp=$(mktemp ").append(Sh.quote(dir + "/." + base + ".drover.XXXXXX")).append(")\n");
        s.append("trap 'rm -f \"$tmp\"' EXIT\n");
        s.append("cat > \"$tmp\"\n");
        if (mode != null) {
            s.append("chmod ").append(Sh.quote(mode)).append(" \"$tmp\"\n");
        } else {
            // keep the mode of the file we replace (ls -ld prints it the same on FreeBSD and Linux)
            s.append("if [ -e \"$dest\" ]; then\n")
                    .append("  m=$(ls -ld \"$dest\" | cut -c2-10)\n")
                    .append("  u=$(echo \"$m\" | cut -c1-3 | tr -d -); g=$(echo \"$m\" | cut -c4-6 | tr -d -); "
                            + "o=$(echo \"$m\" | cut -c7-9 | tr -d -)\n")
                    .append("  chmod \"u=$(echo \"$u\" | tr sS xX | tr -d X),g=$(echo \"$g\" | tr sS xX | tr -d X),"
                            + "o=$(echo \"$o\" | tr tT xX | tr -d X)\" \"$tmp\"\n")
                    .append("else\n  chmod 0644 \"$tmp\"\nfi\n");
        }
        if (owner != null) {
            s.append("chown -- ").append(Sh.quote(owner)).append(" \"$tmp\"\n");
        }
        if (group != null) {
            s.append("chgrp -- ").append(Sh.quote(group)).append(" \"$tmp\"\n");
        }
        s.append("mv -f \"$tmp\" \"$dest\"\n");
        s.append("trap - EXIT\n");
        s.append(sha256Script(path));
        return s.toString();
    }

    /**
     * A script that prints path's SHA-256 in hex, or {@value #ABSENT} when there is no such file: {@code sha256 -q}
     * (FreeBSD), else {@code sha256sum} (Linux). Composable: it only defines nothing and prints one line.
     */
    public static String sha256Script(String path) {
        checkPath(path);
        String p = Sh.quote(path);
        return "if [ ! -f " + p + " ]; then echo " + ABSENT + "\n"
                + "elif command -v sha256 >/dev/null 2>&1; then sha256 -q " + p + "\n"
                + "else sha256sum < " + p + " | cut -d ' ' -f 1\nfi\n";
    }

    /**
     * The digest from the last line of output of {@link #sha256Script} or {@link #writeScript}: empty for a
     * missing file.
     *
     * @throws IllegalArgumentException when the output holds no digest (the command failed)
     */
    public static Optional<String> parseSha256(String stdout) {
        String[] lines = stdout.strip().split("\n");
        String last = lines[lines.length - 1].strip().toLowerCase();
        if (last.equals(ABSENT)) {
            return Optional.empty();
        }
        if (!SHA256.matcher(last).matches()) {
            throw new IllegalArgumentException("no SHA-256 digest in output: " + stdout.strip());
        }
        return Optional.of(last);
    }

    private static void checkPath(String path) {
        if (path == null || !path.startsWith("/") || path.endsWith("/") || path.indexOf('\0') >= 0
                || path.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("need an absolute file path: " + path);
        }
    }

    private static void checkName(String what, String name) {
        if (name != null && !OWNER.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid " + what + ": " + Sh.quote(name));
        }
    }
}
