package org.drover.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The command line's say on SSH, for every host of a run: a host's own variables win over these.
 *
 * @param user           {@code -u}, or null for the inventory's or the current user
 * @param hostKeyPolicy  what to do with an unknown or changed host key
 * @param knownHosts     the known_hosts file, or null for ~/.ssh/known_hosts
 * @param privateKey     {@code --private-key}, or null for the inventory's or ~/.ssh's keys
 * @param connectTimeout deadline of a connection attempt
 * @param commandTimeout deadline of a command that sets none
 */
public record SshSettings(String user, HostKeyPolicy hostKeyPolicy, Path knownHosts, Path privateKey,
                          Duration connectTimeout, Duration commandTimeout) {
    public SshSettings {
        Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
    }

    public static SshSettings defaults() {
        return new SshSettings(null, HostKeyPolicy.STRICT, null, null, Duration.ofSeconds(10), Duration.ofMinutes(10));
    }
}
