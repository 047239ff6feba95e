package org.drover.module.users;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drover.freebsd.PwEntries;
import org.drover.freebsd.Sections;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.module.ModuleSpec;
import org.drover.module.Plan;
import org.drover.module.StateModule;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;

/**
 * {@code group} (also {@code ansible.builtin.group}): a local group through FreeBSD's pw, as Ansible's group module
 * manages it there (pw groupadd / groupmod -g / groupdel). One {@code pw groupshow} to read.
 */
public final class GroupModule extends StateModule<GroupModule.Desired, GroupModule.Current> {

    public record Desired(String name, boolean present, Long gid, boolean nonUnique) {
    }

    public record Current(Optional<PwEntries.Group> group, String error) {
    }

    private static final ModuleSpec SPEC = new ModuleSpec("group", "A local group, through FreeBSD's pw",
            "Ensures a group exists, with the given gid when one is given (pw groupadd, pw groupmod -g), or not "
                    + "(pw groupdel), with the meaning of Ansible's group module on FreeBSD. Members are managed by "
                    + "the user module (groups, append).",
            List.of(
                    ArgSpec.of("name", ArgType.STR).required().example("deploy").description("The group name.")
                            .validator(v -> PwEntries.nameProblem(String.valueOf(v))).build(),
                    ArgSpec.of("state", ArgType.STR).defaultValue("present").choices("present", "absent")
                            .description("present: the group exists; absent: pw groupdel.").build(),
                    ArgSpec.of("gid", ArgType.INT).description("The group id.").build(),
                    ArgSpec.of("non_unique", ArgType.BOOL).defaultValue(false)
                            .description("With gid, allow an id another group has (pw -o).").build(),
                    ArgSpec.of("system", ArgType.BOOL).defaultValue(false).description("Refused when true: pw has "
                                    + "no system groups and Ansible's group module ignores it on FreeBSD; give gid.")
                            .validator(v -> Boolean.TRUE.equals(v) ? "'system: true' is not supported by drover's "
                                    + "group (pw has no system groups; Ansible ignores it on FreeBSD): give gid" : null)
                            .build(),
                    ArgSpec.of("local", ArgType.BOOL).defaultValue(false).description("Refused when true: FreeBSD "
                                    + "has only the local group file.")
                            .validator(v -> Boolean.TRUE.equals(v) ? "'local: true' is not supported by drover's "
                                    + "group: FreeBSD's pw only edits the local /etc/group" : null).build()),
            null,
            List.of("""
                    - name: The deploy group
                      group:
                        name: deploy
                        gid: 2000
                    """),
            List.of(ArgSpec.of("before", ArgType.MAP).description("exists, gid, members").build(),
                    ArgSpec.of("after", ArgType.MAP).description("exists, gid").build()))
            .withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    protected Desired desired(Args args) {
        if (args.bool("non_unique") && !args.has("gid")) {
            throw new IllegalArgumentException("non_unique is True but all of the following are missing: gid");
        }
        return new Desired(args.string("name"), args.string("state").equals("present"), args.integer("gid"),
                args.bool("non_unique"));
    }

    @Override
    protected String readScript(Desired d) {
        return Sections.section("group", Sh.join("pw", "groupshow", "-n", d.name()));
    }

    @Override
    protected Current parse(Desired d, ExecResult read) {
        Sections.Section s = Sections.get(Sections.parse(read.stdout()), "group");
        try {
            return new Current(PwEntries.groupshow(d.name(), s.output(), s.status()), null);
        } catch (IllegalStateException e) {
            return new Current(Optional.empty(), (e.getMessage() + " " + read.stderr()).strip());
        }
    }

    @Override
    protected Plan plan(Current cur, Desired d) {
        if (cur.error() != null) {
            return Plan.fail(cur.error());
        }
        String label = "group " + d.name();
        Optional<PwEntries.Group> g = cur.group();
        if (!d.present()) {
            return g.isEmpty() ? Plan.none() : Plan.of(List.of(new Change("remove " + label,
                    new Diff(label, render(g.get().gid()), ""), List.of(Sh.join("pw", "groupdel", "-n", d.name())))));
        }
        String verb = g.isEmpty() ? "groupadd" : "groupmod";
        if (g.isPresent() && (d.gid() == null || d.gid() == g.get().gid())) {
            return Plan.none();
        }
        List<String> cmd = new ArrayList<>(List.of("pw", verb, "-n", d.name()));
        if (d.gid() != null) {
            cmd.addAll(List.of("-g", Long.toString(d.gid())));
            if (d.nonUnique()) {
                cmd.add("-o");
            }
        }
        return Plan.of(List.of(new Change((g.isEmpty() ? "create " : "change the gid of ") + label,
                new Diff(label, g.map(x -> render(x.gid())).orElse(""), render(d.gid())), List.of(Sh.join(cmd)))));
    }

    private static String render(Long gid) {
        return gid == null ? "exists\n" : "gid: " + gid + "\n";
    }

    @Override
    protected Object describe(Current cur) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exists", cur.group().isPresent());
        cur.group().ifPresent(g -> {
            m.put("gid", g.gid());
            m.put("members", g.members());
        });
        return m;
    }

    @Override
    protected Object describeAfter(Current cur, Desired d, Plan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exists", d.present());
        if (d.present()) {
            m.put("gid", d.gid() != null ? d.gid() : cur.group().map(PwEntries.Group::gid).orElse(null));
        }
        return m;
    }
}
