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
    private final Map<String, List<HostResult>> byPlay = new LinkedHashMap<>();

    public JunitReporter(Path file) {
        this.file = file;
    }

    @Override
    public void hostResult(HostResult r) {
        byPlay.computeIfAbsent(r.task().play(), k -> new ArrayList<>()).add(r);
    }

    @Override
    public void runEnd(RunSummary summary) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, xml(summary), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JUnit report " + file, e);
        }
    }

    String xml(RunSummary summary) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        int tests = 0, failures = 0, skipped = 0;
        for (List<HostResult> rs : byPlay.values()) {
            tests += rs.size();
            failures += (int) rs.stream().filter(JunitReporter::failure).count();
            skipped += (int) rs.stream().filter(r -> r.status() == HostResult.Status.SKIPPED).count();
        }
        sb.append("<testsuites name=\"drover\" tests=\"").append(tests).append("\" failures=\"").append(failures)
                .append("\" skipped=\"").append(skipped).append("\" time=\"").append(secs(summary.elapsed().toNanos()))
                .append("\">\n");
        for (Map.Entry<String, List<HostResult>> play : byPlay.entrySet()) {
            List<HostResult> rs = play.getValue();
            long nanos = rs.stream().mapToLong(r -> r.elapsed().toNanos()).sum();
            sb.append("  <testsuite name=\"").append(esc(play.getKey())).append("\" tests=\"").append(rs.size())
                    .append("\" failures=\"").append(rs.stream().filter(JunitReporter::failure).count())
                    .append("\" skipped=\"").append(rs.stream().filter(r -> r.status() == HostResult.Status.SKIPPED).count())
                    .append("\" time=\"").append(secs(nanos)).append("\">\n");
            for (HostResult r : rs) {
                sb.append("    <testcase classname=\"").append(esc(play.getKey())).append("\" name=\"[")
                        .append(esc(r.host())).append("] ").append(esc(r.task().name())).append("\" time=\"")
                        .append(secs(r.elapsed().toNanos())).append('"');
                if (failure(r)) {
                    String msg = r.message() == null ? r.status().label() : r.message();
                    sb.append(">\n      <failure type=\"").append(r.status().label()).append("\" message=\"")
                            .append(esc(msg)).append("\">").append(esc(JsonText.pretty(r.result())))
                            .append("</failure>\n    </testcase>\n");
                } else if (r.status() == HostResult.Status.SKIPPED) {
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

    private static boolean failure(HostResult r) {
        return r.status() == HostResult.Status.UNREACHABLE
                || r.status() == HostResult.Status.FAILED && !r.ignored() && !r.rescued();
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
