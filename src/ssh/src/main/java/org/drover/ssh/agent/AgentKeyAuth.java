package org.drover.ssh.agent;

import java.io.IOException;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/**
 * Public-key authentication with one key of an ssh-agent (RFC 4252 section 7): the key is offered first, and only
 * when the server accepts it (USERAUTH_PK_OK) does the agent sign the request. RSA keys sign with SHA-256, which
 * every OpenSSH since 7.2 accepts (sshj's own keys do the same).
 */
public final class AgentKeyAuth extends AbstractAuthMethod {
    private final Agent agent;
    private final Agent.Identity key;
    private final String algorithm;
    private final int flags;

    public AgentKeyAuth(Agent agent, Agent.Identity key) {
        super("publickey");
        this.agent = agent;
        this.key = key;
        boolean rsa = key.keyType().equals("ssh-rsa");
        this.algorithm = rsa ? "rsa-sha2-256" : key.keyType();
        this.flags = rsa ? Agent.RSA_SHA2_256 : 0;
    }

    @Override
    public void handle(Message cmd, SSHPacket buf) throws UserAuthException, TransportException {
        if (cmd == Message.USERAUTH_60) { // PK_OK: the server would take this key, so sign for real
            params.getTransport().write(signed());
        } else {
            super.handle(cmd, buf);
        }
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        return request(false);
    }

    private SSHPacket request(boolean withSignature) throws UserAuthException {
        return super.buildReq().putBoolean(withSignature).putString(algorithm).putBytes(key.blob());
    }

    private SSHPacket signed() throws UserAuthException {
        SSHPacket req = request(true);
        byte[] toSign = new Buffer.PlainBuffer().putString(params.getTransport().getSessionID()).putBuffer(req)
                .getCompactData();
        try {
            return req.putBytes(agent.sign(key.blob(), toSign, flags));
        } catch (IOException e) {
            throw new UserAuthException("the ssh-agent did not sign with " + key.comment() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "agent key " + key.keyType() + " " + key.comment();
    }
}
