package org.drover.module.users;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.drover.freebsd.PwEntries;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.module.Plan;
import org.drover.module.users.UserModule.Current;
import org.drover.module.users.UserModule.Desired;
import org.drover.transport.Sh;

/**
 * The pure part of {@code user}: which pw commands bring the account where the playbook wants it, decided as
 * Ansible's user module decides on FreeBSD (FreeBsdUser.create_user / modify_user, and the home directory check of
 * its main).
 */
final class UserPlanner {
    /** What --diff shows instead of a password hash. */
    static final String HIDDEN = "********";

    private UserPlanner() {}

    static Plan plan(Current cur, Desired d) {
        if (cur.error() != null) {
            return Plan.fail(cur.error());
        }
        Optional<PwEntries.User> u = cur.user();
        if (!d.present()) {
            if (u.isEmpty()) {
                return Plan.none();
            }
            List<String> cmd = new ArrayList<>(List.of("pw", "userdel", "-n", d.name()));
            if (d.remove()) {
                cmd.add("-r");
            }
            return Plan.of(List.of(new Change("remove user " + d.name() + (d.remove() ? " and its home" : ""),
                    new Diff("user " + d.name(), render(cur, u.get()), ""), List.of(Sh.join(cmd)))));
        }
        String missing = missingGroup(cur, d);
        if (missing != null) {
            return Plan.fail("Group " + missing + " does not exist");
        }
        return u.isEmpty() ? create(cur, d) : modify(cur, d, u.get());
    }

    private static String missingGroup(Current cur, Desired d) {
        List<String> wanted = new ArrayList<>();
        if (d.group() != null) {
            wanted.add(d.group());
        }
        if (d.groups() != null) {
            wanted.addAll(d.groups());
        }
        return wanted.stream().filter(g -> group(cur, g).isEmpty()).findFirst().orElse(null);
    }

    /** A group by name, or by gid when all digits (as Ansible's group_exists). */
    static Optional<PwEntries.Group> group(Current cur, String nameOrGid) {
        Optional<PwEntries.Group> byName = cur.groups().stream().filter(g -> g.name().equals(nameOrGid)).findFirst();
        if (byName.isPresent() || !nameOrGid.matches("[0-9]+")) {
            return byName;
        }
        return cur.groups().stream().filter(g -> g.gid() == Long.parseLong(nameOrGid)).findFirst();
    }

    private static Plan create(Current cur, Desired d) {
        List<String> cmd = new ArrayList<>(List.of("pw", "useradd", "-n", d.name()));
        if (d.uid() != null) {
            cmd.addAll(List.of("-u", Long.toString(d.uid())));
            if (d.nonUnique()) {
                cmd.add("-o");
            }
        }
        option(cmd, "-c", d.comment());
        option(cmd, "-d", d.home());
        option(cmd, "-g", d.group());
        if (d.groups() != null) {
            cmd.addAll(List.of("-G", String.join(",", d.groups())));
        }
        if (d.createHome()) {
            cmd.add("-m");
        }
        option(cmd, "-s", d.shell());
        List<String> commands = new ArrayList<>(List.of(Sh.join(cmd)));
        if (d.password() != null) {
            commands.add(passwordCommand(d));
        }
        return Plan.of(List.of(new Change("create user " + d.name(), new Diff("user " + d.name(), "",
                renderWanted(d, d.password() != null)), commands)));
    }

    private static Plan modify(Current cur, Desired d, PwEntries.User u) {
        List<String> cmd = new ArrayList<>(List.of("pw", "usermod", "-n", d.name()));
        if (d.uid() != null && u.uid() != d.uid()) {
            cmd.addAll(List.of("-u", Long.toString(d.uid())));
            if (d.nonUnique()) {
                cmd.add("-o");
            }
        }
        if (d.comment() != null && !u.gecos().equals(d.comment())) {
            option(cmd, "-c", d.comment());
        }
        boolean homeMissing = Boolean.FALSE.equals(cur.homeExists());
        if (d.home() != null) {
            if (homeMissing && d.createHome()) {
                cmd.add("-m");
            }
            if (!u.home().equals(d.home())) {
                option(cmd, "-d", d.home());
            }
        }
        if (d.group() != null && group(cur, d.group()).get().gid() != u.gid()) {
            option(cmd, "-g", d.group());
        }
        if (d.shell() != null && !u.shell().equals(d.shell())) {
            option(cmd, "-s", d.shell());
        }
        Set<String> newGroups = newGroups(cur, d, u);
        if (newGroups != null) {
            cmd.addAll(List.of("-G", String.join(",", newGroups)));
        }
        List<String> commands = new ArrayList<>();
        if (cmd.size() > 4) {
            commands.add(Sh.join(cmd));
        }
        boolean password = d.password() != null && d.updateAlways() && !u.password().equals(d.password());
        if (password) {
            commands.add(passwordCommand(d));
        }
        if (d.home() == null && homeMissing && d.createHome()) {
            long uid = d.uid() != null ? d.uid() : u.uid();
            long gid = d.group() != null ? group(cur, d.group()).get().gid() : u.gid();
            commands.add(Sh.join("mkdir", "-p", "--", u.home()) + " && "
                    + Sh.join("chown", "-R", uid + ":" + gid, "--", u.home()));
        }
        if (commands.isEmpty()) {
            return Plan.none();
        }
        String before = render(cur, u);
        String after = renderAfter(cur, d, u, newGroups, password);
        return Plan.of(List.of(new Change("modify user " + d.name(), new Diff("user " + d.name(), before, after),
                commands)));
    }

