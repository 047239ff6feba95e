package org.drover.module.freebsd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.drover.freebsd.DatasetName;
import org.drover.freebsd.SnapshotName;
import org.drover.freebsd.ZfsListRow;
import org.drover.freebsd.ZfsProperty;
import org.drover.freebsd.ZfsSize;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.module.Plan;
import org.drover.transport.Sh;

/** Pure planning for {@code zfs_clone}: state read from the host + desired arguments → changes, or a refusal. */
public final class ZfsClonePlanner {
    private ZfsClonePlanner() {}

    /** What depends on a dataset: its child datasets, its snapshots (of it and its children), clones of those. */
    public record Dependents(List<String> children, List<String> snapshots, List<String> clones) {
        public boolean isEmpty() {
            return children.isEmpty() && snapshots.isEmpty() && clones.isEmpty();
        }

        /** Clones that live outside the dataset's own tree: {@code zfs destroy -r} cannot remove them. */
        List<String> outside(String name) {
            DatasetName n = DatasetName.of(name);
            return clones.stream().filter(c -> !n.contains(c)).toList();
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            if (!children.isEmpty()) {
                parts.add("children " + String.join(", ", children));
            }
            if (!snapshots.isEmpty()) {
                parts.add("snapshots " + String.join(", ", snapshots));
            }
            if (!clones.isEmpty()) {
                parts.add("clones of its snapshots " + String.join(", ", clones));
            }
            return String.join("; ", parts);
        }
    }

    public static Dependents dependents(ZfsCloneModule.State s, String name) {
        List<String> children = new ArrayList<>();
        List<String> snapshots = new ArrayList<>();
        List<String> clones = new ArrayList<>();
        s.target().ifPresent(t -> {
            for (String c : t.clones()) {
                clones.add(c); // the target row is a filesystem; clones are listed only on snapshot rows
            }
        });
        for (ZfsListRow r : s.below()) {
            if (r.isSnapshot()) {
                snapshots.add(r.name());
                clones.addAll(r.clones());
            } else {
                children.add(r.name());
            }
        }
        return new Dependents(children, snapshots, clones);
    }

    public static Plan plan(ZfsCloneModule.State s, ZfsCloneModule.Desired d) {
        if (!s.errors().isEmpty()) {
            return Plan.fail("cannot read " + d.name() + ": " + String.join("; ", s.errors()));
        }
        return d.present() ? present(s, d) : absent(s, d);
    }

    private static Plan present(ZfsCloneModule.State s, ZfsCloneModule.Desired d) {
        List<Change> changes = new ArrayList<>();
        String name = d.name().value();
        if (s.target().isEmpty()) {
            String why = originChange(s, d, changes);
            if (why != null) {
                return Plan.fail(why);
            }
            changes.add(clone(d));
            return Plan.of(changes);
        }
        String have = s.origin();
        if (!d.origin().value().equals(have)) {
            String what = have == null
                    ? name + " exists but is not a clone (wanted a clone of " + d.origin() + ")"
                    : name + " is a clone of " + have + ", not of " + d.origin();
            if (!d.recreateOnMismatch()) {
                return Plan.fail(what + "; set on_origin_mismatch: recreate to destroy and re-clone it");
            }
            Dependents deps = dependents(s, name);
            if (!deps.isEmpty()) {
                return Plan.fail(what + "; not recreating it because it has " + deps.describe());
            }
            String why = originChange(s, d, changes);
            if (why != null) {
                return Plan.fail(why);
            }
            changes.add(new Change("destroy " + name + " (" + (have == null ? "not a clone" : "clone of " + have)
                    + ") to re-clone it from " + d.origin(),
                    new Diff(name + " origin", (have == null ? "-" : have) + "\n", d.origin() + "\n"),
                    List.of("zfs destroy " + Sh.quote(name))));
            changes.add(clone(d));
            return Plan.of(changes);
        }
        for (Map.Entry<String, String> e : d.properties().entrySet()) {
            String prop = e.getKey();
            String want = ZfsSize.normalise(prop, e.getValue());
            ZfsProperty cur = s.properties().get(prop);
            String curValue = cur == null ? "-" : cur.value();
            if (!want.equals(curValue)) {
                String source = cur == null ? "" : " (" + cur.source() + ")";
                changes.add(new Change("set " + prop + "=" + e.getValue() + " on " + name + ", was " + curValue + source,
                        new Diff(name + " " + prop, prop + "=" + curValue + "\n", prop + "=" + want + "\n"),
                        List.of("zfs set " + Sh.quote(prop + "=" + e.getValue()) + " " + Sh.quote(name))));
            }
        }
        return Plan.of(changes);
    }

