package org.drover.module.users;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drover.freebsd.PwEntries;
import org.drover.freebsd.Sections;
import org.drover.module.Args;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;
import org.drover.module.Plan;
import org.drover.module.StateModule;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;

/**
 * {@code user} (also {@code ansible.builtin.user}): a local account through FreeBSD's pw. Reads
 * {@code pw usershow}, {@code pw groupshow -a} and whether the home directory exists in one round trip; plans in
 * {@link UserPlanner}; applies with pw, the password hash on standard input ({@code pw usermod -H 0}).
 */
public final class UserModule extends StateModule<UserModule.Desired, UserModule.Current> {

    /** @param groups null: supplementary groups left alone; @param password null: left alone (never printed) */
    public record Desired(String name, boolean present, Long uid, boolean nonUnique, String group, List<String> groups,
                          boolean append, String comment, String home, String shell, boolean createHome,
                          String password, boolean updateAlways, boolean remove) {
        @Override
        public String toString() {
            return "Desired[name=" + name + ", password " + (password == null ? "not given" : "given") + "]";
        }
    }

    /** @param homeExists null when there is no home to look at */
    public record Current(Optional<PwEntries.User> user, List<PwEntries.Group> groups, Boolean homeExists,
                          String error) {
        @Override
        public String toString() {
            return "Current[" + user.map(PwEntries.User::name).orElse("no user") + "]";
        }
    }

    static final ModuleSpec SPEC = UserSpec.spec();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    protected Desired desired(Args args) {
        List<String> groups = null;
        if (args.has("groups")) {
            LinkedHashSet<String> set = new LinkedHashSet<>();
            for (String element : args.strings("groups")) {
                for (String g : element.split(",")) {
                    if (!g.strip().isEmpty()) {
                        set.add(g.strip());
                    }
                }
            }
            groups = List.copyOf(set);
        }
        return new Desired(args.string("name"), args.string("state").equals("present"), args.integer("uid"),
                args.bool("non_unique"), args.string("group"), groups, args.bool("append"), args.string("comment"),
                args.string("home"), args.string("shell"), args.bool("create_home"), args.string("password"),
                args.string("update_password").equals("always"), args.bool("remove"));
    }

    @Override
    protected String readScript(Desired d) {
        String home = d.home() != null ? "h=" + Sh.quote(d.home())
                : "h=$(" + Sh.join("pw", "usershow", "-n", d.name()) + " 2>/dev/null | cut -d: -f9)";
        return Sections.section("user", Sh.join("pw", "usershow", "-n", d.name()))
                + Sections.section("groups", Sh.join("pw", "groupshow", "-a"))
                + Sections.section("home", home + "; if [ -z \"$h\" ]; then echo none; elif [ -d \"$h\" ]; then "
                + "echo yes; else echo no; fi");
    }

    @Override
    protected Current parse(Desired d, ExecResult read) {
        var sections = Sections.parse(read.stdout());
        try {
            Sections.Section user = Sections.get(sections, "user");
            Sections.Section groups = Sections.get(sections, "groups");
            Sections.Section home = Sections.get(sections, "home");
            Optional<PwEntries.User> u = PwEntries.usershow(d.name(), user.output(), user.status());
            List<PwEntries.Group> g = PwEntries.allGroups(groups.output(), groups.status());
            String h = home.output().strip();
            Boolean exists = switch (h) {
                case "yes" -> true;
                case "no" -> false;
                case "none" -> null;
                default -> throw new IllegalStateException("cannot tell whether the home directory exists: " + h);
            };
            return new Current(u, g, exists, null);
        } catch (IllegalStateException e) {
            return new Current(Optional.empty(), List.of(), null, (e.getMessage() + " " + read.stderr()).strip());
        }
    }

    @Override
    protected Plan plan(Current cur, Desired d) {
        return UserPlanner.plan(cur, d);
    }

    /** As the default apply, with the hash (when the plan sets it) on the script's standard input. */
    @Override
    protected Outcome apply(ModuleContext ctx, Desired d, Current cur, Plan plan, Map<String, Object> result)
            throws Exception {
        List<String> commands = commands(plan.changes());
        byte[] in = d.password() != null && commands.contains(UserPlanner.passwordCommand(d))
                ? (d.password() + "\n").getBytes(StandardCharsets.UTF_8) : null;
        ExecResult applied = in == null ? ctx.exec(applyScript(commands)) : ctx.exec(applyScript(commands), in);
        if (!applied.ok()) {
            return failed("failed to apply: " + (applied.timedOut() ? "timed out" : applied.stderr().strip()), plan,
                    result, applied);
        }
        return Outcome.changed(null, plan.changes(), result);
    }

    @Override
    protected Object describe(Current cur) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exists", cur.user().isPresent());
        cur.user().ifPresent(u -> {
            m.put("uid", u.uid());
            m.put("gid", u.gid());
            m.put("comment", u.gecos());
            m.put("home", u.home());
            m.put("shell", u.shell());
            m.put("groups", UserPlanner.memberships(cur, u));
            m.put("password", u.password().isEmpty() ? "" : "NOT_LOGGING_PASSWORD");
        });
        return m;
    }

    @Override
    protected Object describeAfter(Current cur, Desired d, Plan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exists", d.present());
        if (d.present()) {
            Optional<PwEntries.User> u = cur.user();
            m.put("uid", d.uid() != null ? d.uid() : u.map(PwEntries.User::uid).orElse(null));
            m.put("comment", d.comment() != null ? d.comment() : u.map(PwEntries.User::gecos).orElse(null));
            m.put("home", d.home() != null ? d.home() : u.map(PwEntries.User::home).orElse(null));
            m.put("shell", d.shell() != null ? d.shell() : u.map(PwEntries.User::shell).orElse(null));
            List<String> groups = u.isEmpty() ? d.groups() : d.groups() == null ? UserPlanner.memberships(cur, u.get())
                    : new ArrayList<>(Optional.ofNullable(UserPlanner.newGroups(cur, d, u.get()))
                            .map(s -> (java.util.Collection<String>) s)
                            .orElse(UserPlanner.memberships(cur, u.get())));
            m.put("groups", groups);
        }
        return m;
    }
}
