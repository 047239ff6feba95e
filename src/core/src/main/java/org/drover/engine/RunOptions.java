package org.drover.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the command line decides about how plays run (SSH and reporting have their own settings).
 *
 * @param limit          host pattern from {@code --limit} (an {@code @file} already read), or null
 * @param extraVars      {@code -e} values, highest precedence
 * @param become         {@code -b}
 * @param becomeMethod   {@code --become-method}, or null
 * @param becomePassword from a prompt or file, or null
 * @param commandTimeout default per-command deadline
 * @param verbosity      0 to 4 ({@code -v} to {@code -vvvv})
 */
public record RunOptions(int forks, boolean check, boolean diff, String limit, List<String> tags,
                         List<String> skipTags, Map<String, Object> extraVars, boolean become,
                         String becomeMethod, char[] becomePassword, Duration commandTimeout, int verbosity) {
    public RunOptions {
        tags = List.copyOf(tags);
        skipTags = List.copyOf(skipTags);
        extraVars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraVars));
    }

    public static RunOptions defaults() {
        return new RunOptions(50, false, false, null, List.of(), List.of(), Map.of(), false, null, null,
                Duration.ofMinutes(10), 0);
    }
}
