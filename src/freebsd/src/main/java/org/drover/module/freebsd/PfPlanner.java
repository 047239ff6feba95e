package org.drover.module.freebsd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.drover.freebsd.PfTables;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.transport.Sh;

/**
 * Pure planning for {@code pf}. The plan has two scripts when the lock-out guard is on: the first arms the rollback
 * timer, writes the file, loads and enables; the engine then proves a NEW ssh connection still works; the second
 * disarms the timer and only then touches rc.conf (so a rolled-back ruleset never comes back at boot).
 */
public final class PfPlanner {
    static final String DEFAULT_PATH = "/etc/pf.conf";
    private static final Set<String> YES = Set.of("yes", "true", "on", "1");

    private PfPlanner() {}

    /**
     * @param apply       changes run in the first script, in order
     * @param confirm     true when the guard is armed: a new connection must be proved before {@code confirmed}
     * @param confirmed   changes run after a successful probe (disarm, boot settings); without guard: empty
     * @param failure     why nothing may be done, or null
     */
    public record PfPlan(List<Change> apply, boolean confirm, List<Change> confirmed, String failure) {
        public PfPlan {
            apply = List.copyOf(apply);
            confirmed = List.copyOf(confirmed);
        }

        static PfPlan fail(String why) {
            return new PfPlan(List.of(), false, List.of(), why);
        }

        public boolean isEmpty() {
            return apply.isEmpty() && confirmed.isEmpty() && failure == null;
        }

        /** Every step in execution order, the connection check included (for reporting and check mode). */
        public List<Change> all() {
            List<Change> all = new ArrayList<>(apply);
            all.addAll(confirmed);
            return all;
        }

        public List<String> applyCommands() {
            return apply.stream().flatMap(c -> c.commands().stream()).toList();
        }

        public List<String> confirmedCommands() {
            return confirmed.stream().flatMap(c -> c.commands().stream()).toList();
        }
    }

    /**
     * Files the guard keeps beside the rules file, named after the run: two runs never share one (the run lock
     * keeps them apart anyway; this keeps a run that lost its lock from restoring another run's rules).
     */
    record GuardFiles(String backup, String loaded, String marker) {
        static GuardFiles of(String path, String runId) {
            return new GuardFiles(path + ".drover-rollback." + runId, path + ".drover-loaded." + runId,
                    path + ".drover-armed." + runId);
        }
    }

    public static PfPlan plan(PfModule.State s, PfModule.Desired d) {
        PfPlan cannot = cannotPlan(s, d);
        if (cannot != null) {
            return cannot;
        }
        List<Change> apply = new ArrayList<>();
        List<Change> after = new ArrayList<>();
        boolean noDevice = s.running().isEmpty();
        boolean wasRunning = s.running().orElse(false);
        boolean fileChanges = d.content() != null && d.path() != null
                && (!s.fileExists() || !d.content().equals(s.file()));
        List<Change> tableDrift = tableDrift(s, d);
        // set options are not listed by the kernel: when the file changes them, the new file must be loaded
        boolean optionsChange = fileChanges && !s.candidateOptions().equals(s.fileOptions());
        boolean loadChanges = d.content() != null
                && (!s.candidate().lines().equals(s.loaded().lines()) || !tableDrift.isEmpty() || optionsChange);
        boolean enable = d.enabled() && !wasRunning;
        boolean guard = d.anchor() == null && !d.local() && d.rollbackAfter() > 0 && (loadChanges || enable)
                && d.enabled();
        GuardFiles g = GuardFiles.of(d.path() != null ? d.path() : DEFAULT_PATH, d.runId());

        if (noDevice && (d.enabled() || loadChanges)) {
            apply.add(new Change("load the pf kernel module", null, List.of("kldload -n pf")));
        }
        // the timer is armed before anything changes: wherever the script is stopped (Ctrl-C, its deadline, a lost
        // connection), what it changed is undone by the timer, which lives on in a session of its own
        if (guard) {
            apply.add(saveForRollback(d, g, fileChanges, wasRunning));
            apply.add(armRollback(s, d, g, fileChanges, wasRunning));
        }
        if (fileChanges) {
            apply.add(writeFile(s, d));
        }
        apply.addAll(tableDrift);
        if (loadChanges) {
            apply.add(load(s, d));
        }
        apply.addAll(onOff(d, wasRunning));
        if (guard) {
            after.add(disarmRollback(d, g));
        }
        (guard ? after : apply).addAll(bootChanges(s, d));
        return new PfPlan(apply, guard, after, null);
    }

