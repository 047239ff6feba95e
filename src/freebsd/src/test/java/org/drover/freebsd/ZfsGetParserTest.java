package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZfsGetParserTest {

    @Test
    void parsesValuesAndEverySourceKindOfTheSample() {
        List<ZfsProperty> props = ZfsGetParser.parse(ZfsPfSamples.load("zfs-get-H-p-sources-reconstructed.txt"));
        assertThat(props).extracting(ZfsProperty::property)
                .containsExactly("origin", "mountpoint", "used", "canmount", "com.example:role");
        assertThat(props).allMatch(p -> p.dataset().equals("zroot/jails/containers/database"));
        ZfsProperty origin = props.get(0);
        assertThat(origin.value()).isEqualTo("zroot/jails/templates/base@15.0-RELEASE");
        assertThat(origin.source().kind()).isEqualTo(ZfsSource.Kind.NONE);
        ZfsProperty mp = props.get(1);
        assertThat(mp.value()).isEqualTo("/jails/containers/database");
        assertThat(mp.source().kind()).isEqualTo(ZfsSource.Kind.INHERITED);
        assertThat(mp.source().from()).isEqualTo("zroot/jails");
        assertThat(mp.source().toString()).isEqualTo("inherited from zroot/jails");
        assertThat(props.get(3).source().kind()).isEqualTo(ZfsSource.Kind.DEFAULT);
        assertThat(props.get(3).isUnset()).isFalse();
        assertThat(props.get(4).isUnset()).isTrue();
    }

    @Test
    void inheritedFromADatasetWithSpacesAndValueWithTab() {
        String out = "zroot/data/pg 17\tcompression\tlz4\tinherited from zroot/data x\n"
                + "zroot/data/pg 17\tcom.example:note\ta\tb\tlocal\n"
                + "zroot/data/pg 17\tquota\t10737418240\tlocal\n";
        List<ZfsProperty> props = ZfsGetParser.parse(out);
        assertThat(props.get(0).dataset()).isEqualTo("zroot/data/pg 17");
        assertThat(props.get(0).source().from()).isEqualTo("zroot/data x");
        assertThat(props.get(1).value()).isEqualTo("a\tb");
        assertThat(props.get(1).source().kind()).isEqualTo(ZfsSource.Kind.LOCAL);
        assertThat(props.get(2).value()).isEqualTo("10737418240");
    }

    @Test
    void allSourceWords() {
        assertThat(ZfsSource.parse("temporary").kind()).isEqualTo(ZfsSource.Kind.TEMPORARY);
        assertThat(ZfsSource.parse("received").kind()).isEqualTo(ZfsSource.Kind.RECEIVED);
        assertThat(ZfsSource.parse("local").toString()).isEqualTo("local");
        assertThat(ZfsSource.parse("something new").kind()).isEqualTo(ZfsSource.Kind.OTHER);
    }

    @Test
    void rejectsLinesWithoutFourFields() {
        assertThatThrownBy(() -> ZfsGetParser.parse("zroot\tused\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ZfsGetParser.parse(ZfsPfSamples.load("zfs-list-H-not-exist-error-captured.txt")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
