package org.drover.ssh.agent;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.common.Buffer;

/**
 * A client of ssh-agent over its Unix socket (the protocol of OpenSSH's PROTOCOL.agent, draft-miller-ssh-agent):
 * lists the agent's keys and has it sign. Private keys never leave the agent. Each call opens its own connection,
 * as ssh does, so one client serves every host of a run.
 */
public final class Agent {
    static final byte FAILURE = 5;
    static final byte REQUEST_IDENTITIES = 11;
    static final byte IDENTITIES_ANSWER = 12;
    static final byte SIGN_REQUEST = 13;
    static final byte SIGN_RESPONSE = 14;
    /** Flags of a sign request for an RSA key: which SHA-2 signature the agent makes (RFC 8332). */
    static final int RSA_SHA2_256 = 2;
    static final int RSA_SHA2_512 = 4;
    /** An answer longer than this is not from an agent. */
    private static final int MAX_MESSAGE = 256 * 1024;

    /** One key the agent holds: its public blob (SSH wire format) and its comment. */
    public record Identity(byte[] blob, String comment) {
        /** The key's type as its blob names it: ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256... */
        public String keyType() {
            try {
                return new Buffer.PlainBuffer(blob).readString();
            } catch (Buffer.BufferException e) {
                throw new IllegalStateException("malformed key blob from the agent", e);
            }
        }
    }

    private final Path socket;

    public Agent(Path socket) {
        this.socket = socket;
    }

    /** The agent of this process's environment ({@code SSH_AUTH_SOCK}), or null when there is none. */
    public static Agent fromEnvironment() {
        String s = System.getenv("SSH_AUTH_SOCK");
        return s == null || s.isBlank() ? null : new Agent(Path.of(s));
    }

    public Path socket() {
        return socket;
    }

    public List<Identity> identities() throws IOException {
        Buffer.PlainBuffer answer = call(new Buffer.PlainBuffer().putByte(REQUEST_IDENTITIES), IDENTITIES_ANSWER);
        try {
            long n = answer.readUInt32();
            List<Identity> keys = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                keys.add(new Identity(answer.readBytes(), answer.readString()));
            }
            return keys;
        } catch (Buffer.BufferException e) {
            throw new IOException("malformed answer from the ssh-agent at " + socket, e);
        }
    }

    /** The agent's signature of data with the key of blob: an SSH signature blob (algorithm name + bytes). */
    public byte[] sign(byte[] blob, byte[] data, int flags) throws IOException {
        Buffer.PlainBuffer request = new Buffer.PlainBuffer().putByte(SIGN_REQUEST).putBytes(blob).putBytes(data)
                .putUInt32(flags);
        try {
            return call(request, SIGN_RESPONSE).readBytes();
        } catch (Buffer.BufferException e) {
            throw new IOException("malformed signature from the ssh-agent at " + socket, e);
        }
    }

    private Buffer.PlainBuffer call(Buffer.PlainBuffer request, byte expected) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            byte[] body = request.getCompactData();
            ByteBuffer out = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
            while (out.hasRemaining()) {
                ch.write(out);
            }
            int length = read(ch, 4).getInt();
            if (length < 1 || length > MAX_MESSAGE) {
                throw new IOException("the ssh-agent at " + socket + " sent a message of " + length + " bytes");
            }
            ByteBuffer in = read(ch, length);
            byte type = in.get();
            if (type != expected) {
                throw new IOException("the ssh-agent at " + socket + (type == FAILURE ? " refused the request"
                        : " answered with message type " + type + " instead of " + expected));
            }
            byte[] rest = new byte[in.remaining()];
            in.get(rest);
            return new Buffer.PlainBuffer(rest);
        }
    }

    private static ByteBuffer read(SocketChannel ch, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException("the ssh-agent closed the connection");
            }
        }
        return b.flip();
    }
}
