package org.drover.engine;

import java.util.Map;
import org.drover.inventory.ConnectionVars;
import org.drover.inventory.Host;

/**
 * Which jail a task runs in, and through which inventory host a jail target is reached.
 *
 * <p>A task runs in a jail when its variables name one: {@code drover_jail} (what the {@code jail:} keyword of a
 * task, block or play sets), else, for a host with Ansible's {@code ansible_connection: community.general.jail}
 * (or {@code jail}), {@code ansible_host} or the inventory name, else the {@code NAME} of an inventory host named
 * {@code NAME@HOST}. A jail target is reached through {@code drover_jail_host}, else the {@code HOST} of its name:
 * that host's one connection, whose connection variables are the only ones a jail target takes from it.
 */
final class JailTargets {
    static final String JAIL = "drover_jail";
    static final String JAIL_HOST = "drover_jail_host";

    private JailTargets() {}

    /** The jail the task's commands run in, or null for the host itself. */
    static String jail(Map<String, Object> vars, String inventoryName) {
        Object j = vars.get(JAIL);
        if (j != null && !String.valueOf(j).isBlank()) {
            return String.valueOf(j).trim();
        }
        if (ansibleJailConnection(vars)) {
            return ConnectionVars.lookup(vars, ConnectionVars.HOST).map(String::valueOf)
                    .orElse(nameParts(inventoryName) != null ? nameParts(inventoryName)[0] : inventoryName);
        }
        String[] parts = nameParts(inventoryName);
        return parts == null ? null : parts[0];
    }

    /**
     * The inventory host whose connection reaches this host's jail, or null when the host is reached itself.
     *
     * @throws IllegalArgumentException for Ansible's jail connection without a host to go through
     */
    static String physicalHost(Host h) {
        Object via = h.vars().get(JAIL_HOST);
        if (via != null && !String.valueOf(via).isBlank()) {
            return String.valueOf(via).trim();
        }
        String[] parts = nameParts(h.name());
        if (parts != null) {
            return parts[1];
        }
        if (ansibleJailConnection(h.vars())) {
            throw new IllegalArgumentException("host " + h.name() + ": a jail connection reaches a jail of the "
                    + "controller in Ansible; drover reaches jails through a host: set " + JAIL_HOST
                    + " to the inventory host that runs the jail");
        }
        return null;
    }

    /** {@code NAME@HOST} split in two, or null for any other name. */
    private static String[] nameParts(String name) {
        int at = name.indexOf('@');
        if (at <= 0 || at == name.length() - 1 || name.indexOf('@', at + 1) >= 0) {
            return null;
        }
        return new String[] {name.substring(0, at), name.substring(at + 1)};
    }

    private static boolean ansibleJailConnection(Map<String, Object> vars) {
        Object c = vars.get("drover_connection");
        if (c == null) {
            c = vars.get("ansible_connection");
        }
        String s = c == null ? "" : String.valueOf(c).trim();
        return s.equals("jail") || s.equals("community.general.jail");
    }
}
