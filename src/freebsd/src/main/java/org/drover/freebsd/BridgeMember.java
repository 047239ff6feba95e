package org.drover.freebsd;

import java.util.List;

/**
 * One {@code member:} entry of a bridge. Numbers are null when the line did not carry them
 * (15.x prints {@code ifmaxaddr} only when it is not 0; role/state only with STP).
 */
public record BridgeMember(String name, List<String> flags, Integer ifmaxaddr, Integer port, Integer priority,
                           Integer pathCost, String proto, String role, String state) {
    public BridgeMember {
        flags = List.copyOf(flags);
    }
}
