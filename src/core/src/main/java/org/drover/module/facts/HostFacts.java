package org.drover.module.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drover.module.facts.FactScript.Section;
import org.drover.module.facts.Subsets.Subset;

/**
 * The facts of one host (or jail) from the sections of {@link FactScript}, under Ansible's names with the values
 * Ansible's FreeBSD collectors give (platform, distribution, user, hardware, network, virtual), plus drover's own
 * under {@code drover_*}.
 */
public final class HostFacts {
    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)-(RELEASE|STABLE|CURRENT|RC|PRERELEASE).*");
    private static final Pattern BOOTTIME = Pattern.compile("\\{ sec = (\\d+), usec = (\\d+) }.*");

    private HostFacts() {}

    /** The facts of {@code subsets} from the script's output. Throws IllegalStateException on a missing section. */
    public static Map<String, Object> parse(Map<String, Section> s, Set<Subset> subsets) {
        Map<String, Object> f = new LinkedHashMap<>();
        if (subsets.contains(Subset.PLATFORM) || subsets.contains(Subset.DISTRIBUTION)) {
            platform(lines(s, "platform", 5), subsets, f);
        }
        if (subsets.contains(Subset.USER)) {
            user(lines(s, "user", 4), f);
        }
        Map<String, String> sysctl = subsets.contains(Subset.HARDWARE) || subsets.contains(Subset.VIRTUAL)
                || subsets.contains(Subset.DROVER) ? sysctl(text(s, "sysctl")) : Map.of();
        if (subsets.contains(Subset.HARDWARE)) {
            hardware(sysctl, text(s, "dmesg"), f);
        }
        if (subsets.contains(Subset.NETWORK)) {
            f.putAll(NetworkFacts.parse(text(s, "ifconfig"), text(s, "route4"), text(s, "route6")));
        }
        if (subsets.contains(Subset.VIRTUAL)) {
            f.putAll(Virtual.facts(sysctl));
        }
        if (subsets.contains(Subset.DROVER)) {
            drover(s, sysctl, f);
        }
        return f;
    }

    private static void platform(List<String> p, Set<Subset> subsets, Map<String, Object> f) {
        String node = p.get(4);
        if (subsets.contains(Subset.PLATFORM)) {
            f.put("system", p.get(0));
            f.put("kernel", p.get(1));
            f.put("kernel_version", p.get(3));
            f.put("machine", p.get(2));
            f.put("architecture", p.get(2).equals("x86_64") ? "x86_64" : p.get(2));
            // socket.getfqdn() on a FreeBSD host whose hostname is its FQDN (rc.conf's hostname=) gives the same
            f.put("fqdn", node);
            f.put("hostname", node.split("\\.", -1)[0]);
            f.put("nodename", node);
            f.put("domain", node.contains(".") ? node.substring(node.indexOf('.') + 1) : "");
        }
        if (subsets.contains(Subset.DISTRIBUTION)) {
            f.put("distribution", p.get(0));
            f.put("distribution_release", p.get(1));
            Matcher m = RELEASE.matcher(p.get(1));
            if (m.find()) {
                f.put("distribution_major_version", m.group(1));
                f.put("distribution_version", m.group(1) + "." + m.group(2));
            }
            f.put("os_family", p.get(0));
        }
    }

    private static void user(List<String> u, Map<String, Object> f) {
        String[] pw = u.size() > 4 ? u.get(4).split(":", -1) : new String[0];
        f.put("user_id", u.get(0));
        if (pw.length >= 7) {
            f.put("user_uid", Long.parseLong(pw[2]));
            f.put("user_gid", Long.parseLong(pw[3]));
            f.put("user_gecos", pw[4]);
            f.put("user_dir", pw[5]);
            f.put("user_shell", pw[6]);
        }
        f.put("real_user_id", Long.parseLong(u.get(1)));
        f.put("effective_user_id", Long.parseLong(u.get(2)));
        f.put("real_group_id", Long.parseLong(u.get(3)));
        f.put("effective_group_id", Long.parseLong(u.get(3))); // sic: Ansible reads os.getgid() for both
    }

    private static void hardware(Map<String, String> sysctl, String dmesg, Map<String, Object> f) {
        List<String> cpus = new ArrayList<>();
        String cores = null;
        for (String line : dmesg.split("\n")) {
            if (line.contains("CPU:")) {
                cpus.add(line.replaceAll("CPU:\\s+", "").strip());
            }
            if (line.contains("Logical CPUs per core")) {
                String[] w = line.strip().split("\\s+");
                cores = w.length > 4 ? w[4] : null;
            }
        }
        f.put("processor", cpus);
        if (cores != null) {
            f.put("processor_cores", cores);
        }
        if (sysctl.containsKey("hw.ncpu")) {
            f.put("processor_count", sysctl.get("hw.ncpu")); // a string, as Ansible's FreeBSD collector has it
        }
        try {
            long page = Long.parseLong(sysctl.get("vm.stats.vm.v_page_size"));
            f.put("memtotal_mb", page * Long.parseLong(sysctl.get("vm.stats.vm.v_page_count")) / 1024 / 1024);
            f.put("memfree_mb", page * Long.parseLong(sysctl.get("vm.stats.vm.v_free_count")) / 1024 / 1024);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("cannot read the memory sizes from sysctl vm.stats: " + sysctl);
        }
        long[] boot = bootTime(sysctl.getOrDefault("kern.boottime", ""));
        if (boot != null && sysctl.getOrDefault("now", "").matches("\\d+")) {
            f.put("uptime_seconds", Long.parseLong(sysctl.get("now")) - boot[0]);
        }
    }

    private static void drover(Map<String, Section> s, Map<String, String> sysctl, Map<String, Object> f) {
        Section u = s.get("userland");
        if (u != null && u.status() == 0) {
            f.put("drover_userland_version", u.output().strip());
        }
        f.put("drover_jails", words(s.get("jails")));
        f.put("drover_zpools", words(s.get("zpools")));
        f.put("drover_vimage", "1".equals(sysctl.get("kern.features.vimage")));
        long[] boot = bootTime(sysctl.getOrDefault("kern.boottime", ""));
        if (boot != null) {
            f.put("drover_boot_id", boot[0] + "." + boot[1]);
        }
    }

    private static List<String> words(Section s) {
        if (s == null || s.status() != 0) {
            return List.of();
        }
        return s.output().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /**
     * {@code sysctl -n kern.boottime} ({@code { sec = 1733212800, usec = 512345 } Tue Dec  3 08:00:00 2024}) as
     * {sec, usec}, or null when it is not in that form. Seconds and microseconds together identify a boot.
     */
    public static long[] bootTime(String value) {
        Matcher m = BOOTTIME.matcher(value.strip());
        return m.matches() ? new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))} : null;
    }

    /** {@code sysctl -e} lines ({@code name=value}) by name; a value may hold {@code =}. */
    static Map<String, String> sysctl(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    private static String text(Map<String, Section> s, String name) {
        Section sec = s.get(name);
        if (sec == null) {
            throw new IllegalStateException("the fact script's '" + name + "' section is missing from its output");
        }
        return sec.output();
    }

    private static List<String> lines(Map<String, Section> s, String name, int atLeast) {
        List<String> l = text(s, name).lines().toList();
        if (l.size() < atLeast) {
            throw new IllegalStateException("unexpected '" + name + "' facts output: " + text(s, name));
        }
        return l;
    }
}
