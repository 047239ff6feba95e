package org.drover.module.geturl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.drover.engine.LocalConnection;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.Outcome;
import org.drover.template.JinjavaTemplater;
import org.drover.template.Templater;
import org.drover.transport.ExecRequest;
import org.drover.transport.ExecResult;

/**
 * The local /bin/sh with the simulated FreeBSD commands first in PATH and a private FAKEBSD_STATE (its www/ is
 * the simulated web fetch(1) reads), counting round trips.
 */
final class SimShell implements ModuleContext {
    final Path state;
    final List<String> scripts = new ArrayList<>();
    boolean check;
    private final LocalConnection conn;

    SimShell(Path dir) throws IOException {
        this.state = Files.createDirectories(dir.resolve("state"));
        this.conn = new LocalConnection("sim", dir, Duration.ofSeconds(30));
    }

    /** Publishes content at http://NETLOC/PATH. */
    void publish(String netloc, String path, String content) throws IOException {
        Path f = state.resolve("www").resolve(netloc).resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
    }

    Outcome run(Module m, Map<String, Object> raw) throws Exception {
        List<String> errors = new ArrayList<>();
        Args args = Args.bind(m.spec(), raw, false, errors);
        assertThat(errors).isEmpty();
        scripts.clear();
        return m.run(this, args);
    }

    @Override public String host() { return "sim"; }
    @Override public ExecResult exec(String script) throws IOException { return exec(script, null); }

    @Override
    public ExecResult exec(String script, byte[] stdin) throws IOException {
        scripts.add(script);
        Path bin = Path.of(System.getProperty("drover.root", "../.."), "src/testbed/sim/bin").toAbsolutePath();
        return conn.exec(ExecRequest.of(script).withStdin(stdin).withEnv(Map.of("FAKEBSD_STATE", state.toString(),
                "PATH", bin + ":/usr/bin:/bin:/usr/sbin:/sbin")));
    }

    @Override public boolean check() { return check; }
    @Override public boolean diff() { return true; }
    @Override public Map<String, Object> vars() { return Map.of(); }
    @Override public Templater templater() { return new JinjavaTemplater(); }
    @Override public Path resolveLocal(String name, String kind) { return Path.of(name); }
    @Override public boolean probeNewConnection(Duration timeout) { return true; }
}
