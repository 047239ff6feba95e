package org.drover.freebsd;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The bridge block of {@code ifconfig bridgeN}. Members are kept in the kernel's order (newest first), but
 * membership is a set: compare with {@link #memberNames()}.
 */
public record BridgeState(String id, Integer priority, String proto, Integer maxaddr, Integer timeout,
                          List<BridgeMember> members) {
    public BridgeState {
        members = List.copyOf(members);
    }

    public Set<String> memberNames() {
        Set<String> names = new LinkedHashSet<>();
        members.forEach(m -> names.add(m.name()));
        return names;
    }

    public boolean hasMember(String name) {
        return members.stream().anyMatch(m -> m.name().equals(name));
    }
}
