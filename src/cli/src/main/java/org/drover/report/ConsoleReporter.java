package org.drover.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.engine.ExecTrace;
import org.drover.engine.HostResult;
import org.drover.engine.HostResult.Status;
import org.drover.engine.HostStats;
import org.drover.engine.RunListener;
import org.drover.engine.RunSummary;
import org.drover.engine.TaskInfo;
import org.drover.module.Diff;
import org.drover.playbook.Play;
import org.drover.text.JsonText;
import org.drover.text.Visible;

/**
 * Output shaped like Ansible's: PLAY and TASK headers, one line per host, the PLAY RECAP. For fleets larger
 * than a screen, one progress line per task (updated in place on a terminal) and detail only for hosts that
 * changed, failed or were unreachable. Text that may come from a host (messages, items, output, diffs, names) is
 * shown with its control characters escaped ({@code \x1b}): remote output must not drive the terminal.
 */
public final class ConsoleReporter implements RunListener {
    /** More hosts than this in a play switch to progress lines. */
    public static final int LARGE_FLEET = 20;
    private static final int WIDTH = 80;

    private final PrintStream out;
    private final Ansi ansi;
    private final boolean terminal;
    private final int verbosity;
    private final boolean profile;

    private boolean large;
    private int headerTask = -1;
    private final Map<Integer, Progress> progress = new LinkedHashMap<>();
    private String liveLine; // the progress line drawn in place, not yet ended by a newline

    /**
     * @param color    ANSI colours
     * @param terminal out is a terminal: progress lines are redrawn in place
     */
    public ConsoleReporter(PrintStream out, boolean color, boolean terminal, int verbosity, boolean profile) {
        this.out = out;
        this.ansi = new Ansi(color);
        this.terminal = terminal;
        this.verbosity = verbosity;
        this.profile = profile;
    }

    private static final class Progress {
        final TaskInfo task;
        int done, ok, changed, failed, unreachable, skipped;

        Progress(TaskInfo task) {
            this.task = task;
        }

        String line() {
            StringBuilder sb = new StringBuilder(header(task)).append(' ').append(done).append('/').append(task.hosts())
                    .append(" ok=").append(ok).append(" changed=").append(changed).append(" failed=").append(failed);
            if (unreachable > 0) {
                sb.append(" unreachable=").append(unreachable);
            }
            if (skipped > 0) {
                sb.append(" skipped=").append(skipped);
            }
            return sb.toString();
        }
    }

    private static String header(TaskInfo t) {
        return (t.handler() ? "RUNNING HANDLER [" : "TASK [") + Visible.terminal(t.name()) + "]";
    }

    @Override
    public void playStart(Play play, List<String> hosts) {
        endLive();
        large = hosts.size() > LARGE_FLEET;
        headerTask = -1;
        println("");
        println(banner("PLAY [" + Visible.terminal(play.name() != null ? play.name() : play.hosts()) + "]"));
    }

    @Override
    public void taskStart(TaskInfo task) {
        if (large) {
            progress.put(task.id(), new Progress(task));
            if (terminal) {
                drawLive(progress.get(task.id()).line());
            }
        } else {
            printHeader(task);
        }
    }

    private void printHeader(TaskInfo task) {
        headerTask = task.id();
        println("");
        println(banner(header(task)));
    }

    @Override
    public void itemResult(HostResult r) {
        if (large) {
            if (r.status() == Status.OK || r.status() == Status.SKIPPED) {
                return;
            }
            if (headerTask != r.task().id()) {
                printHeader(r.task());
            }
        }
        hostLine(r);
    }

