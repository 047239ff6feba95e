package org.drover.ssh;

import java.util.ArrayList;
import java.util.List;

/**
 * One hop of a jump chain, written like OpenSSH's ProxyJump: {@code [user@]host[:port]}, IPv6 as {@code [addr]:port}.
 *
 * @param user null to use the target's user
 */
public record JumpHost(String user, String host, int port) {
    public JumpHost {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("jump host without a host name");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("jump host port out of range: " + port);
        }
    }

    /** Parses a comma-separated chain, first hop first; null or blank gives an empty chain. */
    public static List<JumpHost> parseChain(String spec) {
        List<JumpHost> hops = new ArrayList<>();
        if (spec == null || spec.isBlank() || spec.strip().equalsIgnoreCase("none")) {
            return hops;
        }
        for (String part : spec.split(",")) {
            hops.add(parse(part.strip()));
        }
        return hops;
    }

    public static JumpHost parse(String s) {
        String rest = s;
        if (rest.startsWith("ssh://")) {
            rest = rest.substring(6);
        }
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        int port = 22;
        String host = rest;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("bad jump host: " + s);
            }
            host = rest.substring(1, close);
            if (rest.length() > close + 1) {
                if (rest.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("bad jump host: " + s);
                }
                port = parsePort(rest.substring(close + 2), s);
            }
        } else if (rest.indexOf(':') >= 0 && rest.indexOf(':') == rest.lastIndexOf(':')) {
            host = rest.substring(0, rest.indexOf(':'));
            port = parsePort(rest.substring(rest.indexOf(':') + 1), s);
        }
        return new JumpHost(user == null || user.isEmpty() ? null : user, host, port);
    }

    private static int parsePort(String p, String whole) {
        try {
            return Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in jump host: " + whole);
        }
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return (user != null ? user + "@" : "") + h + (port != 22 ? ":" + port : "");
    }
}
