package org.drover.module.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.freebsd.Sections;
import org.drover.module.Args;
import org.drover.module.Plan;
import org.drover.transport.ExecResult;
import org.junit.jupiter.api.Test;

class CronModuleTest {
    final CronModule module = new CronModule();

    static Map<String, Object> m(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    CronModule.Desired desired(Map<String, Object> raw) {
        raw.putIfAbsent("name", "backup");
        raw.putIfAbsent("user", "deploy");
        List<String> errors = new ArrayList<>();
        Args a = Args.bind(module.spec(), raw, false, errors);
        assertThat(errors).isEmpty();
        return module.desired(a);
    }

    Plan plan(String tab, Map<String, Object> raw) {
        CronModule.Desired d = desired(raw);
        String out = tab == null ? Sections.frame("cron", "crontab: no crontab for deploy\n", 1)
                : Sections.frame("cron", tab, 0);
        return module.plan(module.parse(d, ExecResult.of(0, out, "")), d);
    }

    static String after(Plan p) {
        return p.changes().get(0).diff().after();
    }

    @Test
    void a_new_job_under_its_marker() {
        Plan p = plan(null, m("minute", "15", "hour", "3", "job", "/usr/local/bin/backup.sh"));
        assertThat(after(p)).isEqualTo("#Ansible: backup\n15 3 * * * /usr/local/bin/backup.sh\n");
        assertThat(p.changes().get(0).commands()).containsExactly("crontab -u deploy -");
        assertThat(p.changes().get(0).diff().label()).isEqualTo("crontab for user \"deploy\"");
        assertThat(plan("#Ansible: backup\n15 3 * * * /usr/local/bin/backup.sh\n",
                m("minute", "15", "hour", "3", "job", "/usr/local/bin/backup.sh")).changes()).isEmpty();
    }

    @Test
    void a_job_edited_by_hand_under_the_marker_is_put_back() {
        String tab = "MAILTO=\"\"\n#Ansible: backup\n45 4 * * * /usr/local/bin/backup.sh --fast\n@daily other\n";
        Plan p = plan(tab, m("minute", "15", "hour", "3", "job", "/usr/local/bin/backup.sh"));
        assertThat(after(p)).isEqualTo("MAILTO=\"\"\n#Ansible: backup\n15 3 * * * /usr/local/bin/backup.sh\n"
                + "@daily other\n");
        assertThat(p.changes().get(0).diff().before()).isEqualTo(tab);
    }

    @Test
    void an_identical_unmarked_line_is_adopted() {
        Plan p = plan("0 * * * * /bin/true\n", m("minute", "0", "job", "/bin/true"));
        assertThat(after(p)).isEqualTo("#Ansible: backup\n0 * * * * /bin/true\n");
    }

    @Test
    void disabled_special_time_and_absent() {
        assertThat(after(plan("", m("special_time", "reboot", "job", "/bin/warm", "disabled", true))))
                .isEqualTo("#Ansible: backup\n#@reboot /bin/warm\n");
        assertThat(after(plan("a=1\n#Ansible: backup\n* * * * * x\nb=2\n", m("state", "absent"))))
                .isEqualTo("a=1\nb=2\n");
        assertThat(plan("a=1\n", m("state", "absent")).changes()).isEmpty();
        assertThat(plan(null, m("state", "absent")).changes()).isEmpty();
    }

    @Test
    void env_lines_first_or_after_another() {
        assertThat(after(plan("#Ansible: x\n* * * * * y\n", m("name", "MAILTO", "env", true, "job", "ops"))))
                .isEqualTo("MAILTO=\"ops\"\n#Ansible: x\n* * * * * y\n");
        assertThat(after(plan("SHELL=/bin/sh\nPATH=/bin\n", m("name", "MAILTO", "env", true, "job", "",
                "insertafter", "SHELL")))).isEqualTo("SHELL=/bin/sh\nMAILTO=\"\"\nPATH=/bin\n");
        assertThat(plan("MAILTO=\"ops\"\n", m("name", "MAILTO", "env", true, "job", "ops")).changes()).isEmpty();
        assertThat(plan("PATH=/bin\n", m("name", "MAILTO", "env", true, "job", "x", "insertbefore", "NOPE"))
                .failure()).isEqualTo("Variable named 'NOPE' not found.");
    }

    @Test
    void a_tab_without_its_final_newline_is_rewritten() {
        Plan p = plan("#Ansible: backup\n* * * * * x", m("job", "x"));
        assertThat(after(p)).isEqualTo("#Ansible: backup\n* * * * * x\n");
    }

    @Test
    void rules_across_arguments_and_line_breaks() {
        assertThatThrownBy(() -> desired(m("special_time", "daily", "minute", "5", "job", "x")))
                .hasMessage("You must specify time and date fields or special time.");
        assertThatThrownBy(() -> desired(m()))
                .hasMessage("You must specify 'job' to install a new cron job or variable");
        assertThat(desired(m("job", "/bin/x\n")).job()).isEqualTo("/bin/x");
        List<String> errors = new ArrayList<>();
        Args.bind(module.spec(), m("name", "n", "job", "a\nb"), true, errors);
        Args.bind(module.spec(), m("name", "n", "cron_file", "x"), true, errors);
        Args.bind(module.spec(), m("name", "n", "user", "-u"), true, errors);
        assertThat(errors).hasSize(3);
        assertThat(errors.get(1)).contains("'cron_file' is not supported");
    }
}
