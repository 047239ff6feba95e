package org.drover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.engine.Fixtures.*;

import java.util.List;
import java.util.Map;
import org.drover.engine.HostResult.Status;
import org.drover.inventory.Host;
import org.drover.module.ModuleRegistry;
import org.drover.playbook.Play;
import org.drover.template.JinjavaTemplater;
import org.drover.transport.ExecResult;
import org.drover.module.facts.FactSamples;
import org.junit.jupiter.api.Test;

/** Jail targets and {@code jail:}: jexec over the physical host's one connection. */
class JailTargetTest {
    private static final ModuleRegistry MODULES = ModuleRegistry.load();
    private static final JinjavaTemplater TEMPLATER = new JinjavaTemplater();
    private final Recorder rec = new Recorder();

    private RunSummary run(FakeConnections fake, List<Host> hosts, Play play) {
        return new Engine(MODULES, TEMPLATER, fake, options(), rec).run(List.of(playbook(play)), inventory(hosts));
    }

    private static Host host(String name, Map<String, Object> vars) {
        return new Host(name, List.of("all"), vars);
    }

    @Test
    void jailTargetsShareTheirHostsOneConnectionAndRunThroughJexec() {
        FakeConnections fake = new FakeConnections();
        run(fake, List.of(host("lab01", Map.of()), host("webserver@lab01", Map.of()),
                        host("db", Map.of("drover_jail", "database", "drover_jail_host", "lab01")),
                        host("cache", Map.of("ansible_connection", "community.general.jail", "ansible_host", "redis",
                                "drover_jail_host", "lab01"))),
                play("all").tasks(shell("echo hi").name("hi")).build());
        assertThat(fake.opened.get()).isEqualTo(1);
        assertThat(fake.calls).hasSize(4).allMatch(c -> c.host().equals("lab01"));
        assertThat(fake.calls.stream().map(FakeConnections.Call::script).map(s -> s.split(" /bin/sh")[0].strip()))
                .containsExactlyInAnyOrder("echo hi", "jexec webserver", "jexec database", "jexec redis");
        assertThat(rec.summary.hosts().keySet()).contains("webserver@lab01", "db", "cache");
        assertThat(rec.of("hi", "webserver@lab01").status()).isEqualTo(Status.CHANGED);
    }

    @Test
    void theJailKeywordRunsOneTaskInAJailOfAnyHost() {
        FakeConnections fake = new FakeConnections();
        run(fake, List.of(host("lab01", Map.of())),
                play("all").tasks(shell("echo in").name("in").vars(Map.of("drover_jail", "{{ j }}")),
                        shell("echo out").name("out")).vars(Map.of("j", "webserver")).build());
        assertThat(fake.scripts("lab01").get(0)).startsWith("jexec webserver /bin/sh -c ");
        assertThat(fake.scripts("lab01").get(1)).isEqualTo("echo out\n");
    }

    @Test
    void aStoppedJailFailsTheTaskNamingJailAndHostAndTheHostGoesOn() {
        FakeConnections fake = new FakeConnections((h, r) -> r.script().startsWith("jexec ")
                ? ExecResult.of(1, "", "jexec: jail \"webserver\" not found\n") : ExecResult.of(0, "", ""));
        run(fake, List.of(host("lab01", Map.of()), host("webserver@lab01", Map.of())),
                play("all").tasks(shell("echo hi").name("hi")).build());
        HostResult r = rec.of("hi", "webserver@lab01");
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.message()).contains("jail webserver is not running on lab01");
        assertThat(rec.of("hi", "lab01").status()).isEqualTo(Status.CHANGED);
        assertThat(rec.summary.hosts().get("lab01").unreachable()).isZero();
    }

    @Test
    void inCheckModeATaskInAJailThatDoesNotRunIsSkippedSayingWhy() {
        FakeConnections fake = new FakeConnections((h, r) -> r.script().startsWith("jexec ")
                ? ExecResult.of(1, "", "jexec: jail \"webserver\" not found\n") : ExecResult.of(0, "", ""));
        new Engine(MODULES, TEMPLATER, fake, options(50, true, List.of(), List.of(), Map.of(), null), rec)
                .run(List.of(playbook(play("all").tasks(shell("echo hi").name("forced").checkMode(false)
                        .vars(Map.of("drover_jail", "webserver"))).build())), inventory(List.of(host("lab01", Map.of()))));
        HostResult r = rec.of("forced", "lab01");
        assertThat(r.status()).isEqualTo(Status.SKIPPED);
        assertThat(r.message()).isEqualTo("jail webserver is not running on lab01 (jexec: jail \"webserver\" not "
                + "found); in check mode nothing inside it can be read");
    }

    @Test
    void aJailTargetWithoutItsHostIsUnreachableWithTheReason() {
        FakeConnections fake = new FakeConnections();
        run(fake, List.of(host("webserver@nowhere", Map.of()),
                        host("cache", Map.of("ansible_connection", "community.general.jail"))),
                play("all").tasks(shell("echo hi").name("hi")).build());
        assertThat(rec.of("hi", "webserver@nowhere").status()).isEqualTo(Status.UNREACHABLE);
        assertThat(rec.of("hi", "webserver@nowhere").message()).contains("no inventory host nowhere");
        assertThat(rec.of("hi", "cache").message()).contains("set drover_jail_host");
        assertThat(fake.opened.get()).isZero();
    }

    @Test
    void aJailNameThatIsNotOneFailsTheTaskBeforeAnythingRuns() {
        FakeConnections fake = new FakeConnections();
        run(fake, List.of(host("lab01", Map.of("bad", "x; reboot"))),
                play("all").tasks(shell("echo in").name("in").vars(Map.of("drover_jail", "{{ bad }}"))).build());
        assertThat(rec.of("in", "lab01").status()).isEqualTo(Status.FAILED);
        assertThat(rec.of("in", "lab01").message()).contains("not a jail name");
        assertThat(fake.calls).isEmpty();
    }

    @Test
    void factsOfAJailTargetAreGatheredInsideItInOneRoundTrip() {
        FakeConnections fake = new FakeConnections((h, r) -> r.script().startsWith("jexec web /bin/sh -c ")
                && r.script().contains("freebsd-version -u")
                ? ExecResult.of(0, FactSamples.hostOutput("web.example", "14.2-RELEASE-p1"), "")
                : ExecResult.of(0, "", ""));
        run(fake, List.of(host("lab01", Map.of()), host("web@lab01", Map.of())),
                play("web@lab01").gatherFacts().tasks(debug("{{ ansible_hostname }} {{ drover_userland_version }} "
                        + "{{ ansible_interfaces | join(',') }}").name("show")).build());
        assertThat(fake.calls).hasSize(1);
        assertThat(rec.of("show", "web@lab01").result().get("msg"))
                .isEqualTo("web 14.2-RELEASE-p1 lo0,vtnet0");
    }
}
