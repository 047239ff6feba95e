package org.drover.module.freebsd;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.drover.freebsd.PkgName;
import org.drover.freebsd.PkgOutput.Installed;
import org.drover.freebsd.PkgOutput.Upgrade;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.module.Plan;

/**
 * The pure part of {@code pkg}: which packages to install, upgrade, delete or autoremove, with their commands and
 * diffs. Deleting never cascades: a package that another installed package (not also being deleted) depends on is
 * refused, where {@code pkg delete -y} would silently delete the dependents too.
 */
final class PkgPlanner {
    private PkgPlanner() {}

    static Plan plan(PkgModule.Current cur, PkgModule.Desired d) {
        if (cur.error() != null) {
            return Plan.fail(cur.error());
        }
        List<Change> changes = new ArrayList<>();
        if (!cur.bootstrapped()) {
            if (d.state().equals("absent")) {
                return d.target() == null ? Plan.none() : Plan.fail("pkg is not bootstrapped on this host: the "
                        + "packages of " + d.target() + " cannot be read (set state: present once to bootstrap it)");
            }
            if (!d.bootstrap()) {
                return Plan.fail("pkg is not bootstrapped on this host (/usr/sbin/pkg is only the bootstrap stub): "
                        + "set bootstrap: true, or run 'pkg bootstrap' first");
            }
            changes.add(new Change("bootstrap pkg", new Diff("pkg (bootstrap)", "", "pkg\n"),
                    List.of(d.env() + "env ASSUME_ALWAYS_YES=yes pkg bootstrap")));
        }
        Map<String, Installed> have = cur.installed();
        List<String> missing = d.names().stream().filter(n -> find(have, n).isEmpty()).toList();
        if (!d.state().equals("absent") && !missing.isEmpty()) {
            changes.add(new Change("install " + String.join(", ", missing) + " " + d.where(),
                    diff(d, "", lines(missing)), List.of(d.pkg("install", "-y", d.repoArgs(), missing))));
        }
        if (d.state().equals("latest")) {
            upgrade(cur, d).ifPresent(changes::add);
        }
        Set<String> removed = new TreeSet<>();
        if (d.state().equals("absent")) {
            List<Installed> present = d.names().stream().map(n -> find(have, n)).flatMap(Optional::stream)
                    .distinct().toList();
            present.forEach(p -> removed.add(p.name()));
            String blocker = dependents(cur, removed);
            if (blocker != null) {
                return Plan.fail(blocker);
            }
            if (!present.isEmpty()) {
                changes.add(new Change("delete " + String.join(", ", removed) + " " + d.where(),
                        diff(d, lines(present.stream().map(Installed::nameVersion).toList()), ""),
                        List.of(d.pkg("delete", "-y", List.of(), List.copyOf(removed)))));
            }
        }
        if (d.autoremove()) {
            List<Installed> orphans = orphans(cur, removed);
            if (!orphans.isEmpty()) {
                changes.add(new Change("autoremove " + orphans.stream().map(Installed::name)
                        .collect(Collectors.joining(", ")) + " " + d.where(),
                        diff(d, lines(orphans.stream().map(Installed::nameVersion).toList()), ""),
                        List.of(d.pkg("autoremove", "-y", List.of(), List.of()))));
            }
        }
        return Plan.of(changes);
    }

    /** An installed package by name, or by origin when the name is one ({@code www/nginx}). */
    static Optional<Installed> find(Map<String, Installed> have, String name) {
        if (PkgName.isOrigin(name)) {
            return have.values().stream().filter(p -> p.origin().equals(name)).findFirst();
        }
        return Optional.ofNullable(have.get(name));
    }

    private static Optional<Change> upgrade(PkgModule.Current cur, PkgModule.Desired d) {
        Set<String> wanted = d.names().stream().map(n -> find(cur.installed(), n)).flatMap(Optional::stream)
                .map(Installed::name).collect(Collectors.toCollection(LinkedHashSet::new));
        List<Upgrade> ups = cur.upgrades().stream().filter(u -> wanted.contains(u.name())).toList();
        if (ups.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = ups.stream().map(Upgrade::name).toList();
        return Optional.of(new Change("upgrade " + ups.stream().map(u -> u.name() + " " + u.from() + " -> " + u.to())
                .collect(Collectors.joining(", ")) + " " + d.where(),
                diff(d, lines(ups.stream().map(u -> u.name() + "-" + u.from()).toList()),
                        lines(ups.stream().map(u -> u.name() + "-" + u.to()).toList())),
                List.of(d.pkg("upgrade", "-y", d.repoArgs(), names))));
    }

    /** Why the removal must not happen (a remaining package needs one of them), or null. */
    private static String dependents(PkgModule.Current cur, Set<String> removed) {
        for (Map.Entry<String, List<String>> e : cur.deps().entrySet()) {
            if (removed.contains(e.getKey())) {
                continue;
            }
            for (String dep : e.getValue()) {
                if (removed.contains(dep)) {
                    return "cannot delete " + dep + ": " + e.getKey() + " depends on it (pkg delete would delete "
                            + e.getKey() + " too); list " + e.getKey() + " as well to delete both";
                }
            }
        }
        return null;
    }

    /** Automatic packages no remaining non-automatic package needs, directly or through others (pkg autoremove). */
    static List<Installed> orphans(PkgModule.Current cur, Set<String> removed) {
        Set<String> needed = new TreeSet<>();
        List<String> todo = new ArrayList<>();
        cur.installed().values().stream().filter(p -> !p.automatic() && !removed.contains(p.name()))
                .forEach(p -> todo.add(p.name()));
        while (!todo.isEmpty()) {
            String n = todo.remove(todo.size() - 1);
            if (needed.add(n)) {
                todo.addAll(cur.deps().getOrDefault(n, List.of()));
            }
        }
        return cur.installed().values().stream()
                .filter(p -> !removed.contains(p.name()) && !needed.contains(p.name())).toList();
    }

    private static Diff diff(PkgModule.Desired d, String before, String after) {
        return new Diff("packages " + d.where(), before, after);
    }

    private static String lines(List<String> items) {
        return items.stream().map(s -> s + "\n").collect(Collectors.joining());
    }
}
