package org.drover.ssh;

import org.drover.transport.Connection;


import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import org.junit.jupiter.api.Test;

/** Which connection failures are worth another attempt. */
class SshConnectionFactoryTest {
    @Test
    void refusedAndResetAreRetriedAuthTimeoutsAndUnknownHostsAreNot() {
        assertThat(SshConnectionFactory.isTransient(new ConnectException("Connection refused"))).isTrue();
        assertThat(SshConnectionFactory.isTransient(new SocketException("Connection reset"))).isTrue();
        assertThat(SshConnectionFactory.isTransient(new TransportException("Broken transport; encountered EOF")))
                .isTrue();
        assertThat(SshConnectionFactory.isTransient(new IOException("wrapped", new ConnectException("x")))).isTrue();
        assertThat(SshConnectionFactory.isTransient(new UserAuthException("Exhausted available authentication methods")))
                .isFalse();
        assertThat(SshConnectionFactory.isTransient(new SocketTimeoutException("connect timed out"))).isFalse();
        assertThat(SshConnectionFactory.isTransient(new UnknownHostException("nowhere.invalid"))).isFalse();
        assertThat(SshConnectionFactory.isTransient(new IOException("something else"))).isFalse();
    }
}
