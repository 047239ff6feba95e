package org.drover.module;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.drover.transport.ExecResult;
import org.drover.template.Templater;

/** What a module may use while it runs on one host. Provided by the engine. */
public interface ModuleContext {
    /** The inventory name of the host. */
    String host();

    /** Runs a script on the host with the task's become, environment and timeout applied. One round trip. */
    ExecResult exec(String script) throws IOException;

    /** As {@link #exec(String)}, with bytes on the script's standard input (file content). */
    ExecResult exec(String script, byte[] stdin) throws IOException;

    /** True in check mode: read and plan, never change. */
    boolean check();

    /** True when the user asked for diffs. */
    boolean diff();

    /** The host's variables as this task sees them (read-only). */
    Map<String, Object> vars();

    Templater templater();

    /** Resolves a controller-side file named in a task ({@code src:}, {@code template:}): role dir, then playbook dir. */
    Path resolveLocal(String name, String kind);

    /**
     * The controller directory that a relative controller path a task writes to ({@code fetch}'s dest) is
     * relative to: the playbook's directory, as Ansible's {@code path_dwim}. The only controller write a module
     * makes goes below it or below an absolute path the playbook names.
     */
    default Path controllerDir() {
        return Path.of("").toAbsolutePath();
    }

    /**
     * Opens a brand-new connection to the host, runs {@code true} and closes it: proves the host still accepts
     * new SSH sessions (the pf lock-out guard). Returns false on any failure within the timeout.
     */
    boolean probeNewConnection(Duration timeout);

    /**
     * Closes the host's connection and opens a new one that the later commands of the run use, proven by running
     * {@code true}; gives up after {@code timeout}. For modules that take the host away and wait for it to come
     * back (reboot, wait_for_connection). Returns false when no connection could be had; the host stays usable
     * for another attempt. A jail target reconnects its host; a task delegated to the controller cannot.
     */
    default boolean reconnect(Duration timeout) {
        return false;
    }

    /** Whether the task's commands run on the controller itself (a local connection or delegate_to: localhost). */
    default boolean local() {
        return false;
    }

    /**
     * The run's id (letters, digits, {@code _} and {@code -}): part of the name of every file or timer a module
     * leaves on the host across round trips, so that two runs never use each other's.
     */
    default String runId() {
        return "run";
    }
}
