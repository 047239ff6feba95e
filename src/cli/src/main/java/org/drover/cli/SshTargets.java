package org.drover.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.drover.inventory.ConnectionVars;
import org.drover.inventory.Host;
import org.drover.ssh.HostKeyPolicy;
import org.drover.ssh.JumpHost;
import org.drover.ssh.PassphraseSource;
import org.drover.ssh.SshSettings;
import org.drover.ssh.SshTarget;
import org.drover.ssh.config.HostOptions;
import org.drover.ssh.config.SshConfig;
import org.drover.text.Tokenizer;

/**
 * Where the inventory meets the SSH transport: a host's connection variables, the command line and ssh_config, as a
 * target. Precedence follows what ssh does when Ansible runs it: host variables, then the command line, then the
 * {@code -o} options of {@code ansible_ssh_common_args}/{@code ansible_ssh_extra_args}, then ~/.ssh/config (first
 * value wins), then ssh's defaults. Host patterns in ssh_config match the host's address (ansible_host, or the
 * inventory name), and its HostName replaces that address, as for {@code ssh ADDRESS}.
 */
public final class SshTargets {
    /** Host variable with a ProxyJump-style chain ({@code user@host:port,...}). */
    public static final String JUMP_VAR = "drover_ssh_jump";
    /** Ansible's way to pass ssh options: {@code -o Key=Value}, {@code -J chain}. */
    static final List<String> ANSIBLE_ARGS = List.of("ansible_ssh_common_args", "ansible_ssh_extra_args");
    /** ssh_config keywords drover honours (lower case). */
    static final Set<String> HONOURED = Set.of("hostname", "user", "port", "identityfile", "identitiesonly",
            "proxyjump", "userknownhostsfile", "stricthostkeychecking", "connecttimeout", "serveraliveinterval",
            "identityagent");
    /** Options that change nothing drover does (connection sharing, compression, forwarding it never asks for). */
    static final Set<String> IRRELEVANT = Set.of("controlmaster", "controlpath", "controlpersist", "compression",
            "forwardagent", "forwardx11", "addkeystoagent", "loglevel", "tcpkeepalive", "serveralivecountmax",
            "hashknownhosts", "visualhostkey", "requesttty", "usekeychain", "preferredauthentications",
            "pubkeyauthentication", "passwordauthentication", "kbdinteractiveauthentication", "batchmode",
            "gssapiauthentication", "sendenv", "checkhostip");

    /** ssh_config keywords that change where or how ssh connects, which drover cannot do: named when they apply. */
    static final Set<String> NOT_HONOURED = Set.of("proxycommand", "hostkeyalias", "certificatefile",
            "pkcs11provider", "securitykeyprovider", "remotecommand", "localcommand", "bindaddress", "bindinterface",
            "addressfamily", "canonicalizehostname", "knownhostscommand");

    /** A target and what the host's settings asked for that drover does not honour. */
    public record Resolved(SshTarget target, List<String> warnings) {}

    private SshTargets() {}

    /** Settings for host (see the class comment for the order). */
    public static SshTarget of(Host host, SshSettings options, PassphraseSource passphrases) {
        return resolve(host, options, passphrases).target();
    }

    public static Resolved resolve(Host host, SshSettings options, PassphraseSource passphrases) {
        Path home = Path.of(System.getProperty("user.home"));
        List<String> warnings = new ArrayList<>();
        String given = str(host.connectionVar(ConnectionVars.HOST)).orElse(host.name());
        HostOptions cfg = sshOptions(host, options.sshConfig(), warnings).forHost(given);
        cfg.values().keySet().stream().filter(NOT_HONOURED::contains).sorted().forEach(k -> warnings.add(host.name()
                + ": ssh option '" + k + "' (" + cfg.origin().getOrDefault(k, "ssh_config") + ") is not honoured by drover"));
        String address = cfg.get("hostname").orElse(given);
        int port = str(host.connectionVar(ConnectionVars.PORT)).or(() -> cfg.get("port"))
                .map(p -> port(host, p)).orElse(22);
        String user = str(host.connectionVar(ConnectionVars.USER))
                .or(() -> Optional.ofNullable(options.user()))
                .or(() -> cfg.get("user"))
                .orElse(System.getProperty("user.name"));
        List<Path> keys = keys(host, options, cfg, home);
        char[] password = str(host.connectionVar(ConnectionVars.PASSWORD)).map(String::toCharArray)
                .orElse(options.password());
        String jump = Optional.ofNullable(host.vars().get(JUMP_VAR)).map(Object::toString)
                .orElseGet(() -> cfg.isNone("proxyjump") ? "none" : cfg.get("proxyjump").orElse(null));
        List<JumpHost> jumps = JumpHost.parseChain(jump);
        Path knownHosts = options.knownHosts() != null ? options.knownHosts()
                : cfg.get("userknownhostsfile").map(f -> expand(f, home))
                        .orElse(home.resolve(".ssh").resolve("known_hosts"));
        HostKeyPolicy policy = options.hostKeyPolicy() != null ? options.hostKeyPolicy()
                : HostKeyPolicy.parse(cfg.get("stricthostkeychecking").map(SshTargets::policyWord).orElse(null));
        Duration connect = Optional.ofNullable(options.connectTimeout())
                .or(() -> cfg.get("connecttimeout").map(s -> Duration.ofSeconds(seconds(host, s, "ConnectTimeout"))))
                .orElse(SshSettings.DEFAULT_CONNECT_TIMEOUT);
        Duration keepAlive = cfg.get("serveraliveinterval")
                .map(s -> Duration.ofSeconds(seconds(host, s, "ServerAliveInterval")))
                .orElse(SshTarget.DEFAULT_KEEP_ALIVE);
        Path agent = cfg.flag("identitiesonly").orElse(false) ? null : agent(cfg, home);
        SshTarget t = new SshTarget(host.name(), address, port, user, keys, password, passphrases, jumps, policy,
                knownHosts, connect, keepAlive, options.commandTimeout(), SshTarget.DEFAULT_RETRIES, agent);
        return new Resolved(t, warnings);
    }

