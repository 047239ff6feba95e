package org.drover.ssh;

import org.drover.transport.Connection;
import org.drover.transport.UnreachableException;


import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import net.schmizz.keepalive.KeepAlive;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.userauth.UserAuthException;
import org.drover.ssh.agent.Agent;
import org.drover.ssh.agent.AgentKeyAuth;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthKeyboardInteractive;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.method.PasswordResponseProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one persistent sshj connection per host (through its jump hosts), with retries for transient failures.
 * All clients share one sshj configuration: building it costs about a second of JCE start-up.
 */
public final class SshConnectionFactory {
    private static final Logger log = LoggerFactory.getLogger(SshConnectionFactory.class);
    private static final int KEEP_ALIVE_MISSES = 3;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread th = new Thread(r, "drover-ssh-connect-watchdog");
        th.setDaemon(true);
        return th;
    });

    private final Map<Path, KnownHosts> knownHosts = new ConcurrentHashMap<>();
    /** Loaded (and decrypted) keys, shared by all connections of the run. */
    private final Map<Path, KeyProvider> keys = new ConcurrentHashMap<>();

    /** The one sshj configuration, built on first use. */
    static DefaultConfig config() {
        return SharedConfig.INSTANCE;
    }

    /** Builds the sshj configuration (ciphers, key exchanges, BouncyCastle) ahead of the first connection. */
    public static void warmUp() {
        config();
    }

    private static final class SharedConfig {
        static final DefaultConfig INSTANCE = build();

        private static DefaultConfig build() {
            long t0 = System.nanoTime();
            DefaultConfig c = new DefaultConfig();
            c.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE); // counts unanswered probes, drops dead hosts
            log.trace("sshj configuration built in {} ms", (System.nanoTime() - t0) / 1_000_000);
            return c;
        }
    }

    /** Connects, retrying refused/reset connections with backoff; never retries auth or host key failures. */
    public SshConnection open(SshTarget t) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt <= t.retries(); attempt++) {
            if (attempt > 0) {
                long backoff = Math.min(4000, 250L << (attempt - 1)) + ThreadLocalRandom.current().nextLong(100);
                log.debug("{}: connection attempt {} failed ({}), retrying in {} ms", t.name(), attempt,
                        last.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UnreachableException(t.name() + ": interrupted while connecting", e);
                }
            }
            try {
                return connectOnce(t);
            } catch (Failure f) {
                if (!f.transientFailure) {
                    throw f.error;
                }
                last = f.error;
            }
        }
        throw last;
    }

    /** A failed attempt: the error to report, and whether another attempt may succeed. */
    private static final class Failure extends Exception {
        final UnreachableException error;
        final boolean transientFailure;

        Failure(UnreachableException error, boolean transientFailure) {
            super(error.getMessage(), null, false, false);
            this.error = error;
            this.transientFailure = transientFailure;
        }
    }

    private SshConnection connectOnce(SshTarget t) throws Failure {
        long t0 = System.nanoTime();
        List<SSHClient> chain = new ArrayList<>();
        try {
            SSHClient previous = null;
            List<JumpHost> hops = new ArrayList<>(t.jumps());
            for (int i = 0; i <= hops.size(); i++) {
                boolean last = i == hops.size();
                String host = last ? t.address() : hops.get(i).host();
                int port = last ? t.port() : hops.get(i).port();
                String user = last ? t.user() : (hops.get(i).user() != null ? hops.get(i).user() : t.user());
                String label = last ? t.name() : "jump host " + hops.get(i) + " (for " + t.name() + ")";
                previous = connectHop(t, previous, new Hop(label, host, port, user), chain);
            }
            log.debug("{}: connected to {}{} in {} ms", t.name(), t.endpoint(),
                    hops.isEmpty() ? "" : " via " + hops, (System.nanoTime() - t0) / 1_000_000);
            return new SshConnection(t, chain);
        } catch (Failure f) {
            closeAll(chain);
            throw f;
        } catch (RuntimeException e) {
            closeAll(chain);
            throw new Failure(new UnreachableException(t.name() + ": cannot connect to " + t.endpoint() + ": " + e,
                    e), false);
        }
    }

    /** One SSH hop: who to name in messages, and where to log in. */
    private record Hop(String label, String host, int port, String user) {
        String where() {
            return user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** What a handshake needs besides the hop: the key check, the watchdog's verdict, the credentials. */
    private record Handshake(HostKeyChecker checker, AtomicBoolean expired, List<AuthMethod> methods,
                             List<String> tried) {
    }

    private SSHClient connectHop(SshTarget t, SSHClient via, Hop hop, List<SSHClient> chain) throws Failure {
        String label = hop.label();
        String host = hop.host();
        int port = hop.port();
        SSHClient c = new SSHClient(config());
        chain.add(c);
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, t.connectTimeout().toMillis());
        c.setConnectTimeout(timeoutMs);
        c.getTransport().setTimeoutMs(timeoutMs);
        c.getConnection().setTimeoutMs(Math.max(timeoutMs, 5000));
        if (!t.keepAlive().isZero()) {
            KeepAlive ka = c.getConnection().getKeepAlive();
            ka.setKeepAliveInterval((int) Math.max(1, t.keepAlive().toSeconds()));
            if (ka instanceof KeepAliveRunner r) {
                r.setMaxAliveCount(KEEP_ALIVE_MISSES);
            }
        }
        HostKeyChecker checker = new HostKeyChecker(label, host, port, t.hostKeyPolicy(), knownHosts(t));
        c.addHostKeyVerifier(checker);
        // keys are read (and decrypted, perhaps after a prompt) before the clock of the handshake starts
        List<AuthMethod> methods = new ArrayList<>();
        List<String> tried = new ArrayList<>();
        credentials(t, c, label, methods, tried);
        // sshj reads the server's greeting without a time limit: a host that accepts and stays silent would
        // hold us forever, so a watchdog closes the client when the whole handshake outlives the timeout.
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            expired.set(true);
            try {
                c.close();
            } catch (IOException | RuntimeException ignored) {
                // closing is all we can do
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
        try {
            return handshake(c, via, hop, t, new Handshake(checker, expired, methods, tried));
        } finally {
            watchdog.cancel(false);
        }
    }

    private SSHClient handshake(SSHClient c, SSHClient via, Hop hop, SshTarget t, Handshake h) throws Failure {
        String label = hop.label();
        String where = hop.where();
        HostKeyChecker checker = h.checker();
        AtomicBoolean expired = h.expired();
        try {
            if (via == null) {
                c.connect(hop.host(), hop.port());
            } else {
                c.connectVia(via.newDirectConnection(hop.host(), hop.port()));
            }
        } catch (IOException e) {
            if (checker.failure() != null) {
                throw new Failure(new UnreachableException(checker.failure(), e), false);
            }
            if (expired.get()) {
                throw new Failure(new UnreachableException(label + ": " + where + " did not complete the SSH "
                        + "handshake within " + t.connectTimeout().toMillis() + " ms", e), false);
            }
            throw new Failure(new UnreachableException(label + ": cannot connect to " + where + ": "
                    + describe(e), e), isTransient(e));
        }
        try {
            c.auth(hop.user(), h.methods());
        } catch (UserAuthException e) {
            throw new Failure(new UnreachableException(label + ": authentication failed for " + where + " (tried "
                    + String.join(", ", h.tried()) + ")" + (e.getMessage() != null ? ": " + e.getMessage() : ""), e),
                    false);
        } catch (IOException e) {
            if (expired.get()) {
                throw new Failure(new UnreachableException(label + ": " + where + " did not complete "
                        + "authentication within " + t.connectTimeout().toMillis() + " ms", e), false);
            }
            throw new Failure(new UnreachableException(label + ": connection to " + where + " lost during "
                    + "authentication: " + describe(e), e), isTransient(e));
        }
        return c;
    }

    /** The agent's keys come first, as in ssh; an agent that cannot be reached is skipped, as ssh does. */
    private static void agentKeys(SshTarget t, List<AuthMethod> methods, List<String> tried) {
        if (t.agent() == null) {
            return;
        }
        Agent agent = new Agent(t.agent());
        try {
            for (Agent.Identity key : agent.identities()) {
                methods.add(new AgentKeyAuth(agent, key));
                tried.add("agent key " + key.comment());
            }
        } catch (IOException e) {
            log.debug("ssh-agent at {} not used: {}", t.agent(), e.getMessage());
        }
    }

    private void credentials(SshTarget t, SSHClient c, String label, List<AuthMethod> methods, List<String> tried)
            throws Failure {
        agentKeys(t, methods, tried);
        for (Path key : t.identityFiles()) {
            if (!Files.isReadable(key)) {
                throw new Failure(new UnreachableException(label + ": private key " + key + " is missing or "
                        + "unreadable"), false);
            }
            Asked asked = new Asked();
            try {
                KeyProvider kp = keys.get(key);
                if (kp == null) {
                    kp = c.loadKeys(key.toString(), passwordFinder(t, key, asked));
                    kp.getPrivate(); // decrypt now: a wrong passphrase is reported as such, once
                    keys.put(key, kp);
                }
                methods.add(new AuthPublickey(kp));
                tried.add("key " + key);
            } catch (IOException | RuntimeException e) {
                throw new Failure(new UnreachableException(label + ": cannot use private key " + key + ": "
                        + keyProblem(t, key, asked, e), e), false);
            }
        }
        if (t.password() != null) {
            PasswordFinder pf = fixed(t.password());
            methods.add(new AuthPassword(pf));
            methods.add(new AuthKeyboardInteractive(new PasswordResponseProvider(pf)));
            tried.add("password");
        }
        if (methods.isEmpty()) {
            throw new Failure(new UnreachableException(label + ": no credentials: no private key found (~/.ssh/"
                    + String.join(", ~/.ssh/", SshTarget.DEFAULT_KEYS) + "), no ssh-agent key and no password; set "
                    + "drover_private_key_file or --private-key"), false);
        }
    }

    /** Whether decrypting a key asked for a passphrase, and whether one was supplied. */
    private static final class Asked {
        volatile boolean asked;
        volatile boolean supplied;
    }

    /** What went wrong with a key: the passphrase, said with where it came from, or sshj's own words. */
    private static String keyProblem(SshTarget t, Path key, Asked asked, Exception e) {
        String origin = t.passphrases().origin(key);
        if (asked.asked && !asked.supplied) {
            return "the key is encrypted and no passphrase was supplied: the passphrase comes from "
                    + PassphraseSource.ENV + ", the file named by " + PassphraseSource.ENV_FILE
                    + ", or a prompt on a terminal; here: " + origin;
        }
        if (asked.asked) {
            return "the passphrase from " + origin + " does not decrypt it (" + e.getMessage() + ")";
        }
        return e.getMessage();
    }

    private PasswordFinder passwordFinder(SshTarget t, Path key, Asked asked) {
        return new PasswordFinder() {
            @Override
            public char[] reqPassword(Resource<?> resource) {
                asked.asked = true;
                char[] p = t.passphrases().passphrase(key);
                asked.supplied = p != null;
                return p != null ? p : new char[0];
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) {
                return false;
            }
        };
    }

    private static PasswordFinder fixed(char[] password) {
        return new PasswordFinder() {
            @Override
            public char[] reqPassword(Resource<?> resource) {
                return password.clone();
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) {
                return false;
            }
        };
    }

    private KnownHosts knownHosts(SshTarget t) {
        Path file = t.knownHosts().toAbsolutePath().normalize();
        return knownHosts.computeIfAbsent(file, f -> {
            try {
                KnownHosts kh = KnownHosts.load(f);
                for (String p : kh.problems()) {
                    log.warn("{}:{}", f, p);
                }
                return kh;
            } catch (IOException e) {
                throw new IllegalStateException("cannot read known_hosts " + f + ": " + e.getMessage(), e);
            }
        });
    }

    /** Refused, reset, no route, or the server hanging up during the handshake (MaxStartups): worth retrying. */
    static boolean isTransient(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SocketTimeoutException || c instanceof UnknownHostException
                    || c instanceof UserAuthException) {
                return false;
            }
            if (c instanceof ConnectException || c instanceof NoRouteToHostException
                    || c instanceof OpenFailException) {
                return true;
            }
            String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            if (c instanceof SocketException && m.contains("reset")) {
                return true;
            }
            if (m.contains("encountered eof") || m.contains("connection reset") || m.contains("broken pipe")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        if (root instanceof SocketTimeoutException) {
            return "timed out (" + m + ")";
        }
        if (root instanceof UnknownHostException) {
            return "unknown host " + m;
        }
        return m;
    }

    static void closeAll(List<SSHClient> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            try {
                chain.get(i).close();
            } catch (IOException | RuntimeException e) {
                log.trace("closing: {}", e.toString());
            }
        }
    }

    /** Waits at most ms for a thread pool task; small helper shared with the connection. */
    static long remaining(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
