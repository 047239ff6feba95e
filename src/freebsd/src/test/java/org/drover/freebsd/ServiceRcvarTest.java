package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceRcvarTest {
    @Test
    void theVariableAndValueFromTheSample() {
        List<String> l = Samples.load("service-rcd-script-reconstructed.txt").lines().toList();
        String out = String.join("\n", l.subList(1, 6)) + "\n";
        assertThat(ServiceRcvar.parse(out, 0)).contains(new ServiceRcvar("nginx_enable", "NO"));
    }

    @Test
    void aScriptWithoutRcvarHasNone() {
        assertThat(ServiceRcvar.parse("# netif\n#\n\n", 0)).isEmpty();
    }

    @Test
    void aFailedOrUnknownOutputIsAnError() {
        assertThatThrownBy(() -> ServiceRcvar.parse("nosuch does not exist in /etc/rc.d or the local startup\n", 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exit 1");
        assertThatThrownBy(() -> ServiceRcvar.parse("sh: service: not found\n", 0))
                .isInstanceOf(IllegalStateException.class);
    }
}
