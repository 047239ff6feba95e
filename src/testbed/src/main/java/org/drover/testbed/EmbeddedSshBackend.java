package org.drover.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;

/**
 * Apache MINA sshd in this JVM, one listening port per host on a single server. Public-key authentication with the
 * fleet's client key; each exec channel runs {@code LOGIN_SHELL -c COMMAND} through {@code nsenter} into the host's
 * namespaces (as the admin user through {@code setpriv}), with stdin, stdout and stderr streamed and the exit status
 * returned. No sftp and no interactive shell: drover only execs.
 */
final class EmbeddedSshBackend implements SshBackend {
    private static final Pattern PASSED_ENV = Pattern.compile("LANG|LC_[A-Z_]+");
    private final Map<Integer, Served> byPort = new ConcurrentHashMap<>();
    private final Map<String, Served> byName = new ConcurrentHashMap<>();
    private final PublicKey clientKey;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fleet-exec");
        t.setDaemon(true);
        return t;
    });
    private Server server;

    /** A served host with its counters. */
    private static final class Served {
        final HostFs host;
        final int port;
        final AtomicLong connections = new AtomicLong();
        final AtomicLong execs = new AtomicLong();

        Served(HostFs host, int port) {
            this.host = host;
            this.port = port;
        }

        SocketAddress address() {
            return new InetSocketAddress(FleetHost.ADDRESS, port);
        }
    }

    /** SshServer keeps its acceptor protected; one server binds every host's port. */
    private static final class Server extends SshServer {
        IoAcceptor acceptor() {
            return acceptor;
        }
    }

    EmbeddedSshBackend(PublicKey clientKey) {
        this.clientKey = clientKey;
        quietLibraryLogging();
    }

    /** Binds a new port chosen by the kernel (no window for another process to take it) and serves HOST on it. */
    @Override
    public synchronized int start(HostFs host) throws IOException {
        java.util.Set<SocketAddress> before = server == null ? java.util.Set.of() : server.getBoundAddresses();
        if (server == null) {
            server = newServer(0);
            server.start();
        } else {
            server.acceptor().bind(new InetSocketAddress(FleetHost.ADDRESS, 0));
        }
        java.util.Set<SocketAddress> added = new java.util.HashSet<>(server.getBoundAddresses());
        added.removeAll(before);
        if (added.size() != 1 || !(added.iterator().next() instanceof InetSocketAddress a)) {
            throw new IOException("cannot tell which port was bound for " + host.name + ": " + added);
        }
        Served s = new Served(host, a.getPort());
        byPort.put(s.port, s);
        byName.put(host.name, s);
        return s.port;
    }

    private Server newServer(int firstPort) {
        Server sv = (Server) ServerBuilder.builder().factory(Server::new).build();
        sv.setHost(FleetHost.ADDRESS);
        sv.setPort(firstPort);
        sv.setKeyPairProvider(new KeyPairProvider() {
            @Override
            public Iterable<KeyPair> loadKeys(SessionContext session) {
                Served s = session == null ? null : served(session.getLocalAddress());
                if (s == null) {
                    return List.of();
                }
                return List.of(s.host.hostEd25519, s.host.hostEcdsa);
            }
        });
        sv.setPublickeyAuthenticator((user, key, session) -> {
            Served s = served(session.getLocalAddress());
            return s != null && KeyUtils.compareKeys(key, clientKey) && identity(s.host, user) != null;
        });
        sv.setPasswordAuthenticator(null);
        sv.setKeyboardInteractiveAuthenticator(null);
        sv.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                Served s = served(session.getLocalAddress());
                if (s != null) {
                    s.connections.incrementAndGet();
                }
            }
        });
        sv.setCommandFactory((channel, command) -> {
            Served s = served(channel.getSession().getLocalAddress());
            if (s == null) {
                throw new IOException("no host on this port");
            }
            s.execs.incrementAndGet();
            return new NsCommand(s.host, command);
        });
        return sv;
    }

    private Served served(SocketAddress local) {
        return local instanceof InetSocketAddress a ? byPort.get(a.getPort()) : null;
    }

    /** (home, shell, uid, gid) of USER inside HOST, or null when the user does not exist there. */
    private static String[] identity(HostFs host, String user) {
        if (user.equals("root")) {
            return new String[] {"/root", host.spec.rootShell(), "0", "0"};
        }
        HostFs.Admin a = host.admin;
        if (a != null && a.name().equals(user)) {
            return new String[] {a.home(), a.shell(), Integer.toString(a.uid()), Integer.toString(a.gid())};
        }
        return null;
    }

    @Override
    public HostStats stats(HostFs host) {
        Served s = byName.get(host.name);
        return s == null ? new HostStats(0, 0) : new HostStats(s.connections.get(), s.execs.get());
    }

    @Override
    public synchronized void refuse(HostFs host) {
        server.acceptor().unbind(byName.get(host.name).address());
    }

    @Override
    public synchronized void accept(HostFs host) throws IOException {
        Served s = byName.get(host.name);
        if (!server.acceptor().getBoundAddresses().contains(s.address())) {
            server.acceptor().bind(s.address());
        }
    }

    @Override
    public void drop(HostFs host) {
        Served s = byName.get(host.name);
        for (Session session : List.copyOf(server.getActiveSessions())) {
            if (served(session.getLocalAddress()) == s) {
                session.close(true);
            }
        }
    }

    @Override
    public List<Long> pids() {
        return List.of();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.stop(true);
            } catch (IOException ignored) {
                // closing anyway
            }
            server = null;
        }
        pumps.shutdownNow();
    }

    /** MINA logs every packet at DEBUG when no logging configuration is present; the testbed only wants warnings. */
    static void quietLibraryLogging(String... more) {
        java.util.List<String> names = new ArrayList<>(List.of("org.apache.sshd", Server.class.getName()));
        names.addAll(List.of(more));
        for (String name : names) {
            org.slf4j.Logger l = org.slf4j.LoggerFactory.getLogger(name);
            if (l instanceof ch.qos.logback.classic.Logger lb && lb.getLevel() == null && lb.isDebugEnabled()) {
                lb.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }

    /** One exec channel: LOGIN_SHELL -c COMMAND inside the host, streams copied both ways. */
    private final class NsCommand implements Command {
        private final HostFs host;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private volatile Process process;

        NsCommand(HostFs host, String command) {
            this.host = host;
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            ServerSession session = channel.getServerSession();
            String user = session.getUsername();
            String[] id = identity(host, user);
            // entering the mount namespace puts the working directory at its root; the home directory is changed
            // to inside, as the user (nsenter --wd would open it in the machine's namespace)
            List<String> cmd = new ArrayList<>(List.of("nsenter", "-t", Long.toString(host.holderPid()), "-m", "-u", "-n", "--"));
            if (!id[2].equals("0")) {
                cmd.addAll(List.of("setpriv", "--reuid=" + id[2], "--regid=" + id[3], "--init-groups", "--"));
            }
            cmd.addAll(List.of("/bin/sh", "-c", "cd \"$HOME\" 2>/dev/null || cd /; exec \"$0\" -c \"$1\"", id[1], command));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            Map<String, String> e = pb.environment();
            e.clear();
            env.getEnv().forEach((k, v) -> {
                if (PASSED_ENV.matcher(k).matches()) {
                    e.put(k, v);
                }
            });
            e.put("HOME", id[0]);
            e.put("USER", user);
            e.put("LOGNAME", user);
            e.put("SHELL", id[1]);
            e.put("PATH", HostFs.PATH);
            if (session.getRemoteAddress() instanceof InetSocketAddress r) {
                e.put("SSH_CLIENT", r.getAddress().getHostAddress() + " " + r.getPort() + " " + portOf(session));
                e.put("SSH_CONNECTION", r.getAddress().getHostAddress() + " " + r.getPort() + " " + FleetHost.ADDRESS
                        + " " + portOf(session));
            }
            Process p = pb.start();
            process = p;
            Future<?> o = pumps.submit(() -> copy(p.getInputStream(), out, false));
            Future<?> r = pumps.submit(() -> copy(p.getErrorStream(), err, false));
            pumps.submit(() -> copy(in, p.getOutputStream(), true));
            pumps.submit(() -> {
                int status;
                try {
                    status = p.waitFor();
                    o.get();
                    r.get();
                } catch (Exception ex) {
                    status = 255;
                }
                exit.onExit(status);
            });
        }

        private int portOf(ServerSession s) {
            return s.getLocalAddress() instanceof InetSocketAddress a ? a.getPort() : 0;
        }

        @Override
        public void destroy(ChannelSession channel) {
            Process p = process;
            if (p != null && p.isAlive()) {
                Procs.killTree(p.toHandle());
            }
        }
    }

    private static void copy(InputStream from, OutputStream to, boolean closeTo) {
        byte[] buf = new byte[32768];
        try {
            for (int n; (n = from.read(buf)) >= 0; ) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException ignored) {
            // the process or the channel went away: nothing more to copy
        } finally {
            if (closeTo) {
                try {
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }
    }
}
