package org.drover.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drover.testbed.sim.SimRunner.assertSame;
import static org.drover.testbed.sim.SimRunner.sample;
import static org.drover.testbed.sim.SimRunner.sampleLines;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.drover.testbed.sim.SimRunner.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The simulated jls, jail and service reproduce the jail samples byte for byte. */
class JailSampleTest {
    @TempDir
    Path dir;
    SimRunner host;

    @BeforeEach
    void setUp() {
        host = new SimRunner(dir);
    }

    private void seedJails() {
        host.version("15.0-RELEASE");
        host.mkdirHost("/jails/containers/webserver").mkdirHost("/jails/containers/database");
        host.run("jail", "-c", "name=webserver", "path=/jails/containers/webserver", "host.hostname=webserver",
                "vnet", "persist").ok();
    }

    @Test
    void defaultListingOfVnetJails() {
        seedJails();
        host.run("jail", "-c", "name=database", "path=/jails/containers/database", "host.hostname=database",
                "vnet", "persist").ok();
        assertSame(host.run("jls"), sample("jls-default-vnet-15.0-seed.txt"), "", 0);
    }

    @Test
    void explicitParametersWithHeader() {
        seedJails();
        host.mkdirHost("/jails/tmp");
        // the seed shows JID 3 for the second jail: JIDs are not reused, so one came and went in between
        host.run("jail", "-c", "name=tmp", "path=/jails/tmp", "persist").ok();
        host.run("jail", "-r", "tmp").ok();
        host.run("jail", "-c", "name=database", "path=/jails/containers/database", "host.hostname=database",
                "vnet", "persist").ok();
        assertSame(host.run("jls", "-h", "jid", "name", "host.hostname", "path", "vnet"),
                sample("jls-h-explicit-params-15.0-seed.txt"), "", 0);
    }

    @Test
    void notFoundErrors() {
        List<String> lines = sampleLines("jls-j-not-found-error.txt");
        seedJails();
        assertSame(host.run("jls", "-j", "nosuch"), "", lines.get(0), 1);
        assertSame(host.run("jls", "-j", "99"), "", lines.get(1), 1);
        assertThat(host.run("jls", "-j", "1", "name").ok().stdout()).isEqualTo("webserver\n");
    }

    private void seedLibxoJails() {
        seedJails();
        host.mkdirHost("/jails/db");
        host.run("jail", "-c", "name=db", "path=/jails/db", "host.hostname=db.jail", "ip4.addr=10.0.0.102",
                "persist").ok();
    }

    @Test
    void libxoJsonPretty() {
        seedLibxoJails();
        assertSame(host.run("jls", "--libxo", "json,pretty"), sample("jls-libxo-json-default-reconstructed.txt"),
                "", 0);
    }

    @Test
    void libxoJsonCompactParsesToTheSameDocument() {
        seedLibxoJails();
        Load load = new Load(LoadSettings.builder().build());
        Object expected = load.loadFromString(sample("jls-libxo-json-default-reconstructed.txt"));
        Result r = host.run("jls", "--libxo=json").ok();
        assertThat(r.stdout()).doesNotContain("\n  ");
        assertThat(load.loadFromString(r.stdout())).isEqualTo(expected);
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) load.loadFromString(
                host.run("jls", "--libxo", "json", "-j", "db", "jid", "name", "persist", "ip4.addr").ok().stdout());
        assertThat(doc.toString()).contains("jid=2", "name=db", "persist=true", "ip4.addr=[10.0.0.102]");
    }

    @Test
    void nameValuePairs() {
        host.mkdirHost("/jails/web").mkdirHost("/usr/local/jails/containers/web.prod");
        host.run("jail", "-c", "name=web", "path=/jails/web", "persist").ok();
        for (int i = 0; i < 10; i++) {  // the sample's jail has JID 12
            host.run("jail", "-c", "name=tmp" + i, "path=/jails/web", "persist").ok();
            host.run("jail", "-r", "tmp" + i).ok();
        }
        host.run("jail", "-c", "name=web.prod", "path=/usr/local/jails/containers/web.prod",
                "host.hostname=web01.example.org", "vnet", "persist").ok();
        assertSame(host.run("jls", "-n", "-j", "web.prod", "jid", "name", "host.hostname", "path", "vnet", "persist",
                "ip4.addr"), sample("jls-n-explicit-params-reconstructed.txt"), "", 0);
    }

    @Test
    void createOfRunningJailFromConfig() {
        host.mkdirHost("/jails/web").writeHost("/etc/jail.conf", """
                web {
                    path = /jails/web;
                    persist;
                }
                """);
        assertSame(host.run("jail", "-c", "web"), "web: created\n", "", 0);
        assertSame(host.run("jail", "-c", "web"), "", sample("jail-c-already-exists-error.txt"), 1);
    }

    @Test
    void createFromConfigPrintsCreatedThenExecStartOutput() {
        host.mkdirHost("/usr/local/jails/deb-master").writeHost("/usr/local/jails/etc/jail.conf", """
                deb-master {
                    path = "/usr/local/jails/deb-master";
                    host.hostname = deb-master;
                    exec.start = "echo 'Starting periodic command scheduler: crond.'";
                }
                """);
        assertSame(host.run("jail", "-f", "/usr/local/jails/etc/jail.conf", "-c", "deb-master"),
                sample("jail-c-from-conf-created-9.1.txt"), "", 0);
        assertThat(host.run("jls", "name").stdout()).isEqualTo("deb-master\n");
    }

    @Test
    void removeOfMissingJail() {
        String err = sample("jail-r-not-found-error.txt");
        assertSame(host.run("jail", "-r", "web.example"), "", err, 1);
        assertSame(host.run("jail", "-q", "-r", "web.example"), "", "", 1);
    }

    @Test
    void serviceJailStartOkAndFailure() {
        List<String> lines = sampleLines("service-jail-start-ok-and-failure-reconstructed.txt");
        host.writeHost("/etc/rc.conf", "jail_enable=\"YES\"\n")
                .mkdirHost("/jails/web")
                .writeHost("/etc/jail.conf.d/web.conf", "web { path = /jails/web; persist; }\n")
                .writeHost("/etc/jail.conf.d/broken.conf", "broken { path = /jails/broken; persist; }\n");
        assertSame(host.run("service", "jail", "start", "web"), lines.get(0), "", 0);
        assertSame(host.run("service", "jail", "start", "broken"), String.join("", lines.subList(1, 4)), "", 0);
        assertThat(host.run("jls", "name").stdout()).isEqualTo("web\n");
    }
}
