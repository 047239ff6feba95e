package org.drover.module.freebsd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.drover.freebsd.PfAnchorName;
import org.drover.freebsd.PfRuleset;
import org.drover.freebsd.PfTables;
import org.drover.freebsd.PfctlOutput;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;
import org.drover.module.Plan;
import org.drover.module.StateModule;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;

/**
 * {@code pf}: the pf ruleset (file and loaded rules), pf on/off and at boot, with a lock-out guard. One read round
 * trip feeds the candidate rules on stdin to {@code pfctl -o none -nvf -} and compares the normalised result with
 * what the kernel has loaded ({@code pfctl -s nat}, {@code pfctl -s rules}), so a ruleset edited by hand is drift
 * even when the file matches.
 */
public final class PfModule extends StateModule<PfModule.Desired, PfModule.State> {

    /**
     * The typed arguments.
     *
     * @param content   the rules file text ending in one newline, or null (state disabled without rules)
     * @param path      the file to write, or null (anchor loaded from stdin only)
     * @param anchor    load into this anchor instead of the main ruleset, or null
     * @param boot      pf_enable at boot, or null to leave rc.conf alone
     * @param local     the host is the controller itself: no lock-out possible, no guard
     * @param runId     the run's id: the guard's files and timer are this run's own
     */
    public record Desired(String content, String path, PfAnchorName anchor, boolean enabled, Boolean boot,
                          int rollbackAfter, boolean local, String runId) {
    }

    /**
     * What the host has.
     *
     * @param running         empty when pf cannot be asked (no /dev/pf: the kernel module is not loaded)
     * @param candidate       the desired rules as pfctl normalises them
     * @param candidateErrors pfctl's parse errors for the desired rules
     * @param file            the current file's content (when it exists)
     * @param fileRules       the current file as pfctl normalises it, or null (no file, or it does not parse)
     * @param candidateOptions the {@code set} lines of the desired rules
     * @param fileOptions     the {@code set} lines of the current file, or null (no file, or it does not parse)
     * @param candidateTables inline tables of the desired rules, by name
     * @param loadedTables    the kernel's content of those tables (absent: the table does not exist)
     * @param pfEnable        {@code sysrc -n pf_enable}, or null
     * @param pfRules         {@code sysrc -n pf_rules}, or null
     */
    public record State(Optional<Boolean> running, PfRuleset loaded, PfRuleset candidate, int candidateRc,
                        List<String> candidateErrors, List<String> candidateOptions, List<String> fileOptions,
                        Map<String, Set<String>> candidateTables,
                        Map<String, Set<String>> loadedTables, boolean fileExists, String file, PfRuleset fileRules,
                        String pfEnable,
                        String pfRules, List<String> errors) {
        public State {
            candidateErrors = List.copyOf(candidateErrors);
            candidateOptions = List.copyOf(candidateOptions);
            fileOptions = fileOptions == null ? null : List.copyOf(fileOptions);
            candidateTables = Map.copyOf(candidateTables);
            loadedTables = Map.copyOf(loadedTables);
            errors = List.copyOf(errors);
        }
    }

