package org.drover.template;

import com.hubspot.jinjava.interpret.Context;

/**
 * Ansible's filters and tests, with the semantics of ansible-core 2.14 and Jinja2 3.1 (Python's types, str(),
 * ordering and arithmetic), in place of Jinjava's own where both have one.
 */
final class AnsibleFilters {
    private AnsibleFilters() {}

    static void register(Context ctx) {
        Registrar r = new Registrar(ctx);
        ValueFilters.register(r);
        ListFilters.register(r);
        TextFilters.register(r);
        DataFilters.register(r);
        EncodingFilters.register(r);
        AnsibleTests.register(r);
        Globals.register(ctx);
    }
}