    /** Why nothing may be done: the state could not be read, or the desired rules do not parse; else null. */
    private static PfPlan cannotPlan(PfModule.State s, PfModule.Desired d) {
        if (!s.errors().isEmpty()) {
            return PfPlan.fail("cannot read pf state: " + String.join("; ", s.errors()));
        }
        if (d.content() != null && s.candidateRc() != 0) {
            String where = d.path() != null ? d.path() : "rules";
            List<String> msgs = s.candidateErrors().stream()
                    .map(l -> l.startsWith("stdin:") ? where + ":" + l.substring("stdin:".length()) : l).toList();
            return PfPlan.fail("pf rules do not parse (pfctl -nf), nothing changed: "
                    + (msgs.isEmpty() ? "exit " + s.candidateRc() : String.join("; ", msgs)));
        }
        return null;
    }

    /** Tables whose loaded content differs from the rules' (reloading the rules fixes them). */
    private static List<Change> tableDrift(PfModule.State s, PfModule.Desired d) {
        List<Change> tableDrift = new ArrayList<>();
        if (d.content() != null) {
            s.candidateTables().forEach((name, want) -> {
                Set<String> have = s.loadedTables().getOrDefault(name, Set.of());
                if (!have.equals(want)) {
                    tableDrift.add(new Change("table <" + name + "> differs from the rules (reloaded with them)",
                            new Diff("pf table <" + name + ">", PfTables.text(name, have), PfTables.text(name, want)),
                            List.of()));
                }
            });
        }
        return tableDrift;
    }

    private static Change saveForRollback(PfModule.Desired d, GuardFiles g, boolean fileChanges, boolean wasRunning) {
        List<String> cmds = new ArrayList<>();
        // stopped before the timer runs: nothing changed yet, the saved copies go (the timer owns them once armed)
        cmds.add("trap " + Sh.quote("rm -f " + Sh.join(g.backup(), g.loaded())) + " EXIT");
        cmds.add("trap 'exit 143' HUP INT TERM");
        if (fileChanges) {
            cmds.add("if [ -f " + Sh.quote(d.path()) + " ]; then cp -p " + Sh.quote(d.path()) + " "
                    + Sh.quote(g.backup()) + "; else rm -f " + Sh.quote(g.backup()) + "; fi");
        }
        cmds.add(wasRunning
                ? "{ pfctl -s nat 2>/dev/null; pfctl -s rules 2>/dev/null; } > " + Sh.quote(g.loaded())
                : ": > " + Sh.quote(g.loaded()));
        return new Change("save the running pf rules" + (fileChanges ? " and " + d.path() : "")
                + " for the rollback", null, cmds);
    }

    /** The file, checked with pfctl -nf in a temp file beside it, then renamed into place. */
    private static Change writeFile(PfModule.State s, PfModule.Desired d) {
        String tmp = "\"$drover_tmp\"";
        return new Change((s.fileExists() ? "update " : "create ") + d.path(),
                new Diff(d.path(), s.fileExists() ? s.file() : "", d.content()),
                List.of("drover_tmp=$(mktemp " + Sh.quote(d.path() + ".drover.XXXXXX") + ")",
                        "trap 'rm -f \"$drover_tmp\"' EXIT",
                        "cat > " + tmp,
                        "chmod 0644 " + tmp,
                        "pfctl -o none -nf " + tmp,
                        "mv -f " + tmp + " " + Sh.quote(d.path())));
    }