    private static final ModuleSpec SPEC = new ModuleSpec("pf",
            "pf firewall rules (file + loaded ruleset or an anchor), on/off, at boot, with a lock-out guard",
            "Writes the rules to PATH (validated with pfctl -nf in a temp file beside it, then renamed into place), "
                    + "loads them with pfctl -o none -f and enables pf. Drift is judged on the LOADED ruleset "
                    + "(pfctl -s nat + -s rules against pfctl -o none -nvf of the desired rules) as well as on the "
                    + "file. When the main ruleset changes on a remote host, a detached timer on the host restores "
                    + "the previous rules and file after rollback_after seconds unless drover proves that a new SSH "
                    + "connection still works; then the timer is disarmed and rc.conf is updated.",
            List.of(
                    ArgSpec.of("rules", ArgType.STR).aliases("content")
                            .description("The rules text (pf.conf syntax). One of rules, src, template.")
                            .example("pass in quick on em0 proto tcp to port ssh").build(),
                    ArgSpec.of("src", ArgType.STR)
                            .description("A controller file with the rules, copied as is (searched in files/).")
                            .example("files/pf.conf").build(),
                    ArgSpec.of("template", ArgType.STR)
                            .description("A controller template rendered with the host's variables "
                                    + "(searched in templates/).")
                            .example("templates/pf.conf.j2").build(),
                    ArgSpec.of("path", ArgType.STR)
                            .description("The rules file on the host. Default /etc/pf.conf; with anchor, no file "
                                    + "unless given.")
                            .example("/etc/pf.conf").validator(v -> pathProblem((String) v)).build(),
                    ArgSpec.of("anchor", ArgType.STR)
                            .description("Load the rules into this anchor (pfctl -a) instead of the main ruleset; "
                                    + "the main ruleset must reference it (anchor \"NAME\"). No lock-out guard.")
                            .example("drover/lab").validator(v -> PfAnchorName.problem((String) v)).build(),
                    ArgSpec.of("state", ArgType.STR).defaultValue("enabled").choices("enabled", "disabled")
                            .description("enabled: pf running (pfctl -e); disabled: pf stopped (pfctl -d).").build(),
                    ArgSpec.of("boot", ArgType.BOOL)
                            .description("Start pf at boot (sysrc pf_enable=YES/NO, plus pf_rules when path is not "
                                    + "/etc/pf.conf). Not given: rc.conf untouched.").build(),
                    ArgSpec.of("rollback_after", ArgType.INT).defaultValue(60L)
                            .description("Lock-out guard: seconds after which the host restores the previous rules "
                                    + "unless a new SSH connection is confirmed. 0 disables the guard.")
                            .validator(v -> ((Long) v) < 0 || ((Long) v) > 3600 ? "must be 0..3600 seconds" : null)
                            .build()),
            null,
            List.of("""
                    - name: Firewall from a template, guarded against lock-out
                      pf:
                        template: pf.conf.j2
                        boot: true
                        rollback_after: 60
                    """, """
                    - name: Jail rules in their own anchor
                      pf:
                        anchor: jails
                        rules: |
                          pass in quick proto tcp to 10.66.0.11 port { 80, 443 }
                    """),
            List.of(
                    ArgSpec.of("before", ArgType.MAP).description("running, file_exists, loaded_rules (normalised), "
                            + "pf_enable.").build(),
                    ArgSpec.of("changes", ArgType.LIST).description("What changed (or would, in check mode).").build(),
                    ArgSpec.of("commands", ArgType.LIST).description("The commands run (or that would run).").build(),
                    ArgSpec.of("rules", ArgType.LIST).description("The desired rules as pfctl normalises them.").build(),
                    ArgSpec.of("guard", ArgType.STR).description("Lock-out guard outcome: off, confirmed, or "
                            + "rolled_back.").build()));

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    static String pathProblem(String p) {
        if (!p.startsWith("/")) {
            return "path must be absolute";
        }
        if (p.endsWith("/") || p.contains("/../") || p.endsWith("/..") || p.contains("/./")) {
            return "path must name a file (no trailing '/', no '.' or '..' components)";
        }
        if (p.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "path contains control characters";
        }
        return null;
    }

    /** Builds the desired state; reads and renders src/template on the controller. */
    @Override
    protected Desired desired(ModuleContext ctx, Args args) throws IOException {
        int given = (args.has("rules") ? 1 : 0) + (args.has("src") ? 1 : 0) + (args.has("template") ? 1 : 0);
        if (given > 1) {
            throw new IllegalArgumentException("give only one of rules, src, template");
        }
        boolean enabled = !"disabled".equals(args.string("state"));
        if (given == 0 && enabled) {
            throw new IllegalArgumentException("pf with state enabled needs rules, src or template");
        }
        String content = null;
        if (args.has("rules")) {
            content = args.string("rules");
        } else if (args.has("src")) {
            content = Files.readString(ctx.resolveLocal(args.string("src"), "files"), StandardCharsets.UTF_8);
        } else if (args.has("template")) {
            Path t = ctx.resolveLocal(args.string("template"), "templates");
            content = ctx.templater().renderText(Files.readString(t, StandardCharsets.UTF_8), ctx.vars());
        }
        PfAnchorName anchor = args.has("anchor") ? new PfAnchorName(args.string("anchor")) : null;
        String path = args.has("path") ? args.string("path") : anchor == null ? PfPlanner.DEFAULT_PATH : null;
        if (path != null && pathProblem(path) != null) {
            throw new IllegalArgumentException("path: " + pathProblem(path));
        }
        return new Desired(content == null ? null : normalise(content), path, anchor, enabled, args.optionalBool("boot"),
                (int) (long) args.integer("rollback_after"), isLocal(ctx.vars()), ctx.runId());
    }

