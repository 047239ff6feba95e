package org.drover.module.transfer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.module.ArgChecks;
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
 * {@code fetch}: a file of the host copied to the controller, Ansible's layout and rules, idempotent by SHA-1.
 * Read: one round trip (checksum, and the content of a file up to 64 KiB); the controller's copy is compared; a
 * larger file's content costs one more round trip, only when it differs.
 */
public final class FetchModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("fetch",
            "Copy a file from the host to the controller",
            "Copies a file of the host to the controller, to DEST/INVENTORY_HOSTNAME/SRC (flat: to DEST itself, "
                    + "or DEST/basename when DEST ends with '/'); a relative DEST is relative to the playbook's "
                    + "directory. Unchanged when the controller's copy has the host file's SHA-1. The host sends "
                    + "the checksum, with the content of a file up to 64 KiB in the same round trip; a larger file "
                    + "is sent in a second round trip, only when it differs. The controller file is written to a "
                    + "temp file and renamed into place (safe when many hosts write at once); with "
                    + "validate_checksum a transfer whose SHA-1 differs from the host's is discarded and fails, "
                    + "leaving the old copy. A SRC with '..' that would leave DEST is refused. Unlike Ansible, "
                    + "which skips fetch in check mode, --check reads the host and reports what would be fetched.",
            List.of(ArgSpec.of("src", ArgType.STR).required().description("The file on the host (not a directory).")
                            .example("/var/log/messages").validator(ArgChecks.operand()).build(),
                    ArgSpec.of("dest", ArgType.STR).required()
                            .description("A directory on the controller (or the file itself, with flat).")
                            .example("fetched/").validator(v -> ArgChecks.controlProblem(String.valueOf(v))).build(),
                    ArgSpec.of("flat", ArgType.BOOL).defaultValue(false)
                            .description("Write to dest itself instead of dest/HOST/src.").build(),
                    ArgSpec.of("fail_on_missing", ArgType.BOOL).defaultValue(true)
                            .description("Fail when src does not exist or is a directory; false: ok, nothing "
                                    + "fetched.").build(),
                    ArgSpec.of("validate_checksum", ArgType.BOOL).defaultValue(true)
                            .description("Check the transferred file's SHA-1 against the host's.").build()),
            null,
            List.of("- fetch:\n    src: /etc/rc.conf\n    dest: backups/",
                    "- fetch:\n    src: /usr/local/etc/app.conf\n    dest: \"conf/{{ inventory_hostname }}.conf\"\n"
                            + "    flat: true"),
            List.of(ArgSpec.of("dest", ArgType.STR).description("the controller file").build(),
                    ArgSpec.of("file", ArgType.STR).description("src, as given").build(),
                    ArgSpec.of("checksum", ArgType.STR).description("SHA-1 of the controller file").build(),
                    ArgSpec.of("remote_checksum", ArgType.STR).description("SHA-1 of the host file").build()))
            .withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        String src = args.string("src");
        Object inv = ctx.vars().get("inventory_hostname");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("file", src);
        Path target;
        try {
            target = FetchTarget.resolve(ctx.controllerDir(), args.string("dest"), inv == null ? ctx.host()
                    : String.valueOf(inv), src, args.bool("flat"));
        } catch (IllegalArgumentException e) {
            return Outcome.failed(e.getMessage(), result);
        }
        HostFile.State host;
        try {
            host = HostFile.parse(ctx.exec(HostFile.readScript(src, HostFile.INLINE)));
        } catch (IllegalStateException e) {
            return Outcome.failed(src + ": " + e.getMessage(), result);
        }
        if (host.kind() != HostFile.Kind.FILE) {
            return notAFile(host.kind(), args.bool("fail_on_missing"), result);
        }
        result.put("dest", target.toString());
        result.put("remote_checksum", host.sha1());
        if (Files.isDirectory(target)) {
            return Outcome.failed("dest " + target + " is a directory", result);
        }
        String local = LocalWrite.sha1(target);
        result.put("checksum", local);
        if (host.sha1().equals(local)) {
            return Outcome.ok(null, result);
        }
        if (ctx.check()) {
            return Outcome.changed(null, List.of(change(ctx, src, host, target, local)), result);
        }
        return transfer(ctx, args, host, target, result);
    }

    private static Change change(ModuleContext ctx, String src, HostFile.State host, Path target, String local)
            throws java.io.IOException {
        return new Change((local == null ? "fetch " : "replace ") + target + " with " + ctx.host() + ":" + src
                + " (" + host.size() + " bytes)", diff(target, host), List.of());
    }

    private static Outcome transfer(ModuleContext ctx, Args args, HostFile.State host, Path target,
                                    Map<String, Object> result) throws Exception {
        Change change = change(ctx, args.string("src"), host, target, (String) result.get("checksum"));
        byte[] bytes = host.content();
        if (bytes == null) {
            ExecResult r = ctx.exec(HostFile.contentScript(args.string("src")));
            if (!r.ok()) {
                return Outcome.failed("cannot read " + args.string("src") + ": "
                        + (r.timedOut() ? "timed out" : r.stderr().strip()), result);
            }
            bytes = HostFile.decode(r.stdout());
        }
        String got = LocalWrite.sha1(bytes);
        if (args.bool("validate_checksum") && !got.equals(host.sha1())) {
            result.put("checksum", got);
            return Outcome.failed("checksum mismatch", result); // Ansible's words; the old copy stays
        }
        LocalWrite.replace(target, bytes);
        result.put("checksum", got);
        return Outcome.changed(null, List.of(change), result);
    }

    /** Ansible's answers for a missing file or a directory. */
    private static Outcome notAFile(HostFile.Kind kind, boolean failOnMissing, Map<String, Object> result) {
        String msg = switch (kind) {
            case DIRECTORY -> "remote file is a directory, fetch cannot work on directories";
            case UNREADABLE -> "file is not readable: " + result.get("file");
            default -> "the remote file does not exist";
        };
        if (failOnMissing) {
            return Outcome.failed(msg, result);
        }
        return Outcome.ok(msg + ", not transferring, ignored", result);
    }

    /** The text change, when both sides are small text the first round trip brought. */
    private static Diff diff(Path target, HostFile.State host) throws java.io.IOException {
        if (host.content() == null || !text(host.content())) {
            return null;
        }
        String before = "";
        if (Files.isRegularFile(target)) {
            if (Files.size(target) > HostFile.INLINE) {
                return null;
            }
            byte[] old = Files.readAllBytes(target);
            if (!text(old)) {
                return null;
            }
            before = new String(old, StandardCharsets.UTF_8);
        }
        return new Diff(target.toString(), before, new String(host.content(), StandardCharsets.UTF_8));
    }

    private static boolean text(byte[] b) {
        for (byte x : b) {
            if (x == 0) {
                return false;
            }
        }
        return true;
    }
}
