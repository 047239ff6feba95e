package org.drover.inventory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** drover's connection variable names and the Ansible names accepted for them, so existing inventories work. */
public final class ConnectionVars {
    public static final String HOST = "drover_host";
    public static final String PORT = "drover_port";
    public static final String USER = "drover_user";
    public static final String KEY_FILE = "drover_private_key_file";
    public static final String PASSWORD = "drover_password";
    public static final String BECOME = "drover_become";
    public static final String BECOME_METHOD = "drover_become_method";
    public static final String BECOME_USER = "drover_become_user";
    public static final String BECOME_PASSWORD = "drover_become_password";

    private static final Map<String, List<String>> ALIASES = Map.of(
            HOST, List.of("ansible_host", "ansible_ssh_host"),
            PORT, List.of("ansible_port", "ansible_ssh_port"),
            USER, List.of("ansible_user", "ansible_ssh_user"),
            KEY_FILE, List.of("ansible_ssh_private_key_file", "ansible_private_key_file"),
            PASSWORD, List.of("ansible_password", "ansible_ssh_pass", "ansible_ssh_password"),
            BECOME, List.of("ansible_become"),
            BECOME_METHOD, List.of("ansible_become_method"),
            BECOME_USER, List.of("ansible_become_user"),
            BECOME_PASSWORD, List.of("ansible_become_password", "ansible_become_pass"));

    private ConnectionVars() {}

    public static Optional<Object> lookup(Map<String, Object> vars, String droverName) {
        Object v = vars.get(droverName);
        if (v != null) {
            return Optional.of(v);
        }
        for (String alias : ALIASES.getOrDefault(droverName, List.of())) {
            v = vars.get(alias);
            if (v != null) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
