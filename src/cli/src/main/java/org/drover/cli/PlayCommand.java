package org.drover.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.drover.engine.Delegation;
import org.drover.engine.Engine;
import org.drover.engine.Tags;
import org.drover.engine.RunListener;
import org.drover.engine.RunOptions;
import org.drover.engine.RunSummary;
import org.drover.inventory.Host;
import org.drover.inventory.Inventory;
import org.drover.inventory.InventoryLoader;
import org.drover.module.ModuleRegistry;
import org.drover.playbook.Block;
import org.drover.playbook.Play;
import org.drover.playbook.Playbook;
import org.drover.playbook.PlaybookLoader;
import org.drover.playbook.Task;
import org.drover.playbook.TaskNode;
import org.drover.report.Logging;
import org.drover.report.Reporters;
import org.drover.transport.Become;
import org.drover.transport.BoundedOutput;
import org.drover.transport.ConnectionFactory;
import org.drover.report.ReportOptions;
import org.drover.ssh.HostKeyPolicy;
import org.drover.ssh.PassphraseSource;
import org.drover.ssh.SshSettings;
import org.drover.ssh.config.SshConfig;
import org.drover.template.JinjavaTemplater;
import org.drover.template.Templater;
import org.drover.yaml.Limits;
import org.drover.yaml.LoadError;
import org.drover.yaml.LoadException;
import org.drover.vault.Vault;
import org.drover.vault.VaultException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code drover play}: loads and validates every playbook, the inventory and the extra vars first (all errors
 * together, nothing connects), then runs them, or only lists hosts, tasks or tags.
 */
@Command(name = "play", mixinStandardHelpOptions = true, sortOptions = false,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = "Run playbooks against the hosts of an inventory.",
        footer = {"", "Exit codes:",
                "  0   every host succeeded (also after --syntax-check and --list-*)",
                "  1   internal error",
                "  2   one or more hosts failed",
                "  3   one or more hosts were unreachable (and none failed)",
                "  4   invalid playbook, inventory or variables: every error is printed",
                "      as file:line:column: message, and nothing ran",
                "  5   bad command-line usage",
                "  8   with --detailed-exitcode: the run succeeded and changed something",
                "      (or would have, with --check)",
                "  99  interrupted (Ctrl-C): no new task started, running commands stopped, recap printed",
                "",
                "Examples:",
                "  drover play site.yml -i inventory/lab.yml --check --diff",
                "  drover play site.yml -i inventory/ -l 'web:!web03' -t pf -e 'mtu=9000'",
                "  drover play site.yml --list-tasks --tags jails"})
public final class PlayCommand implements Callable<Integer> {
    static final List<String> HOST_KEY_POLICIES = List.of("strict", "accept-new", "off");
    static final List<String> BECOME_METHODS = List.of("doas", "sudo", "su");
    static final List<String> OUTPUTS = List.of("console", "json", "minimal");

    @Mixin
    VaultOptions vaultOptions = new VaultOptions();

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PLAYBOOK", description = "Playbook files, run in order.")
    List<Path> playbooks = new ArrayList<>();

    /** Set by {@code drover adhoc}: one module to run; the positional argument is then a host pattern. */
    AdhocCommand.Task adhoc;

