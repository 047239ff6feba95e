package org.drover.module.files;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;
import org.drover.transport.ExecResult;

/**
 * {@code blockinfile} (also {@code ansible.builtin.blockinfile}): a block between marker lines, as Ansible 2.14
 * keeps it. One round trip reads the file; {@link BlockEdit} decides; a change is one more ({@link TextFile}).
 */
public final class BlockinfileModule implements Module {
    private static final String NEWLINES = "drover follows Ansible 2.14, which has no such option; put the blank "
            + "line in block";

    private static final ModuleSpec SPEC = new ModuleSpec("blockinfile",
            "Insert, update or remove a block of lines between marker lines",
            "Ansible's blockinfile: the block goes between '# BEGIN ANSIBLE MANAGED BLOCK' and '# END ...' (marker, "
                    + "with {mark} replaced by marker_begin and marker_end), replacing what is between the markers "
                    + "(also when edited by hand); without markers it goes after the last line matching insertafter "
                    + "(EOF by default) or before the last matching insertbefore (or BOF). state=absent or an empty "
                    + "block removes the markers and what is between. One round trip when nothing changes.",
            List.of(FileArgs.path("The file to edit.", "dest", "destfile", "name"),
                    ArgSpec.of("state", ArgType.STR).defaultValue("present").choices("absent", "present")
                            .description("present: the block is there; absent: it is removed.").build(),
                    ArgSpec.of("marker", ArgType.STR).defaultValue("# {mark} ANSIBLE MANAGED BLOCK")
                            .description("The marker line template; {mark} becomes marker_begin or marker_end.")
                            .build(),
                    ArgSpec.of("block", ArgType.STR).defaultValue("").aliases("content")
                            .description("The lines to put between the markers.").build(),
                    ArgSpec.of("insertafter", ArgType.STR)
                            .description("Without markers: after the last line matching this regexp, or EOF.").build(),
                    ArgSpec.of("insertbefore", ArgType.STR)
                            .description("Without markers: before the last line matching this regexp, or BOF.")
                            .build(),
                    ArgSpec.of("create", ArgType.BOOL).defaultValue(false)
                            .description("Create the file (and its directory) when missing.").build(),
                    FileArgs.BACKUP, FileArgs.VALIDATE,
                    ArgSpec.of("marker_begin", ArgType.STR).defaultValue("BEGIN")
                            .description("{mark} in the first marker.").build(),
                    ArgSpec.of("marker_end", ArgType.STR).defaultValue("END")
                            .description("{mark} in the last marker.").build(),
                    FileArgs.MODE, FileArgs.OWNER, FileArgs.GROUP,
                    FileArgs.refused("append_newline", NEWLINES), FileArgs.refused("prepend_newline", NEWLINES)),
            null,
            List.of("""
                    - blockinfile:
                        path: /etc/ssh/sshd_config
                        block: |
                          Match User backup
                            ForceCommand internal-sftp
                    """),
            List.of(ArgSpec.of("msg", ArgType.STR).description("Block inserted, Block removed, File created, or ''")
                    .build(), ArgSpec.of("backup_file", ArgType.STR).description("the old file (backup: true)")
                    .build()))
            .withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    static String problem(Args a) {
        if (a.has("insertbefore") && a.has("insertafter")) {
            return "parameters are mutually exclusive: insertbefore|insertafter";
        }
        if (a.has("validate") && !a.string("validate").contains("%s")) {
            return "validate must contain %s: " + a.string("validate");
        }
        return null;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args a) throws Exception {
        String problem = problem(a);
        if (problem != null) {
            return Outcome.failed(problem, null);
        }
        String path = a.string("path");
        ExecResult read = ctx.exec(TextFile.readScript(path));
        TextFile.Current cur;
        try {
            cur = TextFile.parse(path, read);
        } catch (IllegalStateException e) {
            return Outcome.failed(e.getMessage(), null);
        }
        if (cur.isDir()) {
            return Outcome.failed("Path " + path + " is a directory !", Map.of("rc", 256));
        }
        boolean present = a.string("state").equals("present");
        if (!cur.exists() && !a.bool("create")) {
            return Outcome.failed("Path " + path + " does not exist !", Map.of("rc", 257));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        if (!present && !cur.exists()) {
            result.put("msg", "File " + path + " not present");
            return Outcome.ok(null, result);
        }
        BlockEdit.Result edit;
        try {
            edit = BlockEdit.edit(cur.exists() ? cur.content() : null, new BlockEdit.Params(a.string("marker"),
                    a.string("marker_begin"), a.string("marker_end"), a.string("block"), a.string("insertafter"),
                    a.string("insertbefore"), present));
        } catch (IllegalArgumentException e) {
            return Outcome.failed(e.getMessage(), null);
        }
        result.put("msg", edit.msg());
        Change content = edit.msg().isEmpty() ? null : new Change(edit.msg() + " in " + path,
                new Diff(path + " (content)", cur.exists() ? cur.content() : "", edit.content()),
                List.of("write " + cur.target()));
        if (ctx.check() && !cur.exists()) {
            return Outcome.changed(null, List.of(content), result);
        }
        return TextFile.apply(ctx, a, cur, new TextFile.Edit(content, edit.content()), result);
    }
}
