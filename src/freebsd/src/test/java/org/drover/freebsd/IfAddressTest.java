package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IfAddressTest {
    @Test
    void spellings_of_one_address_compare_equal() {
        assertThat(IfAddress.parseCidr("2001:DB8:0:0:0:0:0:1/64")).isEqualTo(IfAddress.parseCidr("2001:db8::1/64"));
        assertThat(IfAddress.parseCidr("2001:db8::1")).isEqualTo(IfAddress.parseCidr("2001:db8::1/64"));
        assertThat(IfAddress.parseCidr("2001:db8:0:1:0:0:0:1/64").address()).isEqualTo("2001:db8:0:1::1");
        assertThat(IfAddress.parseCidr("::/0").address()).isEqualTo("::");
        assertThat(IfAddress.parseCidr(" 10.0.0.1/24 ")).isEqualTo(IfAddress.inet("10.0.0.1", 24));
    }

    @Test
    void netmasks() {
        assertThat(IfAddress.prefixFromNetmask("0xffffff00")).isEqualTo(24);
        assertThat(IfAddress.prefixFromNetmask("0xffffffff")).isEqualTo(32);
        assertThat(IfAddress.prefixFromNetmask("0x0")).isZero();
        assertThat(IfAddress.prefixFromNetmask("255.255.240.0")).isEqualTo(20);
        assertThatThrownBy(() -> IfAddress.prefixFromNetmask("0xff00ff00")).hasMessageContaining("contiguous");
    }

    @Test
    void link_local() {
        assertThat(IfAddress.inet6("fe80::1%lo0", 64).isLinkLocal()).isTrue();
        assertThat(IfAddress.inet6("fe80::1%lo0", 64).scope()).isEqualTo("lo0");
        assertThat(IfAddress.inet6("2001:db8::1", 64).isLinkLocal()).isFalse();
    }

    @Test
    void bad_addresses_are_refused() {
        for (String bad : new String[] {"10.0.0.1", "10.0.0.256/24", "10.0.0.1/33", "010.0.0.1/24", "web.example/24",
                "$(reboot)/24", "10.0.0.1/24; reboot", "10.0.0.1/2\n4", "2001:db8::1/129", "fe80::1%em0/64", ""}) {
            assertThatThrownBy(() -> IfAddress.parseCidr(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
