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
import java.util.function.BiFunction;
import org.drover.module.ModuleContext;
import org.drover.ssh.ExecResult;
import org.drover.template.JinjavaTemplater;
import org.drover.template.Templater;

/** A recording ModuleContext for unit tests of module logic: answers exec calls from a queue or a function. */
final class ZfsPfTestContext implements ModuleContext {
    record Call(String script, String stdin) {
    }

    final List<Call> calls = new ArrayList<>();
    final Deque<ExecResult> answers = new ArrayDeque<>();
    BiFunction<String, String, ExecResult> responder;
    boolean check;
    boolean probeResult = true;
    final List<Duration> probes = new ArrayList<>();
    final Map<String, Object> vars = new HashMap<>();
    Path localDir = Path.of(".");

    ZfsPfTestContext answer(ExecResult r) {
        answers.add(r);
        return this;
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
        String in = stdin == null ? null : new String(stdin, StandardCharsets.UTF_8);
        calls.add(new Call(script, in));
        if (responder != null) {
            return responder.apply(script, in);
        }
        return answers.isEmpty() ? ExecResult.of(0, "", "") : answers.poll();
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
