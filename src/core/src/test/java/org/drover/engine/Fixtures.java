package org.drover.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.inventory.Group;
import org.drover.inventory.Host;
import org.drover.inventory.Inventory;
import org.drover.playbook.BecomeSpec;
import org.drover.playbook.Block;
import org.drover.playbook.RoleMeta;
import org.drover.playbook.LoopControl;
import org.drover.playbook.Play;
import org.drover.playbook.Playbook;
import org.drover.playbook.Task;
import org.drover.playbook.TaskNode;
import org.drover.yaml.SourceMark;

/** Builders for the playbook model, so engine tests read like the YAML they stand for. */
final class Fixtures {
    private Fixtures() {}

    static final SourceMark MARK = new SourceMark("test.yml", 1, 1);

    static Inventory inventory(String... names) {
        return inventory(Map.of(), names);
    }

    /** Hosts h in group "all" and, when given, in groupOf(h). */
    static Inventory inventory(Map<String, String> groupOf, String... names) {
        List<Host> hosts = new ArrayList<>();
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (String n : names) {
            List<String> groups = new ArrayList<>(List.of("all"));
            if (groupOf.containsKey(n)) {
                groups.add(groupOf.get(n));
                members.computeIfAbsent(groupOf.get(n), k -> new ArrayList<>()).add(n);
            }
            hosts.add(new Host(n, groups, Map.of()));
        }
        List<Group> groups = new ArrayList<>();
        groups.add(new Group("all", Arrays.asList(names), List.of(), Map.of()));
        members.forEach((g, hs) -> groups.add(new Group(g, hs, List.of(), Map.of())));
        return new Inventory(hosts, groups);
    }

    static Inventory inventory(List<Host> hosts) {
        return new Inventory(hosts, List.of(new Group("all", hosts.stream().map(Host::name).toList(), List.of(), Map.of())));
    }

    static Playbook playbook(Play... plays) {
        return new Playbook(Path.of("site.yml"), List.of(plays));
    }

    static T task(String module, Map<String, Object> args) {
        return new T(module, args);
    }

    static T shell(String script) {
        return new T("shell", Map.of("cmd", script));
    }

    static T debug(String msg) {
        return new T("debug", Map.of("msg", msg));
    }

    static P play(String hosts) {
        return new P(hosts);
    }

    static Block block(List<TaskNode> body, List<TaskNode> rescue, List<TaskNode> always) {
        return new Block(null, body, rescue, always, List.of(), Map.of(), List.of(), BecomeSpec.UNSET, null, null,
                Map.of(), null, null, null, MARK);
    }

    static Block block(Map<String, Object> vars, List<String> when, List<String> tags, List<TaskNode> body) {
        return new Block(null, body, List.of(), List.of(), when, vars, tags, BecomeSpec.UNSET, null, null, Map.of(),
                null, null, null, MARK);
    }

    static Block role(String name, Map<String, Object> defaults, Map<String, Object> vars, List<TaskNode> body) {
        return new Block(null, body, List.of(), List.of(), List.of(), vars, List.of(), BecomeSpec.UNSET, null, name,
                defaults, null, null, new RoleMeta(name, true, RoleMeta.Visibility.PLAY, false, Map.of()), MARK);
    }

    static RunOptions options() {
        return RunOptions.defaults();
    }

    /** RunOptions.defaults() with a few fields replaced. */
    static RunOptions options(int forks, boolean check, List<String> tags, List<String> skipTags,
                              Map<String, Object> extraVars, String limit) {
        RunOptions d = RunOptions.defaults();
        return new RunOptions(new RunOptions.Execution(forks, Duration.ofSeconds(20), d.execution().verbosity()),
                new RunOptions.Mode(check, d.mode().diff()), new RunOptions.Selection(limit, tags, skipTags),
                d.become(), extraVars);
    }

