package org.drover.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One real OpenSSH sshd per host, started inside the host's namespaces (so its sessions, sftp included, see the
 * host's files), with the host's own keys and configuration from the host's /etc/ssh, logging at VERBOSE to the
 * host directory's sshd.log, from which connections and exec channels are counted.
 */
final class OpenSshBackend implements SshBackend {
    static final String SSHD = "/usr/sbin/sshd";
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();

    private record Listener(Process process, int port) {}

    @Override
    public int start(HostFs host) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return listen(host, SshBackend.freePort());
            } catch (PortTakenException e) {
                last = e;
            }
        }
        throw last;
    }

    private static final class PortTakenException extends IOException {
        PortTakenException(String m) {
            super(m);
        }
    }

    private int listen(HostFs host, int port) throws IOException {
        Path log = host.sshdLog();
        long offset = Files.exists(log) ? Files.size(log) : 0;
        Process p = new ProcessBuilder(host.enter(List.of(SSHD, "-D", "-e", "-f", "/etc/ssh/drover_sshd_config",
                "-p", Integer.toString(port))))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        p.getOutputStream().close();
        String want = "Server listening on " + FleetHost.ADDRESS + " port " + port + ".";
        long end = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < end) {
            String text = tail(log, offset);
            if (text.contains(want)) {
                listeners.put(host.name, new Listener(p, port));
                return port;
            }
            if (!p.isAlive()) {
                if (text.contains("Address already in use")) {
                    throw new PortTakenException("port " + port + " taken");
                }
                throw new IOException("sshd of host " + host.name + " exited " + p.exitValue() + ": " + text.strip());
            }
            sleep(5);
        }
        Procs.killTree(p.toHandle());
        throw new IOException("sshd of host " + host.name + " did not start listening within 15 s: " + tail(log, offset));
    }

    @Override
    public HostStats stats(HostFs host) throws IOException {
        long connections = 0;
        long execs = 0;
        Path log = host.sshdLog();
        if (!Files.exists(log)) {
            return new HostStats(0, 0);
        }
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith("Connection from ")) {
                    connections++;
                } else if (line.startsWith("Starting session: command ")) {
                    execs++;
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new HostStats(connections, execs);
    }

    @Override
    public void refuse(HostFs host) throws IOException {
        Listener l = listener(host);
        // only the listener: per-connection children (established sessions) carry on
        l.process().destroy();
        if (!Procs.awaitExit(l.process().pid(), 5000)) {
            l.process().destroyForcibly();
        }
    }

    @Override
    public void accept(HostFs host) throws IOException {
        Listener l = listener(host);
        if (l.process().isAlive()) {
            return;
        }
        listen(host, l.port());
    }

    @Override
    public void drop(HostFs host) throws IOException {
        Procs.killDescendants(listener(host).process().toHandle());
    }

    @Override
    public void freeze(HostFs host, boolean frozen) throws IOException {
        ProcessHandle listener = listener(host).process().toHandle();
        List<String> cmd = new ArrayList<>(List.of("kill", frozen ? "-STOP" : "-CONT",
                Long.toString(listener.pid())));
        listener.descendants().forEach(d -> cmd.add(Long.toString(d.pid())));
        Procs.run(cmd, 10);
    }

    private Listener listener(HostFs host) throws IOException {
        Listener l = listeners.get(host.name);
        if (l == null) {
            throw new IOException("host " + host.name + " has no sshd");
        }
        return l;
    }

    @Override
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (Listener l : listeners.values()) {
            if (l.process().isAlive()) {
                pids.add(l.process().pid());
                l.process().descendants().forEach(d -> pids.add(d.pid()));
            }
        }
        return pids;
    }

    @Override
    public void close() {
        for (Listener l : listeners.values()) {
            Procs.killTree(l.process().toHandle());
        }
        for (Listener l : listeners.values()) {
            Procs.awaitExit(l.process().pid(), 2000);
        }
        listeners.clear();
    }

    private static String tail(Path log, long offset) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        byte[] all = Files.readAllBytes(log);
        return offset >= all.length ? "" : new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
