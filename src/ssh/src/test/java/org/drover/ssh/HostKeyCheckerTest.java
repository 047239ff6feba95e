package org.drover.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostKeyCheckerTest {

    @Test
    void anUnknownKeyUnderStrictNamesTheFlagThatAcceptsIt() throws Exception {
        HostKeyChecker checker = new HostKeyChecker("web1", "web1.example.org", 22, HostKeyPolicy.STRICT,
                KnownHostsTest.parse(""));

        assertThat(checker.verify("ignored", 0, KnownHostsTest.key(KnownHostsTest.A))).isFalse();
        assertThat(checker.failure())
                .contains("host key of web1 (web1.example.org) is not known")
                .contains(KnownHostsTest.A_FP)
                .endsWith("or run with --host-key-checking accept-new");
    }
}