    /** A task under construction. */
    static final class T {
        String name, module, register, delegateTo;
        Map<String, Object> args;
        List<String> when = List.of(), notifies = List.of(), listen = List.of(), tags = List.of(),
                changedWhen = List.of(), failedWhen = List.of(), until = List.of();
        Object loop;
        LoopControl loopControl = LoopControl.DEFAULT;
        Boolean ignoreErrors, checkMode, diff;
        Map<String, Object> vars = Map.of();
        Integer retries, delay, timeout;
        boolean runOnce, noLog;
        BecomeSpec become = BecomeSpec.UNSET;

        T(String module, Map<String, Object> args) {
            this.module = module;
            this.args = args;
        }

        T name(String n) { name = n; return this; }
        T when(String... w) { when = List.of(w); return this; }
        T loop(Object l) { loop = l; return this; }
        T loopControl(String var, String label) { loopControl = new LoopControl(var, null, label, 0, false, true); return this; }
        T register(String r) { register = r; return this; }
        T notify(String... n) { notifies = List.of(n); return this; }
        T listen(String... l) { listen = List.of(l); return this; }
        T tags(String... t) { tags = List.of(t); return this; }
        T ignoreErrors() { ignoreErrors = true; return this; }
        T changedWhen(String... c) { changedWhen = List.of(c); return this; }
        T failedWhen(String... c) { failedWhen = List.of(c); return this; }
        T checkMode(boolean c) { checkMode = c; return this; }
        T vars(Map<String, Object> v) { vars = v; return this; }
        T until(int retries, int delay, String... u) { this.retries = retries; this.delay = delay; until = List.of(u); return this; }
        T runOnce() { runOnce = true; return this; }
        T delegateTo(String d) { delegateTo = d; return this; }
        T noLog() { noLog = true; return this; }
        T timeout(int s) { timeout = s; return this; }
        T become(BecomeSpec b) { become = b; return this; }

        Task build() {
            return new Task(name, module, args, when, loop, loopControl, register, notifies, listen, tags,
                    ignoreErrors, changedWhen, failedWhen, checkMode, diff, become, vars, retries, until, delay,
                    runOnce, delegateTo, noLog, timeout, Map.of(), MARK);
        }
    }

    /** A play under construction; gather_facts off unless asked (tests count round trips). */
    static final class P {
        String name = "test", hosts, strategy = "linear";
        Map<String, Object> vars = Map.of();
        List<String> varsFiles = List.of(), tags = List.of();
        List<Object> serial = List.of();
        Integer maxFail;
        boolean anyErrorsFatal, gatherFacts;
        List<TaskNode> tasks = new ArrayList<>(), pre = List.of(), post = List.of();
        List<Task> handlers = new ArrayList<>();
        Path baseDir;
        BecomeSpec become = BecomeSpec.UNSET;

        P(String hosts) {
            this.hosts = hosts;
        }

        P name(String n) { name = n; return this; }
        P strategy(String s) { strategy = s; return this; }
        P vars(Map<String, Object> v) { vars = v; return this; }
        P varsFiles(String... f) { varsFiles = List.of(f); return this; }
        P serial(Object... s) { serial = List.of(s); return this; }
        P maxFail(int pct) { maxFail = pct; return this; }
        P anyErrorsFatal() { anyErrorsFatal = true; return this; }
        P gatherFacts() { gatherFacts = true; return this; }
        P baseDir(Path p) { baseDir = p; return this; }
        P tags(String... t) { tags = List.of(t); return this; }
        P become(BecomeSpec b) { become = b; return this; }

        P tasks(Object... nodes) {
            for (Object n : nodes) {
                tasks.add(n instanceof T t ? t.build() : (TaskNode) n);
            }
            return this;
        }

        P handlers(T... hs) {
            for (T h : hs) {
                handlers.add(h.build());
            }
            return this;
        }

        Play build() {
            return new Play(name, hosts, vars, varsFiles.stream().map(List::of).toList(), become, serial, strategy, maxFail, anyErrorsFatal,
                    null, gatherFacts, List.of(), pre, tasks, post, handlers, tags, Map.of(), baseDir, MARK);
        }
    }
}
