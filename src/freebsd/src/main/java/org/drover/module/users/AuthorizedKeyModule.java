package org.drover.module.users;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drover.freebsd.Names;
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
 * {@code authorized_key} (also {@code ansible.posix.authorized_key}): SSH keys in a user's authorized_keys, edited
 * as Ansible edits them ({@link AuthorizedKeys}). Reads the account (pw usershow: home, uid, gid) and the file in
 * one round trip; writes the whole file from standard input, owned by the user, mode 0600, in a 0700 directory.
 */
public final class AuthorizedKeyModule extends StateModule<AuthorizedKeyModule.Desired, AuthorizedKeyModule.Current> {

    /** @param path null: HOME/.ssh/authorized_keys */
    public record Desired(String user, String key, String path, boolean manageDir, boolean present,
                          String keyOptions, boolean exclusive, String comment) {
    }

    /** @param content the file's text ("" when it is not there) */
    public record Current(Optional<PwEntries.User> user, String content, String error) {
    }

    private static final ModuleSpec SPEC = new ModuleSpec("authorized_key",
            "SSH keys in a user's authorized_keys, as ansible.posix.authorized_key",
            "Adds or removes SSH public keys in a user's authorized_keys (by default ~USER/.ssh/authorized_keys), "
                    + "as ansible.posix.authorized_key does: keys are compared by their key blob; a key present "
                    + "with other options or another comment is rewritten (and moves to the end); exclusive: "
                    + "true removes every other line. The file is written whole, owned by the user, mode 0600; "
                    + "manage_dir makes its directory 0700 and the user's.",
            List.of(
                    ArgSpec.of("user", ArgType.STR).required().example("deploy")
                            .description("The account whose keys these are (it must exist).")
                            .validator(v -> PwEntries.nameProblem(String.valueOf(v))).build(),
                    ArgSpec.of("key", ArgType.STR).required().description("One or more public key lines (as in "
                            + "authorized_keys; empty and # lines are ignored). URLs are refused.")
                            .validator(AuthorizedKeyModule::keyProblem).build(),
                    ArgSpec.of("path", ArgType.STR).description("Another file than ~USER/.ssh/authorized_keys.")
                            .validator(v -> Names.absolutePathProblem(String.valueOf(v))).build(),
                    ArgSpec.of("manage_dir", ArgType.BOOL).defaultValue(true).description("Create the file's "
                            + "directory if missing, and make it the user's, mode 0700.").build(),
                    ArgSpec.of("state", ArgType.STR).defaultValue("present").choices("present", "absent")
                            .description("present: the keys are in the file; absent: they are not.").build(),
                    ArgSpec.of("key_options", ArgType.STR).description("Options for every key given (e.g. "
                            + "from=\"10.0.0.0/8\",no-pty), replacing the key's own.")
                            .validator(v -> lineProblem(String.valueOf(v))).build(),
                    ArgSpec.of("exclusive", ArgType.BOOL).defaultValue(false).description("Remove every line "
                            + "that is not one of the keys given.").build(),
                    ArgSpec.of("comment", ArgType.STR).description("The comment for every key given, replacing "
                            + "the key's own.").validator(v -> lineProblem(String.valueOf(v))).build(),
                    ArgSpec.of("follow", ArgType.BOOL).defaultValue(false).description("Refused when true: the "
                                    + "file is written in place of a symbolic link.")
                            .validator(v -> Boolean.TRUE.equals(v) ? "'follow: true' is not supported by drover's "
                                    + "authorized_key: give the link's target as path" : null).build(),
                    ArgSpec.of("validate_certs", ArgType.BOOL).defaultValue(true)
                            .description("Only for key URLs, which drover refuses; accepted and unused.").build()),
            null,
            List.of("""
                    - name: Deploy's key, from a file on the controller
                      authorized_key:
                        user: deploy
                        key: "{{ lookup('file', 'files/deploy.pub') }}"
                        key_options: no-port-forwarding
                    """),
            List.of(ArgSpec.of("keyfile", ArgType.STR).description("the file edited").build(),
                    ArgSpec.of("before", ArgType.MAP).description("exists (the user), keyfile, content").build()))
            .withAliases("ansible.posix.authorized_key");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    static String keyProblem(Object v) {
        String s = String.valueOf(v);
        if (s.startsWith("http")) {
            return "keys from URLs are not supported by drover's authorized_key: give the key text (lookup('file', "
                    + "...) or a variable)";
        }
        for (char c : s.toCharArray()) {
            if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f) {
                return "a key holds no control characters other than line breaks";
            }
        }
        return null;
    }

    static String lineProblem(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f) ? "holds no line breaks or control characters" : null;
    }

    @Override
    protected Desired desired(ModuleContext ctx, Args args) {
        Desired d = new Desired(args.string("user"), args.string("key"), args.string("path"), args.bool("manage_dir"),
                args.string("state").equals("present"), args.string("key_options"), args.bool("exclusive"),
                args.string("comment"));
        for (String line : AuthorizedKeys.wantedLines(d.key())) {
            AuthorizedKeys.Entry e = AuthorizedKeys.parseKey(line, 0);
            if (e == null || e.type() == null) {
                throw new IllegalArgumentException("invalid key specified: " + line);
            }
        }
        return d;
    }

    @Override
    protected String readScript(Desired d) {
        String file = d.path() != null ? "f=" + Sh.quote(d.path())
                : "h=$(" + Sh.join("pw", "usershow", "-n", d.user()) + " | cut -d: -f9) && [ -n \"$h\" ] && "
                + "f=\"$h/.ssh/authorized_keys\"";
        return Sections.section("user", Sh.join("pw", "usershow", "-n", d.user()))
                + Sections.section("keys", file + " && if [ -f \"$f\" ]; then cat -- \"$f\"; else exit 3; fi");
    }

    @Override
    protected Outcome apply(ModuleContext ctx, Desired d, Current cur, Plan plan, Map<String, Object> result)
            throws Exception {
        byte[] text = AuthorizedKeys.enforce(cur.content(), d).getBytes(StandardCharsets.UTF_8);
        ExecResult applied = ctx.exec(applyScript(commands(plan.changes())), text);
        if (!applied.ok()) {
            return failed("failed to apply: " + (applied.timedOut() ? "timed out" : applied.stderr().strip()), plan,
                    result, applied);
        }
        return Outcome.changed(null, plan.changes(), result);
    }

    @Override
    protected Current parse(Desired d, ExecResult read) {
        var sections = Sections.parse(read.stdout());
        try {
            Sections.Section user = Sections.get(sections, "user");
            Optional<PwEntries.User> u = PwEntries.usershow(d.user(), user.output(), user.status());
            Sections.Section keys = Sections.get(sections, "keys");
            if (u.isPresent() && keys.status() != 0 && keys.status() != 3) {
                throw new IllegalStateException("cannot read " + keyfile(d, u) + ": " + keys.output().strip());
            }
            return new Current(u, keys.status() == 0 ? keys.output() : "", null);
        } catch (IllegalStateException e) {
            return new Current(Optional.empty(), "", (e.getMessage() + " " + read.stderr()).strip());
        }
    }

    static String keyfile(Desired d, Optional<PwEntries.User> u) {
        return d.path() != null ? d.path() : u.map(x -> x.home() + "/.ssh/authorized_keys").orElse(null);
    }

    @Override
    protected Plan plan(Current cur, Desired d) {
        if (cur.error() != null) {
            return Plan.fail(cur.error());
        }
        if (cur.user().isEmpty()) {
            // as Ansible, which looks the user up before it reads the file (for its home, owner and group)
            return Plan.fail("Failed to lookup user " + d.user() + ": no such user");
        }
        String after;
        try {
            after = AuthorizedKeys.enforce(cur.content(), d);
        } catch (IllegalArgumentException e) {
            return Plan.fail(e.getMessage());
        }
        if (after == null) {
            return Plan.none();
        }
        PwEntries.User u = cur.user().get();
        String file = keyfile(d, cur.user());
        return Plan.of(List.of(new Change((d.present() ? "add keys to " : "remove keys from ") + file,
                new Diff(file, cur.content(), after), writeCommands(d, u, file))));
    }

    private static List<String> writeCommands(Desired d, PwEntries.User u, String file) {
        String owner = u.uid() + ":" + u.gid();
        String dir = file.substring(0, Math.max(1, file.lastIndexOf('/')));
        List<String> c = new ArrayList<>();
        if (d.manageDir()) {
            c.add("[ -d " + Sh.quote(dir) + " ] || " + Sh.join("mkdir", "-m", "0700", "--", dir));
            c.add(Sh.join("chown", owner, dir) + " && " + Sh.join("chmod", "0700", dir));
        }
        c.add("[ -d " + Sh.quote(dir) + " ] || " + Sh.join("mkdir", "-p", "--", dir));
        String tmp = file + ".drover-new";
        c.add(Sh.join("cat") + " > " + Sh.quote(tmp) + " && " + Sh.join("chown", owner, tmp) + " && "
                + Sh.join("chmod", "0600", tmp) + " && " + Sh.join("mv", "-f", tmp, file));
        return c;
    }

    @Override
    protected Object describe(Current cur) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exists", cur.user().isPresent());
        m.put("content", cur.content());
        return m;
    }

    @Override
    protected void describeMore(Current cur, Desired d, Map<String, Object> result) {
        result.put("keyfile", keyfile(d, cur.user()));
    }
}
