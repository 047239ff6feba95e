package org.drover.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The state a simulated host starts from (and returns to on reset), written into fresh overlay upper layers before
 * they are mounted: its name and release, rc.conf, empty jail.conf.d, no pf.conf, the admin user and its become
 * rule, sshd's configuration and keys, and the simulated commands at their FreeBSD paths.
 */
final class Seed {
    private final HostFs host;

    Seed(HostFs host) {
        this.host = host;
    }

    void write(Path etc, Path usr, Path var, Path root) throws IOException {
        writeEtc(etc);
        writeUsr(usr);
        writeVar(var);
    }

    static final String SSHD_RC = """
            #!/bin/sh
            #
            # PROVIDE: sshd
            # REQUIRE: LOGIN FILESYSTEMS
            # KEYWORD: shutdown

            . /etc/rc.subr

            name="sshd"
            rcvar="sshd_enable"
            desc="Secure Shell Daemon"
            command="/usr/sbin/${name}"
            keygen_cmd="sshd_keygen"
            start_precmd="sshd_precmd"
            reload_precmd="sshd_configtest"
            restart_precmd="sshd_configtest"
            configtest_cmd="sshd_configtest"
            pidfile="/var/run/${name}.pid"
            extra_commands="configtest keygen reload"

            load_rc_config $name
            run_rc_command "$1"
            """;

    private void writeEtc(Path etc) throws IOException {
        String name = host.name;
        text(etc.resolve("rc.conf"), "hostname=\"" + name + "\"\n", 0644);
        text(etc.resolve("hostname"), name + "\n", 0644);
        text(etc.resolve("hosts"), read("/etc/hosts") + "127.0.1.1\t" + name + "\n", 0644);
        Files.createDirectories(etc.resolve("jail.conf.d"));
        // base's rc.d script for the daemon every managed host runs (libexec/rc/rc.d/sshd): name, rcvar, commands
        text(Files.createDirectories(etc.resolve("rc.d")).resolve("sshd"), SSHD_RC, 0555);
        if (Files.exists(Path.of("/etc/pf.conf"), LinkOption.NOFOLLOW_LINKS)) {
            // an overlay whiteout hides the machine's file: FreeBSD hosts start without a pf.conf
            Procs.run(List.of("mknod", etc.resolve("pf.conf").toString(), "c", "0", "0"), 10);
        }
        users(etc);
        Path ssh = Files.createDirectories(etc.resolve("ssh"));
        Keys.write(ssh.resolve("drover_host_ed25519_key"), host.hostEd25519, "root@" + name);
        Keys.write(ssh.resolve("drover_host_ecdsa_key"), host.hostEcdsa, "root@" + name);
        text(ssh.resolve("drover_authorized_keys"), host.clientPublicLine + "\n", 0644);
        text(ssh.resolve("drover_sshd_config"), sshdConfig(), 0644);
    }

    static String sshdConfig() {
        return String.join("\n",
                "# sshd of a simulated FreeBSD host (drover testbed); the port comes from the command line (-p)",
                "ListenAddress " + FleetHost.ADDRESS,
                "HostKey /etc/ssh/drover_host_ed25519_key",
                "HostKey /etc/ssh/drover_host_ecdsa_key",
                "PidFile none",
                "UsePAM no",
                "StrictModes no",
                "PermitRootLogin prohibit-password",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "AuthorizedKeysFile /etc/ssh/drover_authorized_keys",
                // VERBOSE logs "Connection from" and "Starting session: command": the server-side counters
                "LogLevel VERBOSE",
                "MaxStartups 1000",
                "MaxSessions 100",
                "UseDNS no",
                "PrintMotd no",
                "AcceptEnv LANG LC_*",
                "SetEnv PATH=" + HostFs.PATH,
                "Subsystem sftp internal-sftp",
                "");
    }

