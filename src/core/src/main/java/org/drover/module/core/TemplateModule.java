package org.drover.module.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;

/** {@code template}: renders a controller file with the host's variables, then puts it like copy. */
public final class TemplateModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("template",
            "Render a Jinja2 template onto the host",
            "Renders src (looked up in the role's templates/, then next to the playbook) with the host's variables, "
                    + "then writes it to dest exactly as copy does: one round trip when nothing changes, two when "
                    + "something does.",
            List.of(ArgSpec.of("src", ArgType.STR).required().description("The template on the controller.")
                            .example("jail.conf.j2").build(),
                    RemoteFile.DEST, RemoteFile.MODE, RemoteFile.OWNER, RemoteFile.GROUP, RemoteFile.BACKUP,
                    RemoteFile.VALIDATE),
            null,
            List.of("- template:\n    src: rc.conf.local.j2\n    dest: /etc/rc.conf.local\n    backup: true"),
            RemoteFile.RETURNS).withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        Path src = ctx.resolveLocal(args.string("src"), "templates");
        if (!Files.isRegularFile(src)) {
            return Outcome.failed("src: no template " + args.string("src") + " (looked for " + src + ")", null);
        }
        String text = Files.readString(src);
        String rendered;
        try {
            rendered = ctx.templater().renderText(text, templateVars(ctx, args, src));
        } catch (RuntimeException e) {
            return Outcome.failed(src.getFileName() + ": " + e.getMessage(), null);
        }
        String name = src.getFileName().toString();
        if (name.endsWith(".j2")) {
            name = name.substring(0, name.length() - 3);
        }
        return RemoteFile.put(ctx, args, rendered.getBytes(StandardCharsets.UTF_8), name);
    }

    /**
     * The host's variables plus those Ansible's template action adds (and which win over the play's):
     * {@code ansible_managed} with Ansible's default string, {@code template_path}, {@code template_fullpath},
     * {@code template_destpath}, {@code template_host}.
     */
    private static Map<String, Object> templateVars(ModuleContext ctx, Args args, Path src) {
        Map<String, Object> vars = new LinkedHashMap<>(ctx.vars());
        vars.put("ansible_managed", "Ansible managed");
        vars.put("template_path", args.string("src"));
        vars.put("template_fullpath", src.toAbsolutePath().toString());
        vars.put("template_destpath", args.string("dest"));
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        vars.put("template_host", host);
        return vars;
    }
}
