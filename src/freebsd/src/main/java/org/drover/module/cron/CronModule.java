package org.drover.module.cron;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drover.freebsd.CrontabList;
import org.drover.freebsd.PwEntries;
import org.drover.freebsd.Sections;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;
import org.drover.module.Plan;
import org.drover.module.StateModule;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;

/**
 * {@code cron} (also {@code ansible.builtin.cron}): a job under a {@code #Ansible: NAME} marker, or an environment
 * line, in a user's crontab, edited exactly as Ansible edits it ({@link CronTab}). Reads with
 * {@code crontab -u USER -l}, installs the whole tab with {@code crontab -u USER -} (content on standard input), so
 * cron picks it up at once.
 */
public final class CronModule extends StateModule<CronModule.Desired, CronModule.Current> {

    /** @param user null: the tab of the user the task runs as */
    public record Desired(String name, String user, String job, boolean present, List<String> when, String special,
                          boolean disabled, boolean env, String insertAfter, String insertBefore) {
    }

    /** The tab as read (text "" when there is none), or why it could not be read. */
    public record Current(String text, boolean exists, String error) {
    }

    /** What the plan makes of the tab: the new text, whether it changes, or why it cannot be done. */
    record Edit(CronTab tab, boolean changed, String error) {
    }

    static final ModuleSpec SPEC = CronSpec.spec();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    protected Desired desired(Args args) {
        String special = args.string("special_time");
        List<String> when = List.of(args.string("minute"), args.string("hour"), args.string("day"),
                args.string("month"), args.string("weekday"));
        boolean present = args.string("state").equals("present");
        String job = args.string("job");
        if (special != null && when.stream().anyMatch(x -> !x.equals("*"))) {
            throw new IllegalArgumentException("You must specify time and date fields or special time.");
        }
        boolean env = args.bool("env");
        if (present && job == null) {
            throw new IllegalArgumentException("You must specify 'job' to install a new cron job or variable");
        }
        if (present && (args.has("insertafter") || args.has("insertbefore")) && !env) {
            throw new IllegalArgumentException("Insertafter and insertbefore parameters are valid only with env=yes");
        }
        if (args.has("insertafter") && args.has("insertbefore")) {
            throw new IllegalArgumentException("parameters are mutually exclusive: insertafter|insertbefore");
        }
        if (env && args.string("name").contains(" ")) {
            throw new IllegalArgumentException("Invalid name for environment variable");
        }
        return new Desired(args.string("name"), args.string("user"), job == null ? null : strip(job), present, when,
                special, args.bool("disabled"), env, args.string("insertafter"), args.string("insertbefore"));
    }

    /** job.strip('\r\n'): a YAML block scalar's final newline is not part of the job. */
    static String strip(String job) {
        int b = 0;
        int e = job.length();
        while (b < e && (job.charAt(b) == '\n' || job.charAt(b) == '\r')) {
            b++;
        }
        while (e > b && (job.charAt(e - 1) == '\n' || job.charAt(e - 1) == '\r')) {
            e--;
        }
        return job.substring(b, e);
    }

    private static String crontab(Desired d, String... rest) {
        List<String> words = new java.util.ArrayList<>(List.of("crontab"));
        if (d.user() != null) {
            words.add("-u");
            words.add(d.user());
        }
        words.addAll(List.of(rest));
        return Sh.join(words);
    }

    @Override
    protected String readScript(Desired d) {
        return Sections.section("cron", crontab(d, "-l"));
    }

    @Override
    protected Current parse(Desired d, ExecResult read) {
        Sections.Section s = Sections.get(Sections.parse(read.stdout()), "cron");
        try {
            Optional<String> text = CrontabList.parse(d.user(), s.output(), s.status());
            return new Current(text.orElse(""), text.isPresent(), null);
        } catch (IllegalStateException e) {
            return new Current("", false, (e.getMessage() + " " + read.stderr()).strip());
        }
    }