    @Option(names = {"-i", "--inventory"}, paramLabel = "SOURCE",
            description = "Inventory file (YAML or INI) or directory; repeat to merge several. Default: ./inventory"
                    + " when it exists.")
    List<Path> inventories = new ArrayList<>();

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN",
            description = "Only these hosts: a host pattern (web:!web03), or @FILE with one pattern per line.")
    String limit;

    @Option(names = "--shard", paramLabel = "K/N", converter = ShardConverter.class,
            description = "Only the K-th of N slices of the hosts (K from 1), for N controllers sharing a fleet; a"
                    + " host's slice depends only on its name. 'drover report merge' joins the slices' JSON output.")
    org.drover.engine.Shard shard;

    static final class ShardConverter implements CommandLine.ITypeConverter<org.drover.engine.Shard> {
        @Override
        public org.drover.engine.Shard convert(String value) {
            try {
                return org.drover.engine.Shard.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Option(names = {"-t", "--tags"}, split = ",", paramLabel = "TAG", description = "Only tasks with these tags.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--step", description = "Ask before each task: (N)o skips it, (y)es runs it, (c)ontinue runs it"
            + " and the rest without asking.")
    boolean step;

    @Option(names = "--start-at-task", paramLabel = "NAME",
            description = "Start at the first task with this name (or matching it as a glob); the ones before are"
                    + " skipped.")
    String startAtTask;

    @Option(names = "--skip-tags", split = ",", paramLabel = "TAG", description = "Skip tasks with these tags.")
    List<String> skipTags = new ArrayList<>();

    @Option(names = {"-C", "--check"}, description = "Report what would change; change nothing.")
    boolean check;

    @Option(names = {"-D", "--diff"}, description = "Show the differences a change makes (or would make).")
    boolean diff;

    @Option(names = {"-f", "--forks"}, paramLabel = "N", defaultValue = "50",
            description = "Hosts worked on at once (default: ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--force-handlers", description = "Run notified handlers even on hosts that failed.")
    boolean forceHandlers;

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS",
            description = "Variables of highest precedence: 'k=v k2=v2', a YAML/JSON mapping, or @FILE. Repeatable.")
    List<String> extraVars = new ArrayList<>();

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Connect as this user.")
    String user;

    @Option(names = {"-b", "--become"}, description = "Run tasks as root (or --become-user through become).")
    boolean become;

    @Option(names = "--become-method", paramLabel = "METHOD", description = "doas, sudo or su.")
    String becomeMethod;

    @Option(names = "--become-user", paramLabel = "USER",
            description = "Become this user (default root); become_user and drover_become_user win over it.")
    String becomeUser;

    @Option(names = {"-K", "--ask-become-pass"}, description = "Ask for the become password (not echoed).")
    boolean askBecomePass;

    @Option(names = "--become-password-file", paramLabel = "FILE",
            description = "Read the become password from the first line of FILE.")
    Path becomePasswordFile;

    @Option(names = {"-k", "--ask-pass"}, description = "Ask for the SSH login password (hosts that set none).")
    boolean askPass;

    @Option(names = "--private-key", paramLabel = "FILE", description = "SSH private key to authenticate with.")
    Path privateKey;

    @Option(names = "--host-key-checking", paramLabel = "POLICY",
            description = "strict (default, or ssh_config's StrictHostKeyChecking: unknown keys are refused),"
                    + " accept-new (record unknown keys, refuse changed ones) or off.")
    String hostKeyChecking;

    @Option(names = "--ssh-config", paramLabel = "FILE",
            description = "OpenSSH client configuration to read (default ~/.ssh/config; 'none' reads none).")
    String sshConfig;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file (default ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "SSH connect timeout (default: ssh_config's ConnectTimeout, else 10).")
    Integer connectTimeout;

    @Option(names = "--command-timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Default deadline of one remote command (default: ${DEFAULT-VALUE}); a task's timeout:"
                    + " overrides it.")
    int commandTimeout;

    @Option(names = "--max-output", paramLabel = "SIZE", defaultValue = "8M",
            description = "Bytes of a command's stdout (and of its stderr) kept; the rest is counted, not kept "
                    + "(default: ${DEFAULT-VALUE}; K, M, G suffixes).")
    String maxOutput;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for another drover run's lock on a host before failing that host"
                    + " (default: ${DEFAULT-VALUE}; 0: do not wait). --check runs take no lock.")
    int lockTimeout;

    @Option(names = "--syntax-check", description = "Only load and validate the playbooks.")
    boolean syntaxCheck;

    @Option(names = "--list-hosts", description = "List the hosts each play would run on; run nothing.")
    boolean listHosts;

    @Option(names = "--list-tasks", description = "List the tasks each play would run (after --tags); run nothing.")
    boolean listTasks;

    @Option(names = "--list-tags", description = "List the tags of each play's tasks; run nothing.")
    boolean listTags;

    @Option(names = "-v", description = "More output; repeat up to -vvvv (commands, their output, SSH).")
    boolean[] verbose = new boolean[0];

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "console",
            description = "console (default), json (one JSON object per line per event, then the recap) or minimal"
                    + " (Ansible's ad-hoc output).")
    String output;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report (a test case per task and host).")
    Path junit;

    @Option(names = "--profile", description = "Print the slowest tasks and the round trips per task at the end.")
    boolean profile;

    @Option(names = "--log-file", paramLabel = "FILE", description = "Also write a debug log to FILE.")
    Path logFile;

    @Option(names = "--detailed-exitcode", description = "Exit with 8 when the run changed something.")
    boolean detailedExitcode;

    @Option(names = "--no-color", description = "No ANSI colours (also when NO_COLOR is set or stdout is not a terminal).")
    boolean noColor;

    /** Where ./inventory is looked for (tests point it elsewhere). */
    Path workDir = Path.of("");

    private PrintWriter out;
    private PrintWriter err;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        try {
            return play();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int play() {
        String usage = usageProblem();
        if (usage != null) {
            err.println("drover play: " + usage);
            err.println("Try 'drover play --help' for more information.");
            return ExitCodes.USAGE;
        }
        try {
            Vault.use(vaultOptions.vault());
        } catch (IOException | VaultException e) {
            err.println("drover play: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        // Load everything first and report every problem at once.
        List<LoadError> errors = new ArrayList<>();
        Map<String, Object> extra = extraVars(errors);
        List<Playbook> books = playbooks(errors);
        boolean needInventory = !(syntaxCheck || listTasks || listTags) || listHosts;
        List<Path> sources = inventorySources();
        if (syntaxCheck && !sources.isEmpty()) {
            needInventory = true; // checked too when given, as Ansible parses it; none is still fine here
        }
        Inventory inventory = null;
        if (needInventory && sources.isEmpty()) {
            if (!errors.isEmpty()) {
                return badInput(errors);
            }
            err.println("drover play: no inventory: give -i FILE (or create ./inventory)");
            return ExitCodes.USAGE;
        }
        if (needInventory) {
            try {
                inventory = InventoryLoader.load(sources, playbookDirs());
                errors.addAll(Delegation.check(books, inventory));
            } catch (LoadException e) {
                errors.addAll(e.errors());
            }
        }
        String limitPattern = limitPattern(errors);
        if (!errors.isEmpty()) {
            return badInput(errors);
        }
        if (limitMatchesNothing(inventory, limitPattern)) {
            err.println("drover play: --limit '" + limit + "' leaves no hosts to target: it matches no host in the inventory");
            return ExitCodes.ERROR;
        }
        if (syntaxCheck && !(listHosts || listTasks || listTags)) {
            for (Playbook pb : books) {
                out.println("playbook: " + pb.file());
            }
            return ExitCodes.OK;
        }
        if (listHosts || listTasks || listTags) {
            list(books, inventory, limitPattern, extra);
            return ExitCodes.OK;
        }
        return run(books, inventory, limitPattern, extra);
    }

    /** The parsed -e values; problems go to {@code errors}. */
    private Map<String, Object> extraVars(List<LoadError> errors) {
        try {
            return ExtraVars.parse(extraVars);
        } catch (LoadException e) {
            errors.addAll(e.errors());
            return Map.of();
        }
    }

    /** The loaded playbooks; problems go to {@code errors}. */
    private List<Playbook> playbooks(List<LoadError> errors) {
        try {
            if (adhoc != null) {
                return List.of(PlaybookLoader.of(ModuleRegistry.load()).loadText(AdhocCommand.SOURCE,
                        adhoc.playbook(playbooks.get(0).toString())));
            }
            return PlaybookLoader.of(ModuleRegistry.load()).loadAll(playbooks);
        } catch (LoadException e) {
            errors.addAll(e.errors());
            return List.of();
        }
    }

    /** The --limit pattern (read from the file for {@code @FILE}), or null; problems go to {@code errors}. */
    private String limitPattern(List<LoadError> errors) {
        if (limit == null) {
            return null;
        }
        try {
            return readLimit(limit);
        } catch (IOException e) {
            errors.add(new LoadError(new org.drover.yaml.SourceMark(limit.substring(1), 0, 0),
                    "cannot read the --limit file: " + e.getMessage()));
            return null;
        }
    }

    /** As Ansible: a --limit that leaves none of the inventory's hosts (when it has some) is an error (exit 1). */
    private static boolean limitMatchesNothing(Inventory inventory, String limitPattern) {
        return inventory != null && limitPattern != null && !limitPattern.isBlank() && !inventory.hosts().isEmpty()
                && select(inventory, "all", limitPattern).isEmpty();
    }

    private String usageProblem() {
        if (adhoc != null && playbooks.size() != 1) {
            return "give one host pattern (quote it if it has spaces), got " + playbooks.size() + ": " + playbooks;
        }
        if (hostKeyChecking != null && !HOST_KEY_POLICIES.contains(hostKeyChecking)) {
            return "--host-key-checking must be one of " + String.join(", ", HOST_KEY_POLICIES) + ", got '"
                    + hostKeyChecking + "'";
        }
        if (becomeMethod != null && !BECOME_METHODS.contains(becomeMethod)) {
            return "--become-method must be one of " + String.join(", ", BECOME_METHODS) + ", got '" + becomeMethod + "'";
        }
        if (!OUTPUTS.contains(output)) {
            return "--output must be one of " + String.join(", ", OUTPUTS) + ", got '" + output + "'";
        }
        if (forks < 1) {
            return "--forks must be at least 1";
        }
        if (lockTimeout < 0) {
            return "--lock-timeout must be 0 or more seconds";
        }
        if ((connectTimeout != null && connectTimeout < 1) || commandTimeout < 1) {
            return "--timeout and --command-timeout must be at least 1 second";
        }
        if (BoundedOutput.parseSize(maxOutput) < 1) {
            return "--max-output must be a size such as 65536, 512K or 8M, got '" + maxOutput + "'";
        }
        if (askBecomePass && becomePasswordFile != null) {
            return "-K and --become-password-file cannot both be given";
        }
        return null;
    }

    private int badInput(List<LoadError> errors) {
        errors.stream().limit(Limits.MAX_ERRORS).forEach(err::println);
        if (errors.size() > Limits.MAX_ERRORS) {
            err.println("... and " + (errors.size() - Limits.MAX_ERRORS) + " more (the first " + Limits.MAX_ERRORS
                    + " are shown)");
        }
        err.println("drover play: " + errors.size() + (errors.size() == 1 ? " error" : " errors") + "; nothing ran");
        return ExitCodes.BAD_INPUT;
    }

    List<Path> inventorySources() {
        if (!inventories.isEmpty()) {
            return inventories;
        }
        Path def = workDir.resolve("inventory");
        return Files.exists(def) ? List.of(def) : List.of();
    }

    /** group_vars/ and host_vars/ next to the playbooks apply too, as in Ansible. */
    private List<Path> playbookDirs() {
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path p : playbooks) {
            Path d = p.toAbsolutePath().getParent();
            if (d != null) {
                dirs.add(d);
            }
        }
        return new ArrayList<>(dirs);
    }

    /** {@code @file}: one pattern per line (blank lines and # comments ignored), joined as a union. */
    static String readLimit(String limit) throws IOException {
        if (!limit.startsWith("@")) {
            return limit;
        }
        List<String> parts = new ArrayList<>();
        Path file = Path.of(limit.substring(1));
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IOException("not a regular file"); // a FIFO would block, a device never end
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                parts.add(l);
            }
        }
        return String.join(",", parts);
    }

    // ---------------------------------------------------------------- listings (no connection)

    private void list(List<Playbook> books, Inventory inventory, String limitPattern, Map<String, Object> extra) {
        Tags filter = new Tags(tags, skipTags);
        Templater templater = null;
        for (Playbook pb : books) {
            out.println();
            out.println("playbook: " + pb.file());
            int n = 0;
            for (Play play : pb.plays()) {
                n++;
                out.println();
                out.println("  play #" + n + " (" + play.hosts() + "): " + (play.name() == null ? "" : play.name())
                        + "\tTAGS: " + bracket(play.tags()));
                if (listHosts) {
                    String pattern = play.hosts();
                    if (Templater.isTemplated(pattern)) {
                        templater = templater == null ? new JinjavaTemplater() : templater;
                        pattern = String.valueOf(templater.render(pattern, new LinkedHashMap<>(extra)));
                    }
                    List<String> hosts = select(inventory, pattern, limitPattern).stream()
                            .filter(h -> shard == null || shard.includes(h)).toList();
                    out.println("    pattern: ['" + pattern + "']");
                    out.println("    hosts (" + hosts.size() + "):");
                    hosts.forEach(h -> out.println("      " + h));
                }
                List<Line> lines = new ArrayList<>();
                for (List<TaskNode> part : List.of(play.preTasks(), play.tasks(), play.postTasks())) {
                    for (TaskNode t : part) {
                        walk(t, new LinkedHashSet<>(play.tags()), null, filter, lines);
                    }
                }
                if (listTasks) {
                    out.println("    tasks:");
                    for (Line l : lines) {
                        out.println("      " + l.name + "\tTAGS: " + bracket(l.tags));
                    }
                }
                if (listTags) {
                    Set<String> all = new java.util.TreeSet<>();
                    lines.forEach(l -> all.addAll(l.tags));
                    out.println("      TASK TAGS: " + bracket(all));
                }
            }
        }
    }

    private record Line(String name, Set<String> tags) {}

    private static void walk(TaskNode node, Set<String> inherited, String role, Tags filter, List<Line> out) {
        Set<String> tags = new java.util.TreeSet<>(inherited);
        tags.addAll(node.tags());
        if (node instanceof Block b) {
            String r = b.role() != null ? b.role() : role;
            for (List<TaskNode> part : List.of(b.block(), b.rescue(), b.always())) {
                part.forEach(c -> walk(c, tags, r, filter, out));
            }
        } else if (node instanceof Task t && !t.module().equals("meta") && filter.selected(tags)) {
            out.add(new Line((role != null ? role + " : " : "") + t.displayName(), tags));
        }
    }

    private static String bracket(java.util.Collection<String> c) {
        return "[" + String.join(", ", c) + "]";
    }

    private static List<String> select(Inventory inventory, String pattern, String limitPattern) {
        List<Host> hosts = inventory.select(pattern);
        if (limitPattern != null && !limitPattern.isBlank()) {
            Set<String> allowed = new java.util.HashSet<>();
            inventory.select(limitPattern).forEach(h -> allowed.add(h.name()));
            hosts = hosts.stream().filter(h -> allowed.contains(h.name())).toList();
        }
        return hosts.stream().map(Host::name).toList();
    }

    // ---------------------------------------------------------------- the run

    RunOptions options(String limitPattern, Map<String, Object> extra, char[] becomePassword) {
        Become.Method method = becomeMethod == null ? null // validated: doas, sudo or su
                : Become.Method.valueOf(becomeMethod.toUpperCase(java.util.Locale.ROOT));
        return new RunOptions(
                new RunOptions.Execution(forks, Duration.ofSeconds(commandTimeout), Math.min(4, verbose.length),
                        forceHandlers, BoundedOutput.parseSize(maxOutput), Duration.ofSeconds(lockTimeout)),
                new RunOptions.Mode(check, diff), new RunOptions.Selection(limitPattern, tags, skipTags, startAtTask,
                        shard, step ? new StepPrompt(System.out, System.in) : null),
                new RunOptions.BecomeDefaults(become, method, becomeUser, becomePassword), extra);
    }

    /** The -k password, asked once before anything connects. */
    private char[] loginPassword;

    SshSettings sshSettings() throws IOException {
        Path sshDir = Path.of(System.getProperty("user.home"), ".ssh");
        SshConfig config = "none".equals(sshConfig) ? SshConfig.empty()
                : SshConfig.load(sshConfig != null ? Path.of(sshConfig) : sshDir.resolve("config"), sshDir);
        return new SshSettings(user, hostKeyChecking == null ? null : HostKeyPolicy.parse(hostKeyChecking),
                knownHosts, privateKey, connectTimeout == null ? null : Duration.ofSeconds(connectTimeout),
                Duration.ofSeconds(commandTimeout), config, loginPassword);
    }

    ReportOptions reportOptions() {
        boolean color = !noColor && System.getenv("NO_COLOR") == null && System.console() != null;
        return new ReportOptions(ReportOptions.Format.parse(output), Math.min(4, verbose.length), junit, profile,
                color);
    }

    private int run(List<Playbook> books, Inventory inventory, String limitPattern, Map<String, Object> extra) {
        char[] password = null;
        if (askPass) {
            java.io.Console console = System.console();
            if (console == null) {
                err.println("drover play: -k needs a terminal; set drover_password (ansible_password) instead");
                return ExitCodes.USAGE;
            }
            loginPassword = console.readPassword("SSH password: ");
        }
        if (askBecomePass) {
            java.io.Console console = System.console();
            if (console == null) {
                err.println("drover play: -K needs a terminal; use --become-password-file instead");
                return ExitCodes.USAGE;
            }
            password = console.readPassword("BECOME password: ");
        } else if (becomePasswordFile != null) {
            try {
                String text = Files.readString(becomePasswordFile, StandardCharsets.UTF_8);
                int nl = text.indexOf('\n');
                password = (nl < 0 ? text : text.substring(0, nl)).replace("\r", "").toCharArray();
            } catch (IOException e) {
                err.println(becomePasswordFile + ":0:0: cannot read the become password file: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
        }
        RunOptions options = options(limitPattern, extra, password);
        Logging.configure(options.execution().verbosity(), logFile);
        SshSettings ssh;
        try {
            ssh = sshSettings();
        } catch (IOException e) {
            err.println((sshConfig != null ? sshConfig : "~/.ssh/config") + ":0:0: cannot read: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        ConnectionFactory connections = connections(ssh);
        RunListener listener = Reporters.create(reportOptions(), System.out);
        SshTransport.warnings(ssh, inventory.hosts()).forEach(listener::warning);
        Engine engine = new Engine(ModuleRegistry.load(), new JinjavaTemplater(), connections, options, listener);
        RunSummary summary;
        try (Interrupts ignored = Interrupts.install(engine)) {
            summary = engine.run(books, inventory);
        } finally {
            connections.close();
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
        }
        return exitCode(summary, detailedExitcode);
    }

    /** The recap as an exit code: the worst thing that happened wins. */
    static int exitCode(RunSummary summary, boolean detailed) {
        if (summary.interrupted()) {
            return ExitCodes.INTERRUPTED;
        }
        if (summary.anyFailed()) {
            return ExitCodes.FAILED;
        }
        if (summary.anyUnreachable()) {
            return ExitCodes.UNREACHABLE;
        }
        return detailed && summary.anyChanged() ? ExitCodes.CHANGED : ExitCodes.OK;
    }

    /** The SSH transport; key passphrases come from the environment, then a prompt when there is a terminal. */
    private static ConnectionFactory connections(SshSettings settings) {
        java.io.Console console = System.console();
        return new SshTransport(settings, PassphraseSource.standard(System.getenv(),
                console == null ? null : key -> console.readPassword("Passphrase for %s: ", key)));
    }
}
