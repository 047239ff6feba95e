package org.drover.module.freebsd;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.drover.module.Args;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.ssh.ExecResult;
import org.drover.template.Templater;

/** A ModuleContext that answers scripts from a queue and records them: counts round trips in unit tests. */
final class FakeHost implements ModuleContext {
    final List<String> scripts = new ArrayList<>();
    private final Deque<ExecResult> answers = new ArrayDeque<>();
    private final boolean check;

    FakeHost(boolean check, ExecResult... answers) {
        this.check = check;
        this.answers.addAll(List.of(answers));
    }

    static Args args(ModuleSpec spec, Map<String, Object> raw) {
        List<String> errors = new ArrayList<>();
        Args a = Args.bind(spec, raw, false, errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return a;
    }

    static List<String> errors(ModuleSpec spec, Map<String, Object> raw) {
        List<String> errors = new ArrayList<>();
        Args.bind(spec, raw, false, errors);
        return errors;
    }

    @Override
    public String host() {
        return "fake";
    }

    @Override
    public ExecResult exec(String script) {
        scripts.add(script);
        return Objects.requireNonNull(answers.poll(), "no answer left for script:\n" + script);
    }

    @Override
    public ExecResult exec(String script, byte[] stdin) {
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
