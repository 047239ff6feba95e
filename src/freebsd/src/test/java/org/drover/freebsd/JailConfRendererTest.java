package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JailConfRendererTest {
    static JailConfig web(Map<String, Object> params) {
        Map<String, List<String>> exec = new LinkedHashMap<>();
        exec.put("stop", List.of("/bin/sh /etc/rc.shutdown"));
        exec.put("prestart", List.of("ifconfig epair0 create up", "ifconfig bridge0 addm epair0a"));
        exec.put("start", List.of("/bin/sh /etc/rc"));
        return new JailConfig(JailName.of("web"), "/jails/web", "web.example.org", true, List.of("epair0b"),
                List.of(), List.of(), params, exec);
    }

    @Test
    void fixed_then_sorted_then_hooks_in_run_order() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("sysvshm", "new");
        params.put("allow.raw_sockets", true);
        params.put("allow.mount", false);
        params.put("devfs_ruleset", 5L);
        params.put("mount.devfs", true);
        assertThat(JailConfRenderer.render(web(params))).isEqualTo("""
                # Managed by drover: local changes are overwritten.
                web {
                \tpath = "/jails/web";
                \thost.hostname = "web.example.org";
                \tvnet = "new";
                \tvnet.interface = "epair0b";
                \tallow.nomount;
                \tallow.raw_sockets;
                \tdevfs_ruleset = "5";
                \tmount.devfs;
                \tsysvshm = "new";
                \texec.prestart = "ifconfig epair0 create up";
                \texec.prestart += "ifconfig bridge0 addm epair0a";
                \texec.start = "/bin/sh /etc/rc";
                \texec.stop = "/bin/sh /etc/rc.shutdown";
                }
                """);
    }

    @Test
    void same_definition_same_bytes_whatever_the_map_order() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("persist", true);
        a.put("enforce_statfs", 2);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("enforce_statfs", 2);
        b.put("persist", true);
        assertThat(JailConfRenderer.render(web(a))).isEqualTo(JailConfRenderer.render(web(b)));
    }

    @Test
    void values_are_literal_and_cannot_break_out() {
        assertThat(JailConfRenderer.quote("plain value")).isEqualTo("\"plain value\"");
        assertThat(JailConfRenderer.quote("echo $HOME")).isEqualTo("'echo $HOME'");
        assertThat(JailConfRenderer.quote("x\"; exec.start = \"reboot")).isEqualTo("'x\"; exec.start = \"reboot'");
        assertThat(JailConfRenderer.quote("it's\nnew\\")).isEqualTo("'it\\'s\\nnew\\\\'");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ip4", List.of("a", "b"));
        assertThat(JailConfRenderer.render(web(p))).contains("\tip4 = \"a\", \"b\";\n");
    }
}
