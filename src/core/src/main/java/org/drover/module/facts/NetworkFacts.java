package org.drover.module.facts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Network facts from {@code ifconfig -a} and {@code route -n get [-inet6] default}, shaped as Ansible's
 * generic_bsd collector shapes them on FreeBSD: per-interface dicts (device, flags, ipv4, ipv6, macaddress,
 * metric, mtu as strings, type, options, media, status), interfaces sorted, default_ipv4/ipv6 merged with their
 * interface, all_ipv4_addresses without 127.*.
 */
public final class NetworkFacts {
    private NetworkFacts() {}

    /** The network facts from the three outputs (route outputs may be empty: no default route). */
    public static Map<String, Object> parse(String ifconfig, String route4, String route6) {
        Map<String, Map<String, Object>> ifs = new LinkedHashMap<>();
        List<String> all4 = new ArrayList<>();
        List<String> all6 = new ArrayList<>();
        Map<String, Object> cur = null;
        for (String line : ifconfig.split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (line.isBlank() || w[0].equals("pass")) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0)) && w.length > 3) {
                cur = header(w);
                ifs.put((String) cur.get("device"), cur);
            } else if (cur != null) {
                body(w, cur, all4, all6);
            }
        }
        for (Map<String, Object> i : ifs.values()) {
            if (i.get("media") instanceof String m && m.toLowerCase(java.util.Locale.ROOT).contains("ether")) {
                i.put("type", "ether");
            }
        }
        Map<String, Object> d4 = route(route4);
        Map<String, Object> d6 = route(route6);
        merge(d4, ifs, "ipv4");
        merge(d6, ifs, "ipv6");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("interfaces", List.copyOf(new TreeSet<>(ifs.keySet())));
        facts.putAll(ifs);
        facts.put("default_ipv4", d4);
        facts.put("default_ipv6", d6);
        facts.put("all_ipv4_addresses", all4);
        facts.put("all_ipv6_addresses", all6);
        return facts;
    }

    private static Map<String, Object> header(String[] w) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("device", w[0].substring(0, w[0].length() - 1));
        i.put("ipv4", new ArrayList<>());
        i.put("ipv6", new ArrayList<>());
        List<String> flags = options(w[1]);
        i.put("type", flags.contains("LOOPBACK") ? "loopback" : "unknown");
        i.put("flags", flags);
        i.put("macaddress", "unknown");
        if (w.length >= 5) {
            i.put("metric", w[3]);
            i.put("mtu", w.length > 5 ? w[5] : null);
        } else {
            i.put("mtu", w[3]);
        }
        return i;
    }

    @SuppressWarnings("unchecked")
    private static void body(String[] w, Map<String, Object> i, List<String> all4, List<String> all6) {
        switch (w[0]) {
            case "nd6" -> i.put("options", w.length > 1 ? options(w[1]) : List.of());
            case "ether" -> {
                i.put("macaddress", w.length > 1 ? w[1] : "");
                i.put("type", "ether");
            }
            case "media:" -> media(w, i);
            case "status:" -> i.put("status", w.length > 1 ? w[1] : "");
            case "lladdr" -> i.put("lladdr", w.length > 1 ? w[1] : "");
            case "inet" -> inet(w, i, all4);
            case "inet6" -> inet6(w, (List<Object>) i.get("ipv6"), all6);
            case "tunnel" -> i.put("type", "tunnel");
            default -> {
                if (w[0].startsWith("options=")) {
                    i.put("options", options(w[0]));
                }
            }
        }
    }

    private static void media(String[] w, Map<String, Object> i) {
        i.put("media", w.length > 1 ? w[1] : "");
        if (w.length > 2) {
            i.put("media_select", w[2]);
        }
        if (w.length > 3) {
            i.put("media_type", w[3].substring(1));
        }
        if (w.length > 4) {
            i.put("media_options", options(w[4]));
        }
    }

    @SuppressWarnings("unchecked")
    private static void inet(String[] words, Map<String, Object> i, List<String> all4) {
        List<String> w = new ArrayList<>(Arrays.asList(words));
        if (w.size() > 1 && w.get(1).equals("alias")) {
            w.remove(1);
        }
        if (w.size() < 2) {
            return;
        }
        Map<String, Object> a = new LinkedHashMap<>();
        String addr = w.get(1);
        long mask;
        if (addr.contains("/")) {
            int len = Integer.parseInt(addr.substring(addr.indexOf('/') + 1));
            addr = addr.substring(0, addr.indexOf('/'));
            mask = len == 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
            a.put("address", addr);
            a.put("netmask", dotted(mask));
            if (w.size() > 5) {
                a.put("broadcast", w.get(3));
            }
        } else {
            int at = w.indexOf("netmask") + 1;
            String nm = w.get(at == 0 ? Math.min(3, w.size() - 1) : Math.min(at, w.size() - 1));
            if (nm.matches("[0-9a-f]{8}")) {
                nm = "0x" + nm;
            }
            mask = nm.startsWith("0x") ? Long.parseLong(nm.substring(2), 16) : bits(nm);
            a.put("address", addr);
            a.put("netmask", nm.startsWith("0x") ? dotted(mask) : nm);
        }
        long bin = bits(addr);
        a.put("network", dotted(bin & mask));
        if (!a.containsKey("broadcast")) {
            int b = w.indexOf("broadcast");
            a.put("broadcast", b >= 0 && b + 1 < w.size() ? w.get(b + 1) : dotted(bin | (~mask & 0xffffffffL)));
        }
        if (!w.get(1).startsWith("127.")) {
            all4.add(addr);
        }
        ((List<Object>) i.get("ipv4")).add(a);
    }

    private static void inet6(String[] w, List<Object> v6, List<String> all6) {
        if (w.length < 2) {
            return;
        }
        Map<String, Object> a = new LinkedHashMap<>();
        String addr = w[1];
        if (addr.contains("/")) {
            a.put("address", addr.substring(0, addr.indexOf('/')));
            a.put("prefix", addr.substring(addr.indexOf('/') + 1));
            if (w.length > 5) {
                a.put("scope", w[5]);
            }
        } else {
            a.put("address", addr);
            if (w.length >= 4 && w[2].equals("prefixlen")) {
                a.put("prefix", w[3]);
            }
            if (w.length >= 6 && w[4].equals("scopeid")) {
                a.put("scope", w[5]);
            }
        }
        if (!List.of("::1", "::1/128", "fe80::1%lo0").contains(a.get("address"))) {
            all6.add((String) a.get("address"));
        }
        v6.add(a);
    }

    /** {@code flags=8843<UP,BROADCAST>} to its names, as Ansible's get_options. */
    static List<String> options(String s) {
        int start = s.indexOf('<') + 1;
        int end = s.lastIndexOf('>');
        return start > 0 && end > 0 && end > start + 1 ? List.of(s.substring(start, end).split(",", -1)) : List.of();
    }

    /** The interface and gateway of a {@code route -n get} output; empty without a default route. */
    static Map<String, Object> route(String out) {
        Map<String, Object> d = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] kv = line.strip().split(": ", -1);
            if (kv.length > 1) {
                switch (kv[0]) {
                    case "interface" -> d.put("interface", kv[1]);
                    case "gateway" -> d.put("gateway", kv[1]);
                    default -> { }
                }
            }
        }
        return d;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> d, Map<String, Map<String, Object>> ifs, String family) {
        Map<String, Object> i = d.containsKey("interface") ? ifs.get(d.get("interface")) : null;
        if (i == null) {
            return;
        }
        i.forEach((k, v) -> {
            if (!k.equals("ipv4") && !k.equals("ipv6")) {
                d.put(k, v);
            }
        });
        List<Map<String, Object>> addrs = (List<Map<String, Object>>) i.get(family);
        if (!addrs.isEmpty()) {
            d.putAll(addrs.get(0));
        }
    }

    private static long bits(String dotted) {
        long v = 0;
        for (String p : dotted.split("\\.")) {
            v = (v << 8) | (Long.parseLong(p) & 0xff);
        }
        return v;
    }

    private static String dotted(long v) {
        return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }
}
