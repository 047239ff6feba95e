package org.drover.ssh.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What ssh_config says for one host: keyword (lower case) to its arguments, and where each came from.
 *
 * @param values keyword to arguments (every IdentityFile, in order, under "identityfile")
 * @param origin keyword to "file:line" of the value used
 */
public record HostOptions(Map<String, List<String>> values, Map<String, String> origin) {
    public HostOptions {
        values = Map.copyOf(values);
        origin = Map.copyOf(origin);
    }

    /** The first argument of keyword; "none" (ssh's way to unset) counts as absent. */
    public Optional<String> get(String keyword) {
        List<String> v = values.get(keyword);
        return v == null || v.isEmpty() || v.get(0).equalsIgnoreCase("none") ? Optional.empty() : Optional.of(v.get(0));
    }

    public List<String> all(String keyword) {
        return values.getOrDefault(keyword, List.of());
    }

    /** "yes"/"no" keywords: true, false, or empty when not set. */
    public Optional<Boolean> flag(String keyword) {
        return get(keyword).map(v -> v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true"));
    }

    /** Values where "none" is meaningful (ProxyJump none) are read with this. */
    public boolean isNone(String keyword) {
        List<String> v = values.get(keyword);
        return v != null && !v.isEmpty() && v.get(0).equalsIgnoreCase("none");
    }
}
