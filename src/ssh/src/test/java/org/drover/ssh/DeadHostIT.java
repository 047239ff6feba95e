package org.drover.ssh;

import org.drover.transport.ExecResult;
import org.drover.transport.RemoteFiles;
import org.drover.transport.ExecRequest;
import org.drover.transport.UnreachableException;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.drover.engine.RunOptions;
import org.junit.jupiter.api.Test;

/** A host that stops answering after the connection is up: keep-alive notices, requests fail instead of hanging. */
class DeadHostIT {
    /** Forwards one TCP connection to a port until frozen; then it keeps the sockets open and moves no byte. */
    static final class FreezableProxy implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        volatile boolean frozen;

        FreezableProxy(int target) throws IOException {
            Thread t = new Thread(() -> {
                try {
                    Socket a = server.accept();
                    Socket b = new Socket(InetAddress.getLoopbackAddress(), target);
                    pipe(a.getInputStream(), b.getOutputStream());
                    pipe(b.getInputStream(), a.getOutputStream());
                } catch (IOException ignored) {
                    // closed
                }
            }, "proxy-accept");
            t.setDaemon(true);
            t.start();
        }

        private void pipe(InputStream in, OutputStream out) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        while (frozen) {
                            Thread.sleep(100_000);
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException ignored) {
                    // closed
                }
            }, "proxy-pipe");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    static java.util.Map<Long, String> processes(Sshd sshd) {
        try {
            return sshd.processes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void keepAliveDropsAHostThatStoppedAnswering() throws Exception {
        TestLogging.quiet();
        Path base = Files.createTempDirectory("drover-dead-it");
        try (Sshd sshd = Sshd.in(base.resolve("s")).hostKeys("ed25519").authorize("root", TestKeys.pub("id_ed25519"))
                .start(); FreezableProxy proxy = new FreezableProxy(sshd.port())) {
            Path kh = base.resolve("known_hosts");
            Files.writeString(kh, "[127.0.0.1]:" + proxy.port() + " " + sshd.hostKey("ed25519") + "\n");
            SshTarget t = new SshTarget("frozen", "127.0.0.1", proxy.port(), "root",
                    List.of(TestKeys.key("id_ed25519")), null, null, List.of(), HostKeyPolicy.STRICT, kh,
                    Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(120), 0, null);
            try (SshConnection c = new SshConnectionFactory().open(t)) {
                assertThat(c.exec("echo up").stdout()).isEqualTo("up\n");
                ExecResult put = c.exec(ExecRequest.of(RemoteFiles.writeScript(base.resolve("put.txt").toString(),
                        "0600", null, null)).withStdin("data\n".getBytes()));
                assertThat(RemoteFiles.parseSha256(put.stdout())).contains(SshConnectionIT.sha256("data\n".getBytes()));
                CompletableFuture<ExecResult> running = CompletableFuture.supplyAsync(() -> {
                    try {
                        return c.exec("sleep 60");
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                // the command runs on the server before the host stops answering
                Eventually.await(Duration.ofSeconds(10), () -> "no 'sleep 60' on the server: " + processes(sshd),
                        () -> processes(sshd).containsValue("sleep 60"));
                proxy.frozen = true;
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(RuntimeException.class)
                        .satisfies(e -> assertThat(e.getCause().getCause()).isInstanceOf(UnreachableException.class)
                                .hasMessageContaining("keep-alive"));
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
                // the transport marks itself dead just after failing the channels
                Eventually.await(Duration.ofSeconds(5), () -> "the connection still counts as alive",
                        () -> !c.isAlive());
                assertThatThrownBy(() -> c.exec("true")).isInstanceOf(UnreachableException.class)
                        .hasMessageContaining("lost");
            }
        } finally {
            Sshd.deleteTree(base);
        }
    }
}
