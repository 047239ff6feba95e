package org.drover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.engine.Fixtures.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.engine.HostResult.Status;
import org.drover.inventory.Group;
import org.drover.inventory.Host;
import org.drover.inventory.Inventory;
import org.drover.module.ModuleRegistry;
import org.drover.playbook.Play;
import org.drover.template.JinjavaTemplater;
import org.drover.transport.ExecResult;
import org.junit.jupiter.api.Test;

/** Engine rules that follow ansible-core 2.14 to the letter: play control, run_once, until, recap, magic vars. */
class AnsibleSemanticsTest {
    private static final ModuleRegistry MODULES = ModuleRegistry.load();
    private static final JinjavaTemplater TEMPLATER = new JinjavaTemplater();

    private final Recorder rec = new Recorder();
    /** Answers "echo X" with X; "false" fails; counts nothing else. */
    private final FakeConnections fake = new FakeConnections((host, req) -> {
        String s = req.script().strip();
        if (s.equals("false")) {
            return ExecResult.of(1, "", "failed on purpose");
        }
        return s.startsWith("echo ") ? ExecResult.of(0, s.substring(5) + "\n", "") : ExecResult.of(0, "", "");
    });

    private RunSummary run(Inventory inv, Play... plays) {
        return new Engine(MODULES, TEMPLATER, fake, options(), rec).run(List.of(playbook(plays)), inv);
    }

    private Object msg(String task, String host) {
        return rec.of(task, host).result().get("msg");
    }

    @Test
    void no_play_runs_after_max_fail_percentage_aborted_one() {
        run(inventory("a", "b"),
                play("all").name("one").maxFail(0).tasks(shell("false").name("fail a").when("inventory_hostname == 'a'"),
                        debug("x").name("next")).build(),
                play("all").name("two").tasks(debug("two").name("in two")).build());
        assertThat(rec.of("next")).isEmpty();
        assertThat(rec.of("in two")).isEmpty();
        assertThat(rec.events).noneMatch(e -> e.startsWith("play two"));
    }

    @Test
    void no_play_runs_after_any_errors_fatal_aborted_one() {
        run(inventory("a", "b"),
                play("all").name("one").anyErrorsFatal().tasks(shell("false").name("fail b").when("inventory_hostname == 'b'"))
                        .build(),
                play("all").name("two").tasks(debug("two").name("in two")).build());
        assertThat(rec.of("in two")).isEmpty();
    }

    @Test
    void a_batch_whose_hosts_all_failed_ends_the_run_but_one_failed_host_does_not() {
        run(inventory("a", "b"),
                play("all").name("one").tasks(shell("false").name("fail a").when("inventory_hostname == 'a'")).build(),
                play("all").name("two").tasks(shell("false").name("fail b")).build(),
                play("all").name("three").tasks(debug("three").name("in three")).build());
        assertThat(rec.of("fail b")).extracting(HostResult::host).containsExactly("b");
        assertThat(rec.of("in three")).isEmpty();
    }

    @Test
    void play_hosts_all_keeps_a_host_that_failed_in_an_earlier_play() {
        run(inventory("a", "b", "c"),
                play("all").name("one").tasks(shell("false").name("fail a").when("inventory_hostname == 'a'")).build(),
                play("all").name("two").serial(1).tasks(debug("{{ ansible_play_hosts | join(',') }} / "
                        + "{{ ansible_play_hosts_all | join(',') }} / {{ ansible_play_batch | join(',') }}").name("hosts"))
                        .build());
        assertThat(msg("hosts", "b")).isEqualTo("b,c / a,b,c / b");
        assertThat(msg("hosts", "c")).isEqualTo("b,c / a,b,c / c");
        assertThat(rec.of("hosts")).hasSize(2);
    }

    @Test
    void run_once_set_fact_reaches_every_host_and_the_first_host_runs_it() {
        run(inventory("a", "b", "c"), play("all").tasks(
                task("set_fact", Map.of("who", "{{ inventory_hostname }}")).name("once").runOnce(),
                debug("{{ who }}").name("show")).build());
        assertThat(rec.of("once")).extracting(HostResult::host).containsExactly("a");
        assertThat(rec.of("show")).extracting(r -> r.result().get("msg")).containsOnly("a");
        // as Ansible's recap: b and c ran one task each, the run_once one is a's alone
        assertThat(rec.summary.hosts().get("b").ok()).isEqualTo(1);
    }

    @Test
    void a_failed_run_once_task_fails_every_host_and_the_recap_lists_only_hosts_with_results() {
        RunSummary s = run(inventory("a", "b"), play("all").tasks(shell("false").name("once").runOnce(),
                debug("x").name("after")).build());
        assertThat(rec.of("after")).isEmpty();
        assertThat(s.hosts()).containsOnlyKeys("a");
        assertThat(s.hosts().get("a").failed()).isEqualTo(1);
    }

    @Test
    void until_with_retries_2_makes_3_attempts_and_reports_2() {
        run(inventory("a"), play("all").tasks(shell("false").name("retry").register("r").until(2, 0, "r.rc == 0")
                .ignoreErrors(), debug("{{ r.attempts }} {{ 'failed' if r.failed else 'ok' }} {{ r.msg }}").name("after")).build());
        assertThat(fake.scripts("a").stream().filter(sc -> sc.strip().equals("false"))).hasSize(3);
        assertThat(msg("after", "a")).isEqualTo("2 failed non-zero return code");
    }

