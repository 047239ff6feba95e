package org.drover.freebsd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code ifconfig} output (FreeBSD 11 to 15). Lines are recognised by their leading keyword, never by
 * position: the order of the bridge block, {@code groups:}, {@code media:} and {@code nd6} differs between
 * versions. Unknown lines are ignored.
 */
public final class IfconfigParser {
    private static final Pattern HEADER = Pattern.compile("^([A-Za-z][A-Za-z0-9_.]*): flags=([0-9a-fA-F]+)<([^>]*)>(.*)$");
    private static final Pattern NUMBER_AFTER = Pattern.compile("\\b(metric|mtu) (\\d+)");
    private static final Pattern MEMBER = Pattern.compile("^member: (\\S+) flags=[0-9a-fA-F]+<([^>]*)>");
    private static final Pattern NOT_EXIST = Pattern.compile("ifconfig: interface (\\S+) does not exist");

    private IfconfigParser() {}

    /** Parses the output of {@code ifconfig NAME}; empty when it holds no interface. */
    public static Optional<InterfaceState> parse(String text) {
        Map<String, InterfaceState> all = parseAll(text);
        return all.values().stream().findFirst();
    }

    /** Parses several interfaces printed one after the other ({@code ifconfig -a}, or a loop), by name. */
    public static Map<String, InterfaceState> parseAll(String text) {
        Map<String, InterfaceState> out = new LinkedHashMap<>();
        Builder cur = null;
        for (String line : text.split("\n", -1)) {
            Matcher h = HEADER.matcher(line);
            if (h.matches()) {
                if (cur != null) {
                    out.put(cur.name, cur.build());
                }
                cur = new Builder(h.group(1), h.group(3), h.group(4));
            } else if (cur != null && line.startsWith("\t")) {
                cur.line(line.substring(1));
            }
        }
        if (cur != null) {
            out.put(cur.name, cur.build());
        }
        return out;
    }

