package org.drover.module.files;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.module.ArgChecks;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;
import org.drover.module.StateModule;
import org.drover.transport.ExecResult;

/**
 * {@code file} (also {@code ansible.builtin.file}): Ansible's module, argument for argument, on FreeBSD. One round
 * trip reads the path with {@code stat -f} (and what the state needs: the link's target, the source, the missing
 * directories, the tree under a directory); {@link FilePlanner} decides; one {@code set -e} script applies.
 */
public final class FileModule implements Module {
    private static final String TIMES = "drover leaves access and modification times alone (state=touch sets both "
            + "to now); use a command task with touch -t";

    private static final ModuleSpec SPEC = new ModuleSpec("file",
            "Manage a file's, directory's or link's existence, mode and owner",
            "Ansible's file module: the same states (file, directory, link, hard, touch, absent; omitted: what the "
                    + "path is now, file when it is missing), modes in octal or symbolic form, owner, group, "
                    + "recurse, src, force and follow, with Ansible's messages. state=absent removes a directory and "
                    + "everything in it, as Ansible does. One round trip when nothing changes.",
            List.of(FileArgs.path("The path to manage.", "dest", "name"),
                    ArgSpec.of("state", ArgType.STR).choices("absent", "directory", "file", "hard", "link", "touch")
                            .description("What the path must be (see above).").build(),
                    FileArgs.MODE, FileArgs.OWNER, FileArgs.GROUP,
                    ArgSpec.of("recurse", ArgType.BOOL).defaultValue(false)
                            .description("state=directory: set mode, owner and group on everything inside too.")
                            .build(),
                    ArgSpec.of("src", ArgType.STR).description("The target of a link (state=link or hard).")
                            .example("/usr/local/etc/nginx").validator(ArgChecks.operand()).build(),
                    ArgSpec.of("force", ArgType.BOOL).defaultValue(false)
                            .description("Replace a file (or an empty directory) by the link; link to a missing src.")
                            .build(),
                    ArgSpec.of("follow", ArgType.BOOL).defaultValue(true)
                            .description("Act on what a symbolic link points to.").build(),
                    FileArgs.refused("modification_time", TIMES), FileArgs.refused("modification_time_format", TIMES),
                    FileArgs.refused("access_time", TIMES), FileArgs.refused("access_time_format", TIMES)),
            null,
            List.of("""
                    - file:
                        path: /usr/local/etc/app
                        state: directory
                        mode: u=rwx,g=rx,o=
                        owner: root
                        group: wheel
                    """, """
                    - file:
                        src: /usr/local/etc/nginx/nginx.conf
                        dest: /etc/nginx.conf
                        state: link
                    """),
            List.of(ArgSpec.of("path", ArgType.STR).description("the path (dest for link, hard, touch)").build(),
                    ArgSpec.of("state", ArgType.STR).description("what the path is after the task").build(),
                    ArgSpec.of("mode", ArgType.STR).description("'0644'").build()))
            .withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    static FileWant want(Args a) {
        return new FileWant(a.string("path"), a.string("state"), a.get("mode"), a.string("owner"), a.string("group"),
                a.bool("recurse"), a.string("src"), a.bool("force"), a.bool("follow"));
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        FileWant w = want(args);
        ExecResult read = ctx.exec(FileState.script(w));
        if (read.timedOut()) {
            return Outcome.failed("cannot read " + w.path() + ": timed out", null);
        }
        FilePlanner.Planned p;
        try {
            p = FilePlanner.plan(FileState.parse(w, read.stdout()), w);
        } catch (IllegalArgumentException e) {
            return Outcome.failed(e.getMessage(), Map.of("path", w.path()));
        }
        Map<String, Object> result = new LinkedHashMap<>(p.result());
        if (p.plan().failure() != null) {
            result.putIfAbsent("path", p.path());
            return Outcome.failed(p.plan().failure(), result);
        }
        if (p.plan().changes().isEmpty()) {
            return Outcome.ok(null, result);
        }
        if (ctx.check()) {
            return Outcome.changed(null, p.plan().changes(), result);
        }
        ExecResult applied = ctx.exec(StateModule.applyScript(StateModule.commands(p.plan().changes())));
        if (!applied.ok()) {
            return new Outcome(Outcome.Status.FAILED, "failed to apply: " + (applied.timedOut() ? "timed out"
                    : applied.stderr().strip()), p.plan().changes(), result, Map.of());
        }
        return Outcome.changed(null, p.plan().changes(), result);
    }
}
