package org.drover.transport;

import java.time.Duration;
import java.util.Map;

/**
 * A script to run on a host.
 *
 * @param script  POSIX sh text; callers quote every value with {@link Sh#quote}
 * @param stdin   bytes fed to the script's standard input (file content), or null
 * @param timeout deadline after which the channel is closed and the result reports a time-out; null = default
 * @param become  privilege escalation, or null to run as the connecting user
 * @param env     extra environment variables (already validated names), exported before the script
 * @param noLog   the task says {@code no_log}: the script and its output may hold secrets, and transports must
 *                not write them to any log
 * @param maxOutput bytes of stdout (and of stderr) kept, the rest only counted ({@link BoundedOutput}); 0 = default
 */
public record ExecRequest(String script, byte[] stdin, Duration timeout, Become become, Map<String, String> env,
                          boolean noLog, long maxOutput) {
    public ExecRequest {
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public ExecRequest(String script, byte[] stdin, Duration timeout, Become become, Map<String, String> env) {
        this(script, stdin, timeout, become, env, false, 0);
    }

    public static ExecRequest of(String script) {
        return new ExecRequest(script, null, null, null, Map.of());
    }

    public ExecRequest withStdin(byte[] bytes) {
        return new ExecRequest(script, bytes, timeout, become, env, noLog, maxOutput);
    }

    public ExecRequest withTimeout(Duration t) {
        return new ExecRequest(script, stdin, t, become, env, noLog, maxOutput);
    }

    public ExecRequest withBecome(Become b) {
        return new ExecRequest(script, stdin, timeout, b, env, noLog, maxOutput);
    }

    public ExecRequest withEnv(Map<String, String> e) {
        return new ExecRequest(script, stdin, timeout, become, e, noLog, maxOutput);
    }

    public ExecRequest withNoLog(boolean hide) {
        return new ExecRequest(script, stdin, timeout, become, env, hide, maxOutput);
    }

    public ExecRequest withMaxOutput(long bytes) {
        return new ExecRequest(script, stdin, timeout, become, env, noLog, bytes);
    }
}
