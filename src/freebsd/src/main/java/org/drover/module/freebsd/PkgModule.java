package org.drover.module.freebsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.freebsd.Names;
import org.drover.freebsd.PkgName;
import org.drover.freebsd.PkgOutput;
import org.drover.freebsd.Sections;
import org.drover.module.Args;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;
import org.drover.module.Plan;
import org.drover.module.StateModule;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;

/**
 * {@code pkg}: binary packages with pkg(8), on the host, in a jail ({@code pkg -j}) or a chroot ({@code pkg -c}).
 * One read: {@code pkg -N} (bootstrapped, or only the stub?), {@code pkg query} of the installed packages, their
 * dependencies when deleting or autoremoving, and {@code pkg upgrade -n} for {@code latest}. Also answers to
 * Ansible's {@code pkgng} and {@code community.general.pkgng} (see {@link PkgSpecs}).
 */
public final class PkgModule extends StateModule<PkgModule.Desired, PkgModule.Current> {

    /**
     * @param target null for the host, else "jail NAME" or "chroot PATH" (for messages)
     */
    public record Desired(List<String> names, String state, boolean bootstrap, String jail, String chroot,
                          Options options, String inside) {
        /** Where pkg acts, for messages and diff labels ({@code inside}: the jail the task itself runs in). */
        String where() {
            return jail != null ? "in jail " + jail : chroot != null ? "in chroot " + chroot
                    : inside != null ? "in jail " + inside : "on the host";
        }

        String target() {
            return jail != null ? "jail " + jail : chroot != null ? "chroot " + chroot : null;
        }

        boolean autoremove() {
            return options.autoremove();
        }

        /** {@code env IGNORE_OSVERSION=yes } when asked, else empty. */
        String env() {
            return options.ignoreOsver() ? "env IGNORE_OSVERSION=yes " : "";
        }

        /** {@code -U} and {@code -r REPO} for the commands that read the catalogue. */
        List<String> repoArgs() {
            List<String> a = new ArrayList<>();
            if (options.cached()) {
                a.add("-U");
            }
            if (options.repository() != null) {
                a.addAll(List.of("-r", options.repository()));
            }
            return a;
        }

        /** {@code pkg [-j J|-c DIR] COMMAND FLAG ARGS NAMES}, quoted. */
        String pkg(String command, String flag, List<String> args, List<String> names) {
            List<String> w = new ArrayList<>(base());
            w.add(command);
            if (flag != null) {
                w.add(flag);
            }
            w.addAll(args);
            w.addAll(names);
            return env() + Sh.join(w);
        }

        private List<String> base() {
            List<String> w = new ArrayList<>(List.of("pkg"));
            if (jail != null) {
                w.addAll(List.of("-j", jail));
            } else if (chroot != null) {
                w.addAll(List.of("-c", chroot));
            }
            return w;
        }
    }

    /** The arguments that tune pkg's commands. */
    public record Options(boolean autoremove, boolean cached, String repository, boolean ignoreOsver) {}

    /** What the host has: pkg bootstrapped?, the installed packages, their dependencies, possible upgrades. */
    public record Current(boolean bootstrapped, Map<String, PkgOutput.Installed> installed,
                          Map<String, List<String>> deps, List<PkgOutput.Upgrade> upgrades, String error) {
        static Current failed(String error) {
            return new Current(false, Map.of(), Map.of(), List.of(), error);
        }
    }

    private final ModuleSpec spec;

    public PkgModule() {
        this(PkgSpecs.pkg());
    }

    PkgModule(ModuleSpec spec) {
        this.spec = spec;
    }

    @Override
    public ModuleSpec spec() {
        return spec;
    }

