package org.drover.module.core;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.drover.engine.LocalConnection;
import org.drover.module.ModuleContext;
import org.drover.transport.ExecRequest;
import org.drover.transport.ExecResult;
import org.drover.template.JinjavaTemplater;
import org.drover.template.Templater;

/** A ModuleContext on the local /bin/sh in a directory, counting round trips: modules run for real, without SSH. */
final class LocalContext implements ModuleContext {
    private final LocalConnection conn;
    private final Path dir;
    final boolean check;
    final boolean diff;
    final Map<String, Object> vars;
    final List<String> scripts = new ArrayList<>();
    private static final Templater TEMPLATER = new JinjavaTemplater();

    LocalContext(Path dir, boolean check, boolean diff, Map<String, Object> vars) {
        this.dir = dir;
        this.conn = new LocalConnection("local", dir, Duration.ofSeconds(20));
        this.check = check;
        this.diff = diff;
        this.vars = vars;
    }

    int execs() {
        return scripts.size();
    }

    @Override public String host() { return "local"; }
    @Override public ExecResult exec(String script) throws IOException { return exec(script, null); }

    @Override
    public ExecResult exec(String script, byte[] stdin) throws IOException {
        scripts.add(script);
        return conn.exec(ExecRequest.of(script).withStdin(stdin));
    }

    @Override public boolean check() { return check; }
    @Override public boolean diff() { return diff; }
    @Override public Map<String, Object> vars() { return vars; }
    @Override public Templater templater() { return TEMPLATER; }
    @Override public Path resolveLocal(String name, String kind) { return dir.resolve("controller").resolve(name); }
    @Override public boolean probeNewConnection(Duration timeout) { return true; }
}
