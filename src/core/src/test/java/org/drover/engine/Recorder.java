package org.drover.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.drover.playbook.Play;

/** A listener that keeps every event as a line, and the results, for assertions. */
final class Recorder implements RunListener {
    final List<String> events = new ArrayList<>();
    final List<HostResult> results = new ArrayList<>();
    final List<HostResult> items = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    RunSummary summary;

    @Override public void playStart(Play play, List<String> hosts) { events.add("play " + play.name() + " " + hosts); }
    @Override public void batchStart(Play play, List<String> hosts) { events.add("batch " + hosts); }
    @Override public void taskStart(TaskInfo task) { events.add("task " + task.name()); }
    @Override public void itemResult(HostResult r) { items.add(r); events.add("item " + r.host() + " " + r.item() + " " + r.status().label()); }
    @Override public void hostResult(HostResult r) { results.add(r); events.add(r.status().label() + " " + r.host() + " " + r.task().name()); }
    @Override public void taskEnd(TaskInfo task, Duration elapsed) { events.add("end " + task.name()); }
    @Override public void warning(String message) { warnings.add(message); events.add("warning " + message); }
    @Override public void runEnd(RunSummary s) { summary = s; }

    List<HostResult> of(String task) {
        return results.stream().filter(r -> r.task().name().equals(task)).toList();
    }

    HostResult of(String task, String host) {
        return results.stream().filter(r -> r.task().name().equals(task) && r.host().equals(host)).findFirst()
                .orElseThrow(() -> new AssertionError("no result of " + task + " on " + host + ": " + events));
    }

    List<String> ran(String host) {
        return results.stream().filter(r -> r.host().equals(host) && r.status() != HostResult.Status.SKIPPED)
                .map(r -> r.task().name()).toList();
    }
}
