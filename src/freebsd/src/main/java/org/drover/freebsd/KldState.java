package org.drover.freebsd;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel module as {@code kldstat} reports it: whether a module of that name is registered ({@code kldstat -q -m
 * NAME}: exit status only) and which {@code .ko} file of that name is loaded ({@code kldstat -n NAME}). Registered
 * without a file means compiled into the kernel (or registered by a file of another name): it cannot be unloaded.
 *
 * @param file the loaded file, empty when {@code kldstat -n} found none
 */
public record KldState(String name, boolean registered, Optional<KldFile> file) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern ROW = Pattern.compile("^ *(\\d+) +(\\d+) +0x[0-9a-f]+ +[0-9a-f]+ (\\S+)$",
            Pattern.MULTILINE);

    /**
     * One row of kldstat's file table.
     *
     * @param refs one plus the number of loaded files that depend on it
     */
    public record KldFile(int id, int refs, String fileName) {
    }

    /** Loaded in any form: registered as a module, or its file is loaded. */
    public boolean loaded() {
        return registered || file.isPresent();
    }

    /** Registered, but no file of that name: part of the kernel (or of another file), so kldunload cannot remove it. */
    public boolean inKernel() {
        return registered && file.isEmpty();
    }

    /** What {@code kldload NAME} / {@code kld_list} take: a module file name without {@code .ko} or a path. */
    public static String nameProblem(String v) {
        if (v == null || !NAME.matcher(v).matches() || v.length() > 64) {
            return "'" + Names.printable(v) + "' is not a kernel module name (letters, digits, '_', '.', '-')";
        }
        if (v.endsWith(".ko")) {
            return "give the kernel module without '.ko' ('" + v.substring(0, v.length() - 3) + "')";
        }
        return null;
    }

    /**
     * Reads the two kldstat answers for NAME.
     *
     * @param moduleStatus exit status of {@code kldstat -q -m NAME}: 0 registered, 1 not
     * @param fileOutput   what {@code kldstat -n NAME} printed (stdout and stderr)
     * @param fileStatus   its exit status: 0 with the table, 1 with {@code kldstat: can't find file NAME: ...}
     * @throws IllegalStateException when kldstat did not answer that way (not run, or unexpected text)
     */
    public static KldState parse(String name, int moduleStatus, String fileOutput, int fileStatus) {
        if (moduleStatus != 0 && moduleStatus != 1) {
            throw new IllegalStateException("kldstat -q -m " + name + " failed (exit " + moduleStatus + ")");
        }
        return new KldState(name, moduleStatus == 0, parseFile(name, fileOutput, fileStatus));
    }

    /** The file row of {@code kldstat -n NAME}, or empty when kldstat said it cannot find the file. */
    public static Optional<KldFile> parseFile(String name, String output, int status) {
        if (status == 1 && output.contains("kldstat: can't find file " + name + ":")) {
            return Optional.empty();
        }
        if (status == 0) {
            Matcher m = ROW.matcher(output);
            while (m.find()) {
                String file = m.group(3);
                if (file.equals(name) || file.equals(name + ".ko")) {
                    return Optional.of(new KldFile(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), file));
                }
            }
        }
        throw new IllegalStateException("kldstat -n " + name + " (exit " + status + ") printed no row for it: "
                + output.strip());
    }
}
