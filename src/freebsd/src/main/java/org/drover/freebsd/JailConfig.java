package org.drover.freebsd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One jail's definition as drover writes it to jail.conf.
 *
 * @param hostname       {@code host.hostname}, or null to leave it out
 * @param vnetInterfaces {@code vnet.interface} (moved into the jail at creation)
 * @param ip4            {@code ip4.addr} entries (non-VNET jails), as given ({@code 10.0.0.2/24}, {@code em0|10.0.0.2})
 * @param params         any other parameter: Boolean (flag), Number, String, or List (comma list)
 * @param exec           {@code exec.KEY} command lists, e.g. {@code start → [/bin/sh /etc/rc]}
 */
public record JailConfig(JailName name, String path, String hostname, boolean vnet, List<String> vnetInterfaces,
                         List<String> ip4, List<String> ip6, Map<String, Object> params,
                         Map<String, List<String>> exec) {
    public JailConfig {
        vnetInterfaces = List.copyOf(vnetInterfaces);
        ip4 = List.copyOf(ip4);
        ip6 = List.copyOf(ip6);
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        exec = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(exec));
    }
}
