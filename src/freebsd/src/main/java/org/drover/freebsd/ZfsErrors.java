package org.drover.freebsd;

import java.util.ArrayList;
import java.util.List;

/**
 * Recognises libzfs error text (stderr, no {@code zfs:} prefix; FORMATS §3): {@code cannot open 'X': dataset does
 * not exist}, and the dependents list {@code zfs destroy} prints after {@code use '-r' to destroy the following
 * datasets:}.
 */
public final class ZfsErrors {
    private ZfsErrors() {}

    /** True when stderr says that name does not exist (from {@code zfs list}, {@code zfs get}, {@code zfs clone}). */
    public static boolean doesNotExist(String stderr, String name) {
        return stderr != null && stderr.contains("cannot open '" + name + "': dataset does not exist");
    }

    /** Lines of stderr that are not a "does not exist" report about one of the given names. */
    public static List<String> unexpected(String stderr, List<String> expectedMissing) {
        List<String> out = new ArrayList<>();
        if (stderr == null) {
            return out;
        }
        for (String line : stderr.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            boolean expected = expectedMissing.stream()
                    .anyMatch(n -> line.equals("cannot open '" + n + "': dataset does not exist"));
            if (!expected) {
                out.add(line);
            }
        }
        return out;
    }

    /** The dataset names {@code zfs destroy} lists after its {@code use '-r'}/{@code use '-R'} line. */
    public static List<String> destroyDependents(String stderr) {
        List<String> out = new ArrayList<>();
        boolean inList = false;
        for (String line : stderr.split("\n")) {
            if (line.startsWith("use '-r' to destroy") || line.startsWith("use '-R' to destroy")) {
                inList = true;
            } else if (line.startsWith("cannot ")) {
                inList = false;
            } else if (inList && !line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }
}
