package org.drover.freebsd;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One rc.conf variable as a module sees it.
 *
 * @param value         the value sysrc reports (it may come from /etc/defaults/rc.conf), empty when unset
 * @param assignedInFile whether the file itself holds an assignment (what {@code sysrc -x} would remove)
 */
public record RcVarState(String name, Optional<String> value, boolean assignedInFile) {
    public static RcVarState unset(String name) {
        return new RcVarState(name, Optional.empty(), false);
    }

    /** The value split into words, the way {@code sysrc NAME+=WORD} and rc.subr treat lists. */
    public List<String> words() {
        return value.map(v -> Arrays.stream(v.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /** {@code name="value"} as it would read in rc.conf, or "" when unset: the --diff line. */
    public String asLine() {
        return value.map(v -> name + "=\"" + v + "\"\n").orElse("");
    }
}