    /** passwd/shadow/group copied from the machine with root's shell set and the admin user added: never on the machine. */
    private void users(Path etc) throws IOException {
        HostFs.Admin admin = host.admin;
        List<String> passwd = new ArrayList<>();
        for (String line : read("/etc/passwd").split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length == 7 && f[0].equals("root")) {
                f[6] = host.spec.rootShell();
                line = String.join(":", f);
            }
            passwd.add(line);
        }
        List<String> shadow = new ArrayList<>();
        for (String line : read("/etc/shadow").split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length > 2 && f[0].equals("root")) {
                f[1] = "*"; // a "!" (locked) password makes sshd without PAM refuse even key logins
                line = String.join(":", f);
            }
            shadow.add(line);
        }
        List<String> group = new ArrayList<>(List.of(read("/etc/group").split("\n")));
        if (admin != null) {
            passwd.add(admin.name() + ":x:" + admin.uid() + ":" + admin.gid() + ":drover admin:" + admin.home() + ":"
                    + admin.shell());
            shadow.add(admin.name() + ":*:20000:0:99999:7:::");
            group.add(admin.name() + ":x:" + admin.gid() + ":");
        }
        addMissing(group, FREEBSD_GROUPS);
        text(etc.resolve("master.passwd"), lines(masterPasswd(passwd)), 0600);
        copyAttrsText(Path.of("/etc/passwd"), etc.resolve("passwd"), lines(passwd));
        copyAttrsText(Path.of("/etc/shadow"), etc.resolve("shadow"), lines(shadow));
        copyAttrsText(Path.of("/etc/group"), etc.resolve("group"), lines(group));
        if (admin != null && Files.exists(Path.of("/etc/gshadow"))) {
            copyAttrsText(Path.of("/etc/gshadow"), etc.resolve("gshadow"),
                    read("/etc/gshadow") + admin.name() + ":!::\n");
        }
        if (admin != null && host.spec.become().equals("sudo")) {
            Path d = Files.createDirectories(etc.resolve("sudoers.d"));
            text(d.resolve("drover-admin"), admin.name() + " ALL=(ALL:ALL) NOPASSWD: ALL\n", 0440);
        } else if (admin != null) {
            text(etc.resolve("doas.conf"), "permit nopass keepenv " + admin.name() + " as root\n", 0600);
        }
    }

    /** FreeBSD's own accounts (etc/master.passwd of a fresh install) that simulated pw sees besides the machine's. */
    static final List<String> FREEBSD_USERS = List.of(
            "toor:*:0:0::0:0:Bourne-again Superuser:/root:",
            "operator:*:2:5::0:0:System &:/:/usr/sbin/nologin",
            "tty:*:4:65533::0:0:Tty Sandbox:/:/usr/sbin/nologin",
            "kmem:*:5:65533::0:0:KMem Sandbox:/:/usr/sbin/nologin",
            "smmsp:*:25:25::0:0:Sendmail Submission User:/var/spool/clientmqueue:/usr/sbin/nologin",
            "mailnull:*:26:26::0:0:Sendmail Default User:/var/spool/mqueue:/usr/sbin/nologin",
            "bind:*:53:53::0:0:Bind Sandbox:/:/usr/sbin/nologin",
            "unbound:*:59:59::0:0:Unbound DNS Resolver:/var/unbound:/usr/sbin/nologin",
            "_pflogd:*:64:64::0:0:pflogd privsep user:/var/empty:/usr/sbin/nologin",
            "_dhcp:*:65:65::0:0:dhcp programs:/var/empty:/usr/sbin/nologin",
            "pop:*:68:6::0:0:Post Office Owner:/nonexistent:/usr/sbin/nologin",
            "auditdistd:*:78:77::0:0:Auditdistd unprivileged user:/var/empty:/usr/sbin/nologin",
            "www:*:80:80::0:0:World Wide Web Owner:/nonexistent:/usr/sbin/nologin",
            "ntpd:*:123:123::0:0:NTP Daemon:/var/db/ntp:/usr/sbin/nologin",
            "_ypldap:*:160:160::0:0:YP LDAP unprivileged user:/var/empty:/usr/sbin/nologin",
            "hast:*:845:845::0:0:HAST unprivileged user:/var/empty:/usr/sbin/nologin",
            "nobody:*:65534:65534::0:0:Unprivileged user:/nonexistent:/usr/sbin/nologin");
    /** FreeBSD's own groups (etc/group of a fresh install), added to the host's /etc/group when it lacks the name. */
    static final List<String> FREEBSD_GROUPS = List.of("wheel:*:0:root", "kmem:*:2:", "sys:*:3:", "tty:*:4:",
            "operator:*:5:root", "mail:*:6:", "bin:*:7:", "news:*:8:", "man:*:9:", "games:*:13:", "ftp:*:14:",
            "staff:*:20:", "sshd:*:22:", "smmsp:*:25:", "mailnull:*:26:", "guest:*:31:", "video:*:44:",
            "realtime:*:47:", "bind:*:53:", "unbound:*:59:", "proxy:*:62:", "authpf:*:63:", "_pflogd:*:64:",
            "_dhcp:*:65:", "uucp:*:66:", "dialer:*:68:", "network:*:69:", "audit:*:77:", "www:*:80:",
            "ntpd:*:123:", "_ypldap:*:160:", "hast:*:845:", "nogroup:*:65533:", "nobody:*:65534:");

    /** The machine's accounts (as the host's passwd lists them) in master.passwd form, then FreeBSD's missing ones. */
    static List<String> masterPasswd(List<String> passwd) {
        List<String> out = new ArrayList<>();
        for (String line : passwd) {
            String[] f = line.split(":", -1);
            if (f.length == 7) {
                out.add(String.join(":", f[0], "*", f[2], f[3], "", "0", "0", f[4], f[5], f[6]));
            }
        }
        addMissing(out, FREEBSD_USERS);
        return out;
    }

    /** Appends the lines of EXTRA whose name (first field) LINES does not have yet. */
    static void addMissing(List<String> lines, List<String> extra) {
        Set<String> names = new java.util.HashSet<>();
        lines.forEach(l -> names.add(l.split(":", 2)[0]));
        extra.stream().filter(l -> !names.contains(l.split(":", 2)[0])).forEach(lines::add);
    }
    /** Machine programs FreeBSD's base does not have (ports put them in /usr/local/bin): hidden, as pf.conf is. */
    static final List<String> NOT_IN_BASE = List.of("bin/psql", "bin/createuser", "bin/createdb");

    private void writeUsr(Path usr) throws IOException {
        Files.createDirectories(usr.resolve("jails"));
        for (String p : NOT_IN_BASE) {
            if (Files.exists(Path.of("/usr", p), LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(usr.resolve(p).getParent());
                Procs.run(List.of("mknod", usr.resolve(p).toString(), "c", "0", "0"), 10);
            }
        }
        Files.createDirectories(usr.resolve(HostFs.SIM_MOUNT.substring("/usr/".length())));
        HostFs.Admin admin = host.admin;
        if (admin != null) {
            Path home = Files.createDirectories(usr.resolve(admin.home().substring("/usr/".length())));
            Files.setAttribute(home, "unix:uid", admin.uid());
            Files.setAttribute(home, "unix:gid", admin.gid());
        }
        for (Map.Entry<String, String> c : commandsToInstall().entrySet()) {
            Path dir = Files.createDirectories(usr.resolve(c.getValue()));
            Path script = host.simDir.resolve("bin").resolve(c.getKey());
            String run = Files.isExecutable(script) || !Files.exists(script)
                    ? "exec " + HostFs.SIM_MOUNT + "/bin/" + c.getKey() + " \"$@\"\n"
                    : "exec python3 " + HostFs.SIM_MOUNT + "/bin/" + c.getKey() + " \"$@\"\n";
            text(dir.resolve(c.getKey()), "#!/bin/sh\n# simulated FreeBSD command (drover testbed)\n"
                    + "PYTHONPATH=" + HostFs.SIM_MOUNT + "/lib${PYTHONPATH:+:$PYTHONPATH}; export PYTHONPATH\n"
                    + run, 0755);
        }
    }

    /** Machine commands a simulation may never replace: the testbed, sshd and the sessions' shells rely on them. */
    private static final Set<String> ESSENTIAL = Set.of("mount", "umount", "sh", "dash", "bash", "tcsh", "csh", "env",
            "python3", "nsenter", "setpriv", "unshare", "mkdir", "chmod", "chown", "cat", "rm", "cp", "mv", "ln", "ls",
            "sudo", "doas", "su", "sshd", "sleep", "test", "true", "false", "id", "tr", "sed", "grep", "awk");

    /**
     * The known FreeBSD commands, plus every other simulated command found (route, say), which may shadow the
     * machine's command of that name, except the essential ones.
     */
    private Map<String, String> commandsToInstall() throws IOException {
        Map<String, String> all = new java.util.TreeMap<>(HostFs.COMMANDS);
        Path bin = host.simDir.resolve("bin");
        if (Files.isDirectory(bin)) {
            Set<String> extra = new TreeSet<>();
            try (var files = Files.list(bin)) {
                files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                        .filter(n -> n.matches("[a-z0-9][a-z0-9_-]*")).forEach(extra::add);
            }
            for (String n : extra) {
                if (!all.containsKey(n) && !ESSENTIAL.contains(n)) {
                    all.put(n, Files.exists(Path.of("/usr/bin", n)) ? "bin" : "sbin");
                }
            }
        }
        return all;
    }

    private void writeVar(Path var) throws IOException {
        Path state = Files.createDirectories(var.resolve(FleetHost.STATE_DIR.substring("/var/".length())));
        opaque(state);
        text(state.resolve("version"), host.version + "\n", 0644);
        text(state.resolve("hostname"), host.name + "\n", 0644);
        Path faults = Files.createDirectories(state.resolve("faults"));
        for (Map.Entry<String, String> f : host.spec.seedState().entrySet()) {
            text(state.resolve(f.getKey()), f.getValue(), 0644);
        }
        for (String key : List.of("*", host.name)) {
            for (Map.Entry<String, Fault> f : host.spec.faults().getOrDefault(key, Map.of()).entrySet()) {
                text(faults.resolve(Fleet.commandName(f.getKey())), f.getValue().fileText(), 0644);
            }
        }
    }

    /**
     * Marks an upper-layer directory opaque, so nothing below it on the machine shows through: a stray
     * /var/db/fakebsd left on the machine (a simulated command run outside a fleet) must never leak into a host.
     * Java cannot set trusted.* attributes; python3 is needed by the simulations anyway.
     */
    static void opaque(Path dir) throws IOException {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                "import os, sys; os.setxattr(sys.argv[1], 'trusted.overlay.opaque', b'y')", dir.toString())
                .redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("cannot mark " + dir + " opaque: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while marking " + dir + " opaque", e);
        }
    }

    private static String lines(List<String> l) {
        return String.join("\n", l) + "\n";
    }

    private static String read(String path) throws IOException {
        String s = Files.readString(Path.of(path), StandardCharsets.UTF_8);
        return s.isEmpty() || s.endsWith("\n") ? s : s + "\n";
    }

    private static void copyAttrsText(Path from, Path to, String content) throws IOException {
        Files.writeString(to, content, StandardCharsets.UTF_8);
        HostFs.copyOwnership(from, to);
    }

    static void text(Path file, String content, int mode) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setAttribute(file, "unix:mode", mode);
    }
}
