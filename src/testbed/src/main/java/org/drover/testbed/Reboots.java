package org.drover.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The simulated hosts' reboots. {@code shutdown -r} (sim/lib/fakebsd/shutdown.py) leaves the delay in
 * {@code $FAKEBSD_STATE/reboot-request}; this daemon thread sees it and, when the delay is over, reboots the host as
 * its clients see a reboot: new connections are refused, established ones break (their commands die), a new
 * kern.boottime is recorded, and after a short down time the SSH server listens again.
 */
final class Reboots implements AutoCloseable {
    static final String REQUEST = "reboot-request";
    /** How long a rebooting host refuses connections. */
    static final long DOWN_MILLIS = 1500;

    private final Map<String, HostFs> hosts;
    private final SshBackend backend;
    private final Map<String, Long> due = new HashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    Reboots(Map<String, HostFs> hosts, SshBackend backend) {
        this.hosts = hosts;
        this.backend = backend;
        this.thread = new Thread(this::watch, "fleet-reboots");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        while (!closed) {
            for (HostFs h : hosts.values()) {
                try {
                    poll(h);
                } catch (IOException | RuntimeException e) {
                    System.err.println("fleet: rebooting " + h.name + " failed: " + e);
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void poll(HostFs h) throws IOException {
        Path req = h.inside(FleetHost.STATE_DIR + "/" + REQUEST);
        try {
            String text = Files.readString(req, StandardCharsets.US_ASCII).strip();
            Files.deleteIfExists(req);
            long delay = text.matches("\\d{1,9}") ? Long.parseLong(text) : 0;
            due.put(h.name, System.currentTimeMillis() + delay * 1000);
        } catch (NoSuchFileException e) {
            // no request
        }
        Long at = due.get(h.name);
        if (at != null && System.currentTimeMillis() >= at && !closed) {
            due.remove(h.name);
            reboot(h);
        }
    }

    /** The host goes down (its server refuses, its sessions die), boots with a new boot time, and listens again. */
    private void reboot(HostFs h) throws IOException {
        backend.refuse(h);
        backend.drop(h);
        try {
            Thread.sleep(DOWN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long now = System.currentTimeMillis();
        Files.writeString(h.inside(FleetHost.STATE_DIR + "/boottime"),
                (now / 1000) + " " + (now % 1000) * 1000 + "\n", StandardCharsets.US_ASCII);
        if (!closed) {
            backend.accept(h);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
