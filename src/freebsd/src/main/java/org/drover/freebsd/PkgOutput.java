package org.drover.freebsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parsers for pkg(8)'s output (freebsd/pkg: src/main.c, src/query.c, src/utils.c; FreeBSD's usr.sbin/pkg/pkg.c
 * for the bootstrap stub). Every parser throws {@link IllegalStateException} on output it does not know.
 */
public final class PkgOutput {
    private PkgOutput() {}

    /** The query format {@link #installed} reads: name, version, automatic flag, origin. */
    public static final String INSTALLED_FORMAT = "%n %v %a %o";
    /** The query format {@link #dependencies} reads: one line per (package, dependency). */
    public static final String DEPS_FORMAT = "%n %dn";

    /** One installed package, as {@code pkg query '%n %v %a %o'} prints it. */
    public record Installed(String name, String version, boolean automatic, String origin) {
        public String nameVersion() {
            return name + "-" + version;
        }
    }

    /** One package {@code pkg upgrade -n} would upgrade ({@code from} → {@code to}) or reinstall (same version). */
    public record Upgrade(String name, String from, String to) {}

    /**
     * {@code pkg -N}: true when pkg is bootstrapped ({@code pkg: N packages installed}, exit 0), false when
     * {@code /usr/sbin/pkg} is the bootstrap stub ({@code pkg: pkg is not installed}, exit 1).
     */
    public static boolean activated(String output, int status) {
        String text = output.strip();
        if (status == 0 && text.matches("pkg: \\d+ packages installed")) {
            return true;
        }
        if (status == 1 && text.equals("pkg: pkg is not installed")) {
            return false;
        }
        // "no packages registered" / "package database non-existent": a pkg binary without its own registration
        if (status == 1 && (text.equals("pkg: no packages registered")
                || text.equals("pkg: package database non-existent"))) {
            return true;
        }
        throw new IllegalStateException("unexpected answer from pkg -N (exit " + status + "): " + text);
    }

    /** {@code pkg query '%n %v %a %o'}, by name; a root where nothing was ever installed has none. */
    public static Map<String, Installed> installed(String output, int status) {
        Map<String, Installed> out = new LinkedHashMap<>();
        if (status != 0) {
            throw new IllegalStateException("pkg query failed (exit " + status + "): " + output.strip());
        }
        for (String line : output.split("\n")) {
            if (line.isBlank() || line.equals("pkg: No packages installed")) {
                continue;
            }
            String[] f = line.split(" ");
            if (f.length != 4 || !(f[2].equals("0") || f[2].equals("1"))) {
                throw new IllegalStateException("unexpected pkg query line: " + line);
            }
            out.put(f[0], new Installed(f[0], f[1], f[2].equals("1"), f[3]));
        }
        return out;
    }

    /** {@code pkg query '%n %dn'}: each package's direct dependencies (packages without any are absent). */
    public static Map<String, List<String>> dependencies(String output, int status) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (status != 0) {
            throw new IllegalStateException("pkg query failed (exit " + status + "): " + output.strip());
        }
        for (String line : output.split("\n")) {
            if (line.isBlank() || line.equals("pkg: No packages installed")) {
                continue;
            }
            String[] f = line.split(" ");
            if (f.length != 2) {
                throw new IllegalStateException("unexpected pkg query line: " + line);
            }
            out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[1]);
        }
        return out;
    }

    /**
     * {@code pkg upgrade -n NAME...}: the packages it would upgrade, downgrade or reinstall (the catalogue update
     * lines before the summary are skipped). pkg 2.x exits 0, pkg 1.x exits 1 when there is something to do.
     * A catalogue that cannot be updated or an unknown name is an error.
     */
    public static List<Upgrade> upgrades(String output, int status) {
        String[] lines = output.split("\n");
        List<Upgrade> out = new ArrayList<>();
        String section = null;
        boolean summary = false;
        for (String line : lines) {
            if (line.startsWith("Installed packages to be ") || line.startsWith("New packages to be ")) {
                section = line;
                summary = true;
            } else if (line.startsWith("\t") && section != null) {
                upgradeLine(section, line.substring(1)).ifPresent(out::add);
            } else if (line.equals("Your packages are up to date.")) {
                summary = true;
            } else if (line.isEmpty()) {
                section = null;
            }
        }
        if (!summary || (status != 0 && status != 1) || (status == 1 && out.isEmpty())) {
            throw new IllegalStateException("pkg upgrade -n failed (exit " + status + "): " + output.strip());
        }
        return out;
    }

    private static java.util.Optional<Upgrade> upgradeLine(String section, String item) {
        if (section.endsWith("UPGRADED:") || section.endsWith("DOWNGRADED:")) {
            int colon = item.indexOf(": ");
            int arrow = item.indexOf(" -> ");
            if (colon > 0 && arrow > colon) {
                String to = item.substring(arrow + 4).split(" ")[0];
                return java.util.Optional.of(new Upgrade(item.substring(0, colon), item.substring(colon + 2, arrow), to));
            }
        } else if (section.endsWith("REINSTALLED:")) {
            String nv = item.split(" ")[0];
            int dash = nv.lastIndexOf('-');
            if (dash > 0) {
                String v = nv.substring(dash + 1);
                return java.util.Optional.of(new Upgrade(nv.substring(0, dash), v, v));
            }
        } else {
            return java.util.Optional.empty(); // new dependencies, removals: not an upgrade of a named package
        }
        throw new IllegalStateException("unexpected pkg upgrade -n line: " + item);
    }

    /** The first line that names why a pkg command failed, for task messages. */
    public static String failure(String stderr, String stdout) {
        for (String line : stderr.split("\n")) {
            if (line.startsWith("pkg: No packages available")) {
                return line.substring(5);
            }
        }
        for (String line : stdout.split("\n")) {
            if (line.startsWith("Unable to update repository ")) {
                String first = stderr.strip().isEmpty() ? "" : " (" + stderr.strip().split("\n")[0] + ")";
                return "repository " + line.substring("Unable to update repository ".length())
                        + " cannot be reached" + first + ": nothing was changed";
            }
        }
        return stderr.strip();
    }
}
