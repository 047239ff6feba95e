package org.drover.module.facts;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code gather_subset}, read as Ansible reads it: {@code min} always, {@code all} by default, {@code !x} excludes. */
public final class Subsets {
    private Subsets() {}

    /** The fact collectors drover has, under Ansible's subset names ({@code drover}: drover's own facts). */
    public enum Subset {
        PLATFORM, DISTRIBUTION, USER, HARDWARE, NETWORK, VIRTUAL, DROVER;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final Set<Subset> MIN = EnumSet.of(Subset.PLATFORM, Subset.DISTRIBUTION, Subset.USER);
    /** Ansible's collectors drover does not have, and the names it does not know at all, are refused. */
    static final Map<String, Subset> NAMES = names();

    private static Map<String, Subset> names() {
        Map<String, Subset> m = new LinkedHashMap<>();
        for (Subset s : Subset.values()) {
            m.put(s.id(), s);
        }
        m.put("interfaces", Subset.NETWORK);
        return Map.copyOf(m);
    }

    /** The problem with one gather_subset entry, or null: for load-time validation. */
    public static String problem(Object value) {
        List<?> items = value instanceof List<?> l ? l : List.of(String.valueOf(value));
        for (Object o : items) {
            String id = String.valueOf(o).strip();
            if (id.startsWith("!")) {
                continue; // as in Ansible, excluding a collector drover does not have is excluding nothing
            }
            String bare = id;
            if (!bare.equals("all") && !bare.equals("min") && !NAMES.containsKey(bare)) {
                return "bad subset '" + bare + "': drover gathers all, min, " + String.join(", ",
                        NAMES.keySet().stream().sorted().toList()) + " (Ansible's other collectors, such as env,"
                        + " dns or python, are not gathered: read such values with a command task)";
            }
        }
        return null;
    }

    /** The subsets to gather, as Ansible's get_collector_names resolves them. */
    public static Set<Subset> resolve(List<String> spec) {
        List<String> given = spec == null || spec.isEmpty() ? List.of("all") : spec;
        Set<Subset> add = EnumSet.noneOf(Subset.class);
        Set<Subset> exclude = EnumSet.noneOf(Subset.class);
        Set<Subset> explicit = EnumSet.noneOf(Subset.class);
        add.addAll(MIN);
        for (String raw : given) {
            String id = raw.strip();
            boolean not = id.startsWith("!");
            String bare = not ? id.substring(1) : id;
            Set<Subset> named = switch (bare) {
                case "all" -> not ? EnumSet.complementOf(EnumSet.copyOf(MIN)) : EnumSet.allOf(Subset.class);
                case "min" -> EnumSet.copyOf(MIN);
                default -> {
                    Subset s = NAMES.get(bare);
                    if (s == null && !not) {
                        throw new IllegalArgumentException(problem(bare));
                    }
                    yield s == null ? EnumSet.noneOf(Subset.class) : EnumSet.of(s);
                }
            };
            if (not) {
                exclude.addAll(named);
            } else {
                add.addAll(named);
                if (!bare.equals("all") && !bare.equals("min")) {
                    explicit.addAll(named);
                }
            }
        }
        exclude.removeAll(explicit);
        add.removeAll(exclude);
        return add;
    }
}
