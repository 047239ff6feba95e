package org.drover.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering as the compiled classes show it (jdeps): no package cycle inside a module, and each module uses only
 * the modules below it. Maven's dependencies allow more than the design does (drover-ssh sees all of drover-core),
 * so the rules the poms cannot express are checked here.
 */
class PackageGraphTest {
    /** Each module and the drover modules its main classes may use. */
    private static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("core", Set.of());
        MAY_USE.put("ssh", Set.of("core"));
        MAY_USE.put("freebsd", Set.of("core"));
        MAY_USE.put("testbed", Set.of("core"));
        MAY_USE.put("cli", Set.of("core", "ssh", "freebsd"));
        MAY_USE.put("bench", Set.of("core", "freebsd", "testbed"));
    }

    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+.*$");

    /** module -> package -> the packages it uses (other packages than itself, outside the JDK too). */
    private static final Map<String, Map<String, Set<String>>> GRAPHS = new LinkedHashMap<>();

    @BeforeAll
    static void runJdeps() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("jdeps is not in this JDK"));
        for (String module : MAY_USE.keySet()) {
            Path classes = Root.get().resolve("src").resolve(module).resolve("target/classes");
            if (!Files.isDirectory(classes)) {
                fail(classes + " is missing: build the modules first (mvn package)");
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", classes.toString());
            assertThat(rc).as("jdeps on %s: %s", classes, err).isZero();
            GRAPHS.put(module, parse(out.toString()));
        }
    }

    static Map<String, Set<String>> parse(String jdepsOutput) {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : jdepsOutput.split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.matches()) {
                Set<String> to = graph.computeIfAbsent(m.group(1), k -> new TreeSet<>());
                if (!m.group(1).equals(m.group(2))) {
                    to.add(m.group(2));
                }
            }
        }
        return graph;
    }

    @Test
    void no_package_cycle_inside_a_module() {
        List<String> cycles = new ArrayList<>();
        GRAPHS.forEach((module, graph) -> {
            for (Set<String> scc : cycles(graph)) {
                cycles.add(module + ": " + String.join(" <-> ", scc) + "  edges: " + edgesWithin(graph, scc));
            }
        });
        if (!cycles.isEmpty()) {
            fail("package cycles:\n" + String.join("\n", cycles));
        }
    }

    @Test
    void each_module_uses_only_the_modules_below_it() {
        Map<String, String> owner = new HashMap<>();
        GRAPHS.forEach((module, graph) -> graph.keySet().forEach(p -> owner.put(p, module)));
        List<String> wrong = new ArrayList<>();
        GRAPHS.forEach((module, graph) -> graph.forEach((from, tos) -> {
            for (String to : tos) {
                String other = owner.get(to);
                if (other != null && !other.equals(module) && !MAY_USE.get(module).contains(other)) {
                    wrong.add(module + ": " + from + " -> " + to + " (drover-" + other + ")");
                }
            }
        }));
        if (!wrong.isEmpty()) {
            fail("uses a module it must not:\n" + String.join("\n", wrong));
        }
    }

    @Test
    void the_ssh_transport_knows_nothing_of_the_engine_nor_the_inventory() {
        assertThat(uses("ssh", p -> true, "org.drover.engine", "org.drover.inventory")).isEmpty();
    }

    @Test
    void the_freebsd_parsers_know_nothing_of_modules() {
        assertThat(uses("freebsd", p -> p.equals("org.drover.freebsd"), "org.drover.module")).isEmpty();
    }

    @Test
    void the_graph_is_read() {
        // Guards the guard: if jdeps' output changed shape, every check above would pass on an empty graph.
        assertThat(GRAPHS.get("cli")).containsKey("org.drover.cli");
        assertThat(GRAPHS.get("cli").get("org.drover.cli")).contains("org.drover.engine");
        assertThat(GRAPHS.get("ssh").get("org.drover.ssh")).contains("org.drover.transport");
    }

    @Test
    void a_cycle_is_found() {
        Map<String, Set<String>> g = new TreeMap<>();
        g.put("a", Set.of("b"));
        g.put("b", Set.of("c", "x"));
        g.put("c", Set.of("a"));
        g.put("d", Set.of("a"));
        assertThat(cycles(g)).containsExactly(new TreeSet<>(List.of("a", "b", "c")));
        assertThat(parse("   p.a    -> p.b     not found\n   p.a   -> java.lang   java.base\nclasses -> java.base\n"))
                .containsEntry("p.a", new TreeSet<>(List.of("p.b", "java.lang")));
    }

    /** The packages of module (those that match which) that use a package under one of the prefixes. */
    private static List<String> uses(String module, java.util.function.Predicate<String> which, String... prefixes) {
        List<String> out = new ArrayList<>();
        GRAPHS.get(module).forEach((from, tos) -> {
            if (which.test(from)) {
                for (String to : tos) {
                    for (String prefix : prefixes) {
                        if (to.equals(prefix) || to.startsWith(prefix + ".")) {
                            out.add(from + " -> " + to);
                        }
                    }
                }
            }
        });
        return out;
    }

    private static String edgesWithin(Map<String, Set<String>> graph, Set<String> scc) {
        List<String> edges = new ArrayList<>();
        for (String from : scc) {
            for (String to : graph.getOrDefault(from, Set.of())) {
                if (scc.contains(to)) {
                    edges.add(from + " -> " + to);
                }
            }
        }
        return String.join(", ", edges);
    }

    /** The strongly connected components of more than one package (Tarjan), restricted to the graph's own nodes. */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<Set<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                strongConnect(v, graph, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void strongConnect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!graph.containsKey(w)) {
                continue;
            }
            if (!index.containsKey(w)) {
                strongConnect(w, graph, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> scc = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                scc.add(w);
            } while (!w.equals(v));
            if (scc.size() > 1) {
                out.add(scc);
            }
        }
    }
}
