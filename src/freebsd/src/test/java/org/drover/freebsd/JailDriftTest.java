package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JailDriftTest {
    static JailConfig conf(boolean vnet, List<String> ip4, List<String> ip6, Map<String, Object> params) {
        return new JailConfig(JailName.of("web"), "/jails/web/", "web", vnet, List.of(), ip4, ip6, params, Map.of());
    }

    @Test
    void equal_when_only_spelling_differs() {
        JailParams running = JlsParser.parseNameValueLine("jid=2 name=web path=/jails/web host.hostname=web vnet=inherit "
                + "ip4.addr=192.0.2.20,192.0.2.21 ip6.addr=2001:db8::20 allow.raw_sockets enforce_statfs=1 "
                + "allow.nomount sysvshm=new persist");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("allow.raw_sockets", "yes");
        p.put("allow.mount", false);
        p.put("enforce_statfs", 1);
        p.put("sysvshm", "new");
        p.put("persist", true);
        p.put("mount.devfs", true); // not a kernel parameter: jls cannot show it, so it is not compared
        JailConfig c = conf(false, List.of("em0|192.0.2.21/24", "192.0.2.20"), List.of("em0|2001:DB8:0::20/64"), p);
        assertThat(JailDrift.compare(running, c)).isEmpty();
    }

    @Test
    void every_difference_is_named() {
        JailParams running = JlsParser.parseNameValueLine("jid=2 name=web path=/jails/old host.hostname=old vnet=new "
                + "allow.noraw_sockets enforce_statfs=2 ip4.addr=");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("allow.raw_sockets", true);
        p.put("enforce_statfs", 1);
        JailConfig c = conf(false, List.of("192.0.2.20/24"), List.of(), p);
        assertThat(JailDrift.compare(running, c)).containsExactly("path: /jails/old -> /jails/web/",
                "host.hostname: old -> web", "vnet: new -> inherit", "ip4.addr:  -> 192.0.2.20",
                "allow.raw_sockets: false -> true", "enforce_statfs: 2 -> 1");
    }
}
