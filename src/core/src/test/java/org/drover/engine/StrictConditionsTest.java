package org.drover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.engine.Fixtures.*;

import java.util.List;
import java.util.Map;
import org.drover.engine.HostResult.Status;
import org.drover.module.ModuleRegistry;
import org.drover.playbook.Play;
import org.drover.template.JinjavaTemplater;
import org.drover.transport.ExecResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A typo in a condition fails the task, as in Ansible, instead of running or skipping it silently. */
class StrictConditionsTest {
    private static final ModuleRegistry MODULES = ModuleRegistry.load();
    private static final JinjavaTemplater TEMPLATER = new JinjavaTemplater();
    private static final Map<String, Object> VARS = Map.of("deploy_enabled", true,
            "ansible_facts", Map.of("kernel", "FreeBSD"));

    private final Recorder rec = new Recorder();
    private final FakeConnections fake = new FakeConnections((host, req) -> ExecResult.of(0, "out\n", ""));

    private void run(Play play) {
        new Engine(MODULES, TEMPLATER, fake, options(), rec).run(List.of(playbook(play)), inventory("a"));
    }

    private HostResult only(T task) {
        run(play("all").vars(VARS).tasks(task.name("t")).build());
        return rec.of("t", "a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not deploy_enable", "deploy_enable != 'x'", "deploy_enable | bool", "deploy_enable"})
    void a_typo_in_when_fails_the_task_naming_the_variable(String when) {
        HostResult r = only(shell("echo deploy").when(when));
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.message()).isEqualTo("The conditional check '" + when + "' failed. The error was: "
                + "error while evaluating conditional (" + when + "): 'deploy_enable' is undefined");
        assertThat(fake.calls).isEmpty();
    }

    @Test
    void an_undefined_name_compared_fails_too() {
        HostResult r = only(shell("echo deploy").when("no_such_var == 'x'"));
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.message()).endsWith("'no_such_var' is undefined");
    }

    @Test
    void a_missing_fact_in_when_fails_rather_than_skips() {
        HostResult r = only(shell("echo deploy").when("ansible_facts['os_family'] == 'FreeBSD'"));
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.message()).endsWith("'dict object' has no attribute 'os_family'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy_enable is not defined", "deploy_enable is undefined",
            "deploy_enable | default(true)", "deploy_enable | d(true) | bool", "deploy_enabled",
            "deploy_enable is defined or deploy_enabled", "ansible_facts.os_family | default('FreeBSD') == 'FreeBSD'"})
    void defined_tests_and_defaults_keep_working(String when) {
        assertThat(only(shell("echo deploy").when(when)).status()).isEqualTo(Status.CHANGED);
    }

    @Test
    void a_false_defined_test_still_skips() {
        assertThat(only(shell("echo deploy").when("deploy_enable is defined")).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void changed_when_failed_when_and_until_are_strict() {
        run(play("all").vars(VARS).tasks(
                shell("echo a").name("changed").ignoreErrors().register("r").changedWhen("r.rc == 0 and chnaged"),
                shell("echo b").name("failed").ignoreErrors().register("r").failedWhen("r.stdout == oops"),
                shell("echo c").name("until").ignoreErrors().register("r").until(1, 0, "r.stdot == 'out'"),
                shell("echo d").name("fine").register("r").changedWhen("r.rc is defined and r.nope is undefined"))
                .build());
        assertThat(rec.of("changed", "a").message()).isEqualTo("The conditional check 'r.rc == 0 and chnaged' failed. "
                + "The error was: error while evaluating conditional (r.rc == 0 and chnaged): 'chnaged' is undefined");
        assertThat(rec.of("failed", "a").message()).endsWith("'oops' is undefined");
        assertThat(rec.of("until", "a").message()).endsWith("'dict object' has no attribute 'stdot'");
        assertThat(rec.of("fine", "a").status()).isEqualTo(Status.CHANGED);
    }

    @Test
    void loops_and_arguments_are_strict() {
        run(play("all").vars(VARS).tasks(
                shell("echo {{ item }}").name("loop").ignoreErrors().loop("{{ deploy_hosts }}"),
                shell("echo {{ not deploy_enable }}").name("args").ignoreErrors(),
                shell("echo {{ deploy_enable | default('off') }}").name("defaulted")).build());
        assertThat(rec.of("loop", "a").status()).isEqualTo(Status.FAILED);
        assertThat(rec.of("loop", "a").message()).contains("'deploy_hosts' is undefined");
        assertThat(rec.of("args", "a").status()).isEqualTo(Status.FAILED);
        assertThat(rec.of("args", "a").message()).contains("'deploy_enable' is undefined");
        assertThat(fake.scripts("a")).containsExactly("echo off\n");
    }
}
