package org.drover.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything needed to reach one host, as the caller resolved it (inventory, command line, defaults).
 *
 * @param name           the inventory name (for messages)
 * @param address        what to connect to (drover_host, else the name)
 * @param identityFiles  private keys to offer, in order (only existing files)
 * @param password       login password, or null
 * @param passphrases    passphrases of encrypted keys
 * @param jumps          jump hosts, first hop first (empty: direct)
 * @param knownHosts     the known_hosts file
 * @param keepAlive      interval of keep-alive probes (three unanswered: the connection is dropped); zero = off
 * @param commandTimeout deadline of a request that sets none
 * @param retries        further connection attempts after a transient failure (refused, reset)
 * @param agent          the ssh-agent socket whose keys are offered first, or null for none
 */
public record SshTarget(String name, String address, int port, String user, List<Path> identityFiles,
                        char[] password, PassphraseSource passphrases, List<JumpHost> jumps,
                        HostKeyPolicy hostKeyPolicy, Path knownHosts, Duration connectTimeout, Duration keepAlive,
                        Duration commandTimeout, int retries, Path agent) {
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);
    public static final int DEFAULT_RETRIES = 2;
    /** Keys offered from ~/.ssh when none is named, in OpenSSH's order. */
    public static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    public SshTarget {
        identityFiles = List.copyOf(identityFiles);
        jumps = List.copyOf(jumps);
        passphrases = passphrases == null ? PassphraseSource.NONE : passphrases;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range for host " + name + ": " + port);
        }
    }

    public SshTarget withHostKeyPolicy(HostKeyPolicy p) {
        return new SshTarget(name, address, port, user, identityFiles, password, passphrases, jumps, p, knownHosts,
                connectTimeout, keepAlive, commandTimeout, retries, agent);
    }

    public SshTarget withJumps(List<JumpHost> j) {
        return new SshTarget(name, address, port, user, identityFiles, password, passphrases, j, hostKeyPolicy,
                knownHosts, connectTimeout, keepAlive, commandTimeout, retries, agent);
    }

    public SshTarget withRetries(int r) {
        return new SshTarget(name, address, port, user, identityFiles, password, passphrases, jumps, hostKeyPolicy,
                knownHosts, connectTimeout, keepAlive, commandTimeout, r, agent);
    }

    public SshTarget withTimeouts(Duration connect, Duration command) {
        return new SshTarget(name, address, port, user, identityFiles, password, passphrases, jumps, hostKeyPolicy,
                knownHosts, connect, keepAlive, command, retries, agent);
    }

    /** {@code user@address:port} for messages. */
    public String endpoint() {
        String h = address.contains(":") ? "[" + address + "]" : address;
        return user + "@" + h + ":" + port;
    }

    @Override
    public String toString() { // never the password
        return "SshTarget[" + name + " " + endpoint() + (jumps.isEmpty() ? "" : " via " + jumps) + ", keys="
                + identityFiles + (password != null ? ", password" : "") + ", host keys " + hostKeyPolicy.label()
                + " " + knownHosts + (agent != null ? ", agent " + agent : "") + "]";
    }
}
