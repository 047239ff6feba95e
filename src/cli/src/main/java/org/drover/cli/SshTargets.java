package org.drover.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drover.inventory.ConnectionVars;
import org.drover.inventory.Host;
import org.drover.ssh.JumpHost;
import org.drover.ssh.PassphraseSource;
import org.drover.ssh.SshSettings;
import org.drover.ssh.SshTarget;

/** Where the inventory meets the SSH transport: a host's connection variables and the command line, as a target. */
public final class SshTargets {
    /** Host variable with a ProxyJump-style chain ({@code user@host:port,...}). */
    public static final String JUMP_VAR = "drover_ssh_jump";
    /** Ansible's way to say the same: {@code -J chain} or {@code -o ProxyJump=chain} in these. */
    static final List<String> ANSIBLE_ARGS = List.of("ansible_ssh_common_args", "ansible_ssh_extra_args");

    private static final Pattern PROXY_JUMP =
            Pattern.compile("(?:-J\\s*|-o\\s*ProxyJump\\s*=\\s*|-oProxyJump=)([^\\s'\"]+)", Pattern.CASE_INSENSITIVE);

    private SshTargets() {}

    /** Settings for host: its connection variables first, then the command line options, then the defaults. */
    public static SshTarget of(Host host, SshSettings options, PassphraseSource passphrases) {
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
            for (String k : SshTarget.DEFAULT_KEYS) {
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
                return new SshTarget(host.name(), address, port, user, keys, password, passphrases, jumps,
                options.hostKeyPolicy(), knownHosts, options.connectTimeout(),
                SshTarget.DEFAULT_KEEP_ALIVE, options.commandTimeout(), SshTarget.DEFAULT_RETRIES);
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
}
