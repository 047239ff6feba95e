package org.drover.module.freebsd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.Outcome;
import org.drover.ssh.ExecResult;
import org.drover.template.Templater;

/**
 * Runs module scripts with the local /bin/sh against the simulated FreeBSD commands (src/testbed/sim/bin first in
 * PATH, state in a temporary directory). FAKEBSD_ROOT stays empty, so files the modules write must live under
 * the test's temporary directory (config_file, jail path); rc.conf is only read.
 */
final class LocalSimHost implements ModuleContext {
    final List<String> scripts = new ArrayList<>();
    private final Path state;
    private final Path stubs;
    private boolean check;
    private Path root;

    LocalSimHost(Path dir) throws IOException {
        this.state = Files.createDirectories(dir.resolve("state"));
        this.stubs = Files.createDirectories(dir.resolve("stubs"));
        Files.writeString(state.resolve("hostname"), "simhost\n");
    }

    /** Puts a command after the simulated ones in PATH (used only while the simulation lacks it). */
    LocalSimHost stub(String name, String script) throws IOException {
        Path f = stubs.resolve(name);
        Files.writeString(f, script);
        f.toFile().setExecutable(true);
        return this;
    }

    /** The simulated commands; -Ddrover.sim.bin=DIR tries another checkout's (e.g. a sim still on its branch). */
    static Path bin() {
        return Path.of(System.getProperty("drover.sim.bin", "src/testbed/sim/bin")).toAbsolutePath();
    }

    static boolean has(String command) {
        return Files.isExecutable(bin().resolve(command));
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

    Outcome run(Module m, Map<String, Object> raw) throws Exception {
        List<String> errors = new ArrayList<>();
        Args a = Args.bind(m.spec(), raw, false, errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.toString());
        }
        scripts.clear();
        return m.run(this, a);
    }

    /** Runs one command line of the simulated host directly (test set-up and checks). */
    ExecResult sh(String script) throws IOException {
        return exec(script);
    }

    @Override
    public String host() {
        return "simhost";
    }

    @Override
    public ExecResult exec(String script) throws IOException {
        scripts.add(script);
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", script);
        Map<String, String> env = pb.environment();
        env.remove("FAKEBSD_ROOT");
        if (root != null) {
            env.put("FAKEBSD_ROOT", root.toString());
        }
        env.put("FAKEBSD_STATE", state.toString());
        env.put("PATH", bin() + ":" + stubs + ":/usr/bin:/bin:/usr/sbin:/sbin");
        env.put("LC_ALL", "C");
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new ExecResult(-1, out, err.join(), null, true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return ExecResult.of(p.exitValue(), out, err.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public ExecResult exec(String script, byte[] stdin) throws IOException {
        return exec(script);
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
        return Map.of();
    }

    @Override
    public Templater templater() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Path resolveLocal(String name, String kind) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean probeNewConnection(Duration timeout) {
        return true;
    }
}
