package org.drover.module;

import java.util.List;
import java.util.Map;

/**
 * What a module did (or, in check mode, would do) on one host.
 *
 * @param changes what changed or would change, each with its diff fragment and commands
 * @param result  the registered result's module-specific fields (documented in the spec's returns)
 * @param facts   variables to set on the host ({@code set_fact}); empty for most modules
 */
public record Outcome(Status status, String message, List<Change> changes, Map<String, Object> result,
                      Map<String, Object> facts) {
    public enum Status { OK, CHANGED, FAILED, SKIPPED }

    public Outcome {
        changes = changes == null ? List.of() : List.copyOf(changes);
        result = result == null ? Map.of() : result;
        facts = facts == null ? Map.of() : facts;
    }

    public static Outcome ok(String message, Map<String, Object> result) {
        return new Outcome(Status.OK, message, List.of(), result, Map.of());
    }

    public static Outcome changed(String message, List<Change> changes, Map<String, Object> result) {
        return new Outcome(Status.CHANGED, message, changes, result, Map.of());
    }

    public static Outcome failed(String message, Map<String, Object> result) {
        return new Outcome(Status.FAILED, message, List.of(), result, Map.of());
    }
}
