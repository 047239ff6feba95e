package org.drover.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drover.engine.RunOptions;
import org.drover.inventory.ConnectionVars;
import org.drover.inventory.Host;

/**
 * Everything needed to reach one host.
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
 */
public record SshTarget(String name, String address, int port, String user, List<Path> identityFiles,
                        char[] password, PassphraseSource passphrases, List<JumpHost> jumps,
                        HostKeyPolicy hostKeyPolicy, Path knownHosts, Duration connectTimeout, Duration keepAlive,
                        Duration commandTimeout, int retries) {
    /** Host variable with a ProxyJump-style chain ({@code user@host:port,...}). */
    public static final String JUMP_VAR = "drover_ssh_jump";
    /** Ansible's way to say the same: {@code -J chain} or {@code -o ProxyJump=chain} in these. */
    static final List<String> ANSIBLE_ARGS = List.of("ansible_ssh_common_args", "ansible_ssh_extra_args");
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);
    public static final int DEFAULT_RETRIES = 2;
    static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private static final Pattern PROXY_JUMP =
            Pattern.compile("(?:-J\\s*|-o\\s*ProxyJump\\s*=\\s*|-oProxyJump=)([^\\s'\"]+)", Pattern.CASE_INSENSITIVE);

    public SshTarget {
        identityFiles = List.copyOf(identityFiles);
        jumps = List.copyOf(jumps);
        passphrases = passphrases == null ? PassphraseSource.NONE : passphrases;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range for host " + name + ": " + port);
        }
    }

    /** Settings for host: its connection variables first, then the command line options, then the defaults. */
    public static SshTarget of(Host host, RunOptions options, PassphraseSource passphrases) {
        Path home = Path.of(System.getProperty("user.home"));
        String address = str(host.connectionVar(ConnectionVars.HOST)).orElse(host.name());
        int port = str(host.connectionVar(ConnectionVars.PORT)).map(p -> {
            try {
                return Integer.parseInt(p.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("host " + host.name() + ": port is not a number: " + p);
            }
        }).orElse(22);
        String user = str(host.connectionVar(ConnectionVars.USER))
                .or(() -> Optional.ofNullable(options.user()))
                .orElse(System.getProperty("user.name"));
        List<Path> keys = new ArrayList<>();
        Optional<Path> explicit = str(host.connectionVar(ConnectionVars.KEY_FILE)).map(k -> expand(k, home))
                .or(() -> Optional.ofNullable(options.privateKey()));
        if (explicit.isPresent()) {
            keys.add(explicit.get()); // kept even when missing: the error then names it
        } else {
            for (String k : DEFAULT_KEYS) {
                Path p = home.resolve(".ssh").resolve(k);
                if (Files.isRegularFile(p)) {
                    keys.add(p);
                }
            }
        }
        char[] password = str(host.connectionVar(ConnectionVars.PASSWORD)).map(String::toCharArray).orElse(null);
        List<JumpHost> jumps = JumpHost.parseChain(jumpSpec(host));
        Path knownHosts = options.knownHosts() != null ? options.knownHosts()
                : home.resolve(".ssh").resolve("known_hosts");
        Duration connect = options.connectTimeout() != null ? options.connectTimeout() : Duration.ofSeconds(10);
        Duration command = options.commandTimeout() != null ? options.commandTimeout() : Duration.ofMinutes(10);
        return new SshTarget(host.name(), address, port, user, keys, password, passphrases, jumps,
                HostKeyPolicy.parse(options.hostKeyPolicy()), knownHosts, connect, DEFAULT_KEEP_ALIVE, command,
                DEFAULT_RETRIES);
    }

    private static String jumpSpec(Host host) {
        Object v = host.vars().get(JUMP_VAR);
        if (v != null) {
            return v.toString();
        }
        for (String a : ANSIBLE_ARGS) {
            Object args = host.vars().get(a);
            if (args != null) {
                Matcher m = PROXY_JUMP.matcher(args.toString());
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    private static Optional<String> str(Optional<Object> v) {
        return v.map(Object::toString).filter(s -> !s.isBlank());
    }

    private static Path expand(String p, Path home) {
        if (p.equals("~")) {
            return home;
        }
        if (p.startsWith("~/")) {
            return home.resolve(p.substring(2));
        }
        return Path.of(p);
    }

    public SshTarget withHostKeyPolicy(HostKeyPolicy p) {
        return new SshTarget(name, address, port, user, identityFiles, password, passphrases, jumps, p, knownHosts,
                connectTimeout, keepAlive, commandTimeout, retries);
    }

    public SshTarget withJumps(List<JumpHost> j) {
        return new SshTarget(name, address, port, user, identityFiles, password, passphrases, j, hostKeyPolicy,
                knownHosts, connectTimeout, keepAlive, commandTimeout, retries);
    }

    public SshTarget withRetries(int r) {
        return new SshTarget(name, address, port, user, identityFiles, password, passphrases, jumps, hostKeyPolicy,
                knownHosts, connectTimeout, keepAlive, commandTimeout, r);
    }

    public SshTarget withTimeouts(Duration connect, Duration command) {
        return new SshTarget(name, address, port, user, identityFiles, password, passphrases, jumps, hostKeyPolicy,
                knownHosts, connect, keepAlive, command, retries);
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
                + " " + knownHosts + "]";
    }
}
