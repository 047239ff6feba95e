package org.drover.report;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.drover.engine.HostResult;
import org.drover.engine.HostResult.Status;
import org.drover.engine.RunListener;
import org.drover.text.JsonText;
import org.drover.text.Visible;

/**
 * Ansible's "minimal" callback, the output of its ad-hoc command: one block per host and task. Commands print
 * {@code host | CHANGED | rc=0 >>} and their output; other modules {@code host | SUCCESS => {json}}, the result
 * with sorted keys and an indent of four, as Ansible dumps it. No headers, no recap.
 */
public final class MinimalReporter implements RunListener {
    /** Modules whose result is shown as their output rather than as JSON (Ansible's MODULE_NO_JSON). */
    static final Set<String> NO_JSON = Set.of("command", "shell", "raw", "ansible.builtin.command",
            "ansible.builtin.shell", "ansible.builtin.raw");

    private final PrintStream out;
    private final Ansi ansi;

    public MinimalReporter(PrintStream out, boolean colour) {
        this.out = out;
        this.ansi = new Ansi(colour);
    }

    @Override
    public synchronized void hostResult(HostResult r) {
        String host = r.host();
        boolean asCommand = NO_JSON.contains(r.task().module()) && !r.noLog();
        String text = switch (r.status()) {
            case SKIPPED -> host + " | SKIPPED";
            case UNREACHABLE -> host + " | UNREACHABLE! => " + json(r);
            case FAILED -> asCommand ? command(r, "FAILED") : host + " | FAILED! => " + json(r);
            case CHANGED -> asCommand ? command(r, "CHANGED") : host + " | CHANGED => " + json(r);
            case OK -> asCommand ? command(r, "SUCCESS") : host + " | SUCCESS => " + json(r);
        };
        String shown = Visible.terminal(text); // host output is untrusted: no escape sequence reaches the terminal
        out.println(switch (r.status()) {
            case SKIPPED -> ansi.cyan(shown);
            case UNREACHABLE, FAILED -> ansi.red(shown);
            case CHANGED -> ansi.yellow(shown);
            case OK -> ansi.green(shown);
        });
        out.flush();
    }

    @Override
    public void warning(String message) {
        System.err.println(ansi.magenta("[WARNING]: " + Visible.terminal(message)));
    }

    /** Ansible's _command_generic_msg: the header, then stdout, stderr and msg as they are. */
    private static String command(HostResult r, String caption) {
        Map<String, Object> res = r.result();
        return r.host() + " | " + caption + " | rc=" + res.getOrDefault("rc", -1) + " >>\n"
                + str(res.get("stdout")) + str(res.get("stderr")) + str(res.getOrDefault("msg", r.message()));
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String json(HostResult r) {
        Map<String, Object> shown = r.noLog()
                ? Map.of("censored", HostResult.CENSORED, "changed", r.status() == Status.CHANGED)
                : r.result();
        if (!r.noLog() && r.message() != null && !shown.containsKey("msg") && r.status() != Status.OK
                && r.status() != Status.CHANGED) {
            shown = new TreeMap<>(shown);
            shown.put("msg", r.message());
        }
        return JsonText.pretty(sorted(shown));
    }

    /** Keys sorted at every level, as json.dumps(sort_keys=True). */
    @SuppressWarnings("unchecked")
    static Object sorted(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), sorted(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(MinimalReporter::sorted).toList();
        }
        return v;
    }
}