    @Override
    public void hostResult(HostResult r) {
        Progress p = progress.get(r.task().id());
        if (large && p != null) {
            p.done++;
            switch (r.status()) {
                case OK -> p.ok++;
                case CHANGED -> { p.ok++; p.changed++; }
                case FAILED -> { if (r.ignored()) { p.ok++; } else { p.failed++; } }
                case UNREACHABLE -> p.unreachable++;
                case SKIPPED -> p.skipped++;
            }
            boolean detail = r.status() == Status.CHANGED || r.status() == Status.FAILED || r.status() == Status.UNREACHABLE;
            if (detail && (!hasItems(r) || r.status() == Status.FAILED)) {
                if (headerTask != r.task().id()) {
                    printHeader(r.task()); // the count line follows when the task ends
                }
                hostLine(r);
            }
            if (terminal) {
                drawLive(p.line());
            }
            return;
        }
        if (hasItems(r) && r.status() != Status.FAILED && r.status() != Status.UNREACHABLE) {
            return; // the items said it all
        }
        hostLine(r);
    }

    private static boolean hasItems(HostResult r) {
        return r.result().get("results") instanceof List<?>;
    }

    private void hostLine(HostResult r) {
        if (!large && headerTask != r.task().id()) {
            printHeader(r.task()); // free strategy: results of another task arrive
        }
        String host = r.host() + (r.delegatedTo() != null ? " -> " + r.delegatedTo() : "");
        String item = r.item() != null ? " (item=" + Visible.terminal(r.item()) + ")" : "";
        String msg = r.noLog() ? HostResult.CENSORED : Visible.terminal(r.message());
        String line = switch (r.status()) {
            case OK -> ansi.green("ok: [" + host + "]" + (item.isEmpty() ? "" : " =>" + item)) + okDetail(r);
            case CHANGED -> ansi.yellow("changed: [" + host + "]" + (item.isEmpty() ? "" : " =>" + item));
            case SKIPPED -> ansi.cyan("skipping: [" + host + "]" + (item.isEmpty() ? "" : " =>" + item));
            case FAILED -> ansi.red("failed: [" + host + "]" + item + " => " + (msg == null ? "failed" : msg));
            case UNREACHABLE -> ansi.red("unreachable: [" + host + "] => " + (msg == null ? "unreachable" : msg));
        };
        println(line);
        if (r.status() == Status.FAILED && r.ignored()) {
            println(ansi.cyan("...ignoring"));
        }
        for (Diff d : r.diffs()) {
            for (String l : UnifiedDiff.diff(d.label(), d.before(), d.after()).stream().map(Visible::terminal).toList()) {
                println(l.startsWith("+") && !l.startsWith("+++") ? ansi.green(l)
                        : l.startsWith("-") && !l.startsWith("---") ? ansi.red(l)
                        : l.startsWith("@@") ? ansi.cyan(l) : l);
            }
        }
        if (verbosity >= 1 && !r.noLog()) {
            for (ExecTrace t : r.traces()) {
                trace(t);
            }
        }
        if (verbosity >= 2 && !r.noLog() && !isDebug(r)) {
            for (String l : Visible.terminal(JsonText.pretty(r.result())).split("\n")) {
                println("    " + l);
            }
        }
    }

    private void trace(ExecTrace t) {
        String[] script = Visible.terminal(t.script().strip()).split("\n");
        for (int i = 0; i < script.length; i++) {
            println(ansi.grey((i == 0 ? "    $ " : "      ") + script[i]));
        }
        for (String l : t.stdout().isEmpty() ? new String[0] : Visible.terminal(t.stdout().stripTrailing()).split("\n")) {
            println("    | " + l);
        }
        for (String l : t.stderr().isEmpty() ? new String[0] : Visible.terminal(t.stderr().stripTrailing()).split("\n")) {
            println(ansi.red("    ! " + l));
        }
        StringBuilder sb = new StringBuilder("    rc=").append(t.exitStatus());
        if (t.timedOut()) {
            sb.append(" timed out");
        }
        if (verbosity >= 3) {
            sb.append(String.format(" in %.3fs", t.elapsed().toNanos() / 1e9));
            if (t.become() != null) {
                sb.append(" become ").append(t.become());
            }
        }
        println(ansi.grey(sb.toString()));
    }

    private static boolean isDebug(HostResult r) {
        return "debug".equals(r.task().module());
    }

