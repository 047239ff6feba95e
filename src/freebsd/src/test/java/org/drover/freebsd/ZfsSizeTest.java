package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ZfsSizeTest {

    @Test
    void parsesSuffixesAsPowersOf1024() {
        assertThat(ZfsSize.parse("10G").getAsLong()).isEqualTo(10L * 1024 * 1024 * 1024);
        assertThat(ZfsSize.parse("10g").getAsLong()).isEqualTo(10737418240L);
        assertThat(ZfsSize.parse("10GB").getAsLong()).isEqualTo(10737418240L);
        assertThat(ZfsSize.parse("512K").getAsLong()).isEqualTo(524288L);
        assertThat(ZfsSize.parse("1.5T").getAsLong()).isEqualTo(1649267441664L);
        assertThat(ZfsSize.parse("4096").getAsLong()).isEqualTo(4096L);
        assertThat(ZfsSize.parse("1E").getAsLong()).isEqualTo(1L << 60);
    }

    @Test
    void rejectsWhatIsNotASize() {
        assertThat(ZfsSize.parse("lz4")).isEmpty();
        assertThat(ZfsSize.parse("10X")).isEmpty();
        assertThat(ZfsSize.parse("1.5")).isEmpty();
        assertThat(ZfsSize.parse("16E")).isEmpty(); // overflows a long
        assertThat(ZfsSize.parse(null)).isEmpty();
    }

    @Test
    void normalisesOnlySizeProperties() {
        assertThat(ZfsSize.normalise("quota", "10G")).isEqualTo("10737418240");
        assertThat(ZfsSize.normalise("recordsize", "128K")).isEqualTo("131072");
        assertThat(ZfsSize.normalise("quota", "none")).isEqualTo("0");
        assertThat(ZfsSize.normalise("compression", "lz4")).isEqualTo("lz4");
        assertThat(ZfsSize.normalise("com.example:size", "10G")).isEqualTo("10G");
        assertThat(ZfsSize.normalise("mountpoint", "/jails/10G")).isEqualTo("/jails/10G");
    }
}