    /** {@code ifconfig -l}: names on one line separated by single spaces. */
    public static List<String> parseList(String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    /** {@code ifconfig -g GROUP}: one name per line; an unknown group prints nothing. */
    public static List<String> parseGroup(String text) {
        return text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** True when the text is ifconfig's "interface X does not exist" for {@code name} (or any name if null). */
    public static boolean isNoSuchInterface(String text, String name) {
        Matcher m = NOT_EXIST.matcher(text);
        while (m.find()) {
            if (name == null || m.group(1).equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static final class Builder {
        final String name;
        final List<String> flags;
        int metric;
        int mtu;
        String description;
        String ether;
        final List<IfAddress> addresses = new ArrayList<>();
        final List<String> groups = new ArrayList<>();
        String media;
        String status;
        boolean bridge;
        String bridgeId;
        Integer bridgePriority;
        String proto;
        Integer maxaddr;
        Integer timeout;
        final List<MemberBuilder> members = new ArrayList<>();

        Builder(String name, String flagList, String rest) {
            this.name = name;
            this.flags = flagList.isEmpty() ? List.of() : List.of(flagList.split(","));
            Matcher m = NUMBER_AFTER.matcher(rest);
            while (m.find()) {
                if (m.group(1).equals("metric")) {
                    metric = Integer.parseInt(m.group(2));
                } else {
                    mtu = Integer.parseInt(m.group(2));
                }
            }
        }

        void line(String l) {
            if (l.startsWith(" ")) { // member continuation: TAB + 8 spaces
                if (!members.isEmpty()) {
                    members.get(members.size() - 1).continuation(l.strip());
                }
                return;
            }
            String[] w = l.split(" ");
            switch (w[0]) {
                case "description:" -> description = l.length() > 13 ? l.substring(13) : "";
                case "ether" -> ether = w.length > 1 ? w[1] : null;
                case "inet" -> inet(w);
                case "inet6" -> inet6(w);
                case "groups:" -> {
                    groups.addAll(Arrays.asList(w).subList(1, w.length));
                    if (groups.contains("bridge")) {
                        bridge = true;
                    }
                }
                case "media:" -> media = l.substring(l.indexOf(':') + 1).strip();
                case "status:" -> status = l.substring(l.indexOf(':') + 1).strip();
                case "id" -> {
                    bridge = true;
                    bridgeId = w.length > 1 ? w[1] : null;
                    bridgePriority = intAfter(w, "priority");
                }
                case "maxage" -> {
                    bridge = true;
                    proto = after(w, "proto");
                    maxaddr = intAfter(w, "maxaddr");
                    timeout = intAfter(w, "timeout");
                }
                case "member:" -> {
                    bridge = true;
                    Matcher m = MEMBER.matcher(l);
                    if (m.find()) {
                        members.add(new MemberBuilder(m.group(1), m.group(2)));
                    }
                }
                default -> {
                    // options=, nd6 options=, hwaddr, root id, bridge flags=, vhid...: not needed
                }
            }
        }

        private void inet(String[] w) {
            if (w.length < 2) {
                return;
            }
            String a = w[1];
            try {
                if (a.contains("/")) {
                    addresses.add(IfAddress.inet(a.substring(0, a.indexOf('/')),
                            Integer.parseInt(a.substring(a.indexOf('/') + 1))));
                } else {
                    String mask = after(w, "netmask");
                    addresses.add(IfAddress.inet(a, mask == null ? 32 : IfAddress.prefixFromNetmask(mask)));
                }
            } catch (IllegalArgumentException e) {
                // an address we cannot read is left out rather than failing the whole interface
            }
        }

        private void inet6(String[] w) {
            if (w.length < 2) {
                return;
            }
            String a = w[1];
            try {
                if (a.contains("/")) {
                    addresses.add(IfAddress.inet6(a.substring(0, a.indexOf('/')),
                            Integer.parseInt(a.substring(a.indexOf('/') + 1))));
                } else {
                    Integer plen = intAfter(w, "prefixlen");
                    addresses.add(IfAddress.inet6(a, plen == null ? 128 : plen));
                }
            } catch (IllegalArgumentException e) {
                // see inet()
            }
        }

        InterfaceState build() {
            BridgeState b = null;
            if (bridge) {
                b = new BridgeState(bridgeId, bridgePriority, proto, maxaddr, timeout,
                        members.stream().map(MemberBuilder::build).toList());
            }
            return new InterfaceState(name, flags, metric, mtu, description, ether, addresses, groups, media,
                    status, b);
        }
    }

    private static final class MemberBuilder {
        final String name;
        final List<String> flags;
        Integer ifmaxaddr;
        Integer port;
        Integer priority;
        Integer pathCost;
        String proto;
        String role;
        String state;

        MemberBuilder(String name, String flagList) {
            this.name = name;
            this.flags = flagList.isEmpty() ? List.of() : List.of(flagList.split(","));
        }

        void continuation(String l) {
            String[] w = l.split("\\s+");
            Integer v;
            if ((v = intAfter(w, "ifmaxaddr")) != null) {
                ifmaxaddr = v;
            }
            if ((v = intAfter(w, "port")) != null) {
                port = v;
            }
            if ((v = intAfter(w, "priority")) != null) {
                priority = v;
            }
            if ((v = intAfter(w, "cost")) != null) {
                pathCost = v;
            }
            String s;
            if ((s = after(w, "proto")) != null) {
                proto = s;
            }
            if ((s = after(w, "role")) != null) {
                role = s;
            }
            if ((s = after(w, "state")) != null) {
                state = s;
            }
        }

        BridgeMember build() {
            return new BridgeMember(name, flags, ifmaxaddr, port, priority, pathCost, proto, role, state);
        }
    }

    private static String after(String[] words, String key) {
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals(key)) {
                return words[i + 1];
            }
        }
        return null;
    }

    private static Integer intAfter(String[] words, String key) {
        String s = after(words, key);
        if (s == null || !s.matches("\\d{1,9}")) {
            return null;
        }
        return Integer.parseInt(s);
    }
}