    /** The explicit key (host variable or --private-key) first, then ssh_config's; ~/.ssh's only when none. */
    private static List<Path> keys(Host host, SshSettings options, HostOptions cfg, Path home) {
        List<Path> keys = new ArrayList<>();
        str(host.connectionVar(ConnectionVars.KEY_FILE)).map(k -> expand(k, home))
                .or(() -> Optional.ofNullable(options.privateKey()))
                .ifPresent(keys::add); // kept even when missing: the error then names it
        for (String k : cfg.all("identityfile")) {
            Path p = expand(k, home);
            if (Files.isRegularFile(p) && !keys.contains(p)) { // ssh skips a configured key that does not exist
                keys.add(p);
            }
        }
        if (keys.isEmpty() && cfg.all("identityfile").isEmpty()) {
            for (String k : SshTarget.DEFAULT_KEYS) {
                Path p = home.resolve(".ssh").resolve(k);
                if (Files.isRegularFile(p)) {
                    keys.add(p);
                }
            }
        }
        return keys;
    }

    private static Path agent(HostOptions cfg, Path home) {
        if (cfg.isNone("identityagent")) {
            return null;
        }
        Optional<String> configured = cfg.get("identityagent")
                .filter(a -> !a.equals("SSH_AUTH_SOCK") && !a.equals("$SSH_AUTH_SOCK"));
        if (configured.isPresent()) {
            return expand(configured.get(), home);
        }
        String env = System.getenv("SSH_AUTH_SOCK");
        return env == null || env.isBlank() ? null : Path.of(env);
    }

    /**
     * ssh_config for this host: the host's {@code -o} options (they come first, so they win) over the file's.
     * {@code -J chain} is ProxyJump. Options drover cannot honour are reported, once per host.
     */
    private static SshConfig sshOptions(Host host, SshConfig file, List<String> warnings) {
        List<String> lines = new ArrayList<>();
        for (String a : ANSIBLE_ARGS) {
            Object args = host.vars().get(a);
            if (args == null) {
                continue;
            }
            List<String> words = Tokenizer.SHELL.words(args.toString());
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                if ((w.equals("-o") || w.equals("-J")) && i + 1 < words.size()) {
                    lines.add(w.equals("-J") ? "ProxyJump " + words.get(++i) : words.get(++i));
                } else if (w.startsWith("-o") || w.startsWith("-J")) {
                    lines.add(w.startsWith("-J") ? "ProxyJump " + w.substring(2) : w.substring(2));
                } else {
                    warnings.add(host.name() + ": " + a + ": '" + w + "' is not honoured by drover (only -o options"
                            + " and -J are read)");
                }
            }
        }
        for (String l : lines) {
            String keyword = l.split("[\\s=]", 2)[0].toLowerCase(Locale.ROOT);
            if (!HONOURED.contains(keyword) && !IRRELEVANT.contains(keyword)) {
                warnings.add(host.name() + ": ssh option '" + l + "' is not honoured by drover");
            }
        }
        return lines.isEmpty() ? file : file.withFirst(SshConfig.parse("ansible_ssh_common_args", lines));
    }

    /** StrictHostKeyChecking's words as drover's policies: yes is strict, no and off are off; ask cannot ask. */
    private static String policyWord(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "yes", "ask" -> "strict";
            case "no", "off", "false" -> "off";
            default -> v;
        };
    }

    private static int port(Host host, String p) {
        try {
            int n = Integer.parseInt(p.strip());
            if (n < 1 || n > 65535) {
                throw new IllegalArgumentException("host " + host.name() + ": port out of range: " + p);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("host " + host.name() + ": port is not a number: " + p);
        }
    }

    private static long seconds(Host host, String s, String keyword) {
        try {
            return Math.max(1, Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("host " + host.name() + ": " + keyword + " is not a number: " + s);
        }
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