    /** Pure: Ansible's edit of the tab. */
    static Edit edit(Current cur, Desired d) {
        CronTab tab = CronTab.read(cur.text());
        boolean changed = false;
        if (d.env()) {
            String decl = d.name() + "=\"" + d.job() + "\"";
            int old = tab.findEnv(d.name());
            if (d.present() && old < 0) {
                String error = tab.addEnv(decl, d.insertAfter(), d.insertBefore());
                if (error != null) {
                    return new Edit(tab, false, error);
                }
                changed = true;
            } else if (d.present() && !tab.lines.get(old).equals(decl)) {
                tab.updateEnv(d.name(), decl);
                changed = true;
            } else if (!d.present() && old >= 0) {
                tab.updateEnv(d.name(), null);
                changed = true;
            }
        } else if (d.present()) {
            String job = jobLine(d);
            List<String> old = tab.findJob(d.name(), job);
            if (old.isEmpty()) {
                tab.addJob(d.name(), job);
                changed = true;
            } else if (!old.get(1).equals(job) || old.size() > 2) {
                tab.updateJob(d.name(), job);
                changed = true;
            }
        } else if (!tab.findJob(d.name(), null).isEmpty()) {
            tab.updateJob(d.name(), null);
            changed = true;
        }
        if (!changed && !tab.existing.isEmpty() && !tab.existing.endsWith("\n") && !tab.existing.endsWith("\r")) {
            changed = true;
        }
        return new Edit(tab, changed, null);
    }

    /** get_cron_job: the line Ansible writes for a user's tab. */
    static String jobLine(Desired d) {
        String prefix = d.disabled() ? "#" : "";
        if (d.special() != null) {
            return prefix + "@" + d.special() + " " + d.job();
        }
        return prefix + String.join(" ", d.when()) + " " + d.job();
    }

    static String header(Desired d) {
        return d.user() == null ? "crontab" : "crontab for user \"" + d.user() + "\"";
    }

    @Override
    protected Plan plan(Current cur, Desired d) {
        if (cur.error() != null) {
            return Plan.fail(cur.error());
        }
        Edit e = edit(cur, d);
        if (e.error() != null) {
            return Plan.fail(e.error());
        }
        if (!e.changed()) {
            return Plan.none();
        }
        String what = (d.env() ? "variable " : "job ") + d.name();
        String verb = d.present() ? "set " : "remove ";
        return Plan.of(List.of(new Change(verb + what + " in the " + header(d),
                new Diff(header(d), e.tab().existing, e.tab().render()), List.of(crontab(d, "-")))));
    }

    @Override
    protected Outcome apply(ModuleContext ctx, Desired d, Current cur, Plan plan, Map<String, Object> result)
            throws Exception {
        byte[] text = edit(cur, d).tab().render().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ExecResult applied = ctx.exec(applyScript(commands(plan.changes())), text);
        if (!applied.ok()) {
            return failed("failed to apply: " + (applied.timedOut() ? "timed out" : applied.stderr().strip()), plan,
                    result, applied);
        }
        return Outcome.changed(null, plan.changes(), result);
    }

    @Override
    protected void describeMore(Current cur, Desired d, Map<String, Object> result) {
        if (cur.error() == null) {
            Edit e = edit(cur, d);
            result.put("jobs", e.tab().jobNames());
            result.put("envs", e.tab().envNames());
        }
    }

    @Override
    protected Object describe(Current cur) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exists", cur.exists());
        m.put("crontab", cur.text());
        return m;
    }

    @Override
    protected Object describeAfter(Current cur, Desired d, Plan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exists", true);
        m.put("crontab", edit(cur, d).tab().render());
        return m;
    }

    /** Why TEXT cannot go on a crontab line: a line break or another control character (a tab is fine). */
    static String lineProblem(String text) {
        for (char c : text.toCharArray()) {
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return "a crontab line holds no line breaks or control characters";
            }
        }
        return null;
    }

    /** The user argument: a user name pw would accept. */
    static String userProblem(Object v) {
        return PwEntries.nameProblem(String.valueOf(v));
    }
}
