package org.drover.module;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.drover.template.Templater;
import org.drover.transport.ExecResult;
import org.drover.transport.JailConnection;

/**
 * A module's view of a jail of its host, for modules with a {@code jail:} argument ({@code service},
 * {@code sysrc}): every script runs inside the jail through jexec, as {@code service -j} and {@code sysrc -j} do,
 * so reads of the jail's files (its rc.conf) see the jail's, and a task still costs one round trip per script.
 */
public final class JailContext implements ModuleContext {
    private final ModuleContext host;
    private final String jail;

    public JailContext(ModuleContext host, String jail) {
        this.host = host;
        this.jail = jail;
    }

    @Override
    public String host() {
        return host.host();
    }

    @Override
    public ExecResult exec(String script) throws IOException {
        return exec(script, null);
    }

    @Override
    public ExecResult exec(String script, byte[] stdin) throws IOException {
        ExecResult r = host.exec(JailConnection.command(jail, script), stdin);
        if (JailConnection.isMissing(r, jail)) {
            throw new JailConnection.JailUnavailableException(jail, host.host());
        }
        return r;
    }

    @Override
    public boolean check() {
        return host.check();
    }

    @Override
    public boolean diff() {
        return host.diff();
    }

    @Override
    public Map<String, Object> vars() {
        return host.vars();
    }

    @Override
    public Templater templater() {
        return host.templater();
    }

    @Override
    public Path resolveLocal(String name, String kind) {
        return host.resolveLocal(name, kind);
    }

    @Override
    public Path controllerDir() {
        return host.controllerDir();
    }

    @Override
    public String runId() {
        return host.runId();
    }

    @Override
    public boolean probeNewConnection(Duration timeout) {
        return host.probeNewConnection(timeout);
    }
}
