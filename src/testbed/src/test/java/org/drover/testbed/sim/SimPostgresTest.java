package org.drover.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL 17 in a jail as the seed lab drives it: the package's user and programs, the rc.d script's rcvar
 * check, initdb, pg_ctl's status texts, and the clients as the OS user su and jexec -U give them.
 */
class SimPostgresTest {
    static final String DATA = "/jails/db/var/db/postgres/data17";
    static final String QUERY = "SELECT 1 FROM pg_roles WHERE rolname='testuser'";

    @TempDir
    Path dir;
    SimRunner host;

    @BeforeEach
    void setUp() {
        host = new SimRunner(dir);
        host.mkdirHost("/jails/db/etc");
        host.run("jail", "-c", "name=db", "path=/jails/db", "persist").ok();
        host.exec(List.of(SimRunner.binDir().resolve("jexec").toString(), "db", "pkg", "install", "-y",
                "postgresql17-server"), Map.of("ASSUME_ALWAYS_YES", "yes")).ok();
    }

    /** A client program of the jail (the package's wrapper), run inside it as USER (null: root). */
    SimRunner.Result client(String user, String... argv) {
        List<String> cmd = new java.util.ArrayList<>(List.of(SimRunner.binDir().resolve("jexec").toString()));
        if (user != null) {
            cmd.addAll(List.of("-U", user));
        }
        cmd.add("db");
        cmd.add(host.hostPath("/jails/db/usr/local/bin/" + argv[0]).toString());
        cmd.addAll(List.of(argv).subList(1, argv.length));
        return host.exec(cmd, Map.of());
    }

    @Test
    void the_server_package_creates_its_user_and_the_client_package_its_programs() {
        assertThat(host.readHost("/jails/db/etc/passwd"))
                .isEqualTo("postgres:*:770:770:PostgreSQL Daemon:/var/db/postgres:/bin/sh\n");
        assertThat(host.readHost("/jails/db/etc/group")).isEqualTo("postgres:*:770:\n");
        assertThat(host.readHost("/jails/db/usr/local/etc/rc.d/postgresql")).contains("rcvar=postgresql_enable\n")
                .contains("extra_commands=\"reload initdb\"\n");
        assertThat(host.hostPath("/jails/db/usr/local/bin/psql")).exists();
        assertThat(host.run("jexec", "-U", "postgres", "db", "true").exit()).isZero();
        assertThat(host.run("jexec", "-U", "www", "db", "true").stderr()).isEqualTo("jexec: www: no such user\n");
        assertThat(host.run("jexec", "-u", "postgres", "db", "true").stderr())
                .as("-u looks the user up on the host").isEqualTo("jexec: postgres: no such user\n");
    }

    @Test
    void initdb_start_and_status_follow_the_rc_script_and_pg_ctl() {
        SimRunner.Result refused = host.run("jexec", "db", "service", "postgresql", "start");
        assertThat(refused.stdout()).isEqualTo("Cannot 'start' postgresql. Set postgresql_enable to YES in "
                + "/etc/rc.conf or use 'onestart' instead of 'start'.\n");
        assertThat(host.run("jexec", "db", "service", "postgresql", "onestart").stderr())
                .isEqualTo("pg_ctl: directory \"/var/db/postgres/data17\" does not exist\n");
        host.run("jexec", "db", "sysrc", "postgresql_enable=YES").ok();
        assertThat(host.run("jexec", "db", "service", "postgresql", "initdb").ok().stdout())
                .contains("Success. You can now start the database server using:");
        assertThat(host.readHost(DATA + "/PG_VERSION")).isEqualTo("17\n");
        assertThat(host.readHost(DATA + "/postgresql.conf")).contains("\n#listen_addresses = 'localhost'\t\t#");
        assertThat(host.readHost(DATA + "/pg_hba.conf"))
                .contains("\nhost    all             all             127.0.0.1/32            trust\n");
        assertThat(host.run("jexec", "db", "service", "postgresql", "initdb").stderr())
                .startsWith("initdb: error: directory \"/var/db/postgres/data17\" exists but is not empty\n");
        SimRunner.Result stopped = host.run("jexec", "db", "service", "postgresql", "status");
        assertThat(stopped.stdout()).isEqualTo("pg_ctl: no server running\n");
        assertThat(stopped.exit()).isEqualTo(3);
        assertThat(host.run("jexec", "db", "service", "postgresql", "start").ok().stdout()).as("-s: silent").isEmpty();
        assertThat(host.run("jexec", "db", "service", "postgresql", "status").ok().stdout())
                .startsWith("pg_ctl: server is running (PID: ");
        assertThat(host.run("service", "postgresql", "status").stdout()).as("not on the host")
                .contains("postgresql does not exist in /etc/rc.d");
    }

