package org.drover.cli;

import java.io.IOException;
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

    @Override
    public Connection open(Host host) throws IOException {
        return ssh.open(SshTargets.of(host, settings, passphrases));
    }
}
