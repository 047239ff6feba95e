package org.drover.module.geturl;

import org.drover.transport.Sh;

/**
 * The download: fetch(1) into a temp file beside dest, the checksum checked there (a mismatch fails and leaves
 * dest as it was, where Ansible removes it), attributes set on it, then renamed over dest. When dest already has
 * the same bytes (force), the temp file is dropped, dest keeps its bytes and gets the attributes, and the script
 * prints {@value GetUrlPlanner#SAME}.
 */
final class GetUrlScripts {
    private GetUrlScripts() {}

    static String download(GetUrlPlanner.Current c, GetUrlPlanner.Desired d) {
        String path = c.path();
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "./";
        StringBuilder s = new StringBuilder();
        s.append("t=").append(Sh.quote(path)).append('\n');
        s.append("tmp=$(mktemp ").append(Sh.quote(dir + ".drover-get_url.XXXXXX")).append(")\n");
        s.append("trap 'rm -f \"$tmp\"' EXIT\n");
        s.append(Sh.join("fetch", "-q", "-T", String.valueOf(d.timeout())))
                .append(d.verifyCerts() ? "" : " --no-verify-peer --no-verify-hostname").append(" -o \"$tmp\" -- ")
                .append(Sh.quote(d.url())).append('\n');
        if (d.checksum() != null) {
            GetUrlPlanner.Checksum k = d.checksum();
            s.append("s=$(").append(k.algorithm()).append(" -q \"$tmp\")\n");
            s.append("if [ \"$s\" != ").append(k.hex()).append(" ]; then echo \"The checksum for $t did not match ")
                    .append(k.hex()).append("; it was $s.\" >&2; exit 1; fi\n");
        }
        if (c.kind() == GetUrlPlanner.Kind.FILE) {
            s.append("if cmp -s \"$tmp\" \"$t\"; then echo ").append(GetUrlPlanner.SAME).append("; tmp_is=same; fi\n");
        }
        s.append("f=\"$tmp\"; [ \"${tmp_is:-}\" = same ] && f=\"$t\"\n");
        s.append(attributes(c, d));
        s.append("if [ \"${tmp_is:-}\" != same ]; then mv -f \"$tmp\" \"$t\"; fi\ntrap - EXIT\nrm -f \"$tmp\"\n");
        return s.toString();
    }

    /** Mode, owner, group on "$f": the task's, else those of the file replaced, else the umask's (Ansible). */
    private static String attributes(GetUrlPlanner.Current c, GetUrlPlanner.Desired d) {
        boolean exists = c.kind() == GetUrlPlanner.Kind.FILE;
        StringBuilder s = new StringBuilder();
        if (d.mode() != null) {
            s.append("chmod ").append(d.mode()).append(" \"$f\"\n");
        } else if (exists) {
            s.append("chmod ").append(c.mode()).append(" \"$f\"\n");
        } else {
            s.append("chmod \"$(printf '%o' $((0666 & ~0$(umask))))\" \"$f\"\n");
        }
        String owner = d.owner() != null ? d.owner() : exists ? c.owner() : null;
        String group = d.group() != null ? d.group() : exists ? c.group() : null;
        if (owner != null) {
            s.append("chown -- ").append(Sh.quote(owner)).append(" \"$f\"\n");
        }
        if (group != null) {
            s.append("chgrp -- ").append(Sh.quote(group)).append(" \"$f\"\n");
        }
        return s.toString();
    }
}
