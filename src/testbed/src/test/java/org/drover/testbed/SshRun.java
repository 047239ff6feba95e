package org.drover.testbed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

/** A real SSH client (sshj, as drover uses) for the fleet tests: strict host keys from the fleet's known_hosts. */
final class SshRun implements AutoCloseable {
    static {
        EmbeddedSshBackend.quietLibraryLogging("net.schmizz", "com.hierynomus");
    }

    private static final DefaultConfig CONFIG = new DefaultConfig();
    private final SSHClient client;

    record Out(int status, String stdout, String stderr) {}

    SshRun(Fleet fleet, FleetHost host, String user) throws IOException {
        client = new SSHClient(CONFIG);
        client.loadKnownHosts(fleet.knownHosts().toFile());
        client.setConnectTimeout(10_000);
        client.connect(FleetHost.ADDRESS, host.port());
        client.authPublickey(user, client.loadKeys(fleet.clientKey().toString()));
    }

    static Out once(Fleet fleet, FleetHost host, String user, String command) throws IOException {
        try (SshRun r = new SshRun(fleet, host, user)) {
            return r.exec(command, null, 30);
        }
    }

    static Out once(Fleet fleet, String host, String command) throws IOException {
        return once(fleet, fleet.host(host), fleet.loginUser(), command);
    }

    /** Runs COMMAND; STDIN (if any) is sent then closed; fails if it takes longer than TIMEOUT seconds. */
    Out exec(String command, String stdin, int timeoutSeconds) throws IOException {
        Session s = client.startSession();
        try {
            Session.Command c = s.exec(command);
            CompletableFuture<String> out = drain(c.getInputStream());
            CompletableFuture<String> err = drain(c.getErrorStream());
            if (stdin != null) {
                c.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
                c.getOutputStream().flush();
            }
            c.getOutputStream().close();
            try {
                c.join(timeoutSeconds, TimeUnit.SECONDS);
            } catch (net.schmizz.sshj.connection.ConnectionException e) {
                if (!(e.getCause() instanceof java.util.concurrent.TimeoutException)) {
                    throw e;
                }
                // like drover: a deadline closes the connection (OpenSSH keeps a channel open while its command runs)
                client.close();
                return new Out(-1, "", "timed out");
            }
            try {
                String o = out.get(5, TimeUnit.SECONDS);
                String e = err.get(5, TimeUnit.SECONDS);
                Integer status = c.getExitStatus();
                return new Out(status == null ? -1 : status, o, e);
            } catch (Exception e) {
                throw new IOException("reading the output of " + command, e);
            }
        } finally {
            if (client.isConnected()) {
                s.close();
            }
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                return b.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
