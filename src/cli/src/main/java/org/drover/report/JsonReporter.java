package org.drover.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.engine.ExecTrace;
import org.drover.engine.HostResult;
import org.drover.engine.HostStats;
import org.drover.engine.RunListener;
import org.drover.engine.RunSummary;
import org.drover.engine.TaskInfo;
import org.drover.module.Diff;
import org.drover.playbook.Play;
import org.drover.text.JsonText;

/**
 * {@code --output json}: one JSON object per line per event, {@code "event"} naming its kind, and a final
 * {@code recap} object. Field names are snake_case, durations in milliseconds.
 */
public final class JsonReporter implements RunListener {
    private final PrintStream out;
    private final int verbosity;

    public JsonReporter(PrintStream out, int verbosity) {
        this.out = out;
        this.verbosity = verbosity;
    }

    private void emit(Map<String, Object> event) {
        out.println(JsonText.compact(event));
        out.flush();
    }

    private static Map<String, Object> event(String kind) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", kind);
        return m;
    }

    @Override
    public void playStart(Play play, List<String> hosts) {
        Map<String, Object> e = event("play_start");
        e.put("play", play.name() != null ? play.name() : play.hosts());
        e.put("pattern", play.hosts());
        e.put("hosts", hosts);
        emit(e);
    }

    @Override
    public void batchStart(Play play, List<String> hosts) {
        Map<String, Object> e = event("batch_start");
        e.put("play", play.name() != null ? play.name() : play.hosts());
        e.put("hosts", hosts);
        emit(e);
    }

    @Override
    public void taskStart(TaskInfo t) {
        Map<String, Object> e = event("task_start");
        e.put("task_id", t.id());
        e.put("play", t.play());
        e.put("task", t.name());
        e.put("module", t.module());
        e.put("handler", t.handler());
        e.put("hosts", t.hosts());
        if (t.mark() != null) {
            e.put("file", t.mark().file());
            e.put("line", t.mark().line());
        }
        emit(e);
    }

    @Override
    public void itemResult(HostResult r) {
        emit(result("item_result", r));
    }

    @Override
    public void hostResult(HostResult r) {
        emit(result("host_result", r));
    }

    private Map<String, Object> result(String kind, HostResult r) {
        Map<String, Object> e = event(kind);
        e.put("task_id", r.task().id());
        e.put("task", r.task().name());
        e.put("host", r.host());
        e.put("status", r.status().label());
        e.put("msg", r.message());
        if (r.item() != null) {
            e.put("item", r.item());
        }
        e.put("ignored", r.ignored());
        e.put("rescued", r.rescued());
        if (r.delegatedTo() != null) {
            e.put("delegated_to", r.delegatedTo());
        }
        e.put("execs", r.execs());
        e.put("duration_ms", r.elapsed().toMillis());
        e.put("result", r.result());
        if (!r.diffs().isEmpty()) {
            List<Object> diffs = new ArrayList<>();
            for (Diff d : r.diffs()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("label", d.label());
                m.put("before", d.before());
                m.put("after", d.after());
                m.put("unified", String.join("\n", UnifiedDiff.diff(d.label(), d.before(), d.after())));
                diffs.add(m);
            }
            e.put("diff", diffs);
        }
        if (verbosity >= 1 && !r.traces().isEmpty()) {
            List<Object> cmds = new ArrayList<>();
            for (ExecTrace t : r.traces()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("script", t.script());
                m.put("become", t.become());
                m.put("rc", t.exitStatus());
                m.put("stdout", t.stdout());
                m.put("stderr", t.stderr());
                m.put("timed_out", t.timedOut());
                m.put("duration_ms", t.elapsed().toMillis());
                cmds.add(m);
            }
            e.put("commands", cmds);
        }
        return e;
    }

    @Override
    public void taskEnd(TaskInfo t, Duration elapsed) {
        Map<String, Object> e = event("task_end");
        e.put("task_id", t.id());
        e.put("task", t.name());
        e.put("duration_ms", elapsed.toMillis());
        emit(e);
    }

    @Override
    public void handlerNotified(String host, String handler) {
        Map<String, Object> e = event("handler_notified");
        e.put("host", host);
        e.put("handler", handler);
        emit(e);
    }

    @Override
    public void warning(String message) {
        Map<String, Object> e = event("warning");
        e.put("msg", message);
        emit(e);
    }

    @Override
    public void playEnd(Play play) {
        Map<String, Object> e = event("play_end");
        e.put("play", play.name() != null ? play.name() : play.hosts());
        emit(e);
    }

    @Override
    public void runEnd(RunSummary s) {
        Map<String, Object> e = event("recap");
        Map<String, Object> hosts = new LinkedHashMap<>();
        for (Map.Entry<String, HostStats> h : s.hosts().entrySet()) {
            HostStats st = h.getValue();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", st.ok());
            m.put("changed", st.changed());
            m.put("unreachable", st.unreachable());
            m.put("failed", st.failed());
            m.put("skipped", st.skipped());
            m.put("rescued", st.rescued());
            m.put("ignored", st.ignored());
            m.put("execs", st.execs());
            hosts.put(h.getKey(), m);
        }
        e.put("hosts", hosts);
        e.put("failed", s.anyFailed());
        e.put("unreachable", s.anyUnreachable());
        e.put("changed", s.anyChanged());
        e.put("interrupted", s.interrupted());
        e.put("execs", s.execs());
        e.put("duration_ms", s.elapsed().toMillis());
        List<Object> tasks = new ArrayList<>();
        for (RunSummary.TaskStats t : s.tasks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task_id", t.task().id());
            m.put("play", t.task().play());
            m.put("task", t.task().name());
            m.put("hosts", t.hosts());
            m.put("execs", t.execs());
            m.put("duration_ms", t.elapsed().toMillis());
            tasks.add(m);
        }
        e.put("tasks", tasks);
        emit(e);
    }
}
