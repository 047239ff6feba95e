package org.drover.freebsd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One file as FreeBSD's {@code stat -f FORMAT} prints it (usr.bin/stat/stat.c): the raw {@code st_mode} in octal
 * ({@code %p}), numeric and named owner, size, inode, device, link count, the three times with nanoseconds
 * ({@code %Fm}), and after a tab the link target ({@code %Y}) or, in {@link #TREE_FORMAT}, the name ({@code %N}).
 * Names of unknown ids print as {@code (N)}: they are kept as null.
 */
public record FileStat(int stMode, long uid, long gid, String owner, String group, long size, long inode, long dev,
                       long nlink, String atime, String mtime, String ctime, String tail) {

    /** What the modules ask for one path; the tail is the link target (empty for anything but a link). */
    public static final String FORMAT = "%p %u %g %z %i %d %l %Fa %Fm %Fc %Su %Sg%t%Y";
    /** The same for every entry of a tree ({@code find ... -exec stat -f TREE_FORMAT {} +}); the tail is the name. */
    public static final String TREE_FORMAT = "%p %u %g %z %i %d %l %Fa %Fm %Fc %Su %Sg%t%N";

    private static final int S_IFMT = 0170000;

    /** Ansible's names for the file types ({@code file} module's state names where there is one). */
    public String type() {
        return switch (stMode & S_IFMT) {
            case 0100000 -> "file";
            case 0040000 -> "directory";
            case 0120000 -> "link";
            case 0020000 -> "chr";
            case 0060000 -> "blk";
            case 0010000 -> "fifo";
            case 0140000 -> "socket";
            default -> "unknown";
        };
    }

    /** The permission bits (with setuid, setgid and sticky), as chmod takes them. */
    public int mode() {
        return stMode & 07777;
    }

    /** "0644", as Ansible prints modes. */
    public String modeString() {
        return String.format("%04o", mode());
    }

    public boolean isDir() {
        return type().equals("directory");
    }

    public boolean isLink() {
        return type().equals("link");
    }

    /**
     * The one stat of {@code path}: empty when it does not exist ({@code stat: PATH: stat: No such file ...});
     * anything else unexpected throws with the output.
     */
    public static Optional<FileStat> parse(String path, String output, int status) {
        if (status != 0) {
            if (output.startsWith("stat: " + path + ": stat: No such file or directory")
                    || output.startsWith("stat: " + path + ": stat: Not a directory")) {
                return Optional.empty();
            }
            throw new IllegalStateException("stat " + path + " failed (exit " + status + "): " + output.strip());
        }
        String line = output.endsWith("\n") ? output.substring(0, output.length() - 1) : output;
        if (line.indexOf('\n') >= 0) {
            throw new IllegalStateException("unexpected stat output for " + path + ": " + output.strip());
        }
        return Optional.of(line(line));
    }

    /** Every line of a {@link #TREE_FORMAT} listing (the tail is each entry's name). */
    public static List<FileStat> parseTree(String output) {
        List<FileStat> out = new ArrayList<>();
        for (String l : output.split("\n")) {
            if (!l.isEmpty()) {
                out.add(line(l));
            }
        }
        return out;
    }

    /** One line of the format; throws on anything else. */
    static FileStat line(String line) {
        int tab = line.indexOf('\t');
        String[] f = (tab < 0 ? "" : line.substring(0, tab)).split(" ");
        if (tab < 0 || f.length != 12) {
            throw new IllegalStateException("unexpected stat output: " + line);
        }
        try {
            return new FileStat(Integer.parseInt(f[0], 8), Long.parseLong(f[1]), Long.parseLong(f[2]), known(f[10]),
                    known(f[11]), Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]),
                    Long.parseLong(f[6]), time(f[7]), time(f[8]), time(f[9]), line.substring(tab + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("unexpected stat output: " + line, e);
        }
    }

    private static String known(String name) {
        return name.startsWith("(") && name.endsWith(")") ? null : name;
    }

    private static String time(String t) {
        if (!t.matches("[0-9]+\\.[0-9]{9}")) {
            throw new IllegalArgumentException("not a time: " + t);
        }
        return t;
    }
}
