package org.drover.freebsd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a running jail's parameters ({@code jls -n}) with its definition: what differs is what a restart would
 * change. Parameters jls does not print (exec.*, mount.*, vnet.interface) cannot be compared and are skipped;
 * the config file comparison covers them.
 */
public final class JailDrift {
    private JailDrift() {}

    /** One parameter whose running value differs from the definition. */
    public record Difference(String key, String running, String wanted) {
        @Override
        public String toString() {
            return key + ": " + running + " -> " + wanted;
        }
    }

    /** One line per parameter whose running value differs, e.g. {@code host.hostname: web-old -> web}. */
    public static List<String> compare(JailParams running, JailConfig want) {
        return differences(running, want).stream().map(Difference::toString).toList();
    }

    /** The parameters whose running value differs from the definition. */
    public static List<Difference> differences(JailParams running, JailConfig want) {
        List<Difference> out = new ArrayList<>();
        if (want.path() != null) {
            running.get("path").ifPresent(p -> {
                if (!stripSlash(p).equals(stripSlash(want.path()))) {
                    out.add(new Difference("path", p, want.path()));
                }
            });
        }
        if (want.hostname() != null) {
            running.get("host.hostname").ifPresent(h -> {
                if (!h.equals(want.hostname())) {
                    out.add(new Difference("host.hostname", h, want.hostname()));
                }
            });
        }
        running.get("vnet").ifPresent(v -> {
            boolean isVnet = v.equals("new") || v.equals("1");
            if (isVnet != want.vnet()) {
                out.add(new Difference("vnet", v, want.vnet() ? "new" : "inherit"));
            }
        });
        if (!want.ip4().isEmpty()) {
            addresses(running, "ip4.addr", want.ip4(), false, out);
        }
        if (!want.ip6().isEmpty()) {
            addresses(running, "ip6.addr", want.ip6(), true, out);
        }
        for (Map.Entry<String, Object> e : want.params().entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            if (!running.has(k)) {
                continue;
            }
            Optional<Boolean> runningBool = running.bool(k);
            Optional<Boolean> wantBool = asBool(v);
            if (runningBool.isPresent() && wantBool.isPresent()) {
                if (!runningBool.get().equals(wantBool.get())) {
                    out.add(new Difference(k, String.valueOf(runningBool.get()), String.valueOf(wantBool.get())));
                }
                continue;
            }
            String have = running.get(k).orElse(runningBool.map(String::valueOf).orElse(""));
            String wanted = v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
                    : String.valueOf(v);
            if (!have.equals(wanted)) {
                out.add(new Difference(k, have.isEmpty() ? "\"\"" : have, wanted));
            }
        }
        return out;
    }

    private static void addresses(JailParams running, String key, List<String> want, boolean v6,
                                  List<Difference> out) {
        Optional<String> have = running.get(key);
        if (have.isEmpty()) {
            return;
        }
        Set<String> h = new TreeSet<>();
        Arrays.stream(have.get().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .forEach(s -> h.add(normalise(s, v6)));
        Set<String> w = new TreeSet<>();
        want.forEach(s -> w.add(normalise(s, v6)));
        if (!h.equals(w)) {
            out.add(new Difference(key, String.join(",", h), String.join(",", w)));
        }
    }

    /** {@code em0|10.0.0.2/24} → {@code 10.0.0.2}: jls prints bare addresses. */
    static String normalise(String entry, boolean v6) {
        String s = entry.strip();
        int bar = s.indexOf('|');
        if (bar >= 0) {
            s = s.substring(bar + 1);
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        int space = s.indexOf(' ');
        if (space >= 0) {
            s = s.substring(0, space);
        }
        if (v6) {
            try {
                return IfAddress.inet6(s, 128).address();
            } catch (IllegalArgumentException e) {
                return s;
            }
        }
        return s;
    }

    static Optional<Boolean> asBool(Object v) {
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        String s = String.valueOf(v).strip().toLowerCase();
        return switch (s) {
            case "true", "yes", "on", "1" -> Optional.of(true);
            case "false", "no", "off", "0" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private static String stripSlash(String p) {
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
