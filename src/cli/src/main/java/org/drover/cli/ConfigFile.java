package org.drover.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * drover.cfg, or Ansible's ansible.cfg, as the defaults of command-line options: the first file found, as Ansible
 * finds its own ({@code DROVER_CONFIG}, {@code ANSIBLE_CONFIG}, ./drover.cfg, ./ansible.cfg, ~/.drover.cfg,
 * ~/.ansible.cfg, /etc/ansible/ansible.cfg; a world-writable current directory is skipped, as Ansible skips it).
 * Keys that map onto an option become its default; the command line still wins. A key that would change what a
 * run does but that drover does not honour is named in a warning; display and logging keys are ignored quietly.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {
    /** Section.key to the long option it sets. */
    static final Map<String, String> OPTIONS = Map.ofEntries(
            Map.entry("defaults.inventory", "--inventory"),
            Map.entry("defaults.remote_user", "--user"),
            Map.entry("defaults.private_key_file", "--private-key"),
            Map.entry("defaults.forks", "--forks"),
            Map.entry("defaults.host_key_checking", "--host-key-checking"),
            Map.entry("defaults.timeout", "--timeout"),
            Map.entry("defaults.log_path", "--log-file"),
            Map.entry("defaults.vault_password_file", "--vault-password-file"),
            Map.entry("defaults.vault_identity_list", "--vault-id"),
            Map.entry("defaults.nocolor", "--no-color"),
            Map.entry("defaults.become", "--become"),
            Map.entry("defaults.become_method", "--become-method"),
            Map.entry("defaults.become_user", "--become-user"),
            Map.entry("privilege_escalation.become", "--become"),
            Map.entry("privilege_escalation.become_method", "--become-method"),
            Map.entry("privilege_escalation.become_user", "--become-user"),
            Map.entry("privilege_escalation.become_ask_pass", "--ask-become-pass"),
            Map.entry("defaults.ask_vault_pass", "--ask-vault-pass"));
    /** Keys about display, logging, callbacks, retry files and Python: nothing a run of drover does depends on them. */
    static final Set<String> QUIET = Set.of("defaults.stdout_callback", "defaults.callbacks_enabled",
            "defaults.callback_whitelist", "defaults.retry_files_enabled", "defaults.retry_files_save_path",
            "defaults.interpreter_python", "defaults.deprecation_warnings", "defaults.command_warnings",
            "defaults.display_skipped_hosts", "defaults.display_ok_hosts", "defaults.show_custom_stats",
            "defaults.bin_ansible_callbacks", "defaults.localhost_warning", "defaults.system_warnings",
            "defaults.action_warnings", "defaults.host_pattern_mismatch", "defaults.nocows", "defaults.cow_selection",
            "defaults.force_color", "defaults.local_tmp", "defaults.ansible_managed", "defaults.collections_path",
            "defaults.collections_paths", "defaults.library", "defaults.module_utils", "defaults.callback_plugins",
            "defaults.filter_plugins", "defaults.lookup_plugins", "defaults.strategy_plugins", "defaults.roles_path",
            "ssh_connection.pipelining", "ssh_connection.control_path", "ssh_connection.control_path_dir",
            "ssh_connection.ssh_args", "ssh_connection.retries", "ssh_connection.scp_if_ssh",
            "ssh_connection.transfer_method", "colors.changed", "colors.ok", "colors.error", "colors.warn",
            "colors.skip", "colors.debug", "colors.verbose", "colors.highlight", "colors.unreachable",
            "colors.deprecate", "colors.diff_add", "colors.diff_remove", "colors.diff_lines");

    private final Path file;
    private final Map<String, String> values;
    private final List<String> warnings;

    private ConfigFile(Path file, Map<String, String> values, List<String> warnings) {
        this.file = file;
        this.values = values;
        this.warnings = warnings;
    }

    static ConfigFile none() {
        return new ConfigFile(null, Map.of(), List.of());
    }

    /** The first configuration file found, or none. */
    static ConfigFile find(Map<String, String> env, Path cwd, Path home) throws IOException {
        List<Path> candidates = new ArrayList<>();
        for (String var : List.of("DROVER_CONFIG", "ANSIBLE_CONFIG")) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                Path p = Path.of(v);
                candidates.add(Files.isDirectory(p) ? p.resolve(var.startsWith("DROVER") ? "drover.cfg" : "ansible.cfg") : p);
            }
        }
        if (!worldWritable(cwd)) {
            candidates.add(cwd.resolve("drover.cfg"));
            candidates.add(cwd.resolve("ansible.cfg"));
        }
        candidates.add(home.resolve(".drover.cfg"));
        candidates.add(home.resolve(".ansible.cfg"));
        candidates.add(Path.of("/etc/ansible/ansible.cfg"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return parse(p, Files.readAllLines(p));
            }
        }
        return none();
    }

    private static boolean worldWritable(Path dir) {
        try {
            return Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Python's configparser as Ansible sets it up: [section], key = value or key: value, ; and # comments. */
    static ConfigFile parse(Path file, List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        String section = null;
        String last = null;
        for (int n = 0; n < lines.size(); n++) {
            String raw = lines.get(n);
            String line = stripInlineComment(raw).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0)) && last != null) { // a continuation line
                values.merge(last, line, (a, b) -> a + "\n" + b);
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT);
                continue;
            }
            int eq = firstSeparator(line);
            if (section == null || eq < 0) {
                warnings.add(file + ":" + (n + 1) + ": not a 'key = value' line in a [section]; ignored");
                continue;
            }
            last = section + "." + line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            values.put(last, line.substring(eq + 1).strip());
        }
        if (values.getOrDefault("defaults.inventory", "").contains(",")) {
            warnings.add(file + ": [defaults] inventory lists several sources; drover reads one from here, give the"
                    + " others with -i");
            values.computeIfPresent("defaults.inventory", (k, v) -> v.split(",")[0].strip());
        }
        for (String key : values.keySet()) {
            if (!OPTIONS.containsKey(key) && !QUIET.contains(key)) {
                warnings.add(file + ": [" + key.replaceFirst("\\.", "] ") + " is not honoured by drover");
            }
        }
        return new ConfigFile(file, values, warnings);
    }

    private static String stripInlineComment(String line) {
        int i = line.indexOf(" ;");
        return i < 0 ? line : line.substring(0, i);
    }

    private static int firstSeparator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        return eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
    }

    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    List<String> warnings() {
        return warnings;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec o)) {
            return null;
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (o.longestName().equals(OPTIONS.get(e.getKey()))) {
                return value(o, e.getValue());
            }
        }
        return null;
    }

    /** Options whose value is a path: relative to the configuration file's directory, ~ expanded, as Ansible does. */
    static final Set<String> PATHS = Set.of("--inventory", "--private-key", "--log-file", "--vault-password-file");

    /** Ansible's booleans for flags; its True/False for host_key_checking; paths resolved beside the file. */
    private String value(OptionSpec o, String v) {
        String name = o.longestName();
        if (name.equals("--host-key-checking")) {
            return truthy(v) ? "strict" : "off";
        }
        if (o.arity().max() == 0) {
            return String.valueOf(truthy(v));
        }
        if (!PATHS.contains(name)) {
            return v;
        }
        String p = v.strip();
        if (p.equals("~") || p.startsWith("~/")) {
            return System.getProperty("user.home") + p.substring(1);
        }
        Path dir = file.toAbsolutePath().getParent();
        return dir == null ? p : dir.resolve(p).normalize().toString();
    }

    /** ansible.module_utils.parsing.convert_bool's true strings. */
    static boolean truthy(String v) {
        return Set.of("y", "yes", "on", "1", "true", "t").contains(v.strip().toLowerCase(Locale.ROOT));
    }
}
