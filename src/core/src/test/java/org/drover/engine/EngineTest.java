package org.drover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.engine.Fixtures.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.drover.engine.HostResult.Status;
import org.drover.inventory.Host;
import org.drover.inventory.Inventory;
import org.drover.module.ModuleRegistry;
import org.drover.playbook.Play;
import org.drover.transport.ExecResult;
import org.drover.template.JinjavaTemplater;
import org.drover.module.facts.FactSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {
    private static final ModuleRegistry MODULES = ModuleRegistry.load();
    private static final JinjavaTemplater TEMPLATER = new JinjavaTemplater();

    private final Recorder rec = new Recorder();

    private RunSummary run(FakeConnections fake, RunOptions opts, Inventory inv, Play... plays) {
        return new Engine(MODULES, TEMPLATER, fake, opts, rec).run(List.of(playbook(plays)), inv);
    }

    private RunSummary run(FakeConnections fake, Inventory inv, Play... plays) {
        return run(fake, options(), inv, plays);
    }

    /** Answers "echo X" with X; "false" fails. */
    private static FakeConnections echoing() {
        return new FakeConnections((host, req) -> {
            String s = req.script().strip();
            if (s.equals("false")) {
                return ExecResult.of(1, "", "failed on purpose");
            }
            if (s.startsWith("echo ")) {
                return ExecResult.of(0, s.substring(5) + "\n", "");
            }
            return ExecResult.of(0, "", "");
        });
    }

    private static Object msg(HostResult r) {
        return r.result().get("msg");
    }

    @Test
    void linearFinishesEachTaskOnEveryHostBeforeTheNext() {
        FakeConnections fake = new FakeConnections((host, req) -> {
            if (host.equals("a") && req.script().contains("one")) {
                Thread.sleep(200);
            }
            return ExecResult.of(0, "", "");
        });
        run(fake, inventory("a", "b", "c"), play("all").tasks(shell("echo one").name("one"), shell("echo two").name("two")).build());
        long lastOneEnd = fake.calls.stream().filter(c -> c.script().contains("one")).mapToLong(FakeConnections.Call::endNanos).max().orElseThrow();
        long firstTwoStart = fake.calls.stream().filter(c -> c.script().contains("two")).mapToLong(FakeConnections.Call::startNanos).min().orElseThrow();
        assertThat(firstTwoStart).isGreaterThan(lastOneEnd);
        assertThat(rec.events).containsSubsequence("task one", "end one", "task two", "end two");
    }

    @Test
    void freeLetsFastHostsRunAhead() {
        // a's first task holds until b has finished its second: only free lets b get there
        AtomicReference<FakeConnections> calls = new AtomicReference<>();
        FakeConnections fake = new FakeConnections((host, req) -> {
            if (host.equals("a") && req.script().contains("one")) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < deadline && calls.get().scripts("b").stream().noneMatch(s -> s.contains("two"))) {
                    Thread.sleep(5);
                }
            }
            return ExecResult.of(0, "", "");
        });
        calls.set(fake);
        run(fake, inventory("a", "b"), play("all").strategy("free").tasks(shell("echo one").name("one"), shell("echo two").name("two")).build());
        FakeConnections.Call aOne = fake.calls.stream().filter(c -> c.host().equals("a") && c.script().contains("one")).findFirst().orElseThrow();
        FakeConnections.Call bTwo = fake.calls.stream().filter(c -> c.host().equals("b") && c.script().contains("two")).findFirst().orElseThrow();
        assertThat(bTwo.endNanos()).isLessThan(aOne.endNanos());
        assertThat(rec.summary.hosts().get("a").changed()).isEqualTo(2);
        assertThat(rec.summary.hosts().get("b").changed()).isEqualTo(2);
    }

    @Test
    void serialBatchesRunOneAfterAnotherWithNumbersAndPercentages() {
        FakeConnections fake = echoing();
        run(fake, inventory("h1", "h2", "h3", "h4", "h5"), play("all").serial(1, "50%").tasks(shell("echo x").name("x"), shell("echo y").name("y")).build());
        assertThat(rec.events.stream().filter(e -> e.startsWith("batch")).toList())
                .containsExactly("batch [h1]", "batch [h2, h3]", "batch [h4, h5]");
        // the whole play ran on batch 1 before batch 2 started
        assertThat(fake.hostsInOrder().subList(0, 2)).containsOnly("h1");
        assertThat(fake.hostsInOrder()).hasSize(10);
    }

    @Test
    void serialSizesFromListsAndPercentages() {
        assertThat(Batches.split(List.of(1, 2, 3, 4, 5, 6, 7), List.of(2, "30%")).stream().map(List::size).toList())
                .containsExactly(2, 2, 2, 1);
        assertThat(Batches.split(List.of(1, 2, 3), List.of("10%")).stream().map(List::size).toList())
                .containsExactly(1, 1, 1);
        assertThat(Batches.split(List.of(1, 2, 3), List.of()).stream().map(List::size).toList()).containsExactly(3);
    }

    @Test
    void handlersRunOnceInDefinitionOrderOnlyWhenNotifiedByAChange() {
        FakeConnections fake = echoing();
        run(fake, inventory("a", "b"), play("all").tasks(
                        shell("echo t1").name("t1").notify("second"),
                        shell("echo t2").name("t2").notify("first"),
                        shell("echo t3").name("t3").notify("second"),
                        shell("echo t4").name("t4").notify("third").changedWhen("false"))
                .handlers(shell("echo h-first").name("first"),
                        shell("echo h-second").name("second"),
                        shell("echo h-third").name("third"),
                        shell("echo h-listener").name("listener").listen("first"))
                .build());
        assertThat(fake.scripts("a")).containsExactly("echo t1\n", "echo t2\n", "echo t3\n", "echo t4\n",
                "echo h-first\n", "echo h-second\n", "echo h-listener\n");
        assertThat(rec.of("first")).hasSize(2);
        assertThat(rec.of("first").get(0).task().handler()).isTrue();
        assertThat(rec.events).containsSubsequence("end t4", "task first", "task second", "task listener");
    }

    @Test
    void flushHandlersRunsThemMidPlay() {
        FakeConnections fake = echoing();
        run(fake, inventory("a"), play("all").tasks(
                        shell("echo t1").notify("h"),
                        task("meta", Map.of("action", "flush_handlers")),
                        shell("echo t2").notify("h"))
                .handlers(shell("echo h").name("h")).build());
        assertThat(fake.scripts("a")).containsExactly("echo t1\n", "echo h\n", "echo t2\n", "echo h\n");
    }

    @Test
    void aFailedHostLeavesThePlayWhileOthersGoOn() {
        FakeConnections fake = new FakeConnections((host, req) -> host.equals("b") && req.script().contains("one")
                ? ExecResult.of(3, "", "boom") : ExecResult.of(0, "", ""));
        RunSummary s = run(fake, inventory("a", "b", "c"), play("all").tasks(shell("echo one").name("one"), shell("echo two").name("two")).build(),
                play("all").name("second play").tasks(shell("echo three").name("three")).build());
        assertThat(rec.of("one", "b").status()).isEqualTo(Status.FAILED);
        assertThat(rec.of("one", "b").message()).contains("non-zero return code 3").contains("boom");
        assertThat(rec.ran("b")).containsExactly("one");
        assertThat(rec.ran("a")).containsExactly("one", "two", "three");
        assertThat(rec.ran("c")).containsExactly("one", "two", "three");
        assertThat(s.hosts().get("b")).isEqualTo(new HostStats(0, 0, 0, 1, 0, 0, 0, 1));
        assertThat(s.anyFailed()).isTrue();
        assertThat(s.anyUnreachable()).isFalse();
    }

    @Test
    void maxFailPercentageStopsThePlayOnlyWhenExceeded() {
        FakeConnections fake = new FakeConnections((host, req) -> (host.equals("a") || host.equals("b")) && req.script().contains("one")
                ? ExecResult.of(1, "", "") : ExecResult.of(0, "", ""));
        run(fake, inventory("a", "b", "c", "d"), play("all").maxFail(25).tasks(shell("echo one").name("one"), shell("echo two").name("two")).build());
        assertThat(rec.of("two")).isEmpty();
        assertThat(rec.warnings).anyMatch(w -> w.contains("max_fail_percentage"));

        Recorder second = new Recorder();
        FakeConnections oneFails = new FakeConnections((host, req) -> host.equals("a") && req.script().contains("one")
                ? ExecResult.of(1, "", "") : ExecResult.of(0, "", ""));
        new Engine(MODULES, TEMPLATER, oneFails, options(), second).run(List.of(playbook(
                play("all").maxFail(25).tasks(shell("echo one").name("one"), shell("echo two").name("two")).build())),
                inventory("a", "b", "c", "d"));
        assertThat(second.of("two")).extracting(HostResult::host).containsExactlyInAnyOrder("b", "c", "d");
    }

    @Test
    void anyErrorsFatalStopsEveryHost() {
        FakeConnections fake = new FakeConnections((host, req) -> host.equals("c") && req.script().contains("one")
                ? ExecResult.of(1, "", "") : ExecResult.of(0, "", ""));
        RunSummary s = run(fake, inventory("a", "b", "c"), play("all").anyErrorsFatal()
                .tasks(shell("echo one").name("one"), shell("echo two").name("two")).build());
        assertThat(rec.of("two")).isEmpty();
        assertThat(s.anyFailed()).isTrue();
    }

    @Test
    void blockRescueAlways() {
        FakeConnections fake = new FakeConnections((host, req) -> host.equals("b") && req.script().contains("risky")
                ? ExecResult.of(1, "", "nope") : ExecResult.of(0, "", ""));
        RunSummary s = run(fake, inventory("a", "b"), play("all").tasks(
                block(List.of(shell("echo risky").name("risky").build(), shell("echo after").name("after").build()),
                        List.of(debug("failed: {{ ansible_failed_task.name }}").name("rescue").build()),
                        List.of(shell("echo cleanup").name("cleanup").build())),
                shell("echo next").name("next")).build());
        assertThat(rec.ran("a")).containsExactly("risky", "after", "cleanup", "next");
        assertThat(rec.ran("b")).containsExactly("risky", "rescue", "cleanup", "next");
        assertThat(msg(rec.of("rescue", "b"))).isEqualTo("failed: risky");
        assertThat(rec.of("risky", "b").rescued()).isTrue();
        assertThat(s.hosts().get("b").rescued()).isEqualTo(1);
        assertThat(s.hosts().get("b").failed()).isZero();
        assertThat(s.anyFailed()).isFalse();
    }

    @Test
    void alwaysRunsAfterAnUnrescuedFailureAndTheHostStillFails() {
        FakeConnections fake = new FakeConnections((host, req) -> req.script().contains("risky")
                ? ExecResult.of(1, "", "") : ExecResult.of(0, "", ""));
        RunSummary s = run(fake, inventory("a"), play("all").tasks(
                block(List.of(shell("echo risky").name("risky").build()), List.of(),
                        List.of(shell("echo cleanup").name("cleanup").build())),
                shell("echo next").name("next")).build());
        assertThat(rec.ran("a")).containsExactly("risky", "cleanup");
        assertThat(s.hosts().get("a").failed()).isEqualTo(1);
    }

    @Test
    void loopsRegisterEveryItemAndWhenIsPerItem() {
        FakeConnections fake = echoing();
        run(fake, inventory("a"), play("all").tasks(
                shell("echo {{ item }}").name("echo").loop(List.of("x", "y", "z")).when("item != 'y'").register("out"),
                task("assert", Map.of("that", List.of("out.results | length == 3", "out.results[0].stdout == 'x'",
                        "out.results[1].skipped", "out.results[2].item == 'z'", "out.changed"))).name("check")).build());
        assertThat(fake.scripts("a")).containsExactly("echo x\n", "echo z\n");
        assertThat(rec.items).extracting(HostResult::item).containsExactly("x", "y", "z");
        assertThat(rec.items).extracting(HostResult::status).containsExactly(Status.CHANGED, Status.SKIPPED, Status.CHANGED);
        assertThat(rec.of("check", "a").status()).as(rec.of("check", "a").message()).isEqualTo(Status.OK);
        assertThat(rec.of("echo", "a").status()).isEqualTo(Status.CHANGED);
    }

    @Test
    void loopControlNamesTheVariableAndTheLabel() {
        FakeConnections fake = echoing();
        run(fake, inventory("a"), play("all").tasks(
                shell("echo {{ j.name }}").loop(List.of(Map.of("name", "n1", "big", "x".repeat(100))))
                        .loopControl("j", "{{ j.name }}")).build());
        assertThat(fake.scripts("a")).containsExactly("echo n1\n");
        assertThat(rec.items.get(0).item()).isEqualTo("n1");
    }

    @Test
    void retriesUntilTheConditionHolds() {
        Map<String, AtomicInteger> count = new ConcurrentHashMap<>();
        FakeConnections fake = new FakeConnections((host, req) -> {
            int n = count.computeIfAbsent(host, k -> new AtomicInteger()).incrementAndGet();
            return ExecResult.of(0, n >= 3 ? "ready\n" : "starting\n", "");
        });
        run(fake, inventory("a"), play("all").tasks(shell("status").name("wait").register("r").until(5, 0, "r.stdout == 'ready'")).build());
        assertThat(count.get("a").get()).isEqualTo(3);
        assertThat(rec.of("wait", "a").status()).isEqualTo(Status.CHANGED);
        assertThat(rec.of("wait", "a").result().get("attempts")).isEqualTo(3);
        assertThat(rec.of("wait", "a").execs()).isEqualTo(3);

        Recorder r2 = new Recorder();
        count.clear();
        new Engine(MODULES, TEMPLATER, fake, options(), r2).run(List.of(playbook(
                play("all").tasks(shell("status").name("wait").register("r").until(1, 0, "r.stdout == 'ready'")).build())),
                inventory("b"));
        assertThat(count.get("b").get()).isEqualTo(2);
        assertThat(r2.of("wait", "b").status()).isEqualTo(Status.FAILED);
        assertThat(r2.of("wait", "b").message()).contains("2 attempts");
    }

    @Test
    void runOnceRunsOnOneHostAndSharesTheRegisteredResult() {
        FakeConnections fake = echoing();
        run(fake, inventory("a", "b", "c"), play("all").tasks(
                shell("echo token").name("once").runOnce().register("r"),
                debug("{{ r.stdout }}").name("show")).build());
        assertThat(fake.calls).hasSize(1);
        assertThat(rec.of("once")).hasSize(1);
        assertThat(rec.of("show")).extracting(EngineTest::msg).containsExactly("token", "token", "token");
    }

    @Test
    void checkModeSkipsCommandsAndTaskCheckModeOverrides() {
        FakeConnections fake = echoing();
        RunOptions check = options(50, true, List.of(), List.of(), Map.of(), null);
        run(fake, check, inventory("a"), play("all").tasks(
                shell("echo skipped").name("in check"),
                shell("echo runs").name("forced").checkMode(false),
                debug("{{ ansible_check_mode }}").name("flag")).build());
        assertThat(fake.scripts("a")).containsExactly("echo runs\n");
        assertThat(rec.of("in check", "a").status()).isEqualTo(Status.SKIPPED);
        assertThat(msg(rec.of("flag", "a"))).isEqualTo(true);
    }

    @Test
    void tagsSelectWithAlwaysAndNever() {
        Play p = play("all").tasks(
                debug("a").name("a").tags("web"),
                debug("b").name("b").tags("db"),
                debug("c").name("c"),
                debug("always").name("always").tags("always"),
                debug("never").name("never").tags("never", "debugging")).build();
        assertThat(namesRun(p, List.of(), List.of())).containsExactly("a", "b", "c", "always");
        assertThat(namesRun(p, List.of("web"), List.of())).containsExactly("a", "always");
        assertThat(namesRun(p, List.of("debugging"), List.of())).containsExactly("always", "never");
        assertThat(namesRun(p, List.of(), List.of("always", "db"))).containsExactly("a", "c");
        assertThat(namesRun(p, List.of("untagged"), List.of())).containsExactly("c", "always");
    }

    private List<String> namesRun(Play p, List<String> tags, List<String> skip) {
        Recorder r = new Recorder();
        new Engine(MODULES, TEMPLATER, new FakeConnections(), options(5, false, tags, skip, Map.of(), null), r)
                .run(List.of(playbook(p)), inventory("h"));
        return r.results.stream().map(x -> x.task().name()).toList();
    }

    @Test
    void variablePrecedenceFromRoleDefaultsToExtraVars(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("vars.yml"), "v4: file\nv5: file\nv6: file\nv7: file\nv8: file\nv9: file\nv10: file\n");
        Map<String, Object> hostVars = Map.of("v2", "inventory", "v3", "inventory", "v4", "inventory", "v5", "inventory",
                "v6", "inventory", "v7", "inventory", "v8", "inventory", "v9", "inventory", "v10", "inventory");
        Inventory inv = inventory(List.of(new Host("h", List.of("all"), hostVars)));
        Map<String, Object> defaults = Map.of("v1", "default", "v2", "default", "v3", "default", "v4", "default",
                "v5", "default", "v6", "default", "v7", "default", "v8", "default", "v9", "default", "v10", "default");
        String all = "{{ v1 }} {{ v2 }} {{ v3 }} {{ v4 }} {{ v5 }} {{ v6 }} {{ v7 }} {{ v8 }} {{ v9 }} {{ v10 }}";
        Play p = play("all").baseDir(dir).varsFiles("vars.yml")
                .vars(Map.of("v3", "play", "v4", "play", "v5", "play", "v6", "play", "v7", "play", "v8", "play", "v9", "play", "v10", "play"))
                .tasks(task("set_fact", Map.of("v9", "fact", "v10", "fact")),
                        role("r", defaults, Map.of("v6", "role", "v7", "role", "v8", "role", "v9", "role", "v10", "role"),
                                List.of(block(Map.of("v7", "block", "v8", "block", "v9", "block", "v10", "block"), List.of(), List.of(),
                                        List.of(debug(all).name("show").vars(Map.of("v8", "task", "v9", "task", "v10", "task")).build())))))
                .build();
        run(new FakeConnections(), options(5, false, List.of(), List.of(), Map.of("v10", "extra"), null), inv, p);
        assertThat(msg(rec.of("r : show", "h")))
                .isEqualTo("default inventory play file file role block task fact extra");
    }

    @Test
    void templatedVariablesAreRenderedButRegisteredOutputIsNot() {
        FakeConnections fake = new FakeConnections((h, r) -> ExecResult.of(0, "{{ not_a_var }}\n", ""));
        run(fake, inventory("a"), play("all").vars(Map.of("greeting", "hello {{ who }}", "who", "{{ inventory_hostname }}"))
                .tasks(debug("{{ greeting }}").name("greet"),
                        shell("cat template").register("out"),
                        debug("{{ out.stdout }}").name("raw")).build());
        assertThat(msg(rec.of("greet", "a"))).isEqualTo("hello a");
        assertThat(msg(rec.of("raw", "a"))).isEqualTo("{{ not_a_var }}");
    }

    @Test
    void hostOutputIsNeverRenderedAgainThroughSetFactOrDefinitions() {
        FakeConnections fake = new FakeConnections((h, r) -> ExecResult.of(0, "{{ secret }} {{ hostvars['b']['port'] }}\n", ""));
        String literal = "{{ secret }} {{ hostvars['b']['port'] }}";
        run(fake, inventory(List.of(new Host("a", List.of("all"), Map.of()), new Host("b", List.of("all"), Map.of("port", 2222)))),
                play("all").vars(Map.of("secret", "s3cret")).tasks(
                        shell("cat /etc/motd").register("r"),
                        task("set_fact", Map.of("x", "{{ r.stdout }}", "y", "got: {{ r.stdout }}")),
                        debug("{{ x }}").name("fact"),
                        debug("{{ y }}").name("fact in text"),
                        debug("[{{ x }}]").name("fact in a template"),
                        debug("[{{ r.stdout }}]").name("registered in a template"),
                        debug("{{ v }}").name("definition of a result").vars(Map.of("v", "{{ r.stdout }}")),
                        debug("<{{ w }}>").name("definition of a fact").vars(Map.of("w", "[{{ y }}]"))).build());
        for (String h : List.of("a", "b")) {
            assertThat(msg(rec.of("fact", h))).isEqualTo(literal);
            assertThat(msg(rec.of("fact in text", h))).isEqualTo("got: " + literal);
            assertThat(msg(rec.of("fact in a template", h))).isEqualTo("[" + literal + "]");
            assertThat(msg(rec.of("registered in a template", h))).isEqualTo("[" + literal + "]");
            assertThat(msg(rec.of("definition of a result", h))).isEqualTo(literal);
            assertThat(msg(rec.of("definition of a fact", h))).isEqualTo("<[got: " + literal + "]>");
        }
    }

    @Test
    void anotherHostsDataThroughHostvarsStaysLiteral() {
        FakeConnections fake = new FakeConnections((h, r) -> ExecResult.of(0, h.equals("b") ? "{{ secret }}\n" : "\n", ""));
        run(fake, inventory("a", "b"), play("all").vars(Map.of("secret", "s3cret")).tasks(
                shell("hostname").register("r"),
                task("set_fact", Map.of("mine", "{{ r.stdout }}")),
                debug("b says {{ hostvars['b']['r']['stdout'] }}").name("registered"),
                debug("b has {{ hostvars.b.mine }}").name("fact"),
                debug("{{ hostvars['b'] }}").name("whole")).build());
        assertThat(msg(rec.of("registered", "a"))).isEqualTo("b says {{ secret }}");
        assertThat(msg(rec.of("fact", "a"))).isEqualTo("b has {{ secret }}");
        assertThat(String.valueOf(msg(rec.of("whole", "a")))).contains("{{ secret }}").doesNotContain("s3cret");
    }

    @Test
    void definitionsReferencingDefinitionsResolveLazilyAtAnyDepth() {
        FakeConnections fake = echoing();
        run(fake, inventory(List.of(new Host("a", List.of("all"), Map.of("d", "{{ e }}", "e", "{{ inventory_hostname }}")))),
                play("all").vars(Map.of("a", "{{ b }}-1", "b", "{{ c }}-2", "c", "{{ d }}", "n", "{{ [b, c] }}"))
                        .tasks(debug("{{ a }}").name("chain"),
                                debug("{{ n }}").name("native"),
                                debug("{{ t }}").name("task level").vars(Map.of("t", "{{ a | upper }}"))).build());
        assertThat(msg(rec.of("chain", "a"))).isEqualTo("a-2-1");
        assertThat(msg(rec.of("native", "a"))).isEqualTo(List.of("a-2", "a"));
        assertThat(msg(rec.of("task level", "a"))).isEqualTo("A-2-1");
    }

    @Test
    void anotherHostsDefinitionsThroughHostvarsRenderInItsOwnContext() {
        FakeConnections fake = echoing();
        run(fake, inventory(List.of(new Host("a", List.of("all"), Map.of("peer", "{{ hostvars['b']['url'] }}", "back", "{{ hostvars.b.loop }}")),
                        new Host("b", List.of("all"), Map.of("url", "http://{{ inventory_hostname }}:{{ port }}", "port", 80,
                                "loop", "{{ hostvars.a.back }}")))),
                play("a").tasks(debug("{{ hostvars.b.url }}").name("direct"),
                        debug("to {{ peer }}").name("through a definition"),
                        debug("{{ back }}").name("cross-host cycle").ignoreErrors()).build());
        assertThat(msg(rec.of("direct", "a"))).isEqualTo("http://b:80");
        assertThat(msg(rec.of("through a definition", "a"))).isEqualTo("to http://b:80");
        assertThat(rec.of("cross-host cycle", "a").status()).isEqualTo(Status.FAILED);
        assertThat(rec.of("cross-host cycle", "a").message()).contains("recursive loop detected in variable");
    }

    @Test
    void aDefinitionThatCannotRenderFailsOnlyTheTasksThatReadIt() {
        FakeConnections fake = echoing();
        run(fake, inventory("a"), play("all").vars(Map.of("bad", "{{ nope }}", "worse", "x {{ bad }}", "ok", "fine"))
                .tasks(debug("{{ ok }}").name("unrelated"),
                        debug("[{{ worse }}]").name("reads it").ignoreErrors(),
                        debug("{{ bad | default('d') }}").name("defaulted").ignoreErrors(),
                        debug("defined").name("tested").when("bad is defined").ignoreErrors()).build());
        assertThat(msg(rec.of("unrelated", "a"))).isEqualTo("fine");
        assertThat(rec.of("reads it", "a").status()).isEqualTo(Status.FAILED);
        assertThat(rec.of("reads it", "a").message()).contains("'worse' is undefined").contains("'nope' is undefined");
        assertThat(msg(rec.of("defaulted", "a"))).isEqualTo("d");
        assertThat(rec.of("tested", "a").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void recursiveDefinitionsFailTheTaskNamingTheCycle() {
        FakeConnections fake = echoing();
        run(fake, inventory("a"), play("all").vars(Map.of("a", "{{ b }}", "b", "x {{ a }}", "s", "{{ s }}", "ok", "fine"))
                .tasks(debug("{{ a }}").name("pair").ignoreErrors(),
                        debug("[{{ s }}]").name("self").ignoreErrors(),
                        debug("{{ ok }}").name("unrelated")).build());
        assertThat(rec.of("pair", "a").status()).isEqualTo(Status.FAILED);
        assertThat(rec.of("pair", "a").message()).contains("recursive loop detected in variable 'a' (a -> b -> a)");
        assertThat(rec.of("self", "a").status()).isEqualTo(Status.FAILED);
        assertThat(rec.of("self", "a").message()).contains("recursive loop detected in variable 's' (s -> s)");
        assertThat(msg(rec.of("unrelated", "a"))).isEqualTo("fine");
    }

    @Test
    void anUnreachableHostDoesNotStallTheOthers() {
        FakeConnections fake = echoing();
        fake.unreachable.add("b");
        fake.dropping.add("c");
        RunSummary s = run(fake, inventory("a", "b", "c", "d"), play("all").tasks(
                debug("no connection needed").name("d1"),
                shell("echo one").name("one"),
                shell("echo two").name("two")).build());
        assertThat(rec.of("one", "b").status()).isEqualTo(Status.UNREACHABLE);
        assertThat(rec.of("one", "c").status()).isEqualTo(Status.UNREACHABLE);
        assertThat(rec.of("one", "b").message()).contains("connection refused");
        assertThat(rec.ran("a")).containsExactly("d1", "one", "two");
        assertThat(rec.ran("d")).containsExactly("d1", "one", "two");
        assertThat(rec.ran("b")).containsExactly("d1", "one");
        assertThat(s.hosts().get("b").unreachable()).isEqualTo(1);
        assertThat(s.anyUnreachable()).isTrue();
        assertThat(s.anyFailed()).isFalse();
    }

    @Test
    void oneConnectionPerHostOpenedLazilyAndClosedAtTheEnd() {
        FakeConnections fake = echoing();
        RunSummary s = run(fake, inventory("a", "b"), play("all").tasks(
                debug("x"), task("set_fact", Map.of("y", 1)), task("assert", Map.of("that", List.of("y == 1")))).build());
        assertThat(fake.opened.get()).isZero();
        assertThat(s.execs()).isZero();

        FakeConnections fake2 = echoing();
        RunSummary s2 = new Engine(MODULES, TEMPLATER, fake2, options(), new Recorder()).run(List.of(playbook(play("all").tasks(
                shell("echo 1"), shell("echo 2"), shell("echo 3")).build())), inventory("a", "b"));
        assertThat(fake2.opened.get()).isEqualTo(2);
        assertThat(fake2.closed.get()).isEqualTo(2);
        assertThat(s2.execs()).isEqualTo(6);
        assertThat(s2.tasks()).allSatisfy(t -> assertThat(t.execsPerHost()).isEqualTo(1.0));
    }

    @Test
    void interruptStartsNoNewTaskAndStillReturnsTheRecap() throws Exception {
        // the slow command runs on both hosts until the interrupt has been sent: no timing to win
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch interrupted = new CountDownLatch(1);
        FakeConnections fake = new FakeConnections((host, req) -> {
            if (req.script().contains("slow-command")) {
                running.countDown();
                interrupted.await(10, TimeUnit.SECONDS);
            }
            return ExecResult.of(0, "", "");
        });
        Engine engine = new Engine(MODULES, TEMPLATER, fake, options(), rec);
        Thread stopper = new Thread(() -> {
            try {
                running.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            engine.interrupt();
            interrupted.countDown();
        });
        stopper.start();
        RunSummary s = engine.run(List.of(playbook(play("all").tasks(
                shell("echo slow-command").name("slow"), shell("echo after").name("after")).build(),
                play("all").name("p2").tasks(shell("echo p2")).build())), inventory("a", "b"));
        stopper.join();
        assertThat(s.interrupted()).isTrue();
        assertThat(rec.of("slow")).hasSize(2).allMatch(r -> r.status() == Status.CHANGED);
        assertThat(rec.of("after")).isEmpty();
        assertThat(rec.summary).isSameAs(s);
        assertThat(fake.calls).hasSize(2);
    }

    @Test
    void changedWhenFailedWhenAndIgnoreErrors() {
        FakeConnections fake = echoing();
        RunSummary s = run(fake, inventory("a"), play("all").tasks(
                shell("echo 5").name("quiet").register("r").changedWhen("false"),
                shell("echo 5").name("judged").register("r2").failedWhen("r2.stdout | int > 3"),
                shell("false").name("forgiven").failedWhen("false"),
                shell("false").name("ignored").ignoreErrors(),
                debug("still here").name("last")).build());
        assertThat(rec.of("quiet", "a").status()).isEqualTo(Status.OK);
        assertThat(rec.of("judged", "a").status()).isEqualTo(Status.FAILED);
        assertThat(rec.ran("a")).containsExactly("quiet", "judged");

        Recorder r2 = new Recorder();
        RunSummary s2 = new Engine(MODULES, TEMPLATER, echoing(), options(), r2).run(List.of(playbook(play("all").tasks(
                shell("false").name("forgiven").failedWhen("false"),
                shell("false").name("ignored").ignoreErrors(),
                debug("still here").name("last")).build())), inventory("a"));
        assertThat(r2.of("forgiven", "a").status()).isEqualTo(Status.CHANGED);
        assertThat(r2.of("ignored", "a").ignored()).isTrue();
        assertThat(r2.of("last", "a").status()).isEqualTo(Status.OK);
        assertThat(s2.hosts().get("a").ignored()).isEqualTo(1);
        assertThat(s2.anyFailed()).isFalse();
        assertThat(s.anyFailed()).isTrue();
    }

    @Test
    void delegateToLocalhostRunsOnTheController() {
        FakeConnections fake = echoing();
        run(fake, inventory("a"), play("all").tasks(
                shell("echo local-$((40 + 2)) {{ inventory_hostname }}").name("here").delegateTo("localhost").register("r")).build());
        assertThat(fake.calls).isEmpty();
        assertThat(rec.of("here", "a").result().get("stdout")).isEqualTo("local-42 a");
        assertThat(rec.of("here", "a").delegatedTo()).isEqualTo("localhost");
    }

    @Test
    void noLogHidesArgumentsAndResults() {
        FakeConnections fake = echoing();
        run(fake, inventory("a"), play("all").tasks(shell("echo secret").name("hidden").noLog().register("r"),
                debug("{{ r.stdout }}").name("registered keeps it")).build());
        HostResult r = rec.of("hidden", "a");
        assertThat(r.result().toString()).doesNotContain("secret");
        assertThat(r.noLog()).isTrue();
        assertThat(msg(rec.of("registered keeps it", "a"))).isEqualTo("secret");
    }

    @Test
    void factsAreGatheredInOneRoundTrip() {
        FakeConnections fake = new FakeConnections((h, r) -> r.script().contains("uname -s")
                ? ExecResult.of(0, FactSamples.hostOutput(h + ".example.org"), "")
                : ExecResult.of(0, "", ""));
        run(fake, inventory("a"), play("all").gatherFacts().tasks(
                debug("{{ ansible_system }} {{ ansible_facts.distribution_version }} {{ drover_facts.hostname }} "
                        + "{{ ansible_distribution_major_version }}").name("show")).build());
        assertThat(fake.calls).hasSize(1);
        assertThat(rec.of("Gathering Facts", "a").status()).isEqualTo(Status.OK);
        // Ansible's distribution_version on FreeBSD: major.minor of uname -r
        assertThat(msg(rec.of("show", "a"))).isEqualTo("FreeBSD 14.3 a 14");
    }

    @Test
    void limitIntersectsThePlayHosts() {
        FakeConnections fake = echoing();
        run(fake, options(5, false, List.of(), List.of(), Map.of(), "web"),
                inventory(Map.of("a", "web", "b", "db", "c", "web"), "a", "b", "c"),
                play("all").tasks(shell("echo x")).build());
        assertThat(fake.calls).extracting(FakeConnections.Call::host).containsExactlyInAnyOrder("a", "c");
        assertThat(rec.summary.hosts().keySet()).containsExactly("a", "c");
    }

    @Test
    void argumentErrorsAndTemplateErrorsFailTheTaskWithAMessage() {
        run(new FakeConnections(), inventory("a", "b"), play("all").tasks(
                task("copy", Map.of("dest", "/x", "content", "y", "colour", "red")).name("bad arg")).build());
        assertThat(rec.of("bad arg", "a").message()).contains("no argument 'colour'");
        Recorder r2 = new Recorder();
        new Engine(MODULES, TEMPLATER, new FakeConnections(), options(), r2).run(List.of(playbook(play("all").tasks(
                debug("{{ nowhere }}").name("undefined")).build())), inventory("a"));
        assertThat(r2.of("undefined", "a").status()).isEqualTo(Status.FAILED);
        assertThat(r2.of("undefined", "a").message()).contains("nowhere");
    }

    @Test
    void becomeCombinesKeywordsHostVarsAndOptions() {
        FakeConnections fake = echoing();
        Inventory inv = inventory(List.of(new Host("a", List.of("all"), Map.of("drover_become_method", "doas"))));
        run(fake, inv, play("all").become(new org.drover.playbook.BecomeSpec(true, null, null)).tasks(
                shell("echo 1").name("play become"),
                shell("echo 2").name("task off").become(new org.drover.playbook.BecomeSpec(false, null, null)),
                shell("echo 3").name("task user").become(new org.drover.playbook.BecomeSpec(null, "www", "su"))).build());
        var reqs = fake.calls.stream().map(FakeConnections.Call::request).toList();
        assertThat(reqs.get(0).become().method()).isEqualTo(org.drover.transport.Become.Method.DOAS);
        assertThat(reqs.get(0).become().user()).isEqualTo("root");
        assertThat(reqs.get(1).become()).isNull();
        assertThat(reqs.get(2).become().method()).isEqualTo(org.drover.transport.Become.Method.SU);
        assertThat(reqs.get(2).become().user()).isEqualTo("www");
    }

    @Test
    void becomeUserOfTheCommandLineIsTheLowestPrecedence() {
        FakeConnections fake = echoing();
        Inventory inv = inventory(List.of(new Host("a", List.of("all"), Map.of()),
                new Host("b", List.of("all"), Map.of("ansible_become_user", "hostuser"))));
        RunOptions d = RunOptions.defaults();
        RunOptions cli = new RunOptions(d.execution(), d.mode(), d.selection(),
                new RunOptions.BecomeDefaults(true, null, "cliuser", null), Map.of());
        new Engine(MODULES, TEMPLATER, fake, cli, rec).run(List.of(playbook(play("all").tasks(
                shell("echo 1").name("default"),
                shell("echo 2").name("keyword").become(new org.drover.playbook.BecomeSpec(null, "www", null))).build())),
                inv);
        Map<String, List<String>> users = new java.util.TreeMap<>();
        fake.calls.forEach(c -> users.computeIfAbsent(c.host(), h -> new java.util.ArrayList<>()).add(c.request().become().user()));
        assertThat(users).containsEntry("a", List.of("cliuser", "www")).containsEntry("b", List.of("hostuser", "www"));
    }

    @Test
    void stepAsksBeforeEachTaskUntilContinue() {
        FakeConnections fake = echoing();
        RunOptions d = RunOptions.defaults();
        java.util.Deque<Step.Answer> answers = new java.util.ArrayDeque<>(List.of(Step.Answer.YES, Step.Answer.NO,
                Step.Answer.CONTINUE));
        List<String> asked = new java.util.ArrayList<>();
        Step step = task -> {
            asked.add(task);
            return answers.pop();
        };
        RunOptions stepping = new RunOptions(d.execution(), d.mode(), new RunOptions.Selection(null, List.of(),
                List.of(), null, null, step), d.become(), Map.of());
        new Engine(MODULES, TEMPLATER, fake, stepping, rec).run(List.of(playbook(
                play("all").tasks(shell("echo 1").name("one"), shell("echo 2").name("two"),
                        shell("echo 3").name("three"), shell("echo 4").name("four")).build())), inventory("a", "b"));
        assertThat(asked).containsExactly("one", "two", "three");
        assertThat(fake.scripts("a")).containsExactly("echo 1\n", "echo 3\n", "echo 4\n");
        assertThat(rec.of("two")).isEmpty();
        assertThat(Step.parse(" Yes")).isEqualTo(Step.Answer.YES);
        assertThat(Step.parse("c")).isEqualTo(Step.Answer.CONTINUE);
        assertThat(Step.parse("")).isEqualTo(Step.Answer.NO);
    }

    @Test
    void startAtTaskSkipsTheTasksBeforeTheFirstMatchInAnyPlay() {
        FakeConnections fake = echoing();
        RunOptions d = RunOptions.defaults();
        RunOptions from = new RunOptions(d.execution(), d.mode(), new RunOptions.Selection(null, List.of(), List.of(),
                "tw*"), d.become(), Map.of());
        new Engine(MODULES, TEMPLATER, fake, from, rec).run(List.of(playbook(
                play("all").tasks(shell("echo 1").name("one"), shell("echo 2").name("two"),
                        shell("echo 3").name("three")).build(),
                play("all").tasks(shell("echo 4").name("four")).build())), inventory("a"));
        assertThat(fake.calls).extracting(FakeConnections.Call::script)
                .allSatisfy(sc -> assertThat(sc).doesNotContain("echo 1"))
                .anySatisfy(sc -> assertThat(sc).contains("echo 2"))
                .anySatisfy(sc -> assertThat(sc).contains("echo 4"));
        assertThat(fake.calls).hasSize(3);

        Recorder none = new Recorder();
        FakeConnections nothing = echoing();
        RunOptions missing = new RunOptions(d.execution(), d.mode(), new RunOptions.Selection(null, List.of(),
                List.of(), "nosuch"), d.become(), Map.of());
        new Engine(MODULES, TEMPLATER, nothing, missing, none).run(List.of(playbook(
                play("all").tasks(shell("echo 1").name("one")).build())), inventory("a"));
        assertThat(nothing.calls).isEmpty();
        assertThat(none.warnings).contains("No matching task \"nosuch\" found. Note: --start-at-task can only follow"
                + " static includes.");
    }

    @Test
    void taskTimeoutBoundsEachRequest() {
        FakeConnections fake = echoing();
        run(fake, inventory("a"), play("all").tasks(
                shell("echo 1").name("bounded").timeout(3),
                shell("echo 2").name("default")).build());
        assertThat(fake.calls.get(0).request().timeout()).isLessThanOrEqualTo(java.time.Duration.ofSeconds(3))
                .isGreaterThan(java.time.Duration.ofSeconds(2));
        assertThat(fake.calls.get(1).request().timeout()).isEqualTo(RunOptions.defaults().execution().commandTimeout());
    }

    @Test
    void templatedVarsFilesAreLoadedPerHost(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("web.yml"), "role: webserver\n");
        Files.writeString(dir.resolve("db.yml"), "role: database\n");
        Inventory inv = inventory(List.of(new Host("w", List.of("all"), Map.of("kind", "web")),
                new Host("d", List.of("all"), Map.of("kind", "db"))));
        run(new FakeConnections(), inv, play("all").baseDir(dir).varsFiles("{{ kind }}.yml")
                .tasks(debug("{{ role }}").name("show")).build());
        assertThat(msg(rec.of("show", "w"))).isEqualTo("webserver");
        assertThat(msg(rec.of("show", "d"))).isEqualTo("database");
    }

    @Test
    void aMissingVarsFileFailsTheHostWithTheFileName(@TempDir Path dir) {
        RunSummary s = run(new FakeConnections(), inventory("a"), play("all").baseDir(dir).varsFiles("missing.yml")
                .tasks(debug("x").name("show")).build());
        assertThat(rec.of("show", "a").status()).isEqualTo(Status.FAILED);
        assertThat(rec.of("show", "a").message()).contains("missing.yml");
        assertThat(s.anyFailed()).isTrue();
    }

    @Test
    void exceedingMaxFailPercentageInABatchSkipsTheLaterBatches() {
        FakeConnections fake = new FakeConnections((host, req) -> host.equals("b") ? ExecResult.of(1, "", "") : ExecResult.of(0, "", ""));
        RunSummary s = run(fake, inventory("a", "b", "c", "d"), play("all").serial(2).maxFail(0)
                .tasks(shell("echo one").name("one")).build());
        assertThat(rec.of("one")).extracting(HostResult::host).containsExactlyInAnyOrder("a", "b");
        assertThat(s.hosts().keySet()).containsExactly("a", "b");
        assertThat(s.anyFailed()).isTrue();
    }

    @Test
    void freeStrategyKeepsRescueAndHandlersPerHost() {
        FakeConnections fake = new FakeConnections((host, req) -> host.equals("b") && req.script().contains("risky")
                ? ExecResult.of(1, "", "") : ExecResult.of(0, "", ""));
        RunSummary s = run(fake, inventory("a", "b", "c"), play("all").strategy("free").tasks(
                        block(List.of(shell("echo risky").name("risky").notify("h").build()),
                                List.of(shell("echo rescue").name("rescue").build()), List.of()),
                        shell("echo last").name("last"))
                .handlers(shell("echo handler").name("h")).build());
        assertThat(fake.scripts("a")).containsExactly("echo risky\n", "echo last\n", "echo handler\n");
        assertThat(fake.scripts("b")).containsExactly("echo risky\n", "echo rescue\n", "echo last\n");
        assertThat(s.hosts().get("b").rescued()).isEqualTo(1);
        assertThat(rec.events.stream().filter(e -> e.equals("task risky")).count()).isEqualTo(1);
        assertThat(s.anyFailed()).isFalse();
    }
}