    /**
     * The supplementary groups to set with -G, or null to leave them: modify_user's comparison of the current
     * memberships (primary group excluded) with the wanted ones (the current primary group removed).
     */
    static Set<String> newGroups(Current cur, Desired d, PwEntries.User u) {
        if (d.groups() == null) {
            return null;
        }
        Set<String> current = new LinkedHashSet<>(memberships(cur, u));
        Set<String> wanted = new LinkedHashSet<>();
        for (String g : d.groups()) {
            if (group(cur, g).get().gid() != u.gid()) {
                wanted.add(g);
            }
        }
        Set<String> diff = new LinkedHashSet<>(current);
        diff.addAll(wanted);
        Set<String> both = new LinkedHashSet<>(current);
        both.retainAll(wanted);
        diff.removeAll(both);
        boolean needed = d.append() ? wanted.stream().anyMatch(diff::contains) : !diff.isEmpty();
        if (!needed) {
            return null;
        }
        if (d.append()) {
            wanted.addAll(current);
        }
        return wanted;
    }

    /** The groups listing the user as a member, except its primary group (by gid). */
    static List<String> memberships(Current cur, PwEntries.User u) {
        return cur.groups().stream().filter(g -> g.members().contains(u.name()) && g.gid() != u.gid())
                .map(PwEntries.Group::name).toList();
    }

    private static void option(List<String> cmd, String flag, String value) {
        if (value != null) {
            cmd.addAll(List.of(flag, value));
        }
    }

    /** pw reads the hash from descriptor 0: the apply script's standard input. */
    static String passwordCommand(Desired d) {
        return Sh.join("pw", "usermod", "-n", d.name(), "-H", "0");
    }

    static String render(Current cur, PwEntries.User u) {
        String groupName = cur.groups().stream().filter(g -> g.gid() == u.gid()).map(PwEntries.Group::name)
                .findFirst().orElse(Long.toString(u.gid()));
        return lines("uid", u.uid(), "group", groupName, "comment", u.gecos(), "home", u.home(), "shell", u.shell(),
                "groups", memberships(cur, u), "password", u.password().isEmpty() ? "" : HIDDEN);
    }

    private static String renderAfter(Current cur, Desired d, PwEntries.User u, Set<String> groups, boolean pw) {
        String groupName = d.group() != null ? group(cur, d.group()).get().name()
                : cur.groups().stream().filter(g -> g.gid() == u.gid()).map(PwEntries.Group::name).findFirst()
                        .orElse(Long.toString(u.gid()));
        return lines("uid", d.uid() != null ? d.uid() : u.uid(), "group", groupName,
                "comment", d.comment() != null ? d.comment() : u.gecos(), "home", d.home() != null ? d.home() : u.home(),
                "shell", d.shell() != null ? d.shell() : u.shell(),
                "groups", groups != null ? List.copyOf(groups) : memberships(cur, u),
                "password", pw ? HIDDEN + " (changed)" : u.password().isEmpty() ? "" : HIDDEN);
    }

    private static String renderWanted(Desired d, boolean pw) {
        return lines("uid", d.uid(), "group", d.group(), "comment", d.comment(), "home", d.home(), "shell", d.shell(),
                "groups", d.groups(), "password", pw ? HIDDEN : null);
    }

    /** KEY, VALUE, ... as "key: value" lines, null values left out. */
    private static String lines(Object... kv) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            line(b, (String) kv[i], v == null ? null : v instanceof List<?> l ? String.join(",",
                    l.stream().map(String::valueOf).toList()) : v.toString());
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String key, String value) {
        if (value != null) {
            b.append(key).append(": ").append(value).append('\n');
        }
    }
}
