package org.drover.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.drover.inventory.InventoryLoader;
import org.drover.module.ModuleRegistry;
import org.drover.playbook.PlaybookLoader;
import org.drover.yaml.LoadError;
import org.drover.yaml.LoadException;
import org.drover.yaml.SourceMark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mutation fuzzer over the front end: the repository's test playbooks and inventories (YAML and INI), mutated
 * with a fixed seed (byte flips, duplicated and deleted lines, deep nesting, huge numbers and ranges, alias bombs,
 * control characters, a BOM, broken Jinja, truncation), are loaded by the real playbook and inventory loaders.
 * Every input must end in success or in a LoadException whose every error names its file, within a time bound
 * per input, and never in any other Throwable (a stack overflow, an out-of-memory, a runtime exception).
 * Bounded by a number of inputs and a wall time; prints its figures.
 */
class FrontEndFuzzIT {
    private static final long SEED = 20261203L;
    private static final int MAX_INPUTS = 3000;
    private static final long WALL_SECONDS = 50;
    /** Far beyond any input's load time: reaching it means a hang. */
    private static final long PER_INPUT_SECONDS = 20;

    @TempDir
    Path tmp;

    private final PlaybookLoader playbooks = PlaybookLoader.of(ModuleRegistry.load());

    private record Seed(Path file, boolean inventory, byte[] bytes) {}

    private enum Outcome { SUCCESS, CLEAN_ERROR }

    @Test
    void every_mutated_input_loads_or_fails_cleanly() throws Exception {
        List<Seed> seeds = seeds();
        assertThat(seeds).hasSizeGreaterThan(50);
        Random rnd = new Random(SEED);
        int tried = 0;
        int clean = 0;
        int ok = 0;
        List<String> crashes = new ArrayList<>();
        List<String> hangs = new ArrayList<>();
        ExecutorService worker = newWorker();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WALL_SECONDS);
        try {
            while (tried < MAX_INPUTS && System.nanoTime() < deadline) {
                Seed seed = seeds.get(rnd.nextInt(seeds.size()));
                List<String> applied = new ArrayList<>();
                byte[] input = Mutations.mutate(seed.bytes(), seed.inventory(), rnd, applied);
                Path target = target(seed);
                Files.write(target, input);
                tried++;
                String what = "#" + tried + " " + seed.file().getFileName() + " " + applied;
                Future<Outcome> f = worker.submit(() -> load(target, seed.inventory()));
                try {
                    if (f.get(PER_INPUT_SECONDS, TimeUnit.SECONDS) == Outcome.SUCCESS) {
                        ok++;
                    } else {
                        clean++;
                    }
                } catch (TimeoutException e) {
                    f.cancel(true);
                    worker.shutdownNow();
                    worker = newWorker(); // the hung thread is a daemon; go on with a fresh one
                    hangs.add(what + " saved as " + save(tried, target));
                } catch (java.util.concurrent.ExecutionException e) {
                    crashes.add(what + " saved as " + save(tried, target) + ":\n" + trace(e.getCause()));
                }
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.printf("front-end fuzz: %d inputs tried (seed %d, %d seed files), %d clean errors, %d loaded,"
                + " %d stack traces, %d hangs%n", tried, SEED, seeds.size(), clean, ok, crashes.size(), hangs.size());
        assertThat(crashes).as("inputs that ended in a Throwable other than a clean LoadException").isEmpty();
        assertThat(hangs).as("inputs still loading after " + PER_INPUT_SECONDS + " s").isEmpty();
        assertThat(tried).isPositive();
    }

    /** Loads one input; a LoadException is clean only when every error names a file. */
    private Outcome load(Path file, boolean inventory) {
        try {
            if (inventory) {
                InventoryLoader.load(List.of(file));
            } else {
                playbooks.load(file);
            }
            return Outcome.SUCCESS;
        } catch (LoadException e) {
            for (LoadError err : e.errors()) {
                if (err.mark().equals(SourceMark.UNKNOWN) || err.mark().file().isBlank()) {
                    throw new AssertionError("an error without a location: " + err);
                }
            }
            return Outcome.CLEAN_ERROR;
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-load");
            t.setDaemon(true);
            return t;
        });
    }