    /** debug prints its message as Ansible does: the result as indented JSON. */
    private String okDetail(HostResult r) {
        if (!isDebug(r) || r.noLog()) {
            return "";
        }
        Map<String, Object> shown = new LinkedHashMap<>(r.result());
        shown.remove("changed");
        shown.remove("failed");
        shown.remove("ansible_loop_var");
        Object loopVar = r.result().get("ansible_loop_var");
        if (loopVar != null) {
            shown.remove(String.valueOf(loopVar));
        }
        return " => " + Visible.terminal(JsonText.pretty(shown));
    }

    @Override
    public void taskEnd(TaskInfo task, Duration elapsed) {
        Progress p = progress.remove(task.id());
        if (p != null) {
            if (terminal) {
                drawLive(p.line());
                endLive();
            } else {
                println(p.line());
            }
        }
    }

    @Override
    public void warning(String message) {
        println(ansi.magenta("[WARNING]: " + Visible.terminal(message)));
    }

    @Override
    public void playEnd(Play play) {
        endLive();
    }

    @Override
    public void runEnd(RunSummary s) {
        endLive();
        println("");
        println(banner("PLAY RECAP"));
        for (Map.Entry<String, HostStats> e : s.hosts().entrySet()) {
            HostStats h = e.getValue();
            String host = String.format("%-26s", e.getKey());
            host = h.failed() > 0 || h.unreachable() > 0 ? ansi.red(host) : h.changed() > 0 ? ansi.yellow(host) : ansi.green(host);
            String line = host + " : " + stat("ok", h.ok(), Ansi.GREEN) + " " + stat("changed", h.changed(), Ansi.YELLOW)
                    + " " + stat("unreachable", h.unreachable(), Ansi.RED) + " " + stat("failed", h.failed(), Ansi.RED)
                    + " " + stat("skipped", h.skipped(), Ansi.CYAN) + " " + stat("rescued", h.rescued(), Ansi.MAGENTA)
                    + " " + stat("ignored", h.ignored(), Ansi.MAGENTA);
            println(line.stripTrailing());
        }
        if (s.interrupted()) {
            println("");
            println(ansi.magenta("interrupted: the run stopped before its end"));
        }
        if (profile) {
            profile(s);
        }
    }

    private String stat(String name, int n, String colour) {
        String s = name + "=" + n;
        String pad = " ".repeat(Math.max(0, 4 - String.valueOf(n).length()));
        return (n > 0 ? ansi.paint(colour, s) : s) + pad; // padding outside the colour, so the line strips clean
    }

    private void profile(RunSummary s) {
        println("");
        println(banner("TASKS BY TIME"));
        List<RunSummary.TaskStats> tasks = new ArrayList<>(s.tasks());
        tasks.sort(Comparator.comparing(RunSummary.TaskStats::elapsed).reversed());
        List<RunSummary.TaskStats> shown = tasks.subList(0, Math.min(20, tasks.size()));
        // one column for the names, as wide as the longest, so the times line up however long the names are
        int nameWidth = shown.stream().mapToInt(t -> profileName(t).length()).max().orElse(0);
        for (RunSummary.TaskStats t : shown) {
            String name = profileName(t) + " ";
            String right = String.format(" %.2fs  %.1f execs/host", t.elapsed().toNanos() / 1e9, t.execsPerHost());
            int pad = Math.max(3, Math.max(WIDTH - right.length(), nameWidth + 4) - name.length());
            println(name + "-".repeat(pad) + right);
        }
        println(String.format("total: %.2fs, %d round trips", s.elapsed().toNanos() / 1e9, s.execs()));
    }

    private static String profileName(RunSummary.TaskStats t) {
        return Visible.terminal(t.task().play() + " : " + t.task().name());
    }

    static String banner(String text) {
        String t = text.strip() + " ";
        return t + "*".repeat(Math.max(3, WIDTH - t.length()));
    }

    private void drawLive(String line) {
        out.print("\r\033[K" + line);
        out.flush();
        liveLine = line;
    }

    private void endLive() {
        if (liveLine != null) {
            out.println();
            liveLine = null;
        }
    }

    private void println(String s) {
        if (liveLine != null) {
            out.print("\r\033[K");
        }
        out.println(s);
        if (liveLine != null) {
            out.print(liveLine);
        }
        out.flush();
    }
}