    /** Ends the text with exactly one newline (the read script's printf reproduces it byte for byte). */
    static String normalise(String content) {
        String s = content.replace("\r\n", "\n");
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\n') {
            end--;
        }
        return s.substring(0, end) + "\n";
    }

    static boolean isLocal(Map<String, Object> vars) {
        Object c = vars.get("drover_connection");
        if (c == null) {
            c = vars.get("ansible_connection");
        }
        return c != null && String.valueOf(c).trim().equals("local");
    }

    /** The candidate rules, for {@code pfctl -nvf -} in the read and the first apply script. */
    @Override
    protected byte[] stdin(Desired d) {
        return d.content() == null ? null : d.content().getBytes(StandardCharsets.UTF_8);
    }

    /** One round trip; the candidate rules arrive on stdin. The file's content comes last, verbatim. */
    @Override
    protected String readScript(Desired d) {
        String a = d.anchor() == null ? "" : " -a " + Sh.quote(d.anchor().value());
        StringBuilder s = new StringBuilder();
        s.append("exec 3>&1\n");
        s.append("drover_s() { drover_n=$1; shift; echo \"#drover:$drover_n\"; "
                + "drover_e=$(\"$@\" 2>&1 >&3); drover_r=$?; echo \"#drover:rc $drover_r\"; "
                + "[ -z \"$drover_e\" ] || printf '%s\\n' \"$drover_e\" | sed 's/^/#drover:err /'; }\n");
        s.append("drover_s running pfctl -s Running\n");
        s.append("drover_s nat pfctl").append(a).append(" -s nat\n");
        s.append("drover_s rules pfctl").append(a).append(" -s rules\n");
        if (d.content() != null) {
            s.append("drover_s parsed pfctl -o none").append(a).append(" -nvf -\n");
            for (String t : tableNames(d)) {
                s.append("drover_s table:").append(t).append(" pfctl").append(a).append(" -t ").append(t)
                        .append(" -T show\n");
            }
        }
        s.append("drover_s pf_enable sysrc -n pf_enable\n");
        s.append("drover_s pf_rules sysrc -n pf_rules\n");
        if (d.path() != null) {
            String p = Sh.quote(d.path());
            // the current file, normalised: tells the rollback whether reloading it restores what is loaded now
            s.append("if [ -f ").append(p).append(" ]; then drover_s current pfctl -o none").append(a)
                    .append(" -nvf ").append(p).append("; fi\n");
            s.append("if [ -f ").append(p).append(" ]; then echo '#drover:file'; cat ").append(p).append("; fi\n");
        }
        return s.toString();
    }

    /** Tables the desired rules define whose content is compared (plain names only). */
    static List<String> tableNames(Desired d) {
        return d.content() == null ? List.of()
                : PfTables.declaredNames(d.content()).stream().filter(n -> n.matches("[A-Za-z0-9_.-]{1,31}")).toList();
    }

    record Section(String body, int rc, String err) {
    }

    @Override
    protected State parse(Desired d, ExecResult read) {
        String out = read.stdout();
        String file = null;
        int fi = out.startsWith("#drover:file\n") ? 0 : out.indexOf("\n#drover:file\n");
        if (fi >= 0) {
            int start = fi == 0 ? "#drover:file\n".length() : fi + "\n#drover:file\n".length();
            file = out.substring(start);
            out = out.substring(0, fi);
        }
        Map<String, Section> sec = sections(out);
        List<String> errors = new ArrayList<>();
        Section running = sec.get("running");
        if (running == null) {
            errors.add("the read script did not run (exit " + read.exitStatus() + "): " + read.stderr().strip());
            return new State(Optional.empty(), new PfRuleset(List.of(), List.of()), new PfRuleset(List.of(), List.of()),
                    0, List.of(), List.of(), null, Map.of(), Map.of(), false, null, null, null, null, errors);
        }
        Optional<Boolean> on = PfctlOutput.running(running.body(), running.rc());
        boolean noDevice = on.isEmpty();
        if (noDevice && !PfctlOutput.noDevice(running.err())) {
            errors.add("pfctl -s Running: " + (running.err().isBlank() ? "exit " + running.rc() : running.err().strip()));
        }
        PfRuleset loaded = loadedRules(d, sec, noDevice, errors);
        Map<String, Set<String>> loadedTables = loadedTables(d, sec, errors);
        Candidate c = candidate(d, sec.get("parsed"));
        Section current = sec.get("current");
        boolean fileParses = current != null && current.rc() == 0;
        return new State(on, loaded, c.rules(), c.rc(), c.errors(), c.options(),
                fileParses ? PfRuleset.options(current.body()) : null, c.tables(),
                noDevice ? Map.of() : loadedTables, file != null, file,
                fileParses ? PfRuleset.fromParsed(current.body()) : null,
                value(sec.get("pf_enable")), value(sec.get("pf_rules")), errors);
    }

    /** The kernel's ruleset ({@code -s nat}, {@code -s rules}); an anchor never loaded reads as empty. */
    private static PfRuleset loadedRules(Desired d, Map<String, Section> sec, boolean noDevice, List<String> errors) {
        Section nat = sec.get("nat");
        Section rules = sec.get("rules");
        for (Section x : List.of(nat, rules)) {
            // an anchor that was never loaded: the kernel answers EINVAL (DIOCGETRULES: Invalid argument)
            boolean missingAnchor = d.anchor() != null
                    && (x.err().contains("Invalid argument") || x.err().contains("does not exist"));
            if (x.rc() != 0 && !noDevice && !missingAnchor) {
                errors.add("pfctl -s: " + x.err().strip());
            }
        }
        return noDevice ? new PfRuleset(List.of(), List.of())
                : PfRuleset.fromLoaded(nat.rc() == 0 ? nat.body() : "", rules.rc() == 0 ? rules.body() : "");
    }

    /** The kernel's content of the tables the desired rules define (absent: the table does not exist). */
    private static Map<String, Set<String>> loadedTables(Desired d, Map<String, Section> sec, List<String> errors) {
        Map<String, Set<String>> loadedTables = new LinkedHashMap<>();
        for (String t : tableNames(d)) {
            Section ts = sec.get("table:" + t);
            if (ts != null && ts.rc() == 0) {
                try {
                    loadedTables.put(t, PfTables.fromShow(ts.body()));
                } catch (IllegalArgumentException e) {
                    errors.add("pfctl -t " + t + " -T show: " + e.getMessage());
                }
            }
        }
        return loadedTables;
    }

    /** The desired rules as {@code pfctl -o none -nvf -} normalised them, or its errors. */
    private record Candidate(PfRuleset rules, int rc, List<String> errors, List<String> options,
                             Map<String, Set<String>> tables) {
    }

    private static Candidate candidate(Desired d, Section parsed) {
        PfRuleset candidate = new PfRuleset(List.of(), List.of());
        List<String> candidateErrors = new ArrayList<>();
        Map<String, Set<String>> candidateTables = new LinkedHashMap<>();
        if (parsed == null) {
            return new Candidate(candidate, 0, candidateErrors, List.of(), candidateTables);
        }
        if (parsed.rc() != 0) {
            parsed.err().lines().filter(l -> !l.isBlank()).forEach(candidateErrors::add);
            return new Candidate(candidate, parsed.rc(), candidateErrors, List.of(), candidateTables);
        }
        PfTables.fromParsed(parsed.body()).forEach((k, v) -> {
            if (tableNames(d).contains(k)) {
                candidateTables.put(k, v);
            }
        });
        return new Candidate(PfRuleset.fromParsed(parsed.body()), 0, candidateErrors, PfRuleset.options(parsed.body()),
                candidateTables);
    }

    private static String value(Section s) {
        return s == null || s.rc() != 0 ? null : s.body().strip();
    }

    static Map<String, Section> sections(String stdout) {
        Map<String, Section> out = new LinkedHashMap<>();
        String current = null;
        String last = null;
        StringBuilder body = new StringBuilder();
        for (String line : stdout.split("\n", -1)) {
            if (line.startsWith("#drover:err ") && last != null) {
                Section prev = out.get(last);
                out.put(last, new Section(prev.body(), prev.rc(), prev.err() + line.substring(12) + "\n"));
            } else if (line.startsWith("#drover:rc ") && current != null) {
                int rc;
                try {
                    rc = Integer.parseInt(line.substring(11).strip());
                } catch (NumberFormatException e) {
                    rc = -1;
                }
                out.put(current, new Section(body.toString(), rc, ""));
                last = current;
                current = null;
            } else if (line.startsWith("#drover:")) {
                current = line.substring(8);
                body.setLength(0);
            } else if (current != null) {
                body.append(line).append('\n');
            }
        }
        return out;
    }

    @Override
    protected Object describe(State s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("running", s.running().map(b -> (Object) b).orElse("no /dev/pf"));
        m.put("file_exists", s.fileExists());
        m.put("loaded_rules", s.loaded().lines());
        m.put("pf_enable", s.pfEnable());
        return m;
    }

    @Override
    protected void describeMore(State current, Desired desired, Map<String, Object> result) {
        result.put("rules", current.candidate().lines());
        result.put("guard", "off");
    }

    @Override
    protected boolean afterWhenUnchanged() {
        return false;
    }

    /** Every step in execution order (the connection check included); the stages are {@link #apply}'s business. */
    @Override
    protected Plan plan(State current, Desired desired) {
        PfPlanner.PfPlan p = PfPlanner.plan(current, desired);
        return new Plan(p.all(), p.failure());
    }

    /**
     * The first script (with the rules on stdin), then, with the guard armed, proof that a new SSH connection works,
     * then the second script. The planner is pure: planning again gives the same stages as {@link #plan}.
     */
    @Override
    protected Outcome apply(ModuleContext ctx, Desired want, State before, Plan plan, Map<String, Object> result)
            throws Exception {
        PfPlanner.PfPlan stages = PfPlanner.plan(before, want);
        if (!stages.apply().isEmpty()) {
            ExecResult applied = ctx.exec(applyScript(stages.applyCommands()), stdin(want));
            if (!applied.ok()) {
                return failed("failed to apply: " + (applied.timedOut() ? "timed out" : applied.stderr().strip()),
                        plan, result, applied);
            }
        }
        if (stages.confirm()) {
            int probe = PfPlanner.probeSeconds(want.rollbackAfter());
            long loadedAt = System.nanoTime();
            if (!ctx.probeNewConnection(Duration.ofSeconds(probe))) {
                result.put("guard", "rolled_back");
                return failed(lockedOut(ctx, want, loadedAt), plan, result, null);
            }
            result.put("guard", "confirmed");
        }
        if (!stages.confirmed().isEmpty()) {
            ExecResult done = ctx.exec(applyScript(stages.confirmedCommands()));
            if (!done.ok()) {
                return failed("failed after the new rules were confirmed: " + done.stderr().strip(), plan, result, done);
            }
        }
        return Outcome.changed(null, plan.changes(), result);
    }

    /** Waits for the host's own rollback, then says whether new connections work again. */
    private static String lockedOut(ModuleContext ctx, Desired want, long loadedAt) throws InterruptedException {
        String msg = "new SSH connections to " + ctx.host() + " failed after the new pf rules were loaded; the host "
                + "restores the previous rules and file by itself " + want.rollbackAfter() + " s after loading";
        long waitMs = want.rollbackAfter() * 1000L + 3000 - (System.nanoTime() - loadedAt) / 1_000_000;
        if (waitMs > 0) {
            Thread.sleep(waitMs);
        }
        boolean back = ctx.probeNewConnection(Duration.ofSeconds(Math.max(5, PfPlanner.probeSeconds(want.rollbackAfter()))));
        return msg + (back ? "; it did: new connections work again (fix the rules and run again)"
                : "; the host is still unreachable: check it from its console");
    }
}
