package org.drover.module.facts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one script fact gathering runs, built from the chosen subsets: each command's output is framed by marker
 * lines, so {@link #split} gives every section back with the exact text it printed.
 */
public final class FactScript {
    static final String MARK = "@@drover-facts@@";
    /** The sysctl OIDs read (hardware, virtual, drover): {@code sysctl -e -i} skips the ones the kernel lacks. */
    static final String OIDS = "hw.ncpu vm.stats.vm.v_page_size vm.stats.vm.v_page_count vm.stats.vm.v_free_count"
            + " kern.boottime kern.vm_guest hw.hv_vendor security.jail.jailed hw.model kern.features.vimage";

    private FactScript() {}

    /** The script gathering the facts of {@code subsets}; its output is read by {@link #split}. */
    public static String script(Set<Subsets.Subset> subsets) {
        StringBuilder s = new StringBuilder();
        if (subsets.contains(Subsets.Subset.PLATFORM) || subsets.contains(Subsets.Subset.DISTRIBUTION)) {
            section(s, "platform", "uname -s; uname -r; uname -m; uname -v; hostname");
        }
        if (subsets.contains(Subsets.Subset.USER)) {
            section(s, "user", "n=$(id -un); printf '%s\\n' \"$n\"; id -ru; id -u; id -rg; getent passwd \"$n\"");
        }
        if (subsets.contains(Subsets.Subset.HARDWARE) || subsets.contains(Subsets.Subset.VIRTUAL)
                || subsets.contains(Subsets.Subset.DROVER)) {
            section(s, "sysctl", "date +now=%s; test -e /dev/xen/xenstore && echo xenstore=1; sysctl -e -i " + OIDS);
        }
        if (subsets.contains(Subsets.Subset.HARDWARE)) {
            section(s, "dmesg", "{ cat /var/run/dmesg.boot 2>/dev/null || dmesg; } | grep -F -e 'CPU:'"
                    + " -e 'Logical CPUs per core'");
        }
        if (subsets.contains(Subsets.Subset.NETWORK)) {
            section(s, "ifconfig", "ifconfig -a");
            section(s, "route4", "route -n get default");
            section(s, "route6", "route -n get -inet6 default");
        }
        if (subsets.contains(Subsets.Subset.DROVER)) {
            section(s, "userland", "freebsd-version -u");
            section(s, "jails", "jls name");
            section(s, "zpools", "zpool list -H -o name");
        }
        return s.toString();
    }

    private static void section(StringBuilder s, String name, String command) {
        s.append("printf '%s\\n' '").append(MARK).append(" begin ").append(name).append("'\n")
                .append("( ").append(command).append("\n) 2>/dev/null\n")
                .append("printf '\\n%s %s\\n' '").append(MARK).append(" end ").append(name).append("' \"$?\"\n");
    }

    /** What a section printed and its exit status. */
    public record Section(String output, int status) {}

    /** What {@link #script} prints for one section: for tests, and the parsers' samples. */
    public static String frame(String name, String output, int status) {
        return MARK + " begin " + name + "\n" + output + "\n" + MARK + " end " + name + " " + status + "\n";
    }

    /** The script's output split into its sections, by name; a section cut short is left out. */
    public static Map<String, Section> split(String stdout) {
        Map<String, Section> out = new LinkedHashMap<>();
        String begin = MARK + " begin ";
        int pos = 0;
        while (true) {
            int b = stdout.indexOf(begin, pos);
            if (b < 0) {
                return out;
            }
            int eol = stdout.indexOf('\n', b);
            if (eol < 0 || b > 0 && stdout.charAt(b - 1) != '\n') {
                pos = b + begin.length();
                continue;
            }
            String name = stdout.substring(b + begin.length(), eol);
            String endTag = "\n" + MARK + " end " + name + " ";
            int e = stdout.indexOf(endTag, eol);
            if (e < 0) {
                return out;
            }
            int endEol = stdout.indexOf('\n', e + endTag.length());
            String status = stdout.substring(e + endTag.length(), endEol < 0 ? stdout.length() : endEol).strip();
            String body = e > eol ? stdout.substring(eol + 1, e) : "";
            out.put(name, new Section(body, status.matches("\\d+") ? Integer.parseInt(status) : -1));
            pos = endEol < 0 ? stdout.length() : endEol;
        }
    }
}
