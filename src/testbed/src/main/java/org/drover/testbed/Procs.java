package org.drover.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Small helpers around Linux processes: run a command, find who lives in a mount namespace, measure memory. */
final class Procs {
    private Procs() {}

    /** Runs CMD, returns its combined output; fails with that output when it exits non-zero or overruns. */
    static String run(List<String> cmd, long timeoutSeconds) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                killTree(p.toHandle());
                throw new IOException(String.join(" ", cmd) + ": no answer within " + timeoutSeconds + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(cmd.get(0) + " exited " + p.exitValue() + ": " + text.strip());
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(p.toHandle());
            throw new IOException("interrupted", e);
        }
    }

    /** The mount namespace of PID as {@code mnt:[inode]}, or null when the process is gone. */
    static String mountNamespace(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "mnt")).toString();
        } catch (IOException e) {
            return null;
        }
    }

    /** Every live process grouped by mount namespace, restricted to the namespaces asked for. */
    static Map<String, List<Long>> processesIn(Set<String> namespaces) {
        Map<String, List<Long>> found = new HashMap<>();
        if (namespaces.isEmpty()) {
            return found;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : dir) {
                long pid = Long.parseLong(p.getFileName().toString());
                String ns = mountNamespace(pid);
                if (ns != null && namespaces.contains(ns)) {
                    found.computeIfAbsent(ns, k -> new ArrayList<>()).add(pid);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return found;
    }

    /** Kills a process and everything below it, children first so nothing is re-parented and missed. */
    static void killTree(ProcessHandle root) {
        List<ProcessHandle> below = root.descendants().toList();
        root.destroyForcibly();
        below.forEach(ProcessHandle::destroyForcibly);
    }

    static void killDescendants(ProcessHandle root) {
        root.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** Waits until PID has exited, up to MILLIS; true if it is gone. */
    static boolean awaitExit(long pid, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true) || isZombie(pid)) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Resident memory of PID in bytes (0 when it is gone). */
    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
