package org.drover.module.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;
import org.drover.text.JsonText;
import org.drover.text.PyText;

/** {@code copy}: a file from the controller, or literal content, to the host; idempotent by checksum. */
public final class CopyModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("copy",
            "Put a file on the host",
            "Writes content, or a controller file named by src (looked up in the role's files/, then next to the "
                    + "playbook), to dest. One round trip when nothing changes (checksum, mode and owner are read "
                    + "together); two when something does. The new file is written next to the old one and renamed "
                    + "into place, so readers never see half a file. --diff shows text changes.",
            List.of(ArgSpec.of("content", ArgType.RAW).description("The file's content, instead of src.")
                            .example("\"nameserver 192.0.2.53\\n\"").build(),
                    ArgSpec.of("src", ArgType.STR).description("A file on the controller, instead of content.")
                            .example("pf.conf").build(),
                    RemoteFile.DEST, RemoteFile.MODE, RemoteFile.OWNER, RemoteFile.GROUP, RemoteFile.BACKUP,
                    RemoteFile.VALIDATE),
            null,
            List.of("- copy:\n    src: pf.conf\n    dest: /etc/pf.conf\n    mode: '0600'\n    validate: pfctl -nf %s",
                    "- copy:\n    content: \"{{ motd }}\\n\"\n    dest: /etc/motd.template"),
            RemoteFile.RETURNS).withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    /** As Ansible's copy action: a list or a dict is written as json.dumps writes it, anything else as str(). */
    static String content(Object v) {
        return v instanceof java.util.Map || v instanceof java.util.List ? JsonText.toJson(v) : PyText.str(v);
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        if (args.has("content") == args.has("src")) {
            return Outcome.failed("give either content or src", null);
        }
        if (args.has("content")) {
            return RemoteFile.put(ctx, args, content(args.get("content")).getBytes(StandardCharsets.UTF_8), null);
        }
        Path src = ctx.resolveLocal(args.string("src"), "files");
        if (!Files.isRegularFile(src)) {
            return Outcome.failed("src: no file " + args.string("src") + " (looked for " + src + ")", null);
        }
        return RemoteFile.put(ctx, args, Files.readAllBytes(src), src.getFileName().toString());
    }
}
