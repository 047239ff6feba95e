package org.drover.testbed;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What to start: how many simulated FreeBSD hosts, behind which SSH server, and how each host looks.
 *
 * @param hosts        number of hosts, named {@code namePrefix} + a zero-padded index ({@code lab01}, {@code lab02}…)
 * @param backend      the SSH server
 * @param versions     FreeBSD releases ({@code 14.3-RELEASE}), given to the hosts in turn
 * @param rootShell    root's login shell ({@code /bin/sh} or {@code /bin/tcsh})
 * @param adminUser    a non-root user to create inside every host (drover then logs in as it and becomes root), or null
 * @param adminShell   the admin user's login shell
 * @param become       how the admin user becomes root: {@code sudo} or {@code doas} (configured inside each host)
 * @param baseDir      where per-host directories, keys and the inventory go; null for a fresh temporary directory
 * @param simDir       the simulated commands ({@code src/testbed/sim}, holding {@code bin/} and {@code lib/}); null to find it
 * @param namePrefix   host name prefix
 * @param seedState    files written into every host's {@code $FAKEBSD_STATE} at start and on reset (name to content)
 * @param faults       fault knobs set at start: host name (or {@code *} for all) to command to fault
 */
public record FleetSpec(int hosts, Backend backend, List<String> versions, String rootShell, String adminUser,
                        String adminShell, String become, Path baseDir, Path simDir, String namePrefix,
                        Map<String, String> seedState, Map<String, Map<String, Fault>> faults) {

    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,30}");
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9-]{0,40}");
    private static final Pattern VERSION = Pattern.compile("\\d{2}\\.\\d+-[A-Z0-9-]+");
    private static final Pattern STATE_FILE = Pattern.compile("[A-Za-z0-9_.-]+");

    public FleetSpec {
        if (hosts < 1 || hosts > 2000) {
            throw new IllegalArgumentException("hosts must be between 1 and 2000, not " + hosts);
        }
        versions = List.copyOf(versions.stream().map(FleetSpec::normalizeVersion).toList());
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("at least one FreeBSD version is needed");
        }
        rootShell = shellPath(rootShell);
        adminShell = shellPath(adminShell);
        if (adminUser != null && (!USER.matcher(adminUser).matches() || adminUser.equals("root"))) {
            throw new IllegalArgumentException("invalid admin user name '" + adminUser + "'");
        }
        if (!become.equals("sudo") && !become.equals("doas")) {
            throw new IllegalArgumentException("become must be sudo or doas, not '" + become + "'");
        }
        if (!PREFIX.matcher(namePrefix).matches()) {
            throw new IllegalArgumentException("invalid host name prefix '" + namePrefix + "'");
        }
        for (String name : seedState.keySet()) {
            if (!STATE_FILE.matcher(name).matches() || name.startsWith(".")) {
                throw new IllegalArgumentException("invalid state file name '" + name + "'");
            }
        }
        seedState = Map.copyOf(seedState);
        Map<String, Map<String, Fault>> f = new LinkedHashMap<>();
        faults.forEach((host, byCommand) -> f.put(host, Map.copyOf(byCommand)));
        faults = Map.copyOf(f);
    }

    /** Accepts {@code 14.3} as well as {@code 14.3-RELEASE}. */
    static String normalizeVersion(String v) {
        String t = v.trim();
        if (t.matches("\\d{2}\\.\\d+")) {
            t += "-RELEASE";
        }
        if (!VERSION.matcher(t).matches()) {
            throw new IllegalArgumentException("invalid FreeBSD version '" + v + "' (like 14.3 or 14.3-RELEASE)");
        }
        return t;
    }

    /** Accepts {@code sh}, {@code tcsh}, {@code csh} or a path. */
    static String shellPath(String shell) {
        return switch (shell) {
            case "sh" -> "/bin/sh";
            case "tcsh", "csh" -> "/bin/tcsh";
            default -> {
                if (!shell.matches("/[A-Za-z0-9_./-]+")) {
                    throw new IllegalArgumentException("invalid shell '" + shell + "'");
                }
                yield shell;
            }
        };
    }

    /** The user drover logs in as: the admin user when there is one, else root. */
    public String loginUser() {
        return adminUser != null ? adminUser : "root";
    }

    public String hostName(int index) {
        int width = Math.max(2, String.valueOf(hosts).length());
        return namePrefix + String.format("%0" + width + "d", index + 1);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: 3 hosts, embedded server, 14.3-RELEASE, root with /bin/sh, no admin user. */
    public static final class Builder {
        private int hosts = 3;
        private Backend backend = Backend.EMBEDDED;
        private List<String> versions = List.of("14.3-RELEASE");
        private String rootShell = "/bin/sh";
        private String adminUser;
        private String adminShell = "/bin/sh";
        private String become = "doas";
        private Path baseDir;
        private Path simDir;
        private String namePrefix = "lab";
        private final Map<String, String> seedState = new LinkedHashMap<>();
        private final Map<String, Map<String, Fault>> faults = new LinkedHashMap<>();

        public Builder hosts(int n) { this.hosts = n; return this; }
        public Builder backend(Backend b) { this.backend = b; return this; }
        public Builder versions(List<String> v) { this.versions = v; return this; }
        public Builder versions(String... v) { this.versions = List.of(v); return this; }
        public Builder rootShell(String s) { this.rootShell = s; return this; }
        /** Creates user NAME with login shell SHELL inside each host, allowed to become root with METHOD. */
        public Builder admin(String name, String shell, String method) {
            this.adminUser = name;
            this.adminShell = shell;
            this.become = method;
            return this;
        }
        public Builder baseDir(Path d) { this.baseDir = d; return this; }
        public Builder simDir(Path d) { this.simDir = d; return this; }
        public Builder namePrefix(String p) { this.namePrefix = p; return this; }
        public Builder seedState(String file, String content) { seedState.put(file, content); return this; }
        public Builder fault(String host, String command, Fault fault) {
            faults.computeIfAbsent(host, h -> new LinkedHashMap<>()).put(command, fault);
            return this;
        }

        public FleetSpec build() {
            return new FleetSpec(hosts, backend, versions, rootShell, adminUser, adminShell, become, baseDir, simDir,
                    namePrefix, seedState, faults);
        }
    }
}