    /** Adds the origin snapshot when it is missing and may be taken; returns why not otherwise. */
    private static String originChange(ZfsCloneModule.State s, ZfsCloneModule.Desired d, List<Change> changes) {
        if (s.originExists()) {
            return null;
        }
        SnapshotName o = d.origin();
        if (!d.createOrigin()) {
            return "origin snapshot " + o + " does not exist (set create_origin: true to snapshot "
                    + o.dataset() + ")";
        }
        if (!s.originDatasetExists()) {
            return "origin snapshot " + o + " does not exist and cannot be taken: dataset " + o.dataset()
                    + " does not exist";
        }
        changes.add(new Change("snapshot " + o, new Diff("snapshot " + o, "", o + "\n"),
                List.of("zfs snapshot " + Sh.quote(o.value()))));
        return null;
    }

    private static Change clone(ZfsCloneModule.Desired d) {
        String name = d.name().value();
        StringBuilder cmd = new StringBuilder("zfs clone");
        if (d.createParents()) {
            cmd.append(" -p");
        }
        StringBuilder after = new StringBuilder(name + " (clone of " + d.origin() + ")\n");
        for (Map.Entry<String, String> e : d.properties().entrySet()) {
            cmd.append(" -o ").append(Sh.quote(e.getKey() + "=" + e.getValue()));
            after.append(e.getKey()).append('=').append(ZfsSize.normalise(e.getKey(), e.getValue())).append('\n');
        }
        cmd.append(' ').append(Sh.quote(d.origin().value())).append(' ').append(Sh.quote(name));
        // zfs clone -p returns 0 for an existing target without checking its origin (FORMATS §3.3): prove it.
        String check = "test \"$(zfs get -H -p -o value origin " + Sh.quote(name) + ")\" = "
                + Sh.quote(d.origin().value()) + " || { echo " + Sh.quote(name + " is not a clone of " + d.origin()
                + " after zfs clone") + " >&2; exit 1; }";
        return new Change("clone " + d.origin() + " to " + name, new Diff(name, "", after.toString()),
                List.of(cmd.toString(), check));
    }

    private static Plan absent(ZfsCloneModule.State s, ZfsCloneModule.Desired d) {
        String name = d.name().value();
        if (s.target().isEmpty()) {
            return Plan.none();
        }
        String have = s.origin();
        if (have == null) {
            return Plan.fail("refusing to destroy " + name + ": it is not a clone (zfs_clone only destroys clones)");
        }
        if (d.origin() != null && !d.origin().value().equals(have)) {
            return Plan.fail("refusing to destroy " + name + ": it is a clone of " + have + ", not of " + d.origin());
        }
        Dependents deps = dependents(s, name);
        List<String> outside = deps.outside(name);
        if (!outside.isEmpty()) {
            return Plan.fail("refusing to destroy " + name + ": other datasets are clones of its snapshots: "
                    + String.join(", ", outside) + " (remove them first; zfs destroy -R is never used)");
        }
        boolean needsRecursion = !deps.children().isEmpty() || !deps.snapshots().isEmpty();
        if (needsRecursion && !d.recursive()) {
            return Plan.fail("refusing to destroy " + name + ": it has " + deps.describe()
                    + " (set recursive: true to destroy them with it)");
        }
        StringBuilder before = new StringBuilder(name + " (clone of " + have + ")\n");
        deps.children().forEach(c -> before.append(c).append('\n'));
        deps.snapshots().forEach(c -> before.append(c).append('\n'));
        return Plan.of(List.of(new Change("destroy " + name + (needsRecursion ? " and " + deps.describe() : ""),
                new Diff(name, before.toString(), ""),
                List.of("zfs destroy " + (needsRecursion ? "-r " : "") + Sh.quote(name)))));
    }
}
