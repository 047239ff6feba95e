package org.drover.module.freebsd;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.drover.module.Args;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.transport.ExecResult;
import org.drover.template.JinjavaTemplater;
import org.drover.template.Templater;

/**
 * A ModuleContext for unit tests of module logic: answers exec calls from a queue of canned results and records
 * every call (script and stdin), so tests count round trips. Out of answers it fails the test, unless
 * {@link #okWhenOutOfAnswers()} lets the remaining calls succeed with empty output.
 */
final class FakeModuleContext implements ModuleContext {
    record Call(String script, String stdin) {
    }

    final List<Call> calls = new ArrayList<>();
    final List<Duration> probes = new ArrayList<>();
    final Map<String, Object> vars = new HashMap<>();
    private final Deque<ExecResult> answers = new ArrayDeque<>();
    private boolean okWhenOutOfAnswers;
    private boolean check;
    boolean probeResult = true;
    Path localDir = Path.of(".");

    FakeModuleContext(ExecResult... answers) {
        this.answers.addAll(List.of(answers));
    }

    FakeModuleContext answer(ExecResult r) {
        answers.add(r);
        return this;
    }

    FakeModuleContext okWhenOutOfAnswers() {
        this.okWhenOutOfAnswers = true;
        return this;
    }

    FakeModuleContext check(boolean on) {
        this.check = on;
        return this;
    }

    /** The scripts sent, in order. */
    List<String> scripts() {
        return calls.stream().map(Call::script).toList();
    }

    /** Binds raw arguments as the engine does; throws on any error. */
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
        return "lab1";
    }

    @Override
    public ExecResult exec(String script) {
        return exec(script, null);
    }

    @Override
    public ExecResult exec(String script, byte[] stdin) {
        calls.add(new Call(script, stdin == null ? null : new String(stdin, StandardCharsets.UTF_8)));
        if (answers.isEmpty() && okWhenOutOfAnswers) {
            return ExecResult.of(0, "", "");
        }
        return Objects.requireNonNull(answers.poll(), "no answer left for script:\n" + script);
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
        return localDir.resolve(name);
    }

    @Override
    public boolean probeNewConnection(Duration timeout) {
        probes.add(timeout);
        return probeResult;
    }
}
