package org.drover.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fact gathering in one round trip: {@code uname}, {@code hostname} and, where present, {@code freebsd-version}
 * and {@code ifconfig -l}. In a jail target they are the jail's: its hostname, its userland, its interfaces.
 * The facts are published as {@code ansible_facts}/{@code drover_facts} and as {@code ansible_<key>} aliases.
 */
final class Facts {
    private Facts() {}

    static final String SCRIPT = """
            printf 'system=%s\\n' "$(uname -s)"
            printf 'kernel=%s\\n' "$(uname -r)"
            printf 'architecture=%s\\n' "$(uname -m)"
            printf 'hostname=%s\\n' "$(hostname)"
            if command -v freebsd-version >/dev/null 2>&1; then
              freebsd-version -ku 2>/dev/null | { read k; read u; printf 'kernel_version=%s\\nuserland_version=%s\\n' "$k" "$u"; }
            fi
            if i=$(ifconfig -l 2>/dev/null); then printf 'interfaces=%s\\n' "$i"; fi
            """;

    /** Parses the script's {@code key=value} lines into the facts map. */
    static Map<String, Object> parse(String stdout) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                raw.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        String system = raw.getOrDefault("system", "");
        facts.put("system", system);
        facts.put("kernel", raw.getOrDefault("kernel", ""));
        facts.put("architecture", raw.getOrDefault("architecture", ""));
        String hostname = raw.getOrDefault("hostname", "");
        facts.put("hostname", hostname.contains(".") ? hostname.substring(0, hostname.indexOf('.')) : hostname);
        facts.put("fqdn", hostname);
        facts.put("distribution", system);
        // The userland is what "the FreeBSD version" means to an admin; without freebsd-version, uname -r.
        String version = raw.getOrDefault("userland_version", "");
        if (version.isEmpty()) {
            version = raw.getOrDefault("kernel", "");
        }
        facts.put("distribution_version", version);
        String release = version.replaceFirst("-.*$", "");
        facts.put("distribution_release", release);
        facts.put("distribution_major_version", release.replaceFirst("\\..*$", ""));
        if (raw.containsKey("interfaces")) { // ansible_interfaces: what the host (or the jail's vnet) sees
            facts.put("interfaces", java.util.Arrays.stream(raw.get("interfaces").split("\\s+"))
                    .filter(n -> !n.isEmpty()).toList());
        }
        if (raw.containsKey("kernel_version")) {
            facts.put("kernel_version", raw.get("kernel_version"));
            facts.put("userland_version", raw.get("userland_version"));
        }
        return facts;
    }

    /** The variables a host gets from its facts. */
    static Map<String, Object> asVars(Map<String, Object> facts) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ansible_facts", facts);
        vars.put("drover_facts", facts);
        facts.forEach((k, v) -> vars.put("ansible_" + k, v));
        return vars;
    }
}
