package org.drover.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.drover.cli.Main;
import org.drover.cli.ConformanceAccess;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

/**
 * Runs every case under {@code conformance/cases} with drover and compares the outcome with what real Ansible did
 * ({@code expected.json}, recorded by {@code record.sh}). A case passes when the exit code, every task's per-host
 * status and value, and the recap match; a load-time refusal that says the feature is not supported is counted
 * apart. Fails when a case not in {@code known-differences.txt} differs, or when a listed case now passes.
 */
class ConformanceTest {
    private static final Path ROOT = Path.of(System.getProperty("drover.root", "../.."),
            "src/cli/src/test/resources/conformance");
    private static final Pattern REFUSAL = Pattern.compile(
            "(?i)not supported|unsupported|does not support|is not implemented");
    private static final List<String> RECAP_KEYS =
            List.of("ok", "changed", "unreachable", "failed", "skipped", "rescued", "ignored");

    @Test
    void drover_means_what_ansible_means() throws IOException {
        Map<String, String> known = new TreeMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("known-differences.txt"))) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                String[] parts = l.split("\\s+", 2);
                known.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        List<Path> cases;
        try (Stream<Path> s = Files.list(ROOT.resolve("cases"))) {
            String only = System.getProperty("conformance.only", "");
            List<String> some = only.isBlank() ? List.of() : List.of(only.split(","));
            cases = s.filter(p -> Files.isRegularFile(p.resolve("expected.json")))
                    .filter(p -> some.isEmpty() || some.contains(p.getFileName().toString())).sorted().toList();
        }
        int pass = 0;
        int refused = 0;
        int differs = 0;
        List<String> problems = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        for (Path dir : cases) {
            String name = dir.getFileName().toString();
            String result;
            String verdict;
            try {
                Outcome o = run(dir);
                Object expected = parse(Files.readString(dir.resolve("expected.json")));
                if (o.refusal != null) {
                    verdict = "refused";
                    result = "refused: " + o.refusal;
                } else {
                    String diff = firstDifference(topOrder(canonical(expected)), topOrder(canonical(o.actual)), "");
                    verdict = diff == null ? "pass" : "differs";
                    result = diff == null ? "pass" : "DIFFERS: " + diff;
                }
            } catch (RuntimeException e) {
                verdict = "differs";
                result = "DIFFERS: runner error " + e;
            }
            switch (verdict) {
                case "pass" -> pass++;
                case "refused" -> refused++;
                default -> differs++;
            }
            boolean listed = known.containsKey(name);
            if (verdict.equals("differs") && !listed) {
                problems.add(name + " differs and is not in known-differences.txt: " + result);
            }
            if (!verdict.equals("differs") && listed) {
                problems.add(name + " is listed in known-differences.txt but is now " + verdict);
            }
            table.append(String.format("%-28s %s%n", name, abbreviate(result)));
        }
        for (String k : known.keySet()) {
            boolean filtered = !System.getProperty("conformance.only", "").isBlank(); // some cases only: -Dconformance.only=a,b
            if (!filtered && cases.stream().noneMatch(c -> c.getFileName().toString().equals(k))) {
                problems.add(k + " is listed in known-differences.txt but there is no such case");
            }
        }
        table.append(String.format("%ntotal %d: pass %d, refused %d, differs %d; pass rate %.1f%%%n", cases.size(),
                pass, refused, differs, cases.isEmpty() ? 0.0 : 100.0 * pass / cases.size()));
        System.out.println(table);
        assertThat(problems).as("conformance regressions or stale known differences").isEmpty();
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }

    record Outcome(Map<String, Object> actual, String refusal) {
    }

    /** Runs drover on one case, in-process, and puts its JSON events in the shape of expected.json. */
    static synchronized Outcome run(Path dir) throws IOException {
        List<String> args = new ArrayList<>(List.of("play", "-i", dir.resolve("hosts.ini").toString(),
                "--output", "json"));
        if (Files.exists(dir.resolve("extra_vars.json"))) {
            args.add("-e");
            args.add("@" + dir.resolve("extra_vars.json"));
        }
        if (Files.exists(dir.resolve("args.txt"))) {
            for (String a : Files.readAllLines(dir.resolve("args.txt"))) {
                if (!a.isBlank()) {
                    args.add(a.strip());
                }
            }
        }
        args.add(dir.resolve("site.yml").toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            ConformanceAccess.workDir(cl, dir);
            exit = cl.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(saved);
        }
        String errText = err.toString() + out;
        String events = stdout.toString(StandardCharsets.UTF_8);
        boolean ranAnything = events.contains("\"event\":\"play_start\"");
        if (!ranAnything && exit != 0 && REFUSAL.matcher(errText).find()) {
            return new Outcome(null, errText.strip().lines().findFirst().orElse(""));
        }
        Map<String, Object> actual = new LinkedHashMap<>();
        actual.put("exit", exit);
        if (!events.contains("\"event\":\"recap\"")) {
            actual.put("error", true);
            return new Outcome(actual, null);
        }
        Map<Object, Map<String, Object>> tasks = new LinkedHashMap<>();
        Map<String, List<Object>> items = new LinkedHashMap<>();
        Map<String, Object> recap = new TreeMap<>();
        for (String line : events.split("\n")) {
            if (!line.startsWith("{")) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) parse(line);
            Object kind = e.get("event");
            if ("task_start".equals(kind)) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("name", e.get("task"));
                t.put("hosts", new TreeMap<String, Object>());
                t.put("module", e.get("module"));
                tasks.put(e.get("task_id"), t);
            } else if ("item_result".equals(kind)) {
                items.computeIfAbsent(e.get("task_id") + "/" + e.get("host"), k -> new ArrayList<>())
                        .add("skipped".equals(e.get("status")) ? null : debugValue(e.get("result")));
            } else if ("host_result".equals(kind)) {
                Map<String, Object> t = tasks.get(e.get("task_id"));
                if (t == null) {
                    continue;
                }
                Map<String, Object> h = new LinkedHashMap<>();
                String status = String.valueOf(e.get("status"));
                h.put("status", status);
                if ("debug".equals(t.get("module")) && (status.equals("ok") || status.equals("changed"))) {
                    List<Object> its = items.get(e.get("task_id") + "/" + e.get("host"));
                    if (its != null) {
                        h.put("value", its);
                    } else {
                        Object v = debugValue(e.get("result"));
                        if (v != NONE) {
                            h.put("value", v);
                        }
                    }
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> hosts = (Map<String, Object>) t.get("hosts");
                hosts.put(String.valueOf(e.get("host")), h);
            } else if ("recap".equals(kind)) {
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> hs = (Map<String, Map<String, Object>>) e.get("hosts");
                for (Map.Entry<String, Map<String, Object>> h : hs.entrySet()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (String k : RECAP_KEYS) {
                        m.put(k, h.getValue().get(k));
                    }
                    recap.put(h.getKey(), m);
                }
            }
        }
        List<Object> list = new ArrayList<>();
        for (Map<String, Object> t : tasks.values()) {
            t.remove("module");
            list.add(t);
        }
        actual.put("tasks", list);
        actual.put("recap", recap);
        return new Outcome(actual, null);
    }

    private static final Object NONE = new Object();

    private static Object debugValue(Object result) {
        if (result instanceof Map<?, ?> m) {
            if (m.containsKey("msg")) {
                return m.get("msg");
            }
            for (Map.Entry<?, ?> en : m.entrySet()) {
                String k = String.valueOf(en.getKey());
                if (!k.equals("changed") && !k.equals("failed") && !k.startsWith("_")) {
                    return en.getValue();
                }
            }
        }
        return NONE;
    }

    static Object parse(String json) {
        return new Load(LoadSettings.builder().build()).loadFromString(json);
    }

    /** Numbers of any integral class compare equal; maps compare by key regardless of order. */
    static Object canonical(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof BigInteger) {
            return new BigInteger(v.toString());
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), canonical(val)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(ConformanceTest::canonical).toList();
        }
        return v;
    }

    /** The tasks first, then the recap, then the exit code: the first differing task tells the most. */
    private static Object topOrder(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            return v;
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (String k : List.of("tasks", "recap", "exit", "error")) {
            if (m.containsKey(k)) {
                out.put(k, m.get(k));
            }
        }
        m.forEach(out::putIfAbsent);
        return out;
    }

    static String firstDifference(Object exp, Object act, String path) {
        if (exp instanceof Map<?, ?> em && act instanceof Map<?, ?> am) {
            for (Object k : em.keySet()) {
                if (!am.containsKey(k)) {
                    return path + "/" + k + ": missing (expected " + show(em.get(k)) + ")";
                }
                String d = firstDifference(em.get(k), am.get(k), path + "/" + k);
                if (d != null) {
                    return d;
                }
            }
            for (Object k : am.keySet()) {
                if (!em.containsKey(k)) {
                    return path + "/" + k + ": unexpected " + show(am.get(k));
                }
            }
            return null;
        }
        if (exp instanceof List<?> el && act instanceof List<?> al) {
            for (int i = 0; i < Math.min(el.size(), al.size()); i++) {
                String d = firstDifference(el.get(i), al.get(i), path + "/" + i);
                if (d != null) {
                    return d;
                }
            }
            if (el.size() != al.size()) {
                return path + ": " + el.size() + " entries expected, " + al.size() + " got"
                        + (el.size() > al.size() ? " (next expected " + show(el.get(al.size())) + ")"
                                : " (next got " + show(al.get(el.size())) + ")");
            }
            return null;
        }
        if (exp == null ? act == null : exp.equals(act)) {
            return null;
        }
        return path + ": expected " + show(exp) + ", got " + show(act);
    }

    private static String show(Object v) {
        String s = v instanceof String str ? "\"" + str + "\"" + " (str)"
                : v == null ? "null" : v + " (" + v.getClass().getSimpleName() + ")";
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
