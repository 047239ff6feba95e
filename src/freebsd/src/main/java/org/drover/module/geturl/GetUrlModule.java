package org.drover.module.geturl;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.drover.freebsd.FetchErrors;
import org.drover.module.ArgChecks;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;
import org.drover.module.Plan;
import org.drover.module.StateModule;
import org.drover.text.Visible;
import org.drover.transport.ExecResult;

/**
 * {@code get_url}: downloads with FreeBSD's fetch(1) on the host. One round trip reads dest (its digest with the
 * checksum's algorithm, its attributes); the download is a second one, made only when Ansible's rule asks for it.
 */
public final class GetUrlModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("get_url",
            "Download a file on the host with fetch(1)",
            "Downloads url to dest on the host with FreeBSD's fetch(1) (fetch -q -T TIMEOUT -o TEMP URL), into a "
                    + "temp file beside dest that is checked and renamed into place. With checksum, a dest that "
                    + "already has it is not downloaded (one round trip), and a download that does not match fails "
                    + "and leaves dest as it was (Ansible removes it). Without checksum, an existing dest is left "
                    + "alone unless force (Ansible's documented rule; drover sends no If-Modified-Since request). "
                    + "force downloads every time and replaces dest only when the bytes differ. A dest that is a "
                    + "directory receives the URL's last path segment (index.html when empty); unlike Ansible, a "
                    + "Content-Disposition name is not used. In check mode nothing is downloaded: the task reports "
                    + "what a run would download.",
            List.of(ArgSpec.of("url", ArgType.STR).required().description("http, https, ftp or file URL.")
                            .example("https://download.example.org/app-1.2.tar.gz").validator(GetUrlModule::urlProblem)
                            .build(),
                    ArgSpec.of("dest", ArgType.STR).required()
                            .description("A file path, or an existing directory (the URL's file name is used).")
                            .example("/var/tmp/").validator(ArgChecks.operand()).build(),
                    ArgSpec.of("checksum", ArgType.STR).description("ALGORITHM:HEX, with md5, sha1, sha224, "
                            + "sha256, sha384 or sha512 (checked with FreeBSD's command of that name).")
                            .example("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                            .validator(v -> {
                                try {
                                    checksum(String.valueOf(v));
                                    return null;
                                } catch (IllegalArgumentException e) {
                                    return e.getMessage();
                                }
                            }).build(),
                    ArgSpec.of("mode", ArgType.STR).description("Octal permissions such as '0644'.").example("'0644'")
                            .validator(v -> octal(String.valueOf(v)) == null
                                    ? "expected octal permissions like 0644, got '" + Visible.oneLine(String.valueOf(v))
                                    + "' (symbolic modes are not supported by get_url in drover)" : null).build(),
                    ArgSpec.of("owner", ArgType.STR).description("Owner (name or uid).").validator(ArgChecks.account())
                            .build(),
                    ArgSpec.of("group", ArgType.STR).description("Group (name or gid).").validator(ArgChecks.account())
                            .build(),
                    ArgSpec.of("force", ArgType.BOOL).defaultValue(false)
                            .description("Download every time; replace dest when the bytes differ.").build(),
                    ArgSpec.of("validate_certs", ArgType.BOOL).defaultValue(true)
                            .description("false: accept any https certificate and host name (fetch "
                                    + "--no-verify-peer --no-verify-hostname).").build(),
                    ArgSpec.of("timeout", ArgType.INT).defaultValue(10)
                            .description("Seconds for the transfer (fetch -T).")
                            .validator(v -> v instanceof Number n && n.longValue() >= 1 ? null
                                    : "timeout must be at least 1 second, got " + v).build()),
            null,
            List.of("- get_url:\n    url: https://download.example.org/app-1.2.tar.gz\n    dest: /var/tmp/\n"
                    + "    checksum: sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n"
                    + "    mode: '0644'"),
            List.of(ArgSpec.of("dest", ArgType.STR).description("the file downloaded (dest/NAME for a directory)")
                            .build(),
                    ArgSpec.of("url", ArgType.STR).description("the URL").build(),
                    ArgSpec.of("response", ArgType.STR).description("fetch(1)'s reason when the download failed")
                            .build()))
            .withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    static String urlProblem(Object v) {
        String s = String.valueOf(v);
        String p = ArgChecks.operandProblem(s);
        if (p != null) {
            return p;
        }
        try {
            URI u = new URI(s);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!List.of("http", "https", "ftp", "file").contains(scheme)) {
                return "'" + s + "' is not an http, https, ftp or file URL";
            }
        } catch (URISyntaxException e) {
            return "'" + Visible.oneLine(s) + "' is not a URL: " + e.getReason();
        }
        String name = new GetUrlPlanner.Desired(s, "", null, null, null, null, false, 0, true).fileName();
        return name.equals(".") || name.equals("..") ? "the URL's file name '" + name + "' is not a file name" : null;
    }

    /** Ansible's parsing: ALGORITHM:CHECKSUM, non-word characters dropped, lower case, hex of the right length. */
    static GetUrlPlanner.Checksum checksum(String s) {
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("The checksum parameter has to be in format <algorithm>:<checksum>");
        }
        String algo = s.substring(0, colon).toLowerCase(Locale.ROOT);
        String hex = s.substring(colon + 1);
        if (hex.contains("://")) {
            throw new IllegalArgumentException("a checksum URL is not supported: give the digest itself "
                    + "(algorithm:hex)");
        }
        Integer len = GetUrlPlanner.ALGORITHMS.get(algo);
        if (len == null) {
            throw new IllegalArgumentException("checksum algorithm '" + Visible.oneLine(algo) + "' is not supported "
                    + "(md5, sha1, sha224, sha256, sha384, sha512)");
        }
        hex = hex.replaceAll("\\W+", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{" + len + "}")) {
            throw new IllegalArgumentException("The checksum format is invalid (" + algo + " wants " + len
                    + " hex digits)");
        }
        return new GetUrlPlanner.Checksum(algo, hex);
    }

    static String octal(String s) {
        String t = s.trim();
        return !t.matches("[0-7]{3,4}") ? null : t.length() == 3 ? "0" + t : t;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        GetUrlPlanner.Desired d = new GetUrlPlanner.Desired(args.string("url"), args.string("dest"),
                args.has("checksum") ? checksum(args.string("checksum")) : null,
                args.has("mode") ? octal(args.string("mode")) : null, args.string("owner"), args.string("group"),
                args.bool("force"), args.integer("timeout"), args.bool("validate_certs"));
        GetUrlPlanner.Current c = GetUrlPlanner.parse(ctx.exec(GetUrlPlanner.readScript(d)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dest", c.path());
        result.put("url", d.url());
        Plan plan = GetUrlPlanner.plan(c, d);
        if (plan.failure() != null) {
            return Outcome.failed(plan.failure(), result);
        }
        if (plan.changes().isEmpty()) {
            return Outcome.ok("file already exists", result);
        }
        if (ctx.check()) {
            return Outcome.changed(null, plan.changes(), result);
        }
        ExecResult r = ctx.exec(StateModule.applyScript(StateModule.commands(plan.changes())));
        if (!r.ok()) {
            String why = r.timedOut() ? "timed out" : FetchErrors.reason(r.stderr(), d.url());
            result.put("response", why);
            return Outcome.failed(r.stderr().contains("The checksum for ") ? why : "Request failed: " + why, result);
        }
        if (r.stdout().contains(GetUrlPlanner.SAME) && sameAttributes(c, d)) {
            return Outcome.ok("the download has the same bytes as " + c.path(), result);
        }
        return Outcome.changed(null, plan.changes(), result);
    }

    private static boolean sameAttributes(GetUrlPlanner.Current c, GetUrlPlanner.Desired d) {
        return (d.mode() == null || d.mode().equals(c.mode())) && (d.owner() == null || d.owner().equals(c.owner()))
                && (d.group() == null || d.group().equals(c.group()));
    }
}
