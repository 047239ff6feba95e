package org.drover.module.freebsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drover.freebsd.DatasetName;
import org.drover.freebsd.SnapshotName;
import org.drover.freebsd.ZfsErrors;
import org.drover.freebsd.ZfsGetParser;
import org.drover.freebsd.ZfsListParser;
import org.drover.freebsd.ZfsListRow;
import org.drover.freebsd.ZfsProperty;
import org.drover.freebsd.ZfsPropertyName;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.ModuleSpec;
import org.drover.module.Plan;
import org.drover.module.StateModule;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;

/**
 * {@code zfs_clone}: a ZFS dataset that is a clone of a given snapshot, with properties, or its removal. Reads the
 * dataset, its descendants and snapshots (with their clones), the origin snapshot and the properties in one round
 * trip; the pure {@link ZfsClonePlanner} decides.
 */
public final class ZfsCloneModule extends StateModule<ZfsCloneModule.Desired, ZfsCloneModule.State> {
    static final String LIST_COLUMNS = "name,type,origin,clones";

    /**
     * The typed arguments.
     *
     * @param origin null only with state absent
     */
    public record Desired(DatasetName name, SnapshotName origin, boolean present, Map<String, String> properties,
                          boolean createParents, boolean createOrigin, boolean recreateOnMismatch, boolean recursive) {
        public Desired {
            properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
            if (present && origin == null) {
                throw new IllegalArgumentException("zfs_clone with state present needs 'origin' (pool/dataset@snapshot)");
            }
        }
    }

    /**
     * What the host has.
     *
     * @param target     the dataset's own {@code zfs list} row, empty when it does not exist
     * @param below      every descendant dataset and snapshot of the target (not the target itself)
     * @param properties the desired properties' current values, by name (only when the target exists)
     * @param errors     unexpected stderr lines of the read (permission denied, no zfs...)
     */
    public record State(Optional<ZfsListRow> target, List<ZfsListRow> below, boolean originExists,
                        boolean originDatasetExists, Map<String, ZfsProperty> properties, List<String> errors) {
        public State {
            below = List.copyOf(below);
            properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
            errors = List.copyOf(errors);
        }

        /** The target's origin snapshot, or null when it is not a clone (or does not exist). */
        public String origin() {
            return target.map(r -> r.get("origin")).orElse(null);
        }
    }

