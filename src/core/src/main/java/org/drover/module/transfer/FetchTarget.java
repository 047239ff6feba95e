package org.drover.module.transfer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where fetch writes on the controller, as Ansible's fetch: {@code DEST/INVENTORY_HOSTNAME/SRC} (SRC's leading
 * {@code /} dropped), or with {@code flat} DEST itself (DEST ending in {@code /}: DEST/basename of SRC). A relative
 * DEST is relative to the playbook's directory. SRC and the host name may come from host data: a path that leaves
 * DEST through {@code ..} is refused (Ansible normalises it and writes outside).
 */
final class FetchTarget {
    private FetchTarget() {}

    /** The controller path for src, or an IllegalArgumentException saying why there is none. */
    static Path resolve(Path base, String dest, String host, String src, boolean flat) {
        if (src.isEmpty() || src.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("src is not a file name");
        }
        Path root = base.resolve(dest).normalize();
        if (flat) {
            if (!dest.endsWith("/")) {
                if (Files.isDirectory(root)) {
                    throw new IllegalArgumentException("dest is an existing directory, use a trailing slash if you "
                            + "want to fetch src into that directory");
                }
                return root;
            }
            String name = src.endsWith("/") ? "" : src.substring(src.lastIndexOf('/') + 1);
            if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("src '" + src + "' names no file to put into " + dest);
            }
            return root.resolve(name);
        }
        Path hostDir = root.resolve(host).normalize();
        if (host.isEmpty() || !hostDir.getParent().equals(root)) {
            throw new IllegalArgumentException("the host name '" + host + "' is not a directory name");
        }
        String rel = src.replaceFirst("^/+", "");
        Path target = hostDir.resolve(rel).normalize();
        if (rel.isEmpty() || !target.startsWith(hostDir) || target.equals(hostDir)) {
            throw new IllegalArgumentException("src '" + src + "' would be written outside " + hostDir
                    + " (a path with '..' that leaves dest is refused)");
        }
        return target;
    }
}
