package org.drover.module.freebsd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import org.drover.module.ModuleContext;
import org.drover.ssh.ExecResult;
import org.drover.template.JinjavaTemplater;
import org.drover.template.Templater;

/**
 * A ModuleContext that runs scripts with the real /bin/sh on this machine, with the simulated FreeBSD commands
 * (src/testbed/sim/bin, or -Dsim.bin) first in PATH and a private FAKEBSD_STATE/FAKEBSD_ROOT: proves the read and
 * apply scripts against the stand-ins without SSH.
 */
final class ZfsPfSimShell implements ModuleContext {
    static Path simBin() {
        return Path.of(System.getProperty("sim.bin", "src/testbed/sim/bin")).toAbsolutePath();
    }

    final Path state;
    final Path root;
    final List<String> scripts = new ArrayList<>();
    final Map<String, Object> vars = new HashMap<>();
    boolean check;
    boolean probeResult = true;
    /** False: FAKEBSD_ROOT unset, so absolute paths in scripts are used as they are (files under the temp dir). */
    boolean useRoot = true;

    ZfsPfSimShell(Path dir) throws IOException {
        this.state = Files.createDirectories(dir.resolve("state"));
        this.root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("etc"));
    }

    @Override
    public String host() {
        return "sim";
    }

    @Override
    public ExecResult exec(String script) throws IOException {
        return exec(script, null);
    }

    @Override
    public ExecResult exec(String script, byte[] stdin) throws IOException {
        scripts.add(script);
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", script);
        Map<String, String> env = pb.environment();
        env.put("PATH", simBin() + ":/usr/bin:/bin:/usr/sbin:/sbin");
        env.put("LC_ALL", "C");
        env.put("FAKEBSD_STATE", state.toString());
        if (useRoot) {
            env.put("FAKEBSD_ROOT", root.toString());
        } else {
            env.remove("FAKEBSD_ROOT");
        }
        Process p = pb.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new ExecResult(-1, "", "timed out", null, true);
            }
            return ExecResult.of(p.exitValue(), new String(out.get(), StandardCharsets.UTF_8),
                    new String(err.get(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** A plain command for test setup and assertions. */
    String sh(String script) throws IOException {
        ExecResult r = exec(script);
        scripts.remove(scripts.size() - 1);
        if (!r.ok()) {
            throw new IllegalStateException(script + " failed: " + r.stderr());
        }
        return r.stdout();
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
