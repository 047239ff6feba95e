package org.drover.module.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.module.ArgChecks;
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

/**
 * {@code unarchive}: an archive unpacked into an existing directory of the host with {@code tar -xf ARCHIVE -C
 * DEST} (FreeBSD's bsdtar: tar, tar.gz/bz2/xz/zst, zip). Read: one round trip unpacks into a private temp
 * directory and compares member by member with dest (content with cmp, directories, symlink targets); the
 * archive is unpacked into dest only when a member is missing or differs.
 */
public final class UnarchiveModule extends StateModule<UnarchiveModule.Desired, UnarchiveModule.Current> {
    private static final ModuleSpec SPEC = new ModuleSpec("unarchive",
            "Unpack an archive into a directory of the host",
            "Unpacks an archive with the host's tar (bsdtar: tar, tar.gz, .bz2, .xz, .zst, zip) into dest, which "
                    + "must exist. remote_src: false (the default) sends the controller's archive (role files/, "
                    + "then next to the playbook) on the command's standard input; true uses an archive already on "
                    + "the host. creates skips the task when a path exists. Otherwise the read unpacks into a "
                    + "private temp directory of the host and compares every member with dest (file content, "
                    + "directories, symlink targets), as Ansible compares file by file; ownership, modes and "
                    + "times are not compared (drover has no owner/group/mode arguments here), and dest is "
                    + "changed only when a member is missing or differs. tar refuses members with '..' and strips "
                    + "a leading '/'. Needs room for one more unpacked copy in the host's temp directory.",
            List.of(ArgSpec.of("src", ArgType.STR).required()
                            .description("The archive: on the controller, or on the host with remote_src.")
                            .example("app-1.2.tar.gz").validator(ArgChecks.all(ArgChecks.operand(),
                                    v -> String.valueOf(v).contains("://") ? "a URL as src is not supported: "
                                            + "download it with get_url, then unarchive it with remote_src: true"
                                            : null)).build(),
                    ArgSpec.of("dest", ArgType.STR).required().description("An existing directory of the host.")
                            .example("/usr/local/www/app").validator(ArgChecks.operand()).build(),
                    ArgSpec.of("remote_src", ArgType.BOOL).defaultValue(false)
                            .description("src is already on the host.").build(),
                    ArgSpec.of("creates", ArgType.STR).description("A host path; when it exists nothing is done.")
                            .validator(ArgChecks.operand()).build(),
                    ArgSpec.of("list_files", ArgType.BOOL).defaultValue(false)
                            .description("Return the archive's members in files.").build(),
                    ArgSpec.of("extra_opts", ArgType.LIST).description("Not supported: refused when not empty.")
                            .validator(v -> v instanceof List<?> l && l.isEmpty() ? null : "extra_opts is not "
                                    + "supported: drover runs tar -xf ARCHIVE -C DEST; unpack with command: tar "
                                    + "for other options").build()),
            null,
            List.of("- unarchive:\n    src: site.tar.gz\n    dest: /usr/local/www/site",
                    "- unarchive:\n    src: /var/tmp/app.tar.xz\n    dest: /opt\n    remote_src: true\n"
                            + "    creates: /opt/app/bin/app"),
            List.of(ArgSpec.of("differs", ArgType.LIST).description("members missing from dest or different")
                            .build(),
                    ArgSpec.of("files", ArgType.LIST).description("the archive's members (list_files)").build()))
            .withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    /** @param archive the controller archive's bytes (remote_src false), else null */
    record Desired(String src, String dest, String creates, boolean listFiles, byte[] archive) {}

    enum Kind { CREATED, NO_DEST, NO_SRC, BROKEN, READ }

    /** @param error tar's message (BROKEN) */
    record Current(Kind kind, List<String> same, List<String> differs, String error) {}

    @Override
    protected Desired desired(ModuleContext ctx, Args args) throws Exception {
        byte[] archive = null;
        if (!args.bool("remote_src")) {
            Path local = ctx.resolveLocal(args.string("src"), "files");
            if (!Files.isRegularFile(local)) {
                throw new IllegalArgumentException("Could not find or access '" + args.string("src")
                        + "' on the Ansible Controller (looked for " + local + ")");
            }
            archive = Files.readAllBytes(local);
        }
        return new Desired(args.string("src"), args.string("dest"), args.string("creates"), args.bool("list_files"),
                archive);
    }

    @Override
    protected byte[] stdin(Desired d) {
        return d.archive();
    }

    @Override
    protected String readScript(Desired d) {
        return TarScripts.read(d.src(), d.dest(), d.creates(), d.archive() != null);
    }

    @Override
    protected Current parse(Desired d, ExecResult read) {
        return TarScripts.parse(read);
    }

    @Override
    protected Plan plan(Current c, Desired d) {
        return switch (c.kind()) {
            case CREATED -> Plan.none();
            case NO_DEST -> Plan.fail("Destination '" + d.dest() + "' is not a directory");
            case NO_SRC -> Plan.fail("Source '" + d.src() + "' does not exist");
            case BROKEN -> Plan.fail("cannot unpack " + d.src() + ": " + c.error());
            case READ -> c.differs().isEmpty() ? Plan.none() : Plan.of(List.of(new Change("unpack " + d.src()
                    + " into " + d.dest() + " (" + c.differs().size() + " of " + (c.same().size()
                    + c.differs().size()) + " members missing or different)", new Diff(d.dest() + " (members)",
                    "", String.join("\n", c.differs()) + "\n"), List.of(TarScripts.extract(d.src(), d.dest(),
                    d.archive() != null)))));
        };
    }

    @Override
    protected Outcome apply(ModuleContext ctx, Desired d, Current c, Plan plan, Map<String, Object> result)
            throws Exception {
        ExecResult r = ctx.exec(applyScript(commands(plan.changes())), d.archive());
        if (!r.ok()) {
            return failed("failed to unpack: " + (r.timedOut() ? "timed out" : r.stderr().strip()), plan, result, r);
        }
        return Outcome.changed(null, plan.changes(), result);
    }

    @Override
    protected Object describe(Current c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", c.kind().name().toLowerCase());
        m.put("differs", c.differs());
        return m;
    }

    @Override
    protected void describeMore(Current c, Desired d, Map<String, Object> result) {
        result.put("differs", c.differs());
        if (d.listFiles()) {
            List<String> all = new ArrayList<>(c.same());
            all.addAll(c.differs());
            result.put("files", all.stream().sorted().toList());
        }
    }
}
