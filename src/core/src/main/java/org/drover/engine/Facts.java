package org.drover.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A host's gathered facts (the setup module's, see {@code org.drover.module.facts}) as variables: {@code ansible_facts}
 * and {@code drover_facts}, and an {@code ansible_<key>} variable per fact (Ansible's INJECT_FACTS_AS_VARS).
 */
final class Facts {
    private Facts() {}

    /** The variables a host gets from its facts. */
    static Map<String, Object> asVars(Map<String, Object> facts) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ansible_facts", facts);
        vars.put("drover_facts", facts);
        // drover's own facts keep their drover_ names; Ansible's get the ansible_ prefix
        facts.forEach((k, v) -> vars.put(k.startsWith("drover_") ? k : "ansible_" + k, v));
        return vars;
    }
}
