package org.drover.module.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;
import org.drover.transport.ExecResult;

/**
 * {@code setup}: the host's facts in one round trip, under Ansible's names. Play-level fact gathering runs this
 * module with the play's {@code gather_subset}; the engine keeps the facts on the host for the rest of the run.
 */
public final class SetupModule implements Module {
    public static final String NAME = "setup";

    private static final ModuleSpec SPEC = new ModuleSpec(NAME,
            "Gather the host's facts (ansible_facts) in one round trip",
            "Reads uname, hostname, id, sysctl, ifconfig -a, route -n get default, jls and zpool in one script and"
                    + " returns Ansible's FreeBSD facts: system, kernel, distribution_*, os_family, hostname, fqdn,"
                    + " user_*, processor_count, memtotal_mb, memfree_mb, uptime_seconds, interfaces and one dict"
                    + " per interface, default_ipv4/6, all_ipv4/6_addresses, virtualization_*; plus drover's own:"
                    + " drover_userland_version (freebsd-version -u), drover_jails (running), drover_zpools,"
                    + " drover_vimage, drover_boot_id. In a jail target they are the jail's. Not gathered:"
                    + " date_time, env, dns, python, mounts, devices, swap, local facts (fact_path).",
            List.of(ArgSpec.of("gather_subset", ArgType.LIST).defaultValue(List.of("all"))
                            .description("Subsets to gather: all, min, hardware, network, virtual, platform,"
                                    + " distribution, user, drover; '!name' excludes. min is always gathered"
                                    + " unless '!min'.").example("['!all', 'network']")
                            .validator(Subsets::problem).build(),
                    ArgSpec.of("filter", ArgType.LIST).defaultValue(List.of())
                            .description("Shell-style patterns: only the facts whose name (with or without the"
                                    + " ansible_ prefix) matches one are returned.").example("ansible_distribution*")
                            .build(),
                    ArgSpec.of("gather_timeout", ArgType.INT).defaultValue(10)
                            .description("Accepted for Ansible; drover's one script runs under the task's timeout.")
                            .build()),
            null,
            List.of("- setup:\n    gather_subset: ['!all', network]", "- setup:\n    filter: ansible_distribution*"),
            List.of(ArgSpec.of("ansible_facts", ArgType.MAP).description("the facts, by name without ansible_")
                    .build())).withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        List<String> spec = args.strings("gather_subset");
        Set<Subsets.Subset> subsets = Subsets.resolve(spec);
        ExecResult r = ctx.exec(FactScript.script(subsets));
        if (r.timedOut() || r.exitStatus() != 0 && r.stdout().isEmpty()) {
            return Outcome.failed("fact gathering failed: " + (r.timedOut() ? "timed out" : r.stderr().strip()),
                    null);
        }
        Map<String, Object> facts;
        try {
            facts = filter(HostFacts.parse(FactScript.split(r.stdout()), subsets), args.strings("filter"));
        } catch (RuntimeException e) {
            return Outcome.failed("fact gathering failed: " + e.getMessage(), null);
        }
        facts.put("gather_subset", spec);
        facts.put("module_setup", true);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ansible_facts", facts);
        return Outcome.ok(null, result);
    }

    /** Ansible's filter: a pattern matches the name with its ansible_ prefix, or is tried with one added. */
    static Map<String, Object> filter(Map<String, Object> facts, List<String> patterns) {
        if (patterns.isEmpty() || patterns.equals(List.of("*"))) {
            return facts;
        }
        List<Pattern> res = new ArrayList<>();
        for (String p : patterns) {
            res.add(glob(p));
            if (!p.isEmpty() && !p.startsWith("ansible_") && !p.startsWith("facter") && !p.startsWith("ohai")) {
                res.add(glob("ansible_" + p));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        facts.forEach((k, v) -> {
            if (res.stream().anyMatch(re -> re.matcher("ansible_" + k).matches())) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Python's fnmatch: {@code *}, {@code ?}, {@code [seq]}, {@code [!seq]}; everything else literal. */
    static Pattern glob(String p) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            int close = c == '[' ? p.indexOf(']', i + 2) : -1;
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (close > 0) {
                String set = p.substring(i + 1, close);
                boolean not = set.startsWith("!");
                re.append(not ? "[^" : "[");
                for (char x : (not ? set.substring(1) : set).toCharArray()) {
                    re.append(x == '-' || Character.isLetterOrDigit(x) ? String.valueOf(x) : "\\" + x);
                }
                re.append(']');
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
