package org.drover.module.freebsd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.Outcome;
import org.drover.transport.ExecResult;
import org.drover.template.JinjavaTemplater;
import org.drover.template.Templater;

/**
 * Runs module scripts with the local /bin/sh against the simulated FreeBSD commands (src/testbed/sim/bin first in
 * PATH, FAKEBSD_STATE in a temporary directory): proves the real read and apply scripts without SSH. FAKEBSD_ROOT
 * stays unset unless {@link #root(Path)} sets it, so by default files the modules write must live under the test's
 * temporary directory (config_file, jail path, pf.conf).
 */
final class LocalSimHost implements ModuleContext {
    /** A mapping from alternating keys and values, in order: module arguments in tests. */
    static Map<String, Object> m(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Asserts a module's outcome status, showing its message and result when it differs. */
    static void assertStatus(org.drover.module.Outcome o, org.drover.module.Outcome.Status s) {
        org.assertj.core.api.Assertions.assertThat(o.status()).as(o.message() + " " + o.result()).isEqualTo(s);
    }

    /** The scripts the module sent since the last {@link #run}; {@link #sh} and {@link #output} are not recorded. */
    final List<String> scripts = new ArrayList<>();
    final Map<String, Object> vars = new HashMap<>();
    boolean probeResult = true;
    private final Path state;
    private boolean check;
    private Path root;

    LocalSimHost(Path dir) throws IOException {
        this.state = Files.createDirectories(dir.resolve("state"));
        Files.writeString(state.resolve("hostname"), "simhost\n");
    }

    /** The simulated commands of this checkout (a missing folder is an error, never a reason to skip). */
    static Path bin() {
        Path dir = Path.of(System.getProperty("drover.root", "../.."), "src/testbed/sim/bin").toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("run the tests from the project directory: " + dir + " is missing");
        }
        return dir;
    }

    /**
     * Sets FAKEBSD_ROOT: the simulated commands then read and write the host's /etc below DIR (sysrc's rc.conf),
     * while the modules' own sh commands (cat, grep, mv) still see the real paths.
     */
    LocalSimHost root(Path dir) {
        this.root = dir;
        return this;
    }

    LocalSimHost check(boolean on) {
        this.check = on;
        return this;
    }

    /** Binds the arguments (throwing on errors), forgets earlier scripts and runs the module. */
    Outcome run(Module m, Map<String, Object> raw) throws Exception {
        var a = FakeModuleContext.args(m.spec(), raw);
        scripts.clear();
        return m.run(this, a);
    }

    /** Runs one command line of the simulated host directly (test set-up and checks), whatever its status. */
    ExecResult sh(String script) throws IOException {
        return shell(script, null);
    }

    /** Runs a command line that must succeed (test set-up and checks) and returns its standard output. */
    String output(String script) throws IOException {
        ExecResult r = sh(script);
        if (!r.ok()) {
            throw new IllegalStateException(script + " failed: " + r.stderr());
        }
        return r.stdout();
    }

    @Override
    public String host() {
        return "simhost";
    }

    @Override
    public ExecResult exec(String script) throws IOException {
        return exec(script, null);
    }

    @Override
    public ExecResult exec(String script, byte[] stdin) throws IOException {
        scripts.add(script);
        return shell(script, stdin);
    }

    private ExecResult shell(String script, byte[] stdin) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", script);
        Map<String, String> env = pb.environment();
        env.remove("FAKEBSD_ROOT");
        if (root != null) {
            env.put("FAKEBSD_ROOT", root.toString());
        }
        env.put("FAKEBSD_STATE", state.toString());
        env.put("PATH", bin() + ":/usr/bin:/bin:/usr/sbin:/sbin");
        env.put("LC_ALL", "C");
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException e) {
            // The script did not read all of its stdin (broken pipe); its exit status tells the rest.
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new ExecResult(-1, out.getNow(""), err.getNow("") + "timed out after 60 s", null, true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return ExecResult.of(p.exitValue(), out.join(), err.join());
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean check() {
        return check;
    }

    @Override
    public boolean diff() {
        return true;
    }

    @Override
    public Map<String, Object> vars() {
        return vars;
    }

    @Override
    public Templater templater() {
        return new JinjavaTemplater();
    }

    @Override
    public Path resolveLocal(String name, String kind) {
        return Path.of(name);
    }

    @Override
    public boolean probeNewConnection(Duration timeout) {
        return probeResult;
    }
}
