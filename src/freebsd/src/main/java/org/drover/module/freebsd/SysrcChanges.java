package org.drover.module.freebsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.drover.freebsd.Names;
import org.drover.freebsd.RcVarState;
import org.drover.freebsd.Sections;
import org.drover.freebsd.SysrcParser;
import org.drover.module.ArgChecks;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.transport.Sh;

/**
 * rc.conf edits through {@code sysrc}, shared by the modules that make things survive a reboot (bridge, jail,
 * service, sysrc). Reading several variables costs two commands inside the caller's single read script; every
 * edit is a {@link Change} with a {@code NAME="old"} → {@code NAME="new"} diff.
 */
public final class SysrcChanges {
    public static final String RC_CONF = "/etc/rc.conf";

    private SysrcChanges() {}

    /**
     * Script fragment reading {@code vars} from {@code path}: their values (as sysrc sees them) and which of
     * them the file itself assigns. {@code key} names the sections; pass the same key to {@link #parse}.
     */
    public static String read(String key, String path, List<String> vars) {
        for (String v : vars) {
            if (Names.rcVarProblem(v) != null) {
                throw new IllegalArgumentException(Names.rcVarProblem(v));
            }
        }
        List<String> query = new ArrayList<>(List.of("sysrc", "-f", path));
        query.addAll(vars);
        String pattern = "^[[:space:]]*(" + String.join("|", vars) + ")=";
        return Sections.section(key + ".values", Sh.join(query))
                + Sections.section(key + ".file", "grep -E " + Sh.quote(pattern) + " " + Sh.quote(path)
                + " 2>/dev/null || :");
    }

    /** The variables read by {@link #read}; throws IllegalStateException when sysrc could not read them. */
    public static Map<String, RcVarState> parse(Map<String, Sections.Section> sections, String key,
                                                List<String> vars) {
        Sections.Section values = Sections.get(sections, key + ".values");
        Sections.Section file = Sections.get(sections, key + ".file");
        if (values.status() < 0) {
            throw new IllegalStateException("reading rc.conf variables did not complete");
        }
        Map<String, Optional<String>> v = SysrcParser.parseQuery(vars, values.output());
        Set<String> assigned = SysrcParser.assignedNames(file.output());
        Map<String, RcVarState> out = new LinkedHashMap<>();
        for (String n : vars) {
            out.put(n, new RcVarState(n, v.get(n), assigned.contains(n)));
        }
        return out;
    }

    /** Sets NAME=value unless sysrc already reports exactly that value. */
    public static Optional<Change> set(String path, RcVarState cur, String value) {
        checkValue(value);
        if (cur.value().isPresent() && cur.value().get().equals(value)) {
            return Optional.empty();
        }
        return Optional.of(new Change("set " + cur.name() + "=\"" + value + "\" in " + path,
                diff(path, cur.asLine(), cur.name() + "=\"" + value + "\"\n"),
                List.of(Sh.join("sysrc", "-f", path, cur.name() + "=" + value))));
    }

    /** Removes the file's assignment ({@code sysrc -x}); nothing when the file does not assign it. */
    public static Optional<Change> remove(String path, RcVarState cur) {
        if (!cur.assignedInFile()) {
            return Optional.empty();
        }
        return Optional.of(new Change("remove " + cur.name() + " from " + path,
                diff(path, cur.asLine(), ""), List.of(Sh.join("sysrc", "-f", path, "-x", cur.name()))));
    }

    /** Appends the words that are missing ({@code sysrc NAME+="w1 w2"}). */
    public static Optional<Change> addWords(String path, RcVarState cur, List<String> words) {
        words.forEach(SysrcChanges::checkValue);
        List<String> have = cur.words();
        List<String> missing = words.stream().filter(w -> !have.contains(w)).distinct().toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        List<String> after = new ArrayList<>(have);
        after.addAll(missing);
        String joined = String.join(" ", missing);
        return Optional.of(new Change("add " + joined + " to " + cur.name() + " in " + path,
                diff(path, cur.asLine(), cur.name() + "=\"" + String.join(" ", after) + "\"\n"),
                List.of(Sh.join("sysrc", "-f", path, cur.name() + "+=" + joined))));
    }

    /** Removes the words that are present ({@code sysrc NAME-="w1 w2"}). */
    public static Optional<Change> removeWords(String path, RcVarState cur, List<String> words) {
        List<String> have = cur.words();
        List<String> present = words.stream().filter(have::contains).distinct().toList();
        if (present.isEmpty()) {
            return Optional.empty();
        }
        String after = have.stream().filter(w -> !present.contains(w)).collect(Collectors.joining(" "));
        String joined = String.join(" ", present);
        return Optional.of(new Change("remove " + joined + " from " + cur.name() + " in " + path,
                diff(path, cur.asLine(), cur.name() + "=\"" + after + "\"\n"),
                List.of(Sh.join("sysrc", "-f", path, cur.name() + "-=" + joined))));
    }

    /** rc.conf is sourced by sh: a newline in a value would be a command line of its own. */
    private static void checkValue(String value) {
        String p = ArgChecks.controlProblem(value);
        if (p != null) {
            throw new IllegalArgumentException("rc.conf value " + p);
        }
    }

    static Diff diff(String path, String before, String after) {
        return new Diff(path, before, after);
    }

    /** True for the values rc.subr's checkyesno accepts as yes. */
    public static boolean isYes(Optional<String> value) {
        return value.map(v -> switch (v.strip().toLowerCase()) {
            case "yes", "true", "on", "1" -> true;
            default -> false;
        }).orElse(false);
    }
}