    /**
     * Starts the timer in a session of its own (setsid, or FreeBSD's daemon(8)) that ignores HUP, INT and TERM: the
     * signals that stop this script's process group (Ctrl-C, its deadline) never reach it. It writes its own pid
     * into the marker; the script goes on only once the marker is there, so nothing is loaded without a live timer.
     */
    private static Change armRollback(PfModule.State s, PfModule.Desired d, GuardFiles g, boolean fileChanges,
                                      boolean wasRunning) {
        boolean oldFileWasLoaded = fileChanges && s.fileRules() != null
                && s.fileRules().lines().equals(s.loaded().lines());
        String m = Sh.quote(g.marker());
        String timer = "trap '' HUP INT TERM; echo $$ > " + Sh.quote(g.marker() + ".new") + " && mv -f "
                + Sh.quote(g.marker() + ".new") + " " + m + "; "
                + restoreScript(d, g, fileChanges, wasRunning, oldFileWasLoaded);
        return new Change("arm the rollback timer: restore the previous pf rules in " + d.rollbackAfter()
                + " s unless a new connection is confirmed", null,
                List.of("rm -f " + m,
                        "drover_timer=" + Sh.quote(timer),
                        "if command -v setsid >/dev/null 2>&1; then setsid sh -c \"$drover_timer\" >/dev/null 2>&1"
                                + " </dev/null & elif command -v daemon >/dev/null 2>&1; then daemon -f sh -c"
                                + " \"$drover_timer\"; else nohup sh -c \"$drover_timer\" >/dev/null 2>&1"
                                + " </dev/null & fi",
                        "drover_i=0; while [ ! -s " + m + " ] && [ $drover_i -lt 100 ]; do sleep 0.1; "
                                + "drover_i=$((drover_i + 1)); done",
                        "[ -s " + m + " ] || { echo 'the rollback timer did not start: nothing was changed' >&2; "
                                + "exit 1; }",
                        "trap - EXIT"));
    }

    private static Change load(PfModule.State s, PfModule.Desired d) {
        String anchor = d.anchor() == null ? "" : " -a " + Sh.quote(d.anchor().value());
        String from = d.path() != null ? Sh.quote(d.path()) : "-";
        String label = d.anchor() == null ? "loaded pf rules" : "pf anchor " + d.anchor();
        return new Change("load " + (d.path() != null ? d.path() : "the rules") + " into the "
                + (d.anchor() == null ? "main ruleset" : "anchor " + d.anchor()),
                new Diff(label, s.loaded().text(), s.candidate().text()),
                List.of("pfctl" + anchor + " -o none -f " + from));
    }

    /** pfctl -e / -d as the state asks, tolerating pf's "already" answers. */
    private static List<Change> onOff(PfModule.Desired d, boolean wasRunning) {
        if (d.enabled() && !wasRunning) {
            return List.of(new Change("enable pf", new Diff("pf", "disabled\n", "enabled\n"),
                    List.of("drover_out=$(pfctl -e 2>&1) || case $drover_out in *'pf already enabled'*) ;; "
                            + "*) printf '%s\\n' \"$drover_out\" >&2; exit 1;; esac")));
        }
        if (!d.enabled() && wasRunning) {
            return List.of(new Change("disable pf", new Diff("pf", "enabled\n", "disabled\n"),
                    List.of("drover_out=$(pfctl -d 2>&1) || case $drover_out in *'pf not enabled'*) ;; "
                            + "*) printf '%s\\n' \"$drover_out\" >&2; exit 1;; esac")));
        }
        return List.of();
    }

    private static Change disarmRollback(PfModule.Desired d, GuardFiles g) {
        return new Change("confirm a new SSH connection within " + probeSeconds(d.rollbackAfter())
                + " s, then disarm the rollback timer", null,
                List.of("mv -f " + Sh.quote(g.marker()) + " " + Sh.quote(g.marker() + ".done")
                                + " 2>/dev/null || { echo 'the rollback timer already fired: the previous pf "
                                + "rules were restored' >&2; exit 3; }",
                        // the timer ignores TERM: its sleep first, then the timer itself
                        "drover_t=$(cat " + Sh.quote(g.marker() + ".done") + "); pkill -KILL -P \"$drover_t\" "
                                + "2>/dev/null || true; kill -s KILL \"$drover_t\" 2>/dev/null || true",
                        "rm -f " + Sh.join(g.marker() + ".done", g.backup(), g.loaded())));
    }

