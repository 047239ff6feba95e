package org.drover.module.users;

import java.util.ArrayList;
import java.util.List;
import org.drover.freebsd.PwEntries;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.ModuleSpec;

/** The declaration of {@code user}: the arguments of Ansible's user module that FreeBSD's pw gives a meaning. */
final class UserSpec {
    private UserSpec() {}

    static ModuleSpec spec() {
        return new ModuleSpec("user", "A local account, through FreeBSD's pw",
                "Ensures an account exists as described (pw useradd / pw usermod) or not (pw userdel), with the "
                        + "meaning of Ansible's user module on FreeBSD: only the attributes given are managed; groups "
                        + "with append: false makes the supplementary groups exactly these. The password is a hash "
                        + "and never leaves standard input. Reads pw usershow and pw groupshow -a in one round trip.",
                args(), null,
                List.of("""
                        - name: An admin
                          user:
                            name: deploy
                            comment: Deploy user
                            shell: /bin/sh
                            groups: [wheel]
                            append: true
                        """),
                List.of(ArgSpec.of("before", ArgType.MAP).description("exists, uid, gid, group, comment, home, "
                                + "shell, groups, password (set or not, never the hash)").build(),
                        ArgSpec.of("after", ArgType.MAP).description("the same, as the change leaves them").build()))
                .withBuiltinAliases();
    }

    private static List<ArgSpec> args() {
        List<ArgSpec> args = new ArrayList<>(List.of(
                ArgSpec.of("name", ArgType.STR).required().aliases("user").example("deploy")
                        .description("The login name.").validator(v -> PwEntries.nameProblem(String.valueOf(v)))
                        .build(),
                ArgSpec.of("state", ArgType.STR).defaultValue("present").choices("present", "absent")
                        .description("present: the account exists as described; absent: pw userdel.").build(),
                ArgSpec.of("uid", ArgType.INT).description("The user id.").build(),
                ArgSpec.of("non_unique", ArgType.BOOL).defaultValue(false)
                        .description("With uid, allow an id another account has (pw -o).").build(),
                ArgSpec.of("group", ArgType.STR).description("The primary group (name or gid); it must exist.")
                        .validator(UserSpec::groupProblem).build(),
                ArgSpec.of("groups", ArgType.LIST).description("Supplementary groups (comma-separated names are "
                        + "split, as Ansible does); [] removes them all unless append. Each must exist.")
                        .validator(v -> ((List<?>) v).stream().map(o -> groupsProblem(String.valueOf(o)))
                                .filter(p -> p != null).findFirst().orElse(null)).build(),
                ArgSpec.of("append", ArgType.BOOL).defaultValue(false)
                        .description("true: add the groups, keep the others; false: exactly these groups.").build(),
                ArgSpec.of("comment", ArgType.STR).description("The GECOS field.")
                        .validator(v -> PwEntries.fieldProblem(String.valueOf(v))).build(),
                ArgSpec.of("home", ArgType.STR).description("The home directory (absolute path).")
                        .validator(v -> PwEntries.pathProblem(String.valueOf(v))).build(),
                ArgSpec.of("shell", ArgType.STR).description("The login shell (absolute path).")
                        .validator(v -> PwEntries.pathProblem(String.valueOf(v))).build(),
                ArgSpec.of("create_home", ArgType.BOOL).defaultValue(true).aliases("createhome")
                        .description("Create the home directory when it is missing (pw -m, or mkdir and chown).")
                        .build()));
        args.addAll(moreArgs());
        for (String[] r : new String[][] {{"login_class", "run pw usermod -L with the command module"},
                {"expires", "run pw usermod -e with the command module"},
                {"password_lock", "run pw lock / pw unlock with the command module"},
                {"skeleton", "pw copies /usr/share/skel; copy files with the copy module"},
                {"umask", "set the home directory's mode with the file module"},
                {"password_expire_max", "run pw usermod -p with the command module"},
                {"password_expire_min", "not available on FreeBSD"}}) {
            args.add(refused(r[0], r[1]));
        }
        return args;
    }

    private static List<ArgSpec> moreArgs() {
        return List.of(
                ArgSpec.of("password", ArgType.STR).description("The password as a crypt(3) hash (as in "
                        + "master.passwd), set with pw usermod -H 0 from standard input: never on a command line, "
                        + "never in results or diffs.").validator(v -> PwEntries.fieldProblem(String.valueOf(v)))
                        .build(),
                ArgSpec.of("update_password", ArgType.STR).defaultValue("always").choices("always", "on_create")
                        .description("always: set the hash when it differs; on_create: only for a new account.")
                        .build(),
                ArgSpec.of("remove", ArgType.BOOL).defaultValue(false)
                        .description("With state: absent, also delete the home directory (pw userdel -r).").build(),
                ArgSpec.of("system", ArgType.BOOL).defaultValue(false).description("Refused when true: FreeBSD's pw "
                        + "has no system accounts and Ansible's user module ignores it there; give uid instead.")
                        .validator(v -> Boolean.TRUE.equals(v) ? "'system: true' is not supported by drover's user "
                                + "(pw has no system accounts; Ansible ignores it on FreeBSD): give uid" : null)
                        .build(),
                refusedTrue("force", "pw userdel has no force (Ansible ignores it on FreeBSD)"),
                refusedTrue("move_home", "move the directory with the command module, then set home"),
                refusedTrue("generate_ssh_key", "run ssh-keygen with the command module (creates:)"));
    }

    static String groupProblem(Object v) {
        String s = String.valueOf(v);
        return s.matches("[0-9]{1,10}") ? null : PwEntries.nameProblem(s);
    }

    static String groupsProblem(String element) {
        for (String g : element.split(",")) {
            if (!g.strip().isEmpty()) {
                String p = groupProblem(g.strip());
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    static ArgSpec refused(String name, String instead) {
        return ArgSpec.of(name, ArgType.RAW).description("Not supported (refused when the playbook loads): "
                + instead + ".").validator(v -> "'" + name + "' is not supported by drover's user: " + instead)
                .build();
    }

    private static ArgSpec refusedTrue(String name, String instead) {
        return ArgSpec.of(name, ArgType.BOOL).defaultValue(false).description("Not supported: true is refused when "
                + "the playbook loads (" + instead + ").").validator(v -> Boolean.TRUE.equals(v)
                        ? "'" + name + ": true' is not supported by drover's user: " + instead : null).build();
    }
}
