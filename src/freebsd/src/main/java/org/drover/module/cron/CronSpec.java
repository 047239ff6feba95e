package org.drover.module.cron;

import java.util.ArrayList;
import java.util.List;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.ModuleSpec;

/** The declaration of {@code cron}: Ansible's arguments, names, aliases and defaults. */
final class CronSpec {
    private CronSpec() {}

    static ModuleSpec spec() {
        return new ModuleSpec("cron", "A job or variable in a user's crontab, under Ansible's #Ansible: NAME marker",
                "Manages one job (under a '#Ansible: NAME' marker comment, exactly as Ansible's cron module writes "
                        + "it) or one environment line (env: true) in a user's crontab. Reads the tab with "
                        + "crontab -u USER -l and installs the edited tab with crontab -u USER - (so cron reloads "
                        + "it); a job line identical to the one asked for but without a marker is adopted, as "
                        + "Ansible does. Lines edited by hand under the marker are replaced.",
                args(), null, EXAMPLES,
                List.of(ArgSpec.of("before", ArgType.MAP).description("exists, crontab (the text as read)").build(),
                        ArgSpec.of("after", ArgType.MAP).description("exists, crontab (the text installed)").build(),
                        ArgSpec.of("jobs", ArgType.LIST).description("the marker names in the tab").build(),
                        ArgSpec.of("envs", ArgType.LIST).description("the variables in the tab").build()))
                .withBuiltinAliases();
    }

    private static final List<String> EXAMPLES = List.of("""
            - name: Nightly backup
              cron:
                name: backup
                user: operator
                minute: "15"
                hour: "3"
                job: /usr/local/bin/backup.sh
            """, """
            - name: Mail nowhere
              cron:
                name: MAILTO
                env: true
                job: ""
            """);

    private static List<ArgSpec> args() {
        List<ArgSpec> args = new ArrayList<>(List.of(
                ArgSpec.of("name", ArgType.STR).required()
                        .description("The job's marker comment (#Ansible: NAME), or the variable's name with env.")
                        .validator(v -> CronModule.lineProblem(String.valueOf(v))).build(),
                ArgSpec.of("user", ArgType.STR).description("Whose crontab (crontab -u USER); omitted: the user "
                        + "the task runs as.").validator(CronModule::userProblem).build(),
                ArgSpec.of("job", ArgType.STR).aliases("value").description("The command (or, with env, the "
                        + "variable's value). Required with state: present. Leading and trailing line breaks are "
                        + "dropped, as Ansible does; a line break inside is refused.")
                        .validator(v -> CronModule.lineProblem(CronModule.strip(String.valueOf(v)))).build(),
                ArgSpec.of("state", ArgType.STR).defaultValue("present").choices("present", "absent")
                        .description("present: the job (or variable) is in the tab as given; absent: removed.")
                        .build()));
        for (String[] f : new String[][] {{"minute", null}, {"hour", null}, {"day", "dom"}, {"month", null},
                {"weekday", "dow"}}) {
            ArgSpec.Builder b = ArgSpec.of(f[0], ArgType.STR).defaultValue("*")
                    .description("The " + f[0] + " field, as crontab(5) reads it.")
                    .validator(v -> CronModule.lineProblem(String.valueOf(v)));
            args.add((f[1] == null ? b : b.aliases(f[1])).build());
        }
        args.addAll(List.of(
                ArgSpec.of("special_time", ArgType.STR)
                        .choices("reboot", "yearly", "annually", "monthly", "weekly", "daily", "hourly")
                        .description("@reboot, @daily, ... instead of the five time fields.").build(),
                ArgSpec.of("disabled", ArgType.BOOL).defaultValue(false)
                        .description("Keep the job, commented out (#).").build(),
                ArgSpec.of("env", ArgType.BOOL).defaultValue(false)
                        .description("Manage an environment line NAME=\"job\" instead of a job.").build(),
                ArgSpec.of("insertafter", ArgType.STR).description("With env, a new variable goes after this "
                        + "variable (default: at the top).").validator(v -> CronModule.lineProblem(String.valueOf(v)))
                        .build(),
                ArgSpec.of("insertbefore", ArgType.STR).description("With env, a new variable goes before this "
                        + "variable.").validator(v -> CronModule.lineProblem(String.valueOf(v))).build(),
                refused("cron_file", "files under /etc/cron.d are not managed by drover's cron; manage the file with "
                        + "copy or template, or use the user's crontab (user:)"),
                ArgSpec.of("backup", ArgType.BOOL).defaultValue(false).description("Not supported: true is refused "
                        + "when the playbook loads.").validator(v -> Boolean.TRUE.equals(v)
                                ? "'backup' is not supported by drover's cron: the before text is in the result "
                                + "(register it) and in --diff" : null).build()));
        return args;
    }

    static ArgSpec refused(String name, String instead) {
        return ArgSpec.of(name, ArgType.RAW).description("Not supported (refused when the playbook loads): "
                + instead + ".").validator(v -> "'" + name + "' is not supported by drover's cron: " + instead)
                .build();
    }
}
