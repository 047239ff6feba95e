package org.drover.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the command line decides about a run.
 *
 * @param limit          host pattern from {@code --limit} (an {@code @file} already read), or null
 * @param extraVars      {@code -e} values, highest precedence
 * @param user           {@code -u}, or null to use the inventory / current user
 * @param become         {@code -b}
 * @param becomeMethod   {@code --become-method}, or null
 * @param becomePassword from a prompt or file, or null
 * @param hostKeyPolicy  {@code strict}, {@code accept-new} or {@code off}
 * @param knownHosts     the known_hosts file, or null for ~/.ssh/known_hosts
 * @param privateKey     {@code --private-key}, or null
 * @param commandTimeout default per-command deadline
 * @param output         {@code console} or {@code json}
 * @param junit          where to write a JUnit report, or null
 */
public record RunOptions(int forks, boolean check, boolean diff, String limit, List<String> tags,
                         List<String> skipTags, Map<String, Object> extraVars, String user, boolean become,
                         String becomeMethod, char[] becomePassword, String hostKeyPolicy, Path knownHosts,
                         Path privateKey, Duration connectTimeout, Duration commandTimeout, int verbosity,
                         String output, Path junit, boolean profile, boolean color) {
    public RunOptions {
        tags = List.copyOf(tags);
        skipTags = List.copyOf(skipTags);
        extraVars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraVars));
    }

    public static RunOptions defaults() {
        return new RunOptions(50, false, false, null, List.of(), List.of(), Map.of(), null, false, null, null,
                "strict", null, null, Duration.ofSeconds(10), Duration.ofMinutes(10), 0, "console", null, false,
                false);
    }
}
