package org.drover.module.freebsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drover.freebsd.IfAddress;
import org.drover.freebsd.InterfaceState;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.transport.Sh;

/** Interface settings shared by bridge and epair: mtu, description, addresses, up/down; and result maps. */
final class BridgeIfChanges {
    private BridgeIfChanges() {}

    /** The mtu argument's validator: the range both modules accept. */
    static String checkMtu(Object value) {
        long mtu = ((Number) value).longValue();
        return mtu < 576 || mtu > 65535 ? "mtu must be between 576 and 65535" : null;
    }

    static Optional<Change> mtu(String ifname, int current, Long desired) {
        if (desired == null || desired == current) {
            return Optional.empty();
        }
        return Optional.of(new Change("set mtu of " + ifname + " to " + desired,
                new Diff(ifname, "mtu " + current + "\n", "mtu " + desired + "\n"),
                List.of(Sh.join("ifconfig", ifname, "mtu", String.valueOf(desired)))));
    }

    static Optional<Change> description(String ifname, String current, String desired) {
        String cur = current == null ? "" : current;
        if (desired == null || desired.equals(cur)) {
            return Optional.empty();
        }
        String cmd = desired.isEmpty() ? Sh.join("ifconfig", ifname, "-description")
                : Sh.join("ifconfig", ifname, "description", desired);
        return Optional.of(new Change(desired.isEmpty() ? "clear description of " + ifname
                : "set description of " + ifname + " to '" + desired + "'",
                new Diff(ifname, cur.isEmpty() ? "" : "description: " + cur + "\n",
                        desired.isEmpty() ? "" : "description: " + desired + "\n"),
                List.of(cmd)));
    }

    static Optional<Change> up(String ifname, boolean currentUp, Boolean desired) {
        if (desired == null || desired == currentUp) {
            return Optional.empty();
        }
        return Optional.of(new Change((desired ? "bring up " : "bring down ") + ifname,
                new Diff(ifname, currentUp ? "UP\n" : "DOWN\n", desired ? "UP\n" : "DOWN\n"),
                List.of(Sh.join("ifconfig", ifname, desired ? "up" : "down"))));
    }

    /**
     * Adds the desired addresses that are missing; a listed address present with another prefix length is
     * replaced. Addresses not listed are removed only when {@code exclusive} (never IPv6 link-local ones).
     */
    static List<Change> addresses(String ifname, List<IfAddress> current, List<IfAddress> desired,
                                  boolean exclusive) {
        List<Change> out = new ArrayList<>();
        List<IfAddress> cur = current.stream().filter(a -> !a.isLinkLocal()).toList();
        for (IfAddress d : desired) {
            Optional<IfAddress> same = cur.stream().filter(c -> sameAddress(c, d)).findFirst();
            if (same.isPresent() && same.get().prefixLength() == d.prefixLength()) {
                continue;
            }
            List<String> cmds = new ArrayList<>();
            if (same.isPresent()) {
                cmds.add(removeCommand(ifname, same.get()));
            }
            cmds.add(Sh.join("ifconfig", ifname, d.family().keyword(), d.cidr(), "alias"));
            out.add(new Change(same.isPresent()
                    ? "change " + d.family().keyword() + " " + same.get().cidr() + " to " + d.cidr() + " on " + ifname
                    : "add " + d + " to " + ifname,
                    new Diff(ifname, same.map(a -> a + "\n").orElse(""), d + "\n"), cmds));
        }
        if (exclusive) {
            for (IfAddress c : cur) {
                if (desired.stream().noneMatch(d -> sameAddress(c, d))) {
                    out.add(new Change("remove " + c + " from " + ifname, new Diff(ifname, c + "\n", ""),
                            List.of(removeCommand(ifname, c))));
                }
            }
        }
        return out;
    }

    private static boolean sameAddress(IfAddress a, IfAddress b) {
        return a.family() == b.family() && a.address().equals(b.address());
    }

    private static String removeCommand(String ifname, IfAddress a) {
        return Sh.join("ifconfig", ifname, a.family().keyword(), a.address(), "-alias");
    }

    /**
     * One diff per object instead of one per command: the fragments of changes that share a label are joined onto
     * the first of them, the others keep their description and commands but no diff.
     */
    static List<Change> mergeDiffs(List<Change> changes) {
        Map<String, StringBuilder[]> merged = new LinkedHashMap<>();
        for (Change c : changes) {
            if (c.diff() != null) {
                StringBuilder[] ba = merged.computeIfAbsent(c.diff().label(),
                        k -> new StringBuilder[] {new StringBuilder(), new StringBuilder()});
                ba[0].append(c.diff().before());
                ba[1].append(c.diff().after());
            }
        }
        List<Change> out = new ArrayList<>();
        java.util.Set<String> done = new java.util.HashSet<>();
        for (Change c : changes) {
            Diff d = null;
            if (c.diff() != null && done.add(c.diff().label())) {
                StringBuilder[] ba = merged.get(c.diff().label());
                d = new Diff(c.diff().label(), ba[0].toString(), ba[1].toString());
            }
            out.add(new Change(c.description(), d, c.commands()));
        }
        return out;
    }

    /** For an interface that is being created: nothing of it existed before, whatever the single changes say. */
    static List<Change> created(List<Change> changes, String label) {
        return changes.stream().map(c -> c.diff() == null || !c.diff().label().equals(label) ? c
                : new Change(c.description(), new Diff(label, "", c.diff().after()), c.commands())).toList();
    }

    static List<IfAddress> parseAddresses(List<String> given) {
        return given.stream().map(IfAddress::parseCidr).distinct().toList();
    }

    /** The interface as a registered-result value. */
    static Map<String, Object> describe(InterfaceState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("up", s.isUp());
        m.put("mtu", s.mtu());
        m.put("description", s.description());
        m.put("addresses", s.managedAddresses().stream().map(IfAddress::cidr).toList());
        s.bridgeState().ifPresent(b -> m.put("members", List.copyOf(b.memberNames())));
        return m;
    }

    /**
     * What a task sets on an interface; null leaves a value as it is.
     *
     * @param description empty to clear it
     * @param exclusiveAddresses true when the addresses replace the managed ones instead of joining them
     */
    record Wanted(Boolean up, Long mtu, String description, List<IfAddress> addresses, boolean exclusiveAddresses) {
    }

    /** An interface as the changes leave it: current values overridden by those the task sets. */
    static Map<String, Object> expected(String name, InterfaceState cur, Wanted want) {
        Boolean up = want.up();
        Long mtu = want.mtu();
        String description = want.description();
        List<IfAddress> addresses = want.addresses();
        boolean exclusiveAddresses = want.exclusiveAddresses();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("up", up != null ? up : cur != null && cur.isUp());
        m.put("mtu", mtu != null ? mtu.intValue() : cur != null ? cur.mtu() : 1500);
        m.put("description", description != null ? (description.isEmpty() ? null : description)
                : cur != null ? cur.description() : null);
        List<String> addrs = new ArrayList<>();
        if (cur != null && !exclusiveAddresses) {
            for (IfAddress c : cur.managedAddresses()) {
                if (addresses.stream().noneMatch(d -> sameAddress(c, d))) {
                    addrs.add(c.cidr());
                }
            }
        }
        addresses.forEach(a -> addrs.add(a.cidr()));
        m.put("addresses", addrs);
        return m;
    }
}
