package org.drover.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.engine.HostResult;
import org.drover.engine.RunListener;
import org.drover.engine.RunSummary;
import org.drover.text.JsonText;

/**
 * {@code --junit FILE}: one test suite per play, one test case per host and task. A failed task (not ignored,
 * not rescued) or an unreachable host is a failure; a skipped task is skipped. Written when the run ends.
 */
public final class JunitReporter implements RunListener {
    private final Path file;
    private final List<Case> cases = new ArrayList<>();

    /**
     * One test case: a task on a host.
     *
     * @param status  Ansible's word: ok, changed, failed, skipped, unreachable
     * @param failure a failure of the run: unreachable, or failed and neither ignored nor rescued
     * @param result  the registered result, written into a failure's body
     */
    public record Case(String play, String host, String task, String status, String message, boolean failure,
                       long nanos, Object result) {
        static Case of(HostResult r) {
            boolean failure = r.status() == HostResult.Status.UNREACHABLE
                    || r.status() == HostResult.Status.FAILED && !r.ignored() && !r.rescued();
            return new Case(r.task().play(), r.host(), r.task().name(), r.status().label(), r.message(), failure,
                    r.elapsed().toNanos(), r.result());
        }

        boolean skipped() {
            return status.equals(HostResult.Status.SKIPPED.label());
        }
    }

    public JunitReporter(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void hostResult(HostResult r) {
        cases.add(Case.of(r));
    }

    @Override
    public void runEnd(RunSummary summary) {
        write(file, cases, summary.elapsed().toNanos());
    }

    /** Writes the report of these cases (a run's, or several merged runs'). */
    public static void write(Path file, List<Case> cases, long nanos) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, xml(cases, nanos), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JUnit report " + file, e);
        }
    }

    String xml(RunSummary summary) {
        return xml(cases, summary.elapsed().toNanos());
    }

    static String xml(List<Case> cases, long totalNanos) {
        Map<String, List<Case>> byPlay = new LinkedHashMap<>();
        cases.forEach(c -> byPlay.computeIfAbsent(c.play(), k -> new ArrayList<>()).add(c));
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"drover\" tests=\"").append(cases.size()).append("\" failures=\"")
                .append(cases.stream().filter(Case::failure).count()).append("\" skipped=\"")
                .append(cases.stream().filter(Case::skipped).count()).append("\" time=\"").append(secs(totalNanos))
                .append("\">\n");
        for (Map.Entry<String, List<Case>> play : byPlay.entrySet()) {
            List<Case> rs = play.getValue();
            long nanos = rs.stream().mapToLong(Case::nanos).sum();
            sb.append("  <testsuite name=\"").append(esc(play.getKey())).append("\" tests=\"").append(rs.size())
                    .append("\" failures=\"").append(rs.stream().filter(Case::failure).count())
                    .append("\" skipped=\"").append(rs.stream().filter(Case::skipped).count())
                    .append("\" time=\"").append(secs(nanos)).append("\">\n");
            for (Case r : rs) {
                sb.append("    <testcase classname=\"").append(esc(play.getKey())).append("\" name=\"[")
                        .append(esc(r.host())).append("] ").append(esc(r.task())).append("\" time=\"")
                        .append(secs(r.nanos())).append('"');
                if (r.failure()) {
                    String msg = r.message() == null ? r.status() : r.message();
                    sb.append(">\n      <failure type=\"").append(r.status()).append("\" message=\"")
                            .append(esc(msg)).append("\">").append(esc(JsonText.pretty(r.result())))
                            .append("</failure>\n    </testcase>\n");
                } else if (r.skipped()) {
                    sb.append(">\n      <skipped message=\"").append(esc(r.message() == null ? "skipped" : r.message()))
                            .append("\"/>\n    </testcase>\n");
                } else {
                    sb.append("/>\n");
                }
            }
            sb.append("  </testsuite>\n");
        }
        return sb.append("</testsuites>\n").toString();
    }

    private static String secs(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e9);
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        sb.append('?'); // not allowed in XML 1.0
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
