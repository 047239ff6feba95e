package org.drover.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.drover.ssh.config.SshConfig;

/**
 * The command line's say on SSH, for every host of a run: a host's own variables win over these.
 *
 * @param user           {@code -u}, or null for the inventory's or the current user
 * @param hostKeyPolicy  what to do with an unknown or changed host key, or null when not given (ssh_config's
 *                       StrictHostKeyChecking, else strict)
 * @param knownHosts     the known_hosts file, or null for ~/.ssh/known_hosts
 * @param privateKey     {@code --private-key}, or null for the inventory's or ~/.ssh's keys
 * @param connectTimeout deadline of a connection attempt, or null when not given (ssh_config's ConnectTimeout,
 *                       else 10 s)
 * @param commandTimeout deadline of a command that sets none
 * @param sshConfig      the user's ssh client configuration (~/.ssh/config), empty when none is read
 * @param password       {@code -k}: the login password for hosts that set none, or null
 */
public record SshSettings(String user, HostKeyPolicy hostKeyPolicy, Path knownHosts, Path privateKey,
                          Duration connectTimeout, Duration commandTimeout, SshConfig sshConfig, char[] password) {
    public SshSettings {
        Objects.requireNonNull(sshConfig, "sshConfig");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
    }

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public static SshSettings defaults() {
        return new SshSettings(null, null, null, null, null, Duration.ofMinutes(10),
                SshConfig.empty(), null);
    }

    @Override
    public String toString() { // never the password
        return "SshSettings[user=" + user + ", hostKeyPolicy=" + hostKeyPolicy + ", knownHosts=" + knownHosts
                + ", privateKey=" + privateKey + ", connectTimeout=" + connectTimeout + ", commandTimeout="
                + commandTimeout + (password != null ? ", password" : "") + "]";
    }
}
