package org.drover.freebsd;

import java.util.List;
import java.util.Optional;

/**
 * One interface as {@code ifconfig NAME} prints it. Only what the modules compare is kept.
 *
 * @param description the text after {@code description:} (raw, may contain spaces), or null
 * @param addresses   inet and inet6 addresses in printed order
 * @param bridge      the bridge block, or null when this is not a bridge
 */
public record InterfaceState(String name, List<String> flags, int metric, int mtu, String description,
                             String ether, List<IfAddress> addresses, List<String> groups, String media,
                             String status, BridgeState bridge) {
    public InterfaceState {
        flags = List.copyOf(flags);
        addresses = List.copyOf(addresses);
        groups = List.copyOf(groups);
    }

    public boolean isUp() {
        return flags.contains("UP");
    }

    public Optional<BridgeState> bridgeState() {
        return Optional.ofNullable(bridge);
    }

    /** Addresses a playbook can manage: everything except IPv6 link-local ones the kernel assigns. */
    public List<IfAddress> managedAddresses() {
        return addresses.stream().filter(a -> !a.isLinkLocal()).toList();
    }
}
