package org.drover.module.geturl;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.module.Plan;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;

/**
 * get_url's read script, parser and pure planner. The rule is Ansible's: with a checksum, a dest that has it is
 * not downloaded again; without one, an existing dest is left alone unless force; force downloads every time and
 * replaces dest only when the content differs. Attributes (mode, owner, group) are set either way.
 */
final class GetUrlPlanner {
    private GetUrlPlanner() {}

    /** The digest commands of FreeBSD's md5(1) family that get_url accepts, with their hex lengths. */
    static final Map<String, Integer> ALGORITHMS = Map.of("md5", 32, "sha1", 40, "sha224", 56, "sha256", 64,
            "sha384", 96, "sha512", 128);
    static final String SAME = "--drover-same--";

    /** @param checksum null, or algorithm and lower-case hex */
    record Checksum(String algorithm, String hex) {
        @Override
        public String toString() {
            return algorithm + ":" + hex;
        }
    }

    /** @param verifyCerts false: fetch --no-verify-peer --no-verify-hostname (Ansible's validate_certs: false) */
    record Desired(String url, String dest, Checksum checksum, String mode, String owner, String group, boolean force,
                   long timeout, boolean verifyCerts) {
        /** Ansible's url_filename: the last segment of the URL's path, index.html when there is none. */
        String fileName() {
            String path = URI.create(url).getRawPath();
            String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
            return name.isEmpty() ? "index.html" : name;
        }
    }

    enum Kind { FILE, ABSENT, DIRECTORY }

    record Current(String path, Kind kind, boolean parentExists, String sum, String mode, String owner,
                   String group) {}

    static String readScript(Desired d) {
        StringBuilder s = new StringBuilder("t=").append(Sh.quote(d.dest())).append('\n');
        s.append("if [ -d \"$t\" ]; then t=\"${t%/}\"/").append(Sh.quote(d.fileName())).append("; fi\n");
        s.append("""
                printf 'path=%s\\n' "$t"
                if [ -d "$t" ]; then echo state=directory; exit 0; fi
                if [ ! -e "$t" ]; then
                  echo state=absent
                  if [ -d "$(dirname "$t")" ]; then echo parent=1; else echo parent=0; fi
                  exit 0
                fi
                echo state=file
                printf 'stat=%s\\n' "$(stat -c '%a %U %G' "$t" 2>/dev/null || stat -f '%Lp %Su %Sg' "$t")"
                """);
        if (d.checksum() != null) {
            s.append("printf 'sum=%s\\n' \"$(").append(d.checksum().algorithm()).append(" -q \"$t\")\"\n");
        }
        return s.toString();
    }

    static Current parse(ExecResult r) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        String state = kv.get("state");
        if (!r.ok() || state == null || kv.get("path") == null) {
            throw new IllegalStateException("cannot read dest: " + (r.timedOut() ? "timed out"
                    : (r.stderr() + r.stdout()).strip()));
        }
        String path = kv.get("path");
        return switch (state) {
            case "directory" -> new Current(path, Kind.DIRECTORY, true, null, null, null, null);
            case "absent" -> new Current(path, Kind.ABSENT, "1".equals(kv.get("parent")), null, null, null, null);
            case "file" -> file(path, kv, r);
            default -> throw new IllegalStateException("unexpected answer from the host: " + state);
        };
    }

    private static Current file(String path, Map<String, String> kv, ExecResult r) {
        String[] st = kv.getOrDefault("stat", "").trim().split("\\s+");
        if (st.length < 3 || !st[0].matches("[0-7]{3,4}")) {
            throw new IllegalStateException("cannot stat " + path + ": " + r.stderr().strip());
        }
        String sum = kv.containsKey("sum") ? kv.get("sum").trim().toLowerCase() : null;
        return new Current(path, Kind.FILE, true, sum, st[0].length() == 3 ? "0" + st[0] : st[0], st[1], st[2]);
    }

    /** Whether the plan downloads (else it only sets attributes, or nothing). */
    static boolean downloads(Current c, Desired d) {
        if (c.kind() != Kind.FILE || d.force()) {
            return true;
        }
        return d.checksum() != null && !d.checksum().hex().equals(c.sum());
    }

    static Plan plan(Current c, Desired d) {
        if (c.kind() == Kind.DIRECTORY) {
            return Plan.fail(c.path() + " is a directory");
        }
        if (c.kind() == Kind.ABSENT && !c.parentExists()) {
            String p = c.path();
            return Plan.fail("Destination " + (p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : ".")
                    + " does not exist");
        }
        List<Change> changes = new ArrayList<>();
        if (downloads(c, d)) {
            String why = c.kind() == Kind.ABSENT ? "download " : d.force() && (d.checksum() == null
                    || d.checksum().hex().equals(c.sum())) ? "download again (force) " : "replace (checksum differs) ";
            changes.add(new Change(why + d.url() + " to " + c.path(), null,
                    List.of(GetUrlScripts.download(c, d))));
            return Plan.of(changes);
        }
        String[][] rows = {{"mode", c.mode(), d.mode(), "chmod " + d.mode()},
                {"owner", c.owner(), d.owner(), "chown -- " + Sh.quote(String.valueOf(d.owner()))},
                {"group", c.group(), d.group(), "chgrp -- " + Sh.quote(String.valueOf(d.group()))}};
        for (String[] r : rows) {
            if (r[2] != null && !r[2].equals(r[1])) {
                changes.add(new Change(r[0] + " of " + c.path() + ": " + r[1] + " -> " + r[2],
                        new Diff(c.path() + " (" + r[0] + ")", r[1] + "\n", r[2] + "\n"),
                        List.of(r[3] + " " + Sh.quote(c.path()))));
            }
        }
        return Plan.of(changes);
    }
}