    /** The input's path: beside its seed (in a copy of the tree), so includes, roles and group_vars resolve. */
    private Path target(Seed seed) {
        String name = seed.file().getFileName().toString();
        String ext = name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".json") ? ".yml" : ".ini";
        return seed.file().resolveSibling("fuzz-input" + ext);
    }

    private Path save(int n, Path input) throws IOException {
        Path dir = Path.of(System.getProperty("drover.root", "."), "target", "fuzz-failures");
        Files.createDirectories(dir);
        Path out = dir.resolve(n + "-" + input.getFileName());
        Files.copy(input, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return out;
    }

    private static String trace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() > 4000 ? s.substring(0, 4000) + "\n..." : s;
    }

    /** The test playbooks and inventories of drover-core and the conformance cases, copied under tmp. */
    private List<Seed> seeds() throws IOException {
        Path root = Path.of(System.getProperty("drover.root", "../.."));
        List<Seed> out = new ArrayList<>();
        copy(root.resolve("src/core/src/test/resources/playbooks"), tmp.resolve("playbooks"), out);
        copy(root.resolve("src/core/src/test/resources/inventories"), tmp.resolve("inventories"), out);
        copy(root.resolve("src/cli/src/test/resources/conformance/cases"), tmp.resolve("cases"), out);
        out.sort((a, b) -> a.file().compareTo(b.file())); // the same order on every machine, for the seed
        return out;
    }

    private static void copy(Path from, Path to, List<Seed> seeds) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(from)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Path dest = to.resolve(from.relativize(f).toString());
            Files.createDirectories(dest.getParent());
            Files.copy(f, dest);
            String rel = from.relativize(f).toString();
            String name = f.getFileName().toString();
            boolean inventory = rel.startsWith("broken") && to.endsWith("inventories") || name.endsWith(".ini")
                    || name.equals("hosts") || name.startsWith("hosts.") || to.endsWith("inventories") && !rel.contains("_vars");
            boolean yaml = name.endsWith(".yml") || name.endsWith(".yaml");
            if (inventory || yaml) {
                seeds.add(new Seed(dest, inventory, Files.readAllBytes(f)));
            }
        }
    }

    /** The mutations, each small and cheap to load; 1 to 4 of them per input. */
    static final class Mutations {
        private Mutations() {}

        static byte[] mutate(byte[] seed, boolean inventory, Random rnd, List<String> applied) {
            byte[] b = seed;
            int n = 1 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                int kind = rnd.nextInt(13);
                applied.add(String.valueOf(kind));
                b = switch (kind) {
                    case 0 -> flip(b, rnd);
                    case 1 -> lines(b, rnd, true);
                    case 2 -> lines(b, rnd, false);
                    case 3 -> insertLine(b, rnd, deep(rnd, inventory));
                    case 4 -> insertLine(b, rnd, huge(rnd, inventory));
                    case 5 -> insertLine(b, rnd, aliases(rnd));
                    case 6 -> insertAt(b, rnd, new byte[] {(byte) (rnd.nextBoolean() ? rnd.nextInt(32) : 127)});
                    case 7 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, b);
                    case 8 -> insertAt(b, rnd, ascii(List.of("{{", "}}", "{%", "%}", "{{ x |", "[", "]", ":", "&", "*",
                            "- ", "\t", "'", "\"", "=", "[g:children]", "{{ a.b.c(((( }}").get(rnd.nextInt(17))));
                    case 9 -> b.length == 0 ? b : java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
                    case 10 -> insertLine(b, rnd, "x: " + "y".repeat(rnd.nextBoolean() ? 20_000 : (1 << 20) + 10));
                    case 11 -> swap(b, rnd);
                    default -> insertAt(b, rnd, ascii(Integer.toString(rnd.nextInt(Integer.MAX_VALUE)).repeat(3)));
                };
            }
            return b;
        }

        private static String deep(Random rnd, boolean inventory) {
            int n = List.of(50, 99, 101, 150, 3000).get(rnd.nextInt(5));
            if (inventory && rnd.nextBoolean()) {
                StringBuilder s = new StringBuilder();
                for (int i = n; i >= 0; i--) {
                    s.append("[d").append(i).append(":children]\nd").append(i + 1).append('\n');
                }
                return s.toString();
            }
            return switch (rnd.nextInt(3)) {
                case 0 -> "deep: " + "[".repeat(n) + "]".repeat(n);
                case 1 -> "deep: " + "{a: ".repeat(n) + "1" + "}".repeat(n);
                default -> {
                    StringBuilder s = new StringBuilder();
                    for (int i = 0; i < Math.min(n, 400); i++) {
                        s.append("  ".repeat(i)).append("- block:\n");
                    }
                    yield s.toString();
                }
            };
        }

        private static String huge(Random rnd, boolean inventory) {
            List<String> inv = List.of("web[0:99999999]", "web[a:z:65536]", "web[2147483647:2147483647]",
                    "h:99999999999999999999", "h[0:9999999999999999999999]", "h:0", "x[00:999999]", "=", "a[b");
            List<String> pb = List.of("serial: 99999999999999999999999", "x: 1e99999", "port: -99999999999999999999",
                    "retries: 9999999999999999999999999999", "x: 0x" + "f".repeat(200));
            return inventory ? inv.get(rnd.nextInt(inv.size())) : pb.get(rnd.nextInt(pb.size()));
        }

        private static String aliases(Random rnd) {
            if (rnd.nextBoolean()) {
                return "loop: &l [*l]";
            }
            StringBuilder s = new StringBuilder("b0: &b0 [x, x, x, x, x, x, x, x, x]\n");
            for (int i = 1; i < 10; i++) {
                s.append("b").append(i).append(": &b").append(i).append(" [")
                        .append(String.join(", ", Collections.nCopies(9, "*b" + (i - 1)))).append("]\n");
            }
            return s.toString();
        }

        private static byte[] flip(byte[] b, Random rnd) {
            if (b.length == 0) {
                return b;
            }
            byte[] c = b.clone();
            int at = rnd.nextInt(c.length);
            c[at] ^= (byte) (1 << rnd.nextInt(8));
            return c;
        }

        private static List<String> split(byte[] b) {
            return new ArrayList<>(List.of(new String(b, StandardCharsets.ISO_8859_1).split("\n", -1)));
        }

        private static byte[] join(List<String> lines) {
            return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
        }

        /** Duplicates a line up to 50 times, or deletes one. */
        private static byte[] lines(byte[] b, Random rnd, boolean duplicate) {
            List<String> l = split(b);
            int at = rnd.nextInt(l.size());
            if (duplicate) {
                l.addAll(at, Collections.nCopies(1 + rnd.nextInt(50), l.get(at)));
            } else if (l.size() > 1) {
                l.remove(at);
            }
            return join(l);
        }

        private static byte[] swap(byte[] b, Random rnd) {
            List<String> l = split(b);
            Collections.swap(l, rnd.nextInt(l.size()), rnd.nextInt(l.size()));
            return join(l);
        }

        /** Inserts text as lines before a random line, indented like it. */
        private static byte[] insertLine(byte[] b, Random rnd, String text) {
            List<String> l = split(b);
            int at = rnd.nextInt(l.size());
            String indent = l.get(at).replaceAll("^( *).*$", "$1");
            List<String> add = new ArrayList<>();
            for (String t : text.split("\n")) {
                add.add(indent + t);
            }
            l.addAll(at, add);
            return join(l);
        }

        private static byte[] insertAt(byte[] b, Random rnd, byte[] what) {
            int at = b.length == 0 ? 0 : rnd.nextInt(b.length);
            byte[] out = new byte[b.length + what.length];
            System.arraycopy(b, 0, out, 0, at);
            System.arraycopy(what, 0, out, at, what.length);
            System.arraycopy(b, at, out, at + what.length, b.length - at);
            return out;
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }

        private static byte[] ascii(String s) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
