package org.drover.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.testbed.sim.SimRunner.assertSame;
import static org.drover.testbed.sim.SimRunner.sampleLines;

import java.nio.file.Path;
import java.util.List;
import org.drover.testbed.sim.SimRunner.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** service(8) with an rc.d script installed in a root (as a package installs it), on the host and in a jail. */
class RcScriptTest {
    static final String NGINX = """
            #!/bin/sh
            # PROVIDE: nginx
            . /etc/rc.subr
            name="nginx"
            rcvar=nginx_enable
            extra_commands="reload configtest"
            load_rc_config $name
            : ${nginx_enable="NO"}
            run_rc_command "$1"
            """;

    @TempDir
    Path dir;
    SimRunner host;

    @BeforeEach
    void setUp() {
        host = new SimRunner(dir);
        host.writeHost("/etc/rc.conf", "hostname=\"testhost\"\n");
    }

    @Test
    void theSampleOfAnInstalledScript() {
        host.writeHost("/usr/local/etc/rc.d/nginx", NGINX);
        List<String> l = sampleLines("service-rcd-script-reconstructed.txt");
        assertSame(host.run("service", "nginx", "start"), l.get(0), "", 0);
        assertSame(host.run("service", "nginx", "rcvar"), String.join("", l.subList(1, 6)), "", 0);
        assertSame(host.run("service", "nginx", "onestatus"), l.get(6), "", 1);
        assertSame(host.run("service", "nginx", "onestart"), l.get(7), "", 0);
        Result running = host.run("service", "nginx", "onestatus");
        assertThat(running.exit()).isZero();
        String pid = running.stdout().replaceAll("\\D", "");
        assertThat(running.stdout()).isEqualTo(l.get(8).replace("1017", pid));
        assertSame(host.run("service", "nginx", "onestop"), (l.get(9) + l.get(10)).replace("1017", pid), "", 0);
        assertSame(host.run("service", "nginx", "onestop"), "", l.get(11), 1);
        assertSame(host.run("service", "nginx", "onereload"), "", l.get(12), 1);
    }

    @Test
    void theScriptsRcvarLineDecidesTheVariableAndEnableWritesIt() {
        host.writeHost("/usr/local/etc/rc.d/www", NGINX.replace("rcvar=nginx_enable", "rcvar=\"${name}_on\"")
                .replace("nginx_enable=\"NO\"", "nginx_on:=\"NO\""));
        assertThat(host.run("service", "www", "rcvar").ok().stdout()).contains("nginx_on=\"NO\"");
        assertThat(host.run("service", "www", "enable").ok().stdout()).isEqualTo("nginx enabled in /etc/rc.conf\n");
        assertThat(host.readHost("/etc/rc.conf")).endsWith("nginx_on=\"YES\"\n");
        assertThat(host.run("service", "www", "start").ok().stdout()).isEqualTo("Starting nginx.\n");
    }

    @Test
    void insideAJailTheJailsScriptsAndRcConfCount() {
        host.mkdirHost("/jails/web");
        host.run("jail", "-c", "name=web", "path=/jails/web", "persist").ok();
        host.writeHost("/jails/web/usr/local/etc/rc.d/nginx", NGINX);
        host.writeHost("/jails/web/etc/rc.conf", "nginx_enable=\"YES\"\n");
        assertThat(host.run("service", "nginx", "onestatus").stdout()).contains("does not exist");
        assertThat(host.run("service", "-j", "web", "nginx", "start").ok().stdout()).isEqualTo("Starting nginx.\n");
        assertThat(host.runIn("web", "service", "nginx", "status").ok().stdout()).startsWith("nginx is running");
        assertSame(host.run("service", "-j", "nosuch", "nginx", "status"), "", "jexec: jail \"nosuch\" not found\n", 1);
        assertSame(host.run("jexec", "nosuch", "/bin/sh", "-c", "true"), "", "jexec: jail \"nosuch\" not found\n", 1);
    }
}