    @Override
    protected Desired desired(Args args) {
        List<String> names = new ArrayList<>();
        List<String> given = args.strings("name");
        // As Ansible's pkgng: a single item is split on commas and white space ("nginx curl").
        for (String n : given.size() == 1 ? List.of(given.get(0).split("[,\\s]+")) : given) {
            if (!n.isEmpty()) {
                String problem = PkgName.problem(n);
                if (problem != null) {
                    throw new IllegalArgumentException("argument 'name': " + problem);
                }
                if (!names.contains(n)) {
                    names.add(n);
                }
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("argument 'name': no package named");
        }
        if (args.has("jail") && args.has("chroot")) {
            throw new IllegalArgumentException("parameters are mutually exclusive: rootdir|chroot|jail");
        }
        boolean bootstrap = args.asMap().containsKey("bootstrap") ? args.bool("bootstrap") : false;
        return new Desired(names, args.string("state"), bootstrap, args.string("jail"), args.string("chroot"),
                new Options(args.bool("autoremove"), args.bool("cached"), args.string("pkgsite"),
                        args.bool("ignore_osver")), null);
    }

    /** As {@link #desired(Args)}, knowing the jail a task runs in ({@code jail:}), for its messages. */
    @Override
    protected Desired desired(ModuleContext ctx, Args args) {
        Desired d = desired(args);
        Object in = ctx.vars().get("drover_jail");
        if (d.jail() != null || d.chroot() != null || in == null || String.valueOf(in).isBlank()) {
            return d;
        }
        return new Desired(d.names(), d.state(), d.bootstrap(), null, null, d.options(), String.valueOf(in).trim());
    }

    @Override
    protected String readScript(Desired d) {
        StringBuilder s = new StringBuilder(Sections.section("pkg.active", "pkg -N"));
        s.append("if pkg -N >/dev/null 2>&1; then\n");
        s.append(Sections.section("pkg.installed", d.pkg("query", PkgOutput.INSTALLED_FORMAT, List.of(), List.of())));
        if (d.state().equals("absent") || d.autoremove()) {
            s.append(Sections.section("pkg.deps", d.pkg("query", PkgOutput.DEPS_FORMAT, List.of(), List.of())));
        }
        if (d.state().equals("latest")) {
            // only the named packages that are installed: pkg upgrade would install the others
            s.append(Sections.section("pkg.upgrade", "set -- $(" + d.pkg("query", "%n", List.of(), d.names())
                    + " 2>/dev/null)\nif [ $# -gt 0 ]; then " + d.pkg("upgrade", "-n", d.repoArgs(), List.of())
                    + " \"$@\"; fi"));
        }
        s.append("fi\n");
        return s.toString();
    }

    @Override
    protected Current parse(Desired d, ExecResult read) {
        var sections = Sections.parse(read.stdout());
        try {
            Sections.Section active = Sections.get(sections, "pkg.active");
            if (!PkgOutput.activated(active.output(), active.status())) {
                return new Current(false, Map.of(), Map.of(), List.of(), null);
            }
            Sections.Section inst = Sections.get(sections, "pkg.installed");
            var installed = PkgOutput.installed(inst.output(), inst.status());
            Map<String, List<String>> deps = Map.of();
            if (sections.containsKey("pkg.deps")) {
                Sections.Section ds = sections.get("pkg.deps");
                deps = PkgOutput.dependencies(ds.output(), ds.status());
            }
            List<PkgOutput.Upgrade> ups = List.of();
            Sections.Section up = sections.get("pkg.upgrade");
            if (up != null && !up.output().isBlank()) {
                ups = PkgOutput.upgrades(up.output(), up.status());
            } else if (up == null && d.state().equals("latest")) {
                throw new IllegalStateException("pkg upgrade -n did not run: " + read.stderr().strip());
            }
            return new Current(true, installed, deps, ups, null);
        } catch (IllegalStateException e) {
            return Current.failed(e.getMessage());
        }
    }

    @Override
    protected Plan plan(Current current, Desired desired) {
        return PkgPlanner.plan(current, desired);
    }

    @Override
    protected Outcome apply(ModuleContext ctx, Desired d, Current current, Plan plan, Map<String, Object> result)
            throws Exception {
        ExecResult applied = ctx.exec(applyScript(commands(plan.changes())));
        if (!applied.ok()) {
            result.put("stdout", applied.stdout());
            return failed(applied.timedOut() ? "pkg timed out"
                    : PkgOutput.failure(applied.stderr(), applied.stdout()), plan, result, applied);
        }
        String problem = verify(ctx, d);
        return problem != null ? failed(problem, plan, result, null) : Outcome.changed(null, plan.changes(), result);
    }

    @Override
    protected String verify(ModuleContext ctx, Desired d) throws Exception {
        Current now = parse(d, ctx.exec(readScript(d)));
        if (now.error() != null) {
            return now.error();
        }
        for (String n : d.names()) {
            boolean there = PkgPlanner.find(now.installed(), n).isPresent();
            if (there != !d.state().equals("absent")) {
                return "package " + n + " is " + (there ? "still installed" : "not installed") + " " + d.where()
                        + " after pkg exited 0";
            }
        }
        return null;
    }

    @Override
    protected Object describe(Current s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bootstrapped", s.bootstrapped());
        Map<String, Object> pk = new LinkedHashMap<>();
        s.installed().values().forEach(p -> pk.put(p.name(), p.version()));
        m.put("packages", pk);
        return m;
    }

    static String jailProblem(Object v) {
        return PkgName.jailProblem(String.valueOf(v));
    }

    static String chrootProblem(Object v) {
        String p = Names.absolutePathProblem(String.valueOf(v));
        return p != null ? p : String.valueOf(v).equals("/") ? "chroot '/' is the host itself: leave chroot out"
                : null;
    }
}
