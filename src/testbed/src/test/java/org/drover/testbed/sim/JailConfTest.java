package org.drover.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.drover.testbed.sim.SimRunner.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jail.conf(5) as the simulated jail(8) reads it: every syntax feature, checked through jls and exec hooks. */
class JailConfTest {
    @TempDir
    Path dir;
    SimRunner host;

    @BeforeEach
    void setUp() {
        host = new SimRunner(dir);
        host.mkdirHost("/jails/web").mkdirHost("/jails/db").mkdirHost("/var/log");
    }

    /** exec.* hooks append here: "$FAKEBSD_ROOT/var/log/hooks". */
    private String hooks() {
        return host.readHost("/var/log/hooks");
    }

    /** Appends to the hook log from a double-quoted jail.conf string ('\\$' keeps jail(8) from expanding it). */
    private static final String LOG = " >> \\\"\\$FAKEBSD_ROOT/var/log/hooks\\\"";
    /** The same inside a single-quoted string, where jail(8) expands nothing. */
    private static final String LOG1 = " >> \"$FAKEBSD_ROOT/var/log/hooks\"";

    @Test
    void everySyntaxFeature() {
        host.writeHost("/etc/jail.conf", """
                # hash comment
                // slash comment
                /* block
                   comment */
                $domain = "example.org";
                host.hostname = "${name}.$domain";
                path = /jails/$name;
                exec.clean;
                mount.devfs;
                nopersist;
                ip4.addr = 10.0.0.1, 10.0.0.2;
                web {
                    persist;
                    allow.raw_sockets = 1;
                    exec.prestart = "echo prestart ${host.hostname} $path%1$s";
                    exec.prestart += 'echo \\'single $name not expanded\\'%2$s';
                    exec.prestart += "echo \\"esc tab[\\t] oct[\\101] hex[\\x42] \\
                joined\\"%1$s";
                    $tag = web-$name;
                    exec.prestart += "echo ${tag}%1$s";
                    ip4.addr += 10.0.0.3;
                }
                db { persist = "false"; host.hostname = "db"; exec.start = "true"; }
                * { allow.mount; }
                """.formatted(LOG, LOG1));
        assertThat(host.run("jail", "-c", "web").ok().stdout()).isEqualTo("web: created\n");
        assertThat(hooks()).isEqualTo("""
                prestart web.example.org /jails/web
                single $name not expanded
                esc tab[\t] oct[A] hex[B] joined
                web-web
                """);
        assertThat(host.run("jls", "-n", "-j", "web", "name", "host.hostname", "path", "persist", "ip4.addr",
                "allow.raw_sockets", "allow.mount").ok().stdout()).isEqualTo(
                "name=web host.hostname=web.example.org path=/jails/web persist ip4.addr=10.0.0.1,10.0.0.2,10.0.0.3"
                        + " allow.raw_sockets allow.mount\n");
        // db: persist = "false" overrides; the global default hostname is overridden by the block
        host.run("jail", "-c", "db").ok();
        assertThat(host.run("jls", "-j", "db", "host.hostname", "persist", "ip4.addr").ok().stdout())
                .isEqualTo("db false 10.0.0.1,10.0.0.2\n");
    }

    @Test
    void includesWithGlobsAndLaterGlobalsOverride() {
        host.writeHost("/etc/jail.conf", """
                path = "/jails/$name";
                .include "/etc/jail.conf.d/*.conf";
                persist;
                """);
        host.writeHost("/etc/jail.conf.d/web.conf", "web { host.hostname = web.local; nopersist; }\n");
        host.writeHost("/etc/jail.conf.d/db.conf", "db { host.hostname = db.local; }\n");
        host.writeHost("/etc/jail.conf.d/ignored.txt", "broken {\n");
        Result r = host.run("jail", "-c");
        assertThat(r.stdout()).isEqualTo("db: created\nweb: created\n");
        // the global 'persist;' comes after the blocks, so it wins over web's nopersist
        assertThat(host.run("jls", "name", "path", "host.hostname", "persist").stdout())
                .isEqualTo("db /jails/db db.local true\nweb /jails/web web.local true\n");
    }

    @Test
    void lexerAndParserErrorsNameFileAndLine() {
        expectError("web {\n  path = \"/jails/web;\n}\n", "jail: /etc/jail.conf line 2: unterminated string\n");
        expectError("web {\n\n  /* never closed\n", "jail: /etc/jail.conf line 3: unterminated comment\n");
        expectError("web { path = ${oops\n; }\n", "jail: /etc/jail.conf line 1: unterminated variable\n");
        expectError("web {\n  exec.start = /bin/sh /etc/rc;\n}\n", "jail: /etc/jail.conf line 2: /: syntax error\n");
        expectError("web {\n  persist;\n", "jail: /etc/jail.conf: unexpected EOF\n");
        expectError("web { path = /jails/web; persist; exec.start = \"$nosuch\"; }\n",
                "jail: web: exec.start: variable \"nosuch\" not found\n");
        expectError("$list = a, b; web { path = /jails/web; persist; host.hostname = \"x$list\"; }\n",
                "jail: web: host.hostname: array cannot be substituted inline\n");
        expectError("web { path = /jails/web; persist; bogus.param = 1; }\n", "jail: web: unknown parameter: bogus.param\n");
        Result missing = host.run("jail", "-f", "/etc/nosuch.conf", "-c", "web");
        assertThat(missing.stderr()).isEqualTo("jail: /etc/nosuch.conf: No such file or directory\n");
        assertThat(missing.exit()).isEqualTo(1);
    }

    private void expectError(String conf, String stderr) {
        host.writeHost("/etc/jail.conf", conf);
        Result r = host.run("jail", "-c", "web");
        assertThat(r.stderr()).isEqualTo(stderr);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(host.run("jls", "name").stdout()).isEmpty();
    }

    @Test
    void unknownJailAndBadPath() {
        host.writeHost("/etc/jail.conf", "web { path = /jails/nowhere; persist; }\n");
        Result r = host.run("jail", "-c", "nosuch");
        assertThat(r.stderr()).isEqualTo("jail: \"nosuch\" not found\n");
        r = host.run("jail", "-c", "web");
        assertThat(r.stderr()).isEqualTo("jail: web: path /jails/nowhere: No such file or directory\n");
        assertThat(r.exit()).isEqualTo(1);
        r = host.run("jail", "-c", "name=x", "path=/jails/nowhere", "persist");
        assertThat(r.stderr()).isEqualTo("jail: x: path /jails/nowhere: No such file or directory\n");
    }
}