    @Test
    void until_with_retries_0_is_one_attempt_whose_until_is_not_evaluated() {
        run(inventory("a"), play("all").tasks(shell("echo x").name("once").register("r").until(0, 0, "r.nope == 1"),
                debug("n{{ r.attempts }}").name("after")).build());
        assertThat(rec.of("once", "a").status()).isEqualTo(Status.CHANGED);
        assertThat(msg("after", "a")).isEqualTo("n1");
    }

    @Test
    void an_ignored_failure_that_changed_something_counts_as_changed() {
        RunSummary s = run(inventory("a"), play("all").tasks(shell("echo ERROR").name("fw").register("r")
                .failedWhen("'ERROR' in r.stdout").ignoreErrors()).build());
        assertThat(s.hosts().get("a").changed()).isEqualTo(1);
        assertThat(s.hosts().get("a").ignored()).isEqualTo(1);
        assertThat(s.hosts().get("a").ok()).isEqualTo(1);
    }

    @Test
    void role_vars_and_defaults_apply_to_the_play_after_the_role() {
        run(inventory("a"), play("all").vars(Map.of("v", "play", "d", "play_d")).tasks(
                role("r", Map.of("d", "role_default", "only_default", "rd"), Map.of("v", "role_vars"),
                        List.of(debug("{{ v }} {{ d }}").name("in role").build())),
                debug("{{ v }} {{ d }} {{ only_default }} {{ role_names | join(',') }}").name("after")).build());
        assertThat(msg("r : in role", "a")).isEqualTo("role_vars play_d");
        assertThat(msg("after", "a")).isEqualTo("role_vars play_d rd r");
    }

    @Test
    void group_names_are_sorted_and_ungrouped_is_one() {
        Inventory inv = new Inventory(List.of(new Host("a", List.of("all", "zeta", "alpha"), Map.of()),
                new Host("b", List.of("all", "ungrouped"), Map.of())),
                List.of(new Group("all", List.of(), List.of("zeta", "alpha", "ungrouped"), Map.of()),
                        new Group("zeta", List.of("a"), List.of(), Map.of()),
                        new Group("alpha", List.of("a"), List.of(), Map.of()),
                        new Group("ungrouped", List.of("b"), List.of(), Map.of())));
        run(inv, play("all").tasks(debug("{{ group_names | join(',') }}").name("groups")).build());
        assertThat(msg("groups", "a")).isEqualTo("alpha,zeta");
        assertThat(msg("groups", "b")).isEqualTo("ungrouped");
    }

    @Test
    void magic_variables_say_what_ansible_says() {
        run(inventory("web1.example.org"), play("all").tasks(debug("{{ inventory_hostname_short }} "
                + "{{ ansible_run_tags | join(',') }} {{ ansible_skip_tags | length }} "
                + "{{ 'check' if ansible_check_mode else 'run' }} {{ ansible_version.full }} "
                + "{{ 'managed' if ansible_managed is defined else 'unmanaged' }}").name("magic")).build());
        assertThat(msg("magic", "web1.example.org")).isEqualTo("web1 all 0 run 2.14.18 unmanaged");
    }

    @Test
    void omit_leaves_out_arguments_in_nested_dicts_and_in_dicts_inside_lists() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("d", TaskVars.OMIT);
        inner.put("e", "y");
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("a", "x");
        args.put("b", TaskVars.OMIT);
        args.put("c", inner);
        args.put("l", List.of(Map.of("f", TaskVars.OMIT), TaskVars.OMIT));
        assertThat(ItemRunner.withoutOmitted(args))
                .isEqualTo(Map.of("a", "x", "c", Map.of("e", "y"), "l", List.of(Map.of(), TaskVars.OMIT)));
    }

    @Test
    void delegate_to_an_inventory_host_runs_over_its_connection_with_the_delegating_hosts_variables() {
        run(inventory("a", "b"), play("a").tasks(shell("echo {{ inventory_hostname }}").name("d").register("r")
                .delegateTo("b"), debug("{{ r.stdout }}").name("after")).build());
        assertThat(fake.scripts("b")).anyMatch(sc -> sc.contains("echo a"));
        assertThat(fake.scripts("a")).noneMatch(sc -> sc.contains("echo"));
        assertThat(msg("after", "a")).isEqualTo("a");
    }

    @Test
    void a_templated_delegate_to_that_is_no_host_fails_the_task_clearly() {
        run(inventory("a"), play("all").tasks(shell("echo x").name("d").delegateTo("{{ 'web9' }}")).build());
        assertThat(rec.of("d", "a").status()).isEqualTo(Status.FAILED);
        assertThat(rec.of("d", "a").message()).contains("'web9' is not a host of the inventory");
    }

    @Test
    void a_plain_delegate_to_that_is_no_host_is_a_load_error() {
        Play p = play("all").tasks(shell("echo x").name("d").delegateTo("web9"),
                shell("echo y").name("ok").delegateTo("localhost"), shell("echo z").delegateTo("{{ somewhere }}"))
                .build();
        assertThat(Delegation.check(List.of(playbook(p)), inventory("a"))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("'web9' is not a host of the inventory"));
    }
}
