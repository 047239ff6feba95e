package org.drover.testbed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * SSH keys made in-process, written in OpenSSH's own formats (readable by sshd, ssh, sshj and MINA), so the
 * embedded back end needs no ssh-keygen and a hundred hosts do not fork two hundred key generators.
 */
final class Keys {
    private Keys() {}

    static KeyPair ed25519() {
        return generate(KeyPairProvider.SSH_ED25519, 256);
    }

    static KeyPair ecdsa() {
        return generate(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
    }

    private static KeyPair generate(String type, int bits) {
        try {
            return KeyUtils.generateKeyPair(type, bits);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + type + " key", e);
        }
    }

    /** {@code ssh-ed25519 AAAA… comment}, the line of a .pub, authorized_keys or (after a host pattern) known_hosts file. */
    static String publicLine(PublicKey key, String comment) {
        return PublicKeyEntry.toString(key) + (comment.isEmpty() ? "" : " " + comment);
    }

    /** The private key in openssh-key-v1 format, unencrypted. */
    static byte[] privateText(KeyPair pair, String comment) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, out);
            return out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode a private key", e);
        }
    }

    /** Writes FILE (mode 0600) and FILE.pub. */
    static void write(Path file, KeyPair pair, String comment) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, privateText(pair, comment));
        Files.writeString(file.resolveSibling(file.getFileName() + ".pub"),
                publicLine(pair.getPublic(), comment) + "\n", StandardCharsets.UTF_8);
    }
}
