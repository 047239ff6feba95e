package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.freebsd.Sections;
import org.drover.module.Outcome;
import org.drover.module.Plan;
import org.drover.transport.ExecResult;
import org.junit.jupiter.api.Test;

class ServiceModuleTest {
    final ServiceModule module = new ServiceModule();

    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "sshd");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static String read(boolean running, String enable) {
        return Sections.frame("status", running ? "sshd is running as pid 812.\n" : "sshd is not running.\n",
                running ? 0 : 1)
                + Sections.frame("rcvar", rcvar("sshd_enable", enable == null ? "" : enable), 0);
    }

    /** What {@code service NAME rcvar} prints (sample service-rcd-script-reconstructed.txt). */
    static String rcvar(String var, String value) {
        return "# sshd\n#\n" + var + "=\"" + value + "\"\n#   (default: \"NO\")\n\n";
    }

    Plan plan(String stdout, Map<String, Object> raw) {
        ServiceModule.Desired d = module.desired(FakeModuleContext.args(module.spec(), raw));
        return module.plan(module.parse(d, ExecResult.of(0, stdout, "")), d);
    }

    static List<String> commands(Plan p) {
        return p.changes().stream().flatMap(c -> c.commands().stream()).toList();
    }

    @Test
    void started_and_enabled() {
        assertThat(commands(plan(read(false, "NO"), args("state", "started", "enabled", true))))
                .containsExactly("sysrc -f /etc/rc.conf sshd_enable=YES", "service sshd onestart");
        assertThat(plan(read(true, "YES"), args("state", "started", "enabled", true)).changes()).isEmpty();
        assertThat(plan(read(true, "yes"), args("enabled", "yes")).changes()).isEmpty();
    }

    @Test
    void stopped_and_disabled() {
        assertThat(commands(plan(read(true, "YES"), args("state", "stopped", "enabled", false))))
                .containsExactly("sysrc -f /etc/rc.conf sshd_enable=NO", "service sshd onestop");
        assertThat(plan(read(false, null), args("state", "stopped", "enabled", false)).changes()).isEmpty();
    }

    @Test
    void restarted_and_reloaded_always_act() {
        assertThat(commands(plan(read(true, "YES"), args("state", "restarted")))).containsExactly(
                "service sshd onerestart");
        assertThat(commands(plan(read(true, "YES"), args("state", "reloaded")))).containsExactly(
                "service sshd onereload");
        assertThat(commands(plan(read(false, "YES"), args("state", "reloaded")))).containsExactly(
                "service sshd onestart");
    }

    @Test
    void missing_service_fails() {
        String s = Sections.frame("status", "nosuch does not exist in /etc/rc.d or the local startup\n"
                + "directories (/usr/local/etc/rc.d), or is not executable\n", 1);
        assertThat(plan(s, Map.of("name", "nosuch", "state", "started")).failure()).contains("does not exist");
    }

    @Test
    void a_start_that_exits_0_but_does_not_run_is_a_failure() throws Exception {
        FakeModuleContext host = new FakeModuleContext(ExecResult.of(0, read(false, "YES"), ""), ExecResult.of(0, "", ""),
                ExecResult.of(1, "sshd is not running.\n", ""));
        Outcome o = module.run(host, FakeModuleContext.args(module.spec(), args("state", "started")));
        assertThat(o.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(o.message()).contains("not running after the change");
        assertThat(host.scripts()).hasSize(3);
    }

    @Test
    void one_round_trip_when_nothing_changes() throws Exception {
        FakeModuleContext host = new FakeModuleContext(ExecResult.of(0, read(true, "YES"), ""));
        Outcome o = module.run(host, FakeModuleContext.args(module.spec(), args("state", "started", "enabled", true)));
        assertThat(o.status()).isEqualTo(Outcome.Status.OK);
        assertThat(host.scripts()).hasSize(1);
    }

    @Test
    void the_scripts_own_rcvar_is_the_variable_set() {
        String read = Sections.frame("status", "sshd is not running.\n", 1)
                + Sections.frame("rcvar", rcvar("openssh_enable", "NO"), 0);
        Plan p = plan(read, args("enabled", true));
        assertThat(commands(p)).containsExactly("sysrc -f /etc/rc.conf openssh_enable=YES");
        assertThat(p.changes().get(0).diff().before()).isEqualTo("openssh_enable=\"NO\"\n");
        String none = Sections.frame("status", "sshd is not running.\n", 1) + Sections.frame("rcvar", "# sshd\n#\n\n", 0);
        assertThat(plan(none, args("enabled", true)).failure()).contains("has no rcvar");
        assertThat(plan(none, args("state", "started")).failure()).isNull();
    }

    @Test
    void with_jail_every_script_runs_inside_it_through_jexec() throws Exception {
        FakeModuleContext host = new FakeModuleContext(ExecResult.of(0, read(true, "YES"), ""));
        Outcome o = module.run(host, FakeModuleContext.args(module.spec(),
                args("jail", "web", "state", "started", "enabled", true)));
        assertThat(o.status()).isEqualTo(Outcome.Status.OK);
        assertThat(host.scripts()).hasSize(1);
        assertThat(host.scripts().get(0)).startsWith("jexec web /bin/sh -c ").contains("service sshd onestatus");
    }

    @Test
    void a_stopped_jail_fails_the_task_naming_it() {
        FakeModuleContext host = new FakeModuleContext(ExecResult.of(1, "", "jexec: jail \"web\" not found\n"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> module.run(host,
                FakeModuleContext.args(module.spec(), args("jail", "web", "state", "started"))))
                .hasMessageContaining("jail web is not running on");
        assertThat(FakeModuleContext.errors(module.spec(), Map.of("name", "sshd", "state", "started", "jail", "-x")))
                .isNotEmpty();
    }

    @Test
    void bad_names_fail_at_load_time() {
        for (String bad : List.of("sshd; reboot", "$(reboot)", "`id`", "ssh d", "sshd\n")) {
            assertThat(FakeModuleContext.errors(module.spec(), Map.of("name", bad, "state", "started"))).as(bad).isNotEmpty();
        }
    }
}
