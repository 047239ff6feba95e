package org.drover.freebsd;

import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * One address on an interface, normalised so that two spellings of the same address compare equal:
 * IPv4 in dotted quad, IPv6 in RFC 5952 form (lower case, longest zero run compressed), plus the prefix length.
 *
 * @param scope the IPv6 zone printed after '%' ({@code fe80::1%lo0}), or null
 */
public record IfAddress(Family family, String address, int prefixLength, String scope) {
    public enum Family {
        INET("inet"), INET6("inet6");

        private final String keyword;

        Family(String keyword) {
            this.keyword = keyword;
        }

        /** The ifconfig keyword: {@code inet} or {@code inet6}. */
        public String keyword() {
            return keyword;
        }
    }

    private static final Pattern V4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern V6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    public IfAddress {
        int max = family == Family.INET ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range for " + address);
        }
    }

    public static IfAddress inet(String address, int prefixLength) {
        return new IfAddress(Family.INET, normaliseV4(address), prefixLength, null);
    }

    public static IfAddress inet6(String address, int prefixLength) {
        String scope = null;
        int pct = address.indexOf('%');
        if (pct >= 0) {
            scope = address.substring(pct + 1);
            address = address.substring(0, pct);
        }
        return new IfAddress(Family.INET6, normaliseV6(address), prefixLength, scope);
    }

    /**
     * Parses what a playbook gives: {@code 10.0.0.1/24} or {@code 2001:db8::1/64}. IPv4 needs its prefix length
     * (FreeBSD would guess a classful one and warn); IPv6 defaults to /64, as ifconfig does.
     */
    public static IfAddress parseCidr(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        Integer plen = null;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!p.matches("[0-9]{1,3}")) {
                throw new IllegalArgumentException("'" + Names.printable(text) + "' has no valid prefix length");
            }
            plen = Integer.parseInt(p);
        }
        if (addr.contains(":")) {
            if (addr.contains("%")) {
                throw new IllegalArgumentException("'" + Names.printable(text) + "': give addresses without a zone");
            }
            return inet6(addr, plen == null ? 64 : plen);
        }
        if (plen == null) {
            throw new IllegalArgumentException("'" + Names.printable(text)
                    + "' needs a prefix length (e.g. 10.0.0.1/24)");
        }
        return inet(addr, plen);
    }

    /** From ifconfig's {@code netmask 0xffffff00} (or dotted {@code 255.255.255.0} with {@code -f inet:dotted}). */
    public static int prefixFromNetmask(String mask) {
        long bits;
        if (mask.startsWith("0x")) {
            bits = Long.parseLong(mask.substring(2), 16);
        } else {
            String[] o = normaliseV4(mask).split("\\.");
            bits = 0;
            for (String s : o) {
                bits = (bits << 8) | Integer.parseInt(s);
            }
        }
        int n = Long.bitCount(bits & 0xffffffffL);
        long expected = n == 0 ? 0 : (0xffffffffL << (32 - n)) & 0xffffffffL;
        if ((bits & 0xffffffffL) != expected) {
            throw new IllegalArgumentException("netmask " + mask + " is not contiguous");
        }
        return n;
    }

    static String normaliseV4(String a) {
        if (!V4.matcher(a).matches()) {
            throw new IllegalArgumentException("'" + Names.printable(a) + "' is not an IPv4 address");
        }
        for (String o : a.split("\\.")) {
            if (Integer.parseInt(o) > 255) {
                throw new IllegalArgumentException("'" + a + "' is not an IPv4 address");
            }
        }
        return a;
    }

    static String normaliseV6(String a) {
        // Only literals reach InetAddress (no name lookups): the character check rules out host names.
        if (!V6_CHARS.matcher(a).matches() || !a.contains(":")) {
            throw new IllegalArgumentException("'" + Names.printable(a) + "' is not an IPv6 address");
        }
        byte[] bytes;
        try {
            var parsed = java.net.InetAddress.getByName(a);
            if (!(parsed instanceof Inet6Address)) {
                // Java folds ::ffff:a.b.c.d into IPv4; keep the mapped form.
                byte[] v4 = parsed.getAddress();
                bytes = new byte[16];
                bytes[10] = (byte) 0xff;
                bytes[11] = (byte) 0xff;
                System.arraycopy(v4, 0, bytes, 12, 4);
            } else {
                bytes = parsed.getAddress();
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + Names.printable(a) + "' is not an IPv6 address");
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        // RFC 5952: compress the longest run (>= 2) of zero groups, the first one on a tie.
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] == 0) {
                int j = i;
                while (j < 8 && groups[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(groups[i]));
        }
        return b.toString();
    }

    /** IPv6 link-local (fe80::/10): assigned by the kernel, never managed by drover. */
    public boolean isLinkLocal() {
        return family == Family.INET6 && address.length() >= 4
                && address.substring(0, 4).matches("fe[89ab][0-9a-f]");
    }

    /** {@code 10.0.0.1/24}: what ifconfig takes after {@code inet}/{@code inet6}. */
    public String cidr() {
        return address + "/" + prefixLength;
    }

    @Override
    public String toString() {
        return family.keyword() + " " + cidr();
    }
}
