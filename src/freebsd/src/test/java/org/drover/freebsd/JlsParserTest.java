package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JlsParserTest {
    @Test
    void name_value_form_with_dotted_name_and_empty_list() {
        List<JailParams> all = JlsParser.parseNameValues(Samples.load("jls-n-explicit-params-reconstructed.txt"));
        assertThat(all).hasSize(1);
        JailParams p = all.get(0);
        assertThat(p.name()).isEqualTo("web.prod");
        assertThat(p.get("jid")).contains("12");
        assertThat(p.get("host.hostname")).contains("web01.example.org");
        assertThat(p.get("path")).contains("/usr/local/jails/containers/web.prod");
        assertThat(p.get("vnet")).contains("new");
        assertThat(p.get("ip4.addr")).contains("");
        assertThat(p.bool("persist")).contains(true);
        assertThat(p.has("persist")).isTrue();
        assertThat(p.has("allow.mount")).isFalse();
    }

    @Test
    void quoted_form_keeps_spaces_and_negated_booleans() {
        JailParams p = JlsParser.parseNameValueLine("jid=3 name=web host.hostname=\"my host\" osrelease=\"\" "
                + "exec.fib=0 allow.nomount allow.raw_sockets nopersist comment='say \"hi\"'");
        assertThat(p.get("host.hostname")).contains("my host");
        assertThat(p.get("osrelease")).contains("");
        assertThat(p.get("comment")).contains("say \"hi\"");
        assertThat(p.bool("allow.mount")).contains(false);
        assertThat(p.bool("allow.raw_sockets")).contains(true);
        assertThat(p.bool("persist")).contains(false);
        assertThat(p.bool("exec.fib")).contains(false);
        assertThat(JailParams.negated("allow.mount.zfs")).isEqualTo("allow.mount.nozfs");
    }

    @Test
    void header_form() {
        List<Map<String, String>> rows = JlsParser.parseWithHeader(Samples.load("jls-h-explicit-params-15.0-seed.txt"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("jid", "1").containsEntry("name", "webserver")
                .containsEntry("host.hostname", "webserver").containsEntry("path", "/jails/containers/webserver")
                .containsEntry("vnet", "new");
        assertThat(rows.get(1)).containsEntry("jid", "3").containsEntry("name", "database");
        assertThat(JlsParser.parseWithHeader("jid name ip4.addr\n7 db -\n").get(0)).containsEntry("ip4.addr", "");
    }

    @Test
    void not_found_and_dying() {
        String text = Samples.load("jls-j-not-found-error.txt");
        for (String line : text.lines().toList()) {
            assertThat(JlsParser.isNotFound(line)).as(line).isTrue();
        }
        assertThat(JlsParser.isNotFound("jls: jail \"web\" is dying")).isFalse();
        assertThat(JlsParser.isDying("jls: jail \"web\" is dying")).isTrue();
        // The default column listing is not a name=value form: no jail name can be read from it.
        assertThat(JlsParser.parseNameValues(Samples.load("jls-default-vnet-15.0-seed.txt")))
                .allSatisfy(p -> assertThat(p.name()).isNull());
    }
}
