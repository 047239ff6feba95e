package org.drover.testbed.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the simulated FreeBSD commands of {@code src/testbed/sim/bin} as real processes for one simulated host whose
 * state lives in a private directory: {@code FAKEBSD_STATE} = DIR/state, {@code FAKEBSD_ROOT} = DIR/root (the
 * host's own /etc, /jails...). Shared by the sim tests; {@link #sample(String)} reads the FreeBSD output samples.
 */
public final class SimRunner {
    /** What a command printed and returned. */
    public record Result(String stdout, String stderr, int exit) {
        /** Fails with everything printed when the exit status is not 0; returns this for chaining. */
        public Result ok() {
            if (exit != 0) {
                throw new AssertionError("exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return this;
        }
    }

    /** Compares a run with expected output byte for byte: stdout, stderr and exit status. */
    public static void assertSame(Result r, String stdout, String stderr, int exit) {
        org.assertj.core.api.Assertions.assertThat(r.stdout()).as("stdout").isEqualTo(stdout);
        org.assertj.core.api.Assertions.assertThat(r.stderr()).as("stderr").isEqualTo(stderr);
        org.assertj.core.api.Assertions.assertThat(r.exit()).as("exit status").isEqualTo(exit);
    }

    private final Path state;
    private final Path root;
    private final Map<String, String> env = new HashMap<>();

    public SimRunner(Path dir) {
        this.state = dir.resolve("state");
        this.root = dir.resolve("root");
        try {
            Files.createDirectories(state);
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("FAKEBSD_STATE", state.toString());
        env.put("FAKEBSD_ROOT", root.toString());
        env.put("PATH", binDir() + ":/usr/bin:/bin:/usr/sbin:/sbin");
        env.put("LC_ALL", "C");
        hostname("testhost");
    }

    /** The directory holding the simulated commands. */
    public static Path binDir() {
        Path dir = Path.of(System.getProperty("drover.root", "../.."), "src/testbed/sim/bin").toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("run the tests from the project directory: " + dir + " is missing");
        }
        return dir;
    }

    public Path state() {
        return state;
    }

    /** The simulated host's root: {@code root().resolve("etc/jail.conf")} is its /etc/jail.conf. */
    public Path root() {
        return root;
    }

    /** The real location of the simulated host's absolute PATH. */
    public Path hostPath(String path) {
        return root.resolve(path.replaceFirst("^/+", ""));
    }

    public SimRunner version(String release) {
        return writeState("version", release + "\n");
    }

    public SimRunner hostname(String name) {
        return writeState("hostname", name + "\n");
    }

    public SimRunner env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public SimRunner writeState(String name, String content) {
        write(state.resolve(name), content);
        return this;
    }

    /** Writes a file of the simulated host (parents created), e.g. {@code writeHost("/etc/jail.conf", ...)}. */
    public SimRunner writeHost(String path, String content) {
        write(hostPath(path), content);
        return this;
    }

    public SimRunner mkdirHost(String path) {
        try {
            Files.createDirectories(hostPath(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public String readHost(String path) {
        try {
            return Files.readString(hostPath(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs simulated command ARGV[0] (looked up in {@link #binDir()}) with the remaining arguments. */
    public Result run(String... argv) {
        List<String> cmd = new ArrayList<>(List.of(argv));
        cmd.set(0, binDir().resolve(argv[0]).toString());
        return exec(cmd, Map.of());
    }

    /** Runs ARGV as if inside jail JAIL (what jexec sets up). */
    public Result runIn(String jail, String... argv) {
        List<String> cmd = new ArrayList<>(List.of(argv));
        cmd.set(0, binDir().resolve(argv[0]).toString());
        return exec(cmd, Map.of("FAKEBSD_JAIL", jail));
    }

    /** Runs a /bin/sh script with the simulated commands first on PATH. */
    public Result sh(String script) {
        return exec(List.of("/bin/sh", "-c", script), Map.of());
    }

    /** Runs a command line (already split) as-is, with this host's environment plus EXTRA. */
    public Result exec(List<String> cmd, Map<String, String> extra) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().putAll(extra);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process p = pb.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> slurp(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            return new Result(out.join(), err.join(), p.exitValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String slurp(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The exact output bytes of sample NAME in {@code src/test/resources/freebsd-samples}: the file without its
     * leading provenance lines (those starting with {@code "# "}).
     */
    public static String sample(String name) {
        try (InputStream in = SimRunner.class.getResourceAsStream("/freebsd-samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int at = 0;
            while (text.startsWith("# ", at)) {
                int nl = text.indexOf('\n', at);
                at = nl < 0 ? text.length() : nl + 1;
            }
            return text.substring(at);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample's lines (each with its newline), for samples that hold one line per invocation. */
    public static List<String> sampleLines(String name) {
        List<String> lines = new ArrayList<>();
        for (String line : sample(name).split("(?<=\n)")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
