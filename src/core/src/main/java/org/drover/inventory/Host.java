package org.drover.inventory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One inventory host with its variables already merged (group precedence applied, host vars last).
 *
 * @param groups every group the host belongs to, {@code all} first, parents before children
 */
public record Host(String name, List<String> groups, Map<String, Object> vars) {
    public Host {
        groups = List.copyOf(groups);
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    }

    /**
     * A connection variable by drover's name ({@code drover_host}, {@code drover_port}, {@code drover_user},
     * {@code drover_private_key_file}, {@code drover_password}, {@code drover_become}, {@code drover_become_method},
     * {@code drover_become_user}, {@code drover_become_password}), falling back to Ansible's alias
     * ({@code ansible_*}, and {@code ansible_ssh_*} for host/port/user/key/pass).
     */
    public Optional<Object> connectionVar(String droverName) {
        return ConnectionVars.lookup(vars, droverName);
    }
}
