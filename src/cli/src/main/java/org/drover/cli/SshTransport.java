package org.drover.cli;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.drover.inventory.Host;
import org.drover.ssh.PassphraseSource;
import org.drover.ssh.SshConnectionFactory;
import org.drover.ssh.SshSettings;
import org.drover.transport.Connection;
import org.drover.transport.ConnectionFactory;

/** The engine's transport over SSH: each inventory host becomes an SSH target, then one sshj connection. */
public final class SshTransport implements ConnectionFactory {
    private final SshConnectionFactory ssh = new SshConnectionFactory();
    private final SshSettings settings;
    private final PassphraseSource passphrases;

    public SshTransport(SshSettings settings, PassphraseSource passphrases) {
        this.settings = settings;
        this.passphrases = passphrases;
    }

    /** What ssh_config and the hosts' ssh options ask for that drover does not honour, each said once. */
    public static List<String> warnings(SshSettings settings, Collection<Host> hosts) {
        Set<String> all = new LinkedHashSet<>(settings.sshConfig().warnings());
        for (Host h : hosts) {
            try {
                all.addAll(SshTargets.resolve(h, settings, null).warnings());
            } catch (IllegalArgumentException e) {
                // a bad port or timeout: connecting to that host reports it
            }
        }
        return List.copyOf(all);
    }

    @Override
    public Connection open(Host host) throws IOException {
        return ssh.open(SshTargets.of(host, settings, passphrases));
    }
}
