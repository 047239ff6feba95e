package org.drover.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.drover.inventory.ConnectionVars;
import org.drover.playbook.BecomeSpec;
import org.drover.playbook.Play;
import org.drover.playbook.Task;
import org.drover.transport.Become;
import org.drover.transport.Connection;
import org.drover.transport.JailConnection;

/** Resolves how a task's commands run: become, environment, delegate_to and timeout. */
final class ExecKeywords {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> LOCALHOST = Set.of("localhost", "127.0.0.1", "::1");

    private final RunContext run;
    private final RunHosts hosts;

    ExecKeywords(RunContext run, RunHosts hosts) {
        this.run = run;
        this.hosts = hosts;
    }

    /** @throws RuntimeException with the message to report when a keyword is invalid or cannot be rendered */
    HostContext.ExecSettings settings(HostTask ht, Map<String, Object> vars) {
        Task t = ht.task();
        Become become = become(ht.batch().play, ht.scope(), t, vars);
        Map<String, String> env = environment(ht.batch().play, t, vars);
        Connection delegate = null;
        if (t.delegateTo() != null) {
            delegate = delegate(ht, String.valueOf(run.templater.render(t.delegateTo(), vars)).trim());
        }
        long deadline = t.timeout() != null && t.timeout() > 0
                ? System.nanoTime() + TimeUnit.SECONDS.toNanos(t.timeout()) : 0;
        return new HostContext.ExecSettings(delegate, become, env, run.options.execution().commandTimeout(),
                deadline, jail(ht, vars), t.noLog(), run.options.execution().maxOutput());
    }

    /** The jail the task runs in ({@code jail:}, a jail target), validated for jexec; null for the host itself. */
    private static String jail(HostTask ht, Map<String, Object> vars) {
        String jail = JailTargets.jail(vars, ht.state().name());
        String problem = jail == null ? null : JailConnection.nameProblem(jail);
        if (problem != null) {
            throw new IllegalArgumentException("jail: " + problem);
        }
        return jail;
    }

    /**
     * delegate_to as Ansible resolves it: a host of the inventory runs the commands over its own connection (its
     * connection variables), with the delegating host's variables; localhost not in the inventory is the
     * controller. Null: the host itself.
     */
    private Connection delegate(HostTask ht, String to) {
        HostState target = hosts.get(to);
        if (target == ht.state()) {
            return null;
        }
        if (target != null) {
            try {
                return run.connections.connect(target);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("delegate_to " + to + ": " + e.getMessage(), e);
            }
        }
        if (LOCALHOST.contains(to)) {
            return run.connections.controller();
        }
        throw new IllegalArgumentException("delegate_to: '" + to + "' is not a host of the inventory (drover"
                + " delegates to inventory hosts and to localhost)");
    }

    /**
     * become: keywords (task, then enclosing blocks inner to outer, then play) win; then the host's
     * {@code drover_become*} variables; then the command line; off by default, method sudo, user root.
     */
    Become become(Play play, Scope sc, Task t, Map<String, Object> vars) {
        BecomeSpec spec = keywords(play, sc, t);
        Boolean on = spec.become();
        if (on == null) {
            on = ConnectionVars.lookup(vars, ConnectionVars.BECOME).map(ExecKeywords::truthy).orElse(null);
        }
        RunOptions.BecomeDefaults defaults = run.options.become();
        if (on == null) {
            on = defaults.enabled();
        }
        if (!on) {
            return null;
        }
        Become.Method method = spec.method() != null ? parse(spec.method())
                : ConnectionVars.lookup(vars, ConnectionVars.BECOME_METHOD).map(m -> parse(String.valueOf(m)))
                        .orElse(defaults.method() != null ? defaults.method() : Become.Method.SUDO);
        String user = spec.user() != null ? spec.user()
                : ConnectionVars.lookup(vars, ConnectionVars.BECOME_USER).map(String::valueOf)
                        .orElse(defaults.user() != null ? defaults.user() : "root");
        char[] password = ConnectionVars.lookup(vars, ConnectionVars.BECOME_PASSWORD)
                .map(p -> String.valueOf(p).toCharArray()).orElse(defaults.password());
        return new Become(method, user, password);
    }

    /** The keywords merged, innermost first: each of become, method and user from the first level that sets it. */
    private static BecomeSpec keywords(Play play, Scope sc, Task t) {
        List<BecomeSpec> specs = new ArrayList<>();
        specs.add(t.become());
        for (int i = sc.chain().size() - 1; i >= 0; i--) {
            specs.add(sc.chain().get(i).become());
        }
        specs.add(play.become());
        Boolean on = null;
        String method = null;
        String user = null;
        for (BecomeSpec s : specs) {
            if (s == null) {
                continue;
            }
            on = on != null ? on : s.become();
            method = method != null ? method : s.method();
            user = user != null ? user : s.user();
        }
        return new BecomeSpec(on, user, method);
    }

    private static Become.Method parse(String method) {
        try {
            return Become.Method.valueOf(method.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("become method '" + method + "' is not supported (doas, sudo, su)");
        }
    }

    private static boolean truthy(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim().toLowerCase();
        return s.equals("true") || s.equals("yes") || s.equals("on") || s.equals("1");
    }

    /** The play's environment, then the task's, rendered; names must be valid shell variable names. */
    private Map<String, String> environment(Play play, Task t, Map<String, Object> vars) {
        if (play.environment().isEmpty() && t.environment().isEmpty()) {
            return Map.of();
        }
        Map<String, Object> raw = new LinkedHashMap<>(play.environment());
        raw.putAll(t.environment());
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (!ENV_NAME.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("environment: '" + e.getKey() + "' is not a valid variable name");
            }
            env.put(e.getKey(), String.valueOf(run.templater.render(e.getValue(), vars)));
        }
        return env;
    }
}
