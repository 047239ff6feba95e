package org.drover.engine;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.transport.Become;

/**
 * What the command line decides about how plays run (SSH and reporting have their own settings), grouped by
 * concern.
 *
 * @param execution how many hosts at once, the default command deadline, verbosity
 * @param mode      check and diff mode
 * @param selection which hosts and tasks run
 * @param become    privilege escalation unless a keyword or a host variable says otherwise
 * @param extraVars {@code -e} values, highest precedence
 */
public record RunOptions(Execution execution, Mode mode, Selection selection, BecomeDefaults become,
                         Map<String, Object> extraVars) {
    public RunOptions {
        extraVars = Collections.unmodifiableMap(new LinkedHashMap<>(extraVars));
    }

    public static RunOptions defaults() {
        return new RunOptions(Execution.DEFAULT, Mode.APPLY, Selection.ALL, BecomeDefaults.OFF, Map.of());
    }

    /**
     * @param forks          hosts worked on at once
     * @param commandTimeout default per-command deadline
     * @param verbosity      0 to 4 ({@code -v} to {@code -vvvv})
     * @param forceHandlers  {@code --force-handlers}: notified handlers run even on hosts that failed
     * @param maxOutput      bytes of each output stream of a command kept ({@code --max-output}); 0 = default
     * @param lockTimeout    how long to wait for another run's lock on a host ({@code --lock-timeout}); null: take
     *                       no run lock (code that embeds the engine, tests with fake connections)
     */
    public record Execution(int forks, Duration commandTimeout, int verbosity, boolean forceHandlers,
                            long maxOutput, Duration lockTimeout) {
        public static final Execution DEFAULT = new Execution(50, Duration.ofMinutes(10), 0);

        /** Without a run lock. */
        public Execution(int forks, Duration commandTimeout, int verbosity) {
            this(forks, commandTimeout, verbosity, false, 0, null);
        }
    }

    /** {@code --check} (report what would change, change nothing) and {@code --diff}. */
    public record Mode(boolean check, boolean diff) {
        public static final Mode APPLY = new Mode(false, false);
    }

    /**
     * @param limit    host pattern from {@code --limit} (an {@code @file} already read), or null
     * @param tags     {@code --tags} (empty: all)
     * @param skipTags {@code --skip-tags}
     * @param shard    {@code --shard K/N}, or null for every host
     * @param step     {@code --step}: asked before each task, or null
     */
    public record Selection(String limit, List<String> tags, List<String> skipTags, String startAtTask, Shard shard,
                            Step step) {
        public static final Selection ALL = new Selection(null, List.of(), List.of());

        public Selection {
            tags = List.copyOf(tags);
            skipTags = List.copyOf(skipTags);
        }

        public Selection(String limit, List<String> tags, List<String> skipTags, String startAtTask) {
            this(limit, tags, skipTags, startAtTask, null, null);
        }

        public Selection(String limit, List<String> tags, List<String> skipTags) {
            this(limit, tags, skipTags, null);
        }
    }

    /**
     * {@code -b}, {@code --become-method}, {@code --become-user} and the become password: the lowest precedence, below become keywords
     * and the host's {@code drover_become*} variables.
     *
     * @param enabled  {@code -b}
     * @param method   {@code --become-method}, or null (sudo unless a host variable says otherwise)
     * @param user     {@code --become-user}, or null (root unless a host variable says otherwise)
     * @param password from a prompt or file, or null
     */
    public record BecomeDefaults(boolean enabled, Become.Method method, String user, char[] password) {
        public static final BecomeDefaults OFF = new BecomeDefaults(false, null, null, null);

        @Override
        public String toString() { // never print the password
            return "BecomeDefaults[" + enabled + ", " + method + ", " + user + (password != null ? ", password" : "") + "]";
        }
    }
}
