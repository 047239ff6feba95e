package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.freebsd.JailConfRenderer;
import org.drover.freebsd.Samples;
import org.drover.freebsd.Sections;
import org.drover.module.Outcome;
import org.drover.module.Plan;
import org.drover.transport.ExecResult;
import org.junit.jupiter.api.Test;

class JailModuleTest {
    final JailModule module = new JailModule();
    static final String F = "/etc/jail.conf.d/web.conf";

    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "web");
        m.put("path", "/jails/web");
        m.put("hostname", "web.example.org");
        m.put("vnet", true);
        m.put("vnet_interfaces", List.of("epair0b"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("allow.raw_sockets", true);
        params.put("devfs_ruleset", 5);
        params.put("persist", true);
        m.put("params", params);
        m.put("exec", Map.of("start", "/bin/sh /etc/rc", "stop", List.of("/bin/sh /etc/rc.shutdown")));
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The jls -n -q line of web as it runs with the definition of args() (jls shows kernel parameters only). */
    static final String RUNNING = "jid=4 name=web path=/jails/web host.hostname=web.example.org vnet=new "
            + "allow.nomount allow.raw_sockets devfs_ruleset=5 enforce_statfs=2 persist ip4.addr= ip6.addr=\n";

    String rendered(Map<String, Object> raw) {
        return JailConfRenderer.render(module.desired(FakeModuleContext.args(module.spec(), raw)).config());
    }

    static String notRunning() {
        return Sections.frame("jls", Samples.load("jls-j-not-found-error.txt").lines().findFirst().orElseThrow()
                .replace("nosuch", "web") + "\n", 1);
    }

    static String rc(String enable, String list) {
        StringBuilder v = new StringBuilder();
        v.append(enable == null ? "sysrc: unknown variable 'jail_enable'\n" : "jail_enable: " + enable + "\n");
        v.append(list == null ? "sysrc: unknown variable 'jail_list'\n" : "jail_list: " + list + "\n");
        v.append("sysrc: unknown variable 'jail_web_conf'\n");
        return Sections.frame("rc.values", v.toString(), 1)
                + Sections.frame("rc.file", list == null ? "" : "jail_list=\"" + list + "\"\n", 0);
    }

    static String conf(String content) {
        return content == null ? Sections.frame("conf", "", 3) : Sections.frame("conf", content, 0);
    }

    Plan plan(String stdout, Map<String, Object> raw) {
        JailModule.Desired d = module.desired(FakeModuleContext.args(module.spec(), raw));
        return module.plan(module.parse(d, ExecResult.of(0, stdout, "")), d);
    }

    static List<String> commands(Plan p) {
        return p.changes().stream().flatMap(c -> c.commands().stream()).toList();
    }

    @Test
    void converged_jail_plans_nothing() {
        String s = conf(rendered(args())) + Sections.frame("jls", RUNNING, 0) + rc("NO", null);
        Plan p = plan(s, args());
        assertThat(p.failure()).isNull();
        assertThat(p.changes()).isEmpty();
    }

    @Test
    void new_jail_is_written_atomically_then_started() {
        Plan p = plan(conf(null) + notRunning() + rc("NO", null), args());
        List<String> c = commands(p);
        assertThat(c).hasSize(4);
        assertThat(c.get(0)).isEqualTo("mkdir -p /etc/jail.conf.d");
        assertThat(c.get(1)).startsWith("printf '%s' '# Managed by drover").endsWith(" > /etc/jail.conf.d/.web.conf.drover-tmp");
        assertThat(c.get(2)).isEqualTo("mv -f /etc/jail.conf.d/.web.conf.drover-tmp " + F);
        assertThat(c.get(3)).isEqualTo("jail -f " + F + " -c web");
        assertThat(p.changes().get(0).diff().after()).contains("\tvnet.interface = \"epair0b\";\n");
    }

    @Test
    void running_with_old_parameters_is_restarted_when_allowed() {
        String old = RUNNING.replace("host.hostname=web.example.org", "host.hostname=old.example.org");
        String s = conf(rendered(args())) + Sections.frame("jls", old, 0) + rc("NO", null);
        Plan p = plan(s, args());
        assertThat(commands(p)).containsExactly("jail -f " + F + " -r web", "jail -f " + F + " -c web");
        assertThat(p.changes().get(0).description()).contains("host.hostname: old.example.org -> web.example.org");
        assertThat(p.changes().get(1).diff().before()).isEqualTo("running\nhost.hostname = old.example.org\n");
        assertThat(p.changes().get(1).diff().after()).isEqualTo("running\nhost.hostname = web.example.org\n");
        assertThat(plan(s, args("restart_on_change", false)).changes()).isEmpty();
    }

    @Test
    void changed_definition_stops_with_the_old_file_writes_then_starts() {
        String s = conf(rendered(args())) + Sections.frame("jls", RUNNING, 0) + rc("NO", null);
        Map<String, Object> raw = args("params", Map.of("allow.raw_sockets", true, "devfs_ruleset", 5,
                "persist", true, "sysvshm", "new"));
        Plan p = plan(s, raw);
        List<String> c = commands(p);
        assertThat(c.get(0)).isEqualTo("jail -f " + F + " -r web");
        assertThat(c.get(c.size() - 1)).isEqualTo("jail -f " + F + " -c web");
        assertThat(p.changes().get(1).diff().after()).contains("sysvshm = \"new\"");
        assertThat(p.changes().get(1).diff().before()).doesNotContain("sysvshm");
        // Without restart_on_change only the file is written.
        assertThat(commands(plan(s, withRestartOff(raw)))).noneMatch(x -> x.startsWith("jail "));
    }

    private static Map<String, Object> withRestartOff(Map<String, Object> raw) {
        Map<String, Object> m = new LinkedHashMap<>(raw);
        m.put("restart_on_change", false);
        return m;
    }

    @Test
    void stopped_and_absent() {
        String running = conf(rendered(args())) + Sections.frame("jls", RUNNING, 0) + rc("YES", "db web");
        assertThat(commands(plan(running, args("state", "stopped")))).containsExactly("jail -f " + F + " -r web");
        Plan absent = plan(running, Map.of("name", "web", "state", "absent"));
        assertThat(commands(absent)).containsExactly("jail -f " + F + " -r web", "rm -f " + F,
                "sysrc -f /etc/rc.conf jail_list-=web");
        // Never the jail's root.
        assertThat(commands(absent)).noneMatch(c -> c.contains("/jails/web") || c.contains("rm -r"));
        assertThat(plan(conf(null) + notRunning() + rc("NO", null), Map.of("name", "web", "state", "absent"))
                .changes()).isEmpty();
    }

    @Test
    void a_file_drover_did_not_write_needs_force() {
        String s = conf("web { path = /jails/web; }\n") + notRunning() + rc("NO", null);
        assertThat(plan(s, args()).failure()).contains("force");
        assertThat(plan(s, Map.of("name", "web", "state", "absent")).failure()).contains("force");
        assertThat(commands(plan(s, args("force", true)))).contains("jail -f " + F + " -c web");
    }

    @Test
    void boot_uses_sysrc() {
        String s = conf(rendered(args())) + Sections.frame("jls", RUNNING, 0) + rc("NO", "db");
        assertThat(commands(plan(s, args("boot", true)))).containsExactly("sysrc -f /etc/rc.conf jail_enable=YES",
                "sysrc -f /etc/rc.conf jail_list+=web");
        String on = conf(rendered(args())) + Sections.frame("jls", RUNNING, 0) + rc("YES", "db web");
        assertThat(plan(on, args("boot", true)).changes()).isEmpty();
        assertThat(commands(plan(on, args("boot", false)))).containsExactly("sysrc -f /etc/rc.conf jail_list-=web");
    }

    @Test
    void start_that_did_not_happen_is_caught_by_jls() throws Exception {
        FakeModuleContext host = new FakeModuleContext(ExecResult.of(0, conf(null) + notRunning() + rc("NO", null), ""),
                ExecResult.of(0, "web: created\n", ""), ExecResult.of(1, "", "jls: jail \"web\" not found\n"));
        Outcome o = module.run(host, FakeModuleContext.args(module.spec(), args()));
        assertThat(o.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(o.message()).contains("not running after start");
        assertThat(host.scripts().get(2)).isEqualTo("jls -j web jid");
    }

    @Test
    void no_change_costs_one_round_trip() throws Exception {
        FakeModuleContext host = new FakeModuleContext(
                ExecResult.of(0, conf(rendered(args())) + Sections.frame("jls", RUNNING, 0) + rc("NO", null), ""));
        assertThat(module.run(host, FakeModuleContext.args(module.spec(), args())).status())
                .isEqualTo(Outcome.Status.OK);
        assertThat(host.scripts()).hasSize(1);
    }

    @Test
    void names_params_and_hooks_are_checked_when_the_playbook_loads() {
        for (String bad : List.of("web.example", "web; reboot", "$(reboot)", "`id`", "web\n", "123")) {
            assertThat(FakeModuleContext.errors(module.spec(), Map.of("name", bad))).as(bad).isNotEmpty();
        }
        assertThat(FakeModuleContext.errors(module.spec(), Map.of("name", "web", "params", Map.of("path", "/x"))))
                .singleElement().asString().contains("own argument");
        assertThat(FakeModuleContext.errors(module.spec(), Map.of("name", "web", "params", Map.of("a;b", 1)))).isNotEmpty();
        assertThat(FakeModuleContext.errors(module.spec(), Map.of("name", "web", "exec", Map.of("boot", "x")))).isNotEmpty();
        assertThat(FakeModuleContext.errors(module.spec(), Map.of("name", "web", "path", "jails/web"))).isNotEmpty();
        assertThat(FakeModuleContext.errors(module.spec(), Map.of("name", "web", "vnet_interfaces", List.of("epair0b;id"))))
                .isNotEmpty();
    }

    @Test
    void started_and_stopped_never_remove_anything() {
        List<String> states = List.of(conf(rendered(args())) + Sections.frame("jls", RUNNING, 0) + rc("YES", "web"),
                conf(null) + notRunning() + rc("NO", null),
                conf(rendered(args("hostname", "other"))) + Sections.frame("jls", RUNNING, 0) + rc("NO", null));
        for (String s : states) {
            for (String state : List.of("started", "stopped")) {
                assertThat(commands(plan(s, args("state", state)))).noneMatch(c -> c.startsWith("rm ")
                        || c.contains(" -x ") || c.contains("jail_list-=") || c.contains("zfs"));
            }
        }
    }

    @Test
    void a_jail_that_ends_at_once_gets_a_hint() throws Exception {
        Map<String, Object> raw = args("params", Map.of(), "exec", Map.of());
        FakeModuleContext host = new FakeModuleContext(ExecResult.of(0, conf(null) + notRunning() + rc("NO", null), ""),
                ExecResult.of(0, "web: created\n", ""), ExecResult.of(1, "", "jls: jail \"web\" not found\n"));
        Outcome o = module.run(host, FakeModuleContext.args(module.spec(), raw));
        assertThat(o.message()).contains("set params.persist or exec.start");
    }
}
