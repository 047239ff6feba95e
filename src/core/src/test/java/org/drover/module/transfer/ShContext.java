package org.drover.module.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * A ModuleContext on the local /bin/sh, counting round trips; the "controller" is {@code dir/controller} (files
 * to send, fetch's relative dest), the inventory name {@code web1}.
 */
final class ShContext implements ModuleContext {
    private static final Templater TEMPLATER = new JinjavaTemplater();
    private final LocalConnection conn;
    private final Path dir;
    final boolean check;
    final boolean diff;
    final List<String> scripts = new ArrayList<>();

    ShContext(Path dir, boolean check, boolean diff) {
        this.dir = dir;
        this.conn = new LocalConnection("local", dir, Duration.ofSeconds(20));
        this.check = check;
        this.diff = diff;
    }

    /** Binds raw arguments as the loader does (no errors allowed) and runs the module. */
    Outcome run(Module m, Map<String, Object> raw) throws Exception {
        List<String> errors = new ArrayList<>();
        Args args = Args.bind(m.spec(), raw, false, errors);
        assertThat(errors).isEmpty();
        return m.run(this, args);
    }

    @Override public String host() { return "web1"; }
    @Override public ExecResult exec(String script) throws IOException { return exec(script, null); }

    @Override
    public ExecResult exec(String script, byte[] stdin) throws IOException {
        scripts.add(script);
        return conn.exec(ExecRequest.of(script).withStdin(stdin));
    }

    @Override public boolean check() { return check; }
    @Override public boolean diff() { return diff; }
    @Override public Map<String, Object> vars() { return Map.of("inventory_hostname", "web1"); }
    @Override public Templater templater() { return TEMPLATER; }
    @Override public Path resolveLocal(String name, String kind) { return dir.resolve("controller").resolve(name); }
    @Override public Path controllerDir() { return dir.resolve("controller"); }
    @Override public boolean probeNewConnection(Duration timeout) { return true; }
}
