package org.drover.inventory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.drover.text.Glob;

/**
 * Ansible host patterns: {@code all}, {@code *}, globs, {@code a:b} or {@code a,b} (union), {@code a:&b}
 * (intersection), {@code a:!b} (exclusion), {@code ~regex}, {@code g[0]}, {@code g[1:3]}, {@code g[-1]}.
 * As in Ansible, unions are taken first, then intersections, then exclusions; each term matches group names
 * first, then host names.
 */
final class HostPattern {
    private static final Pattern SUBSCRIPT = Pattern.compile("^(.+)\\[(-?\\d*)(?::(-?\\d*))?]$");

    private final List<String> unions = new ArrayList<>();
    private final List<String> intersections = new ArrayList<>();
    private final List<String> exclusions = new ArrayList<>();

    static HostPattern parse(String pattern) {
        HostPattern p = new HostPattern();
        for (String term : split(pattern.trim())) {
            if (term.startsWith("&")) {
                p.intersections.add(term.substring(1));
            } else if (term.startsWith("!")) {
                p.exclusions.add(term.substring(1));
            } else {
                p.unions.add(term);
            }
        }
        return p;
    }

    /** Splits on ',' and on ':' — except inside a subscript, a regex or an IPv6-looking term. */
    private static List<String> split(String pattern) {
        List<String> terms = new ArrayList<>();
        if (pattern.contains(",")) {
            for (String t : pattern.split(",")) {
                terms.addAll(split(t.trim()));
            }
            return terms.stream().filter(s -> !s.isEmpty()).toList();
        }
        if (pattern.startsWith("~")) {
            return List.of(pattern);
        }
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (char c : pattern.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (c == ':' && depth == 0) {
                terms.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        terms.add(cur.toString());
        return terms.stream().filter(s -> !s.isEmpty()).toList();
    }

    List<Host> select(Inventory inv) {
        Set<Host> result = new LinkedHashSet<>();
        for (String t : unions) {
            result.addAll(match(inv, t));
        }
        for (String t : intersections) {
            result.retainAll(new LinkedHashSet<>(match(inv, t)));
        }
        for (String t : exclusions) {
            match(inv, t).forEach(result::remove);
        }
        return List.copyOf(result);
    }

    private static List<Host> match(Inventory inv, String term) {
        Matcher sub = SUBSCRIPT.matcher(term);
        if (sub.matches() && !term.startsWith("~")) {
            List<Host> base = match(inv, sub.group(1));
            return subscript(base, sub.group(2), sub.group(3), term.contains(":"));
        }
        if (term.equals("all") || term.equals("*")) {
            return inv.hosts();
        }
        if (term.startsWith("~")) {
            Pattern re;
            try {
                re = Pattern.compile(term.substring(1));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression in host pattern '" + term + "': " + e.getDescription());
            }
            List<Host> out = new ArrayList<>();
            for (Host h : inv.hosts()) {
                if (re.matcher(h.name()).find()) {
                    out.add(h);
                }
            }
            return out;
        }
        if (inv.groups().containsKey(term)) {
            return inv.hostsOf(term);
        }
        if (inv.host(term).isPresent()) {
            return List.of(inv.host(term).get());
        }
        if (Glob.isPattern(term)) {
            Set<Host> out = new LinkedHashSet<>();
            for (String g : inv.groups().keySet()) {
                if (Glob.matches(term, g)) {
                    out.addAll(inv.hostsOf(g));
                }
            }
            for (Host h : inv.hosts()) {
                if (Glob.matches(term, h.name())) {
                    out.add(h);
                }
            }
            return List.copyOf(out);
        }
        return List.of();
    }

    /** A subscript number; one past any list (more than 9 digits) stays past it, and cannot overflow. */
    private static int index(String digits) {
        String d = digits.startsWith("-") ? digits.substring(1) : digits;
        int v = d.isEmpty() ? 0 : d.length() > 9 ? 1_000_000_000 : Integer.parseInt(d);
        return digits.startsWith("-") ? -v : v;
    }

    private static List<Host> subscript(List<Host> base, String a, String b, boolean slice) {
        int n = base.size();
        if (!slice) {
            int i = a.isEmpty() ? 0 : index(a);
            if (i < 0) {
                i += n;
            }
            return i >= 0 && i < n ? List.of(base.get(i)) : List.of();
        }
        int from = a.isEmpty() ? 0 : index(a);
        int to = b == null || b.isEmpty() ? n - 1 : index(b);
        if (from < 0) {
            from += n;
        }
        if (to < 0) {
            to += n;
        }
        List<Host> out = new ArrayList<>();
        for (int i = Math.max(0, from); i <= Math.min(n - 1, to); i++) {
            out.add(base.get(i));
        }
        return out;
    }
}
