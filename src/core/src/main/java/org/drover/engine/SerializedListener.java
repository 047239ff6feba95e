package org.drover.engine;

import java.time.Duration;
import java.util.List;
import org.drover.playbook.Play;

/** Makes listener calls one at a time, so reporters need no locking. */
final class SerializedListener implements RunListener {
    private final RunListener l;

    SerializedListener(RunListener l) {
        this.l = l;
    }

    @Override public synchronized void playStart(Play p, List<String> h) { l.playStart(p, h); }
    @Override public synchronized void batchStart(Play p, List<String> h) { l.batchStart(p, h); }
    @Override public synchronized void taskStart(TaskInfo t) { l.taskStart(t); }
    @Override public synchronized void itemResult(HostResult r) { l.itemResult(r); }
    @Override public synchronized void hostResult(HostResult r) { l.hostResult(r); }
    @Override public synchronized void taskEnd(TaskInfo t, Duration d) { l.taskEnd(t, d); }
    @Override public synchronized void handlerNotified(String h, String n) { l.handlerNotified(h, n); }
    @Override public synchronized void warning(String m) { l.warning(m); }
    @Override public synchronized void playEnd(Play p) { l.playEnd(p); }
    @Override public synchronized void runEnd(RunSummary s) { l.runEnd(s); }
}