    /** How long the engine waits for the new connection: half the rollback delay, so it ends before the timer. */
    static int probeSeconds(int rollbackAfter) {
        return Math.max(1, rollbackAfter / 2);
    }

    /**
     * The detached script: after the delay, if still armed (an atomic rename claims it), put everything back. When
     * the old file was what the kernel had loaded, reloading it restores everything (macros, tables, set skip);
     * otherwise (hand-edited ruleset) the saved {@code -s nat}/{@code -s rules} listing is reloaded, and pf is
     * disabled if even that fails: never leave the host unreachable.
     */
    static String restoreScript(PfModule.Desired d, GuardFiles g, boolean fileChanges, boolean wasRunning,
                                boolean oldFileWasLoaded) {
        StringBuilder r = new StringBuilder();
        r.append("sleep ").append(d.rollbackAfter()).append("; ");
        r.append("mv -f ").append(Sh.quote(g.marker())).append(' ').append(Sh.quote(g.marker() + ".fired"))
                .append(" 2>/dev/null || exit 0; ");
        if (fileChanges) {
            r.append("if [ -f ").append(Sh.quote(g.backup())).append(" ]; then mv -f ").append(Sh.quote(g.backup()))
                    .append(' ').append(Sh.quote(d.path())).append("; else rm -f ").append(Sh.quote(d.path()))
                    .append("; fi; ");
        }
        if (!wasRunning) {
            r.append("pfctl -d; ");
        } else if (oldFileWasLoaded) {
            r.append("pfctl -o none -f ").append(Sh.quote(d.path())).append(" || pfctl -o none -f ")
                    .append(Sh.quote(g.loaded())).append(" || pfctl -d; ");
        } else {
            r.append("pfctl -o none -f ").append(Sh.quote(g.loaded())).append(" || pfctl -d; ");
        }
        r.append("rm -f ").append(Sh.quote(g.loaded())).append(' ').append(Sh.quote(g.marker() + ".fired"));
        return r.toString();
    }

    static List<Change> bootChanges(PfModule.State s, PfModule.Desired d) {
        List<Change> out = new ArrayList<>();
        if (d.boot() == null) {
            return out;
        }
        boolean on = s.pfEnable() != null && YES.contains(s.pfEnable().strip().toLowerCase(Locale.ROOT));
        if (d.boot() && !on) {
            out.add(new Change("start pf at boot (pf_enable=YES)",
                    new Diff("rc.conf pf_enable", "pf_enable=" + nz(s.pfEnable()) + "\n", "pf_enable=YES\n"),
                    List.of("sysrc pf_enable=YES >/dev/null")));
        } else if (!d.boot() && on) {
            out.add(new Change("do not start pf at boot (pf_enable=NO)",
                    new Diff("rc.conf pf_enable", "pf_enable=" + nz(s.pfEnable()) + "\n", "pf_enable=NO\n"),
                    List.of("sysrc pf_enable=NO >/dev/null")));
        }
        if (d.boot() && d.anchor() == null && d.path() != null && !d.path().equals(nz(s.pfRules()).strip())
                && !(d.path().equals(DEFAULT_PATH) && (s.pfRules() == null || s.pfRules().isBlank()))) {
            out.add(new Change("load " + d.path() + " at boot (pf_rules)",
                    new Diff("rc.conf pf_rules", "pf_rules=" + nz(s.pfRules()) + "\n", "pf_rules=" + d.path() + "\n"),
                    List.of("sysrc " + Sh.quote("pf_rules=" + d.path()) + " >/dev/null")));
        }
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