    private static final ModuleSpec SPEC = new ModuleSpec("zfs_clone",
            "ZFS dataset cloned from a snapshot (jail roots), with properties; or its safe removal",
            "Makes NAME a clone of the snapshot ORIGIN (zfs clone), sets properties with -o at creation and converges "
                    + "them with zfs set afterwards (values compared exactly with zfs get -H -p; sizes such as 10G "
                    + "are converted to bytes). An existing dataset that is not a clone of ORIGIN fails the task "
                    + "naming both origins, unless on_origin_mismatch is recreate and the dataset has no children, "
                    + "snapshots or dependent clones. state: absent destroys only clones, refuses datasets with "
                    + "children or snapshots unless recursive is true (zfs destroy -r), and always refuses when "
                    + "other datasets are clones of its snapshots (-R is never used).",
            List.of(
                    ArgSpec.of("name", ArgType.STR).required().aliases("dataset")
                            .description("The clone to manage: pool/path (spaces, - _ . : allowed).")
                            .example("zroot/jails/webserver").validator(v -> DatasetName.problem((String) v)).build(),
                    ArgSpec.of("origin", ArgType.STR).aliases("snapshot")
                            .description("The snapshot to clone, pool/dataset@snapshot. Required with state present.")
                            .example("zroot/jails/templates/14.3-RELEASE@base")
                            .validator(v -> SnapshotName.problem((String) v)).build(),
                    ArgSpec.of("state", ArgType.STR).defaultValue("present").choices("present", "absent")
                            .description("present: NAME is a clone of ORIGIN. absent: NAME does not exist.").build(),
                    ArgSpec.of("properties", ArgType.MAP)
                            .description("ZFS properties: given with -o at creation, then kept with zfs set. Sizes "
                                    + "may be written 10G; true/false become on/off.")
                            .example("{mountpoint: /jails/webserver, quota: 10G}")
                            .validator(ZfsCloneModule::propertiesProblem).build(),
                    ArgSpec.of("create_parents", ArgType.BOOL).defaultValue(true)
                            .description("Create missing parent datasets (zfs clone -p).").build(),
                    ArgSpec.of("create_origin", ArgType.BOOL).defaultValue(false)
                            .description("Take the origin snapshot (zfs snapshot) when it does not exist yet.").build(),
                    ArgSpec.of("on_origin_mismatch", ArgType.STR).defaultValue("fail").choices("fail", "recreate")
                            .description("When NAME exists but is not a clone of ORIGIN: fail (default), or destroy "
                                    + "and re-clone it (only when it has no children, snapshots or dependents).")
                            .build(),
                    ArgSpec.of("recursive", ArgType.BOOL).defaultValue(false)
                            .description("With state absent: also destroy its children and snapshots (zfs destroy "
                                    + "-r). Clones of its snapshots elsewhere always make it refuse.").build()),
            null,
            List.of("""
                    - name: Template snapshot and a jail root cloned from it
                      zfs_clone:
                        name: zroot/jails/webserver
                        origin: zroot/jails/templates/14.3-RELEASE@base
                        create_origin: true
                        properties:
                          mountpoint: /jails/webserver
                          quota: 10G
                    """, """
                    - name: Remove a jail root (refuses if it has snapshots)
                      zfs_clone:
                        name: zroot/jails/webserver
                        state: absent
                    """),
            List.of(
                    ArgSpec.of("before", ArgType.MAP).description("State read before any change: exists, type, "
                            + "origin, properties, children, snapshots, dependent_clones.").build(),
                    ArgSpec.of("changes", ArgType.LIST).description("What changed (or would, in check mode).").build(),
                    ArgSpec.of("commands", ArgType.LIST).description("The commands run (or that would run).").build()));

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    static String propertiesProblem(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            return "expected a mapping of property: value";
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String p = ZfsPropertyName.problem(String.valueOf(e.getKey()));
            if (p != null) {
                return p;
            }
            if (e.getValue() instanceof Map || e.getValue() instanceof List || e.getValue() == null) {
                return "property '" + e.getKey() + "' needs a scalar value";
            }
            String vp = ZfsPropertyName.valueProblem(propertyValue(e.getValue()));
            if (vp != null) {
                return "property '" + e.getKey() + "': " + vp;
            }
        }
        return null;
    }

    /** YAML booleans are what people write for on/off properties. */
    static String propertyValue(Object v) {
        if (v instanceof Boolean b) {
            return b ? "on" : "off";
        }
        return String.valueOf(v);
    }

    @Override
    protected Desired desired(Args args) {
        Map<String, String> props = new LinkedHashMap<>();
        args.map("properties").forEach((k, v) -> props.put(String.valueOf(k), propertyValue(v)));
        String problem = propertiesProblem(props);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new Desired(DatasetName.of(args.string("name")),
                args.has("origin") ? SnapshotName.of(args.string("origin")) : null,
                !"absent".equals(args.string("state")), props, args.bool("create_parents"),
                args.bool("create_origin"), "recreate".equals(args.string("on_origin_mismatch")),
                args.bool("recursive"));
    }

    @Override
    protected String readScript(Desired d) {
        StringBuilder s = new StringBuilder();
        String name = Sh.quote(d.name().value());
        section(s, "target", "zfs list -H -p -o " + LIST_COLUMNS + " -t filesystem,volume,snapshot -r " + name);
        if (d.origin() != null) {
            section(s, "origin", "zfs list -H -p -o name -t snapshot " + Sh.quote(d.origin().value()));
            section(s, "origin-dataset", "zfs list -H -p -o name " + Sh.quote(d.origin().dataset().value()));
        }
        if (d.present() && !d.properties().isEmpty()) {
            section(s, "properties", "zfs get -H -p -o name,property,value,source "
                    + String.join(",", d.properties().keySet()) + " " + name);
        }
        return s.toString();
    }

    private static void section(StringBuilder s, String name, String command) {
        s.append("echo '#drover:").append(name).append("'\n")
                .append(command).append("\n")
                .append("echo \"#drover:rc $?\"\n");
    }

    @Override
    protected State parse(Desired d, ExecResult read) {
        Map<String, Section> sections = sections(read.stdout());
        List<String> expectedMissing = new ArrayList<>(List.of(d.name().value()));
        if (d.origin() != null) {
            expectedMissing.add(d.origin().value());
            expectedMissing.add(d.origin().dataset().value());
        }
        List<String> errors = new ArrayList<>(ZfsErrors.unexpected(read.stderr(), expectedMissing));
        if (!sections.containsKey("target")) {
            errors.add("the read script did not run (exit " + read.exitStatus() + ")");
            return new State(Optional.empty(), List.of(), false, false, Map.of(), errors);
        }
        Optional<ZfsListRow> target = Optional.empty();
        List<ZfsListRow> below = new ArrayList<>();
        Map<String, ZfsProperty> props = new LinkedHashMap<>();
        try {
            for (ZfsListRow r : ZfsListParser.parse(sections.get("target").body(), LIST_COLUMNS)) {
                if (r.name().equals(d.name().value())) {
                    target = Optional.of(r);
                } else {
                    below.add(r);
                }
            }
            Section p = sections.get("properties");
            if (p != null && target.isPresent()) {
                for (ZfsProperty zp : ZfsGetParser.parse(p.body())) {
                    props.put(zp.property(), zp);
                }
            }
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
        }
        boolean originExists = rows(sections.get("origin")) > 0;
        boolean originDatasetExists = rows(sections.get("origin-dataset")) > 0;
        return new State(target, below, originExists, originDatasetExists, props, errors);
    }

    private static int rows(Section s) {
        return s == null || s.rc() != 0 ? 0 : (int) s.body().lines().filter(l -> !l.isEmpty()).count();
    }

    @Override
    protected Plan plan(State current, Desired desired) {
        return ZfsClonePlanner.plan(current, desired);
    }

    @Override
    protected Object describe(State s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exists", s.target().isPresent());
        s.target().ifPresent(t -> {
            m.put("type", t.get("type"));
            m.put("origin", t.get("origin"));
            Map<String, Object> props = new LinkedHashMap<>();
            s.properties().forEach((k, v) -> props.put(k, Map.of("value", v.value(), "source", v.source().toString())));
            m.put("properties", props);
            ZfsClonePlanner.Dependents deps = ZfsClonePlanner.dependents(s, s.target().get().name());
            m.put("children", deps.children());
            m.put("snapshots", deps.snapshots());
            m.put("dependent_clones", deps.clones());
        });
        return m;
    }

    /** A part of the read script's output between {@code #drover:NAME} and {@code #drover:rc N}. */
    record Section(String body, int rc) {
    }

    static Map<String, Section> sections(String stdout) {
        Map<String, Section> out = new LinkedHashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        for (String line : stdout.split("\n", -1)) {
            if (line.startsWith("#drover:rc ") && current != null) {
                int rc;
                try {
                    rc = Integer.parseInt(line.substring("#drover:rc ".length()).strip());
                } catch (NumberFormatException e) {
                    rc = -1;
                }
                out.put(current, new Section(body.toString(), rc));
                current = null;
            } else if (line.startsWith("#drover:")) {
                current = line.substring("#drover:".length());
                body.setLength(0);
            } else if (current != null) {
                body.append(line).append('\n');
            }
        }
        return out;
    }
}
