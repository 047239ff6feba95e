package org.drover.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.drover.testbed.Fleet;

/**
 * CPU seconds of the fleet's servers and everything below them. Long-lived processes (sshd listeners, namespace
 * holders) carry their reaped sessions in cutime/cstime; with the embedded back end the sessions are children of
 * this JVM, so this JVM's own figures are read instead.
 */
final class FleetCpu {
    private final List<Long> pids;
    final boolean embedded;

    FleetCpu(Fleet fleet, boolean embedded) {
        this.embedded = embedded;
        this.pids = embedded ? List.of(ProcessHandle.current().pid()) : fleet.pids();
    }

    double read() throws IOException {
        long ticks = 0;
        for (long pid : pids) {
            ticks += cpuTicks(pid);
        }
        return ticks / 100.0; // USER_HZ
    }

    /** Waits (up to 5 s) until the servers have no session processes left, so their CPU has been reaped. */
    void settle() throws InterruptedException {
        if (embedded) {
            return;
        }
        long end = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < end) {
            boolean busy = false;
            for (long pid : pids) {
                busy |= ProcessHandle.of(pid).map(h -> h.children().findAny().isPresent()).orElse(false)
                        && isSshd(pid);
            }
            if (!busy) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private static boolean isSshd(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip().startsWith("sshd");
        } catch (IOException e) {
            return false;
        }
    }

    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14-17 of stat (utime stime cutime cstime) are 11-14 after the state field
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
