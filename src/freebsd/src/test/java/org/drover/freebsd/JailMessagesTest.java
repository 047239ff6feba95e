package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JailMessagesTest {
    @Test
    void jail8_messages() {
        assertThat(JailMessages.alreadyExists(Samples.load("jail-c-already-exists-error.txt"))).containsExactly("web");
        assertThat(JailMessages.notFound(Samples.load("jail-r-not-found-error.txt"))).containsExactly("web.example");
        assertThat(JailMessages.created(Samples.load("jail-c-from-conf-created-9.1.txt"))).containsExactly("deb-master");
        assertThat(JailMessages.created(Samples.load("jail-c-already-exists-error.txt"))).isEmpty();
    }

    @Test
    void rc_jail_start_failure_is_only_in_the_text() {
        String text = Samples.load("service-jail-start-ok-and-failure-reconstructed.txt");
        assertThat(JailMessages.rcStartFailures(text)).containsExactly("broken");
        assertThat(JailMessages.rcStartFailures(text.lines().findFirst().orElseThrow())).isEmpty();
    }

    @Test
    void service_status() {
        assertThat(ServiceStatus.of("sshd is running as pid 812.\n", 0)).isEqualTo(ServiceStatus.RUNNING);
        assertThat(ServiceStatus.of("sshd is not running.\n", 1)).isEqualTo(ServiceStatus.STOPPED);
        assertThat(ServiceStatus.of("nosuch does not exist in /etc/rc.d or the local startup\n"
                + "directories (/usr/local/etc/rc.d), or is not executable\n", 1)).isEqualTo(ServiceStatus.MISSING);
    }
}