    @Test
    void roles_and_databases_as_the_postgres_user() {
        host.exec(List.of(SimRunner.binDir().resolve("jexec").toString(), "db", "pkg", "install", "-y",
                "postgresql17-client"), Map.of("ASSUME_ALWAYS_YES", "yes")).ok();
        host.run("jexec", "db", "service", "postgresql", "oneinitdb").ok();
        assertThat(client("postgres", "psql", "-tAc", QUERY).stderr()).isEqualTo("psql: error: connection to "
                + "server on socket \"/tmp/.s.PGSQL.5432\" failed: No such file or directory\n"
                + "\tIs the server running locally and accepting connections on that socket?\n");
        host.run("jexec", "db", "service", "postgresql", "onestart").ok();
        assertThat(client(null, "psql", "-tAc", QUERY).stderr()).isEqualTo("psql: error: connection to server on "
                + "socket \"/tmp/.s.PGSQL.5432\" failed: FATAL:  role \"root\" does not exist\n");
        assertThat(client("postgres", "psql", "-tAc", QUERY).ok().stdout()).isEmpty();
        client("postgres", "createuser", "testuser").ok();
        assertThat(client("postgres", "createuser", "testuser").stderr()).isEqualTo("createuser: error: creation "
                + "of new role failed: ERROR:  role \"testuser\" already exists\n");
        assertThat(client("postgres", "psql", "-tAc", QUERY).ok().stdout()).isEqualTo("1\n");
        client("postgres", "createdb", "-O", "testuser", "testdb").ok();
        assertThat(client("postgres", "psql", "-l").ok().stdout()).containsPattern("testdb +\\| testuser ");
        client("postgres", "psql", "-q", "-c", "ALTER ROLE testuser WITH LOGIN PASSWORD 'it''s; secret'").ok();
        assertThat(host.readHost(DATA + "/global/fakebsd-catalog.json")).contains("SCRAM-SHA-256$4096:")
                .doesNotContain("secret");
    }

    @Test
    void su_runs_the_shell_as_the_user_of_the_jail() {
        host.exec(List.of(SimRunner.binDir().resolve("jexec").toString(), "db", "pkg", "install", "-y",
                "postgresql17-client"), Map.of("ASSUME_ALWAYS_YES", "yes")).ok();
        host.run("jexec", "db", "service", "postgresql", "oneinitdb").ok();
        host.run("jexec", "db", "service", "postgresql", "onestart").ok();
        String psql = host.hostPath("/jails/db/usr/local/bin/psql").toString();
        assertThat(host.run("jexec", "db", "su", "-m", "postgres", "-c", psql + " -tAc \"SELECT 1 FROM pg_roles "
                + "WHERE rolname='postgres'\"").ok().stdout()).isEqualTo("1\n");
        assertThat(host.run("jexec", "db", "su", "-m", "nobody", "-c", "true").stderr())
                .isEqualTo("su: unknown login: nobody\n");
        assertThat(host.run("jexec", "-U", "postgres", "db", SimRunner.binDir().resolve("su").toString(), "-m",
                "postgres", "-c", "true").stderr()).isEqualTo("Password:\nsu: Sorry\n");
    }
}
