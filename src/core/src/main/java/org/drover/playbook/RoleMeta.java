package org.drover.playbook;

import java.util.Map;

/**
 * What Ansible keeps on a Role object besides its tasks and variables: which occurrences are the same role (run
 * once per host unless duplicates are allowed) and who sees its defaults and vars.
 *
 * @param key             the role's identity: its name, parameters, when, tags, vars, entry files and whether it
 *                        was imported or included, as Ansible's role cache keys it
 * @param allowDuplicates whether the role runs again on a host where it already ran
 * @param visibility      which tasks see its defaults and vars
 * @param dependency      whether it runs as another role's dependency (not named by the play itself)
 * @param params          the role's parameters (an entry's keys that are not keywords): only its own tasks see
 *                        them, above registered variables, as Ansible's role params
 */
public record RoleMeta(String key, boolean allowDuplicates, Visibility visibility, boolean dependency,
                       Map<String, Object> params) {
    public RoleMeta {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    /** Which tasks see a role's defaults and vars besides its own. */
    public enum Visibility {
        /** Every task of the play (roles:, their dependencies, import_role). */
        PLAY,
        /** The tasks after the include has run (include_role with public: true). */
        AFTER_INCLUDE,
        /** Only its own tasks (include_role). */
        OWN
    }
}
