package org.drover.module.transfer;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Controller-side files for fetch: their SHA-1, and an atomic replace. Many hosts may write at once (one worker
 * each): every write goes to a temp file of its own beside the target and is renamed over it, so a reader, or
 * another host writing the same flat dest, never sees half a file.
 */
final class LocalWrite {
    private LocalWrite() {}

    static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-1 of a regular file, or null when there is none. */
    static String sha1(Path p) throws IOException {
        return Files.isRegularFile(p) ? sha1(Files.readAllBytes(p)) : null;
    }

    /** Writes bytes to target through a temp file in its directory and a rename; creates the directories. */
    static void replace(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir); // tolerates another host creating it at the same moment
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".drover");
        try {
            Files.write(tmp, bytes);
            // createTempFile makes it 0600; a fetched file gets what open(2) with the usual umask gives (Ansible)
            Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--"));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
