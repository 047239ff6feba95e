package org.drover.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording says the controller's CPU went: CPU samples by top frame (self), by the library the top frame
 * belongs to, by the innermost drover method on the stack (inclusive), and the garbage collector's pauses.
 */
final class JfrSummary {
    private JfrSummary() {}

    static Map<String, Object> summarize(Path jfr) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> area = new HashMap<>();
        Map<String, Integer> drover = new HashMap<>();
        int samples = 0;
        int gcs = 0;
        Duration gcPause = Duration.ZERO;
        Duration jit = Duration.ZERO;
        int compilations = 0;
        long classes = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.GarbageCollection")) {
                gcs++;
                gcPause = gcPause.plus(e.getDuration("sumOfPauses"));
                continue;
            }
            if (type.equals("jdk.Compilation")) {
                compilations++;
                jit = jit.plus(e.getDuration());
                continue;
            }
            if (type.equals("jdk.ClassLoadingStatistics")) {
                classes = Math.max(classes, e.getLong("loadedClassCount"));
                continue;
            }
            if (!type.equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = st.getFrames();
            String top = name(frames.get(0));
            self.merge(top, 1, Integer::sum);
            area.merge(area(frames.get(0).getMethod().getType().getName()), 1, Integer::sum);
            String first = "(no drover frame: JVM, library or JDK threads)";
            for (RecordedFrame f : frames) {
                if (f.getMethod().getType().getName().startsWith("org.drover.")) {
                    first = name(f);
                    break;
                }
            }
            drover.merge(first, 1, Integer::sum);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu_samples", samples);
        m.put("by_area", top(area, samples, 12));
        m.put("top_self", top(self, samples, 15));
        m.put("innermost_drover_frame", top(drover, samples, 12));
        m.put("gc_count", gcs);
        m.put("gc_pause_ms", gcPause.toMillis());
        m.put("jit_compilations_recorded", compilations); // profile settings record those over 100 ms only
        m.put("jit_recorded_ms", jit.toMillis());
        m.put("classes_loaded", classes);
        return m;
    }

    static String area(String cls) {
        for (String p : List.of("org.drover.engine", "org.drover.ssh", "org.drover.module", "org.drover.template",
                "org.drover.playbook", "org.drover.yaml", "org.drover.report", "org.drover.cli", "org.drover",
                "net.schmizz", "com.hierynomus", "org.bouncycastle", "com.hubspot.jinjava", "com.google",
                "org.snakeyaml", "ch.qos.logback", "picocli", "sun.security", "javax.crypto", "java.util.concurrent",
                "java.util.regex", "java.io", "java.net", "sun.nio", "java.lang.invoke", "java.util", "java.lang")) {
            if (cls.startsWith(p + ".") || cls.equals(p)) {
                return p;
            }
        }
        return cls.contains(".") ? cls.substring(0, cls.lastIndexOf('.')) : cls;
    }

    private static String name(RecordedFrame f) {
        String t = f.getMethod().getType().getName();
        return t.substring(t.lastIndexOf('.') + 1) + "." + f.getMethod().getName() + " (" + area(t) + ")";
    }

    private static Map<String, String> top(Map<String, Integer> counts, int total, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> String.format(Locale.ROOT, "%d (%.1f%%)",
                        e.getValue(), 100.0 * e.getValue() / Math.max(1, total)), (a, b) -> a, LinkedHashMap::new));
    }

    @SuppressWarnings("unchecked")
    static String format(Map<String, Object> s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("   JFR: %s CPU samples, %s collections, %s ms GC pauses, %s classes loaded, %s slow"
                        + " JIT compilations (%s ms)%n", s.get("cpu_samples"), s.get("gc_count"), s.get("gc_pause_ms"),
                s.get("classes_loaded"), s.get("jit_compilations_recorded"), s.get("jit_recorded_ms")));
        for (String k : List.of("by_area", "top_self", "innermost_drover_frame")) {
            b.append("   ").append(k).append(":\n");
            ((Map<String, String>) s.get(k)).forEach((name, v) -> b.append(String.format("     %-14s %s%n", v, name)));
        }
        return b.toString();
    }
}
