package org.drover.module.freebsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.drover.freebsd.JailConfRenderer;
import org.drover.freebsd.JailConfig;
import org.drover.freebsd.JailDrift;
import org.drover.freebsd.JailName;
import org.drover.freebsd.JailParams;
import org.drover.freebsd.JlsParser;
import org.drover.freebsd.Names;
import org.drover.freebsd.RcVarState;
import org.drover.freebsd.Sections;
import org.drover.module.ArgChecks;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Plan;
import org.drover.module.StateModule;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;

/**
 * {@code jail}: a jail defined in its own jail.conf file, started, stopped or absent. Reads the file, the running
 * jail's parameters ({@code jls -n -q}) and the boot variables in one round trip; writes the file atomically
 * (temp file + rename); starts with {@code jail -f FILE -c NAME} and checks with jls, since neither rc.d/jail nor
 * a jail's exec hooks make the exit status a proof.
 */
public final class JailModule extends StateModule<JailModule.Desired, JailModule.Current> {
    static final Set<String> HOOKS = Set.of("prepare", "prestart", "created", "start", "poststart", "prestop",
            "stop", "poststop", "release");
    /** Parameters that have their own argument. */
    static final Set<String> DEDICATED = Set.of("name", "path", "host.hostname", "vnet", "vnet.interface",
            "ip4.addr", "ip6.addr");

    /**
     * @param config null for state=absent
     * @param boot   null = leave the boot variables alone
     */
    public record Desired(JailName name, String state, JailConfig config, String configFile, Boolean boot,
                          boolean restartOnChange, boolean force) {
        boolean customFile() {
            return !configFile.equals(defaultFile(name));
        }

        String confVar() {
            return "jail_" + name.rcVarPart() + "_conf";
        }

        List<String> rcVars() {
            return List.of("jail_enable", "jail_list", confVar());
        }
    }

    /**
     * @param file    the config file's content, empty when there is none
     * @param running the running jail's parameters, empty when it is not running
     */
    public record Current(Optional<String> file, Optional<JailParams> running, boolean dying,
                          Map<String, RcVarState> rc, String error) {
        boolean managedFile() {
            return file.map(f -> f.startsWith(JailConfRenderer.HEADER + "\n")).orElse(false);
        }
    }

    static String defaultFile(JailName name) {
        return "/etc/jail.conf.d/" + name.value() + ".conf";
    }

    private static final ModuleSpec SPEC = new ModuleSpec("jail",
            "Define, start, stop or remove a jail with its own jail.conf file",
            "Renders the jail's definition to config_file (default /etc/jail.conf.d/NAME.conf) deterministically "
                    + "and writes it atomically when it differs (--diff shows the change). started runs "
                    + "`jail -f FILE -c NAME` and checks with jls; when the file changed, or the running jail's "
                    + "parameters differ from it, a running jail is restarted (jail -r, then -c) unless "
                    + "restart_on_change is off. stopped runs `jail -f FILE -r NAME`. absent stops the jail and "
                    + "removes its config file, never its root directory. A config file that drover did not "
                    + "write is only overwritten or removed with force: yes. boot: yes sets jail_enable=YES and "
                    + "adds NAME to jail_list (note: a non-empty jail_list means only the listed jails start at "
                    + "boot).",
            List.of(
                    ArgSpec.of("name", ArgType.STR).required().description("Jail name (no dots).").example("web")
                            .validator(NameArgs.jailName()).build(),
                    ArgSpec.of("state", ArgType.STR).defaultValue("started").choices("started", "stopped", "absent")
                            .description("started/stopped keep the config file in place; absent removes it.")
                            .build(),
                    ArgSpec.of("path", ArgType.STR).description("Root directory of the jail (needed unless absent).")
                            .example("/jails/web").validator(NameArgs.absolutePath()).build(),
                    ArgSpec.of("hostname", ArgType.STR).description("host.hostname.").example("web.example.org")
                            .validator(v -> String.valueOf(v).matches("[A-Za-z0-9_.-]{1,255}") ? null
                                    : "'" + Names.printable(String.valueOf(v)) + "' is not a host name").build(),
                    ArgSpec.of("vnet", ArgType.BOOL).defaultValue(false).description("Own network stack (vnet).")
                            .build(),
                    ArgSpec.of("vnet_interfaces", ArgType.LIST).description("Interfaces moved into the jail "
                            + "(vnet.interface).").example("[epair0b]").validator(NameArgs.each(NameArgs.interfaceName()))
                            .build(),
                    ArgSpec.of("ip4", ArgType.LIST).description("ip4.addr entries (non-VNET jails).")
                            .example("[\"em0|192.0.2.20/24\"]").validator(NameArgs.each(JailModule::addrProblem))
                            .build(),
                    ArgSpec.of("ip6", ArgType.LIST).description("ip6.addr entries (non-VNET jails).")
                            .example("[\"em0|2001:db8::20/64\"]").validator(NameArgs.each(JailModule::addrProblem))
                            .build(),
                    ArgSpec.of("params", ArgType.MAP).description("Any other jail(8) parameter: true/false for "
                            + "flags, strings, numbers, lists.")
                            .example("{allow.raw_sockets: true, sysvshm: new, devfs_ruleset: 5, persist: true}")
                            .validator(ArgChecks.all(JailModule::paramsProblem, ArgChecks.lineValue())).build(),
                    ArgSpec.of("exec", ArgType.MAP).description("Commands per hook (prestart, created, start, "
                            + "poststart, prestop, stop, poststop...): a string or a list.")
                            .example("{start: [/bin/sh /etc/rc], stop: [/bin/sh /etc/rc.shutdown]}")
                            .validator(ArgChecks.all(JailModule::execProblem, ArgChecks.lineValue())).build(),
                    ArgSpec.of("config_file", ArgType.STR).description("Where the definition is written "
                            + "(default /etc/jail.conf.d/NAME.conf).").validator(NameArgs.absolutePath()).build(),
                    ArgSpec.of("boot", ArgType.BOOL).description("Start at boot: jail_enable=YES and NAME in "
                            + "jail_list (no: NAME removed from jail_list). Omitted: unchanged.").build(),
                    ArgSpec.of("restart_on_change", ArgType.BOOL).defaultValue(true)
                            .description("Restart a running jail whose definition changed.").build(),
                    ArgSpec.of("force", ArgType.BOOL).defaultValue(false)
                            .description("Overwrite or remove a config file drover did not write.").build()),
            null,
            List.of("""
                    - name: VNET jail on bridge0
                      jail:
                        name: web
                        path: /jails/web
                        hostname: web.example.org
                        vnet: yes
                        vnet_interfaces: [epair0b]
                        params:
                          allow.raw_sockets: true
                          devfs_ruleset: 5
                          mount.devfs: true
                          persist: true
                        exec:
                          start: [/bin/sh /etc/rc]
                          stop: [/bin/sh /etc/rc.shutdown]
                        boot: yes
                    """, """
                    - name: Remove the old jail (its root directory stays)
                      jail:
                        name: old
                        state: absent
                    """),
            List.of(ArgSpec.of("before", ArgType.MAP).description("running, jid, path, hostname, "
                            + "config_file_present, config_managed, boot").build(),
                    ArgSpec.of("after", ArgType.MAP).description("the same, as the changes leave it").build(),
                    ArgSpec.of("commands", ArgType.LIST).description("commands run").build(),
                    ArgSpec.of("changes", ArgType.LIST).description("one line per change (includes the parameters "
                            + "that differ in the running jail)").build()));

    static String addrProblem(Object v) {
        String s = String.valueOf(v);
        return s.matches("([A-Za-z][A-Za-z0-9_.]{0,14}\\|)?[0-9A-Fa-f:.]+(/[0-9]{1,3})?") ? null
                : "'" + Names.printable(s) + "' is not an address (IFACE|ADDR/PREFIX or ADDR)";
    }

    static String paramsProblem(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            return "params must be a mapping";
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = String.valueOf(e.getKey());
            String p = Names.jailParamProblem(k);
            if (p != null) {
                return p;
            }
            if (DEDICATED.contains(k)) {
                return "set " + k + " with its own argument, not in params";
            }
            if (k.equals("command")) { // jail(8): a synonym of exec.start's command, run inside the jail
                return "give command in exec (as exec.start), not in params";
            }
            if (k.startsWith("exec.") && HOOKS.contains(k.substring(5))) {
                return "give " + k + " in exec, not in params";
            }
            Object val = e.getValue();
            if (val instanceof Map) {
                return "parameter " + k + " must be a scalar or a list";
            }
            if (val instanceof List<?> l && l.stream().anyMatch(x -> x instanceof Map || x instanceof List)) {
                return "parameter " + k + " must be a list of scalars";
            }
        }
        return null;
    }

    static String execProblem(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            return "exec must be a mapping of hook to commands";
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (!HOOKS.contains(k)) {
                return "unknown exec hook '" + Names.printable(k) + "' (one of " + new java.util.TreeSet<>(HOOKS)
                        + ")";
            }
            Object val = e.getValue();
            if (val instanceof Map || (val instanceof List<?> l
                    && l.stream().anyMatch(x -> x instanceof Map || x instanceof List))) {
                return "exec." + k + " must be a command or a list of commands";
            }
        }
        return null;
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    protected Desired desired(Args args) {
        JailName name = JailName.of(args.string("name"));
        String state = args.string("state");
        String file = args.has("config_file") ? args.string("config_file") : defaultFile(name);
        JailConfig config = null;
        if (!state.equals("absent")) {
            if (!args.has("path")) {
                throw new IllegalArgumentException("jail: state=" + state + " needs path");
            }
            Map<String, List<String>> exec = new LinkedHashMap<>();
            args.map("exec").forEach((k, v) -> exec.put(k, v instanceof List<?> l
                    ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(v))));
            config = new JailConfig(name, args.string("path"), args.string("hostname"), args.bool("vnet"),
                    args.strings("vnet_interfaces"), args.strings("ip4"), args.strings("ip6"), args.map("params"),
                    exec);
        }
        return new Desired(name, state, config, file, args.optionalBool("boot"), args.bool("restart_on_change"),
                args.bool("force"));
    }

    @Override
    protected String readScript(Desired d) {
        String f = Sh.quote(d.configFile());
        return Sections.section("conf", "if [ -f " + f + " ]; then cat " + f + "; else exit 3; fi")
                + Sections.section("jls", Sh.join("jls", "-n", "-q", "-j", d.name().value()))
                + SysrcChanges.read("rc", SysrcChanges.RC_CONF, d.rcVars());
    }

    @Override
    protected Current parse(Desired d, ExecResult read) {
        var sections = Sections.parse(read.stdout());
        Sections.Section conf = Sections.get(sections, "conf");
        Sections.Section jls = Sections.get(sections, "jls");
        Optional<String> file;
        if (conf.ok()) {
            file = Optional.of(conf.output());
        } else if (conf.status() == 3) {
            file = Optional.empty();
        } else {
            return error("cannot read " + d.configFile() + ": " + conf.output().strip() + read.stderr().strip());
        }
        Optional<JailParams> running = Optional.empty();
        boolean dying = false;
        if (jls.ok()) {
            List<JailParams> all = JlsParser.parseNameValues(jls.output());
            if (all.isEmpty()) {
                return error("jls printed nothing for jail " + d.name());
            }
            running = Optional.of(all.get(0));
        } else if (JlsParser.isDying(jls.output())) {
            dying = true;
        } else if (!JlsParser.isNotFound(jls.output())) {
            return error("jls -j " + d.name() + " failed (exit " + jls.status() + "): " + jls.output().strip());
        }
        try {
            return new Current(file, running, dying, SysrcChanges.parse(sections, "rc", d.rcVars()), null);
        } catch (IllegalStateException e) {
            return error(e.getMessage());
        }
    }

    private static Current error(String why) {
        return new Current(Optional.empty(), Optional.empty(), false, Map.of(), why);
    }

    @Override
    protected Plan plan(Current cur, Desired d) {
        if (cur.error() != null) {
            return Plan.fail(cur.error());
        }
        String n = d.name().value();
        String f = d.configFile();
        List<Change> out = new ArrayList<>();
        boolean running = cur.running().isPresent();
        if (cur.dying() && !d.state().equals("absent")) {
            return Plan.fail("jail " + n + " is dying (still releasing its resources after removal); try again "
                    + "shortly");
        }
        if (d.state().equals("absent")) {
            return planAbsent(cur, d);
        }
        String rendered = JailConfRenderer.render(d.config());
        boolean fileChanged = !cur.file().equals(Optional.of(rendered));
        if (fileChanged && cur.file().isPresent() && !cur.managedFile() && !d.force()) {
            return Plan.fail(f + " exists and was not written by drover; set force: yes to replace it");
        }
        List<JailDrift.Difference> drift = running ? JailDrift.differences(cur.running().get(), d.config())
                : List.of();
        Change write = fileChanged ? write(f, cur.file(), rendered) : null;
        if (d.state().equals("stopped")) {
            if (running) {
                out.add(stop(d, cur, "stop jail " + n));
            }
            if (write != null) {
                out.add(write);
            }
        } else {
            out.addAll(planRunning(cur, d, write, drift));
        }
        out.addAll(bootChanges(cur, d));
        return Plan.of(BridgeIfChanges.mergeDiffs(out));
    }

    /** Stop the jail, remove its file (only drover's, unless forced) and its rc.conf entries. */
    private static Plan planAbsent(Current cur, Desired d) {
        String n = d.name().value();
        String f = d.configFile();
        List<Change> out = new ArrayList<>();
        if (cur.running().isPresent()) {
            out.add(stop(d, cur, "stop jail " + n));
        }
        if (cur.file().isPresent()) {
            if (!cur.managedFile() && !d.force()) {
                return Plan.fail(f + " was not written by drover; set force: yes to remove it");
            }
            out.add(new Change("remove " + f, new Diff(f, cur.file().get(), ""),
                    List.of(Sh.join("rm", "-f", f))));
        }
        SysrcChanges.removeWords(SysrcChanges.RC_CONF, cur.rc().get("jail_list"), List.of(n)).ifPresent(out::add);
        SysrcChanges.remove(SysrcChanges.RC_CONF, cur.rc().get(d.confVar())).ifPresent(out::add);
        return Plan.of(BridgeIfChanges.mergeDiffs(out));
    }

    /** state running: write the file, start the jail, or restart it when it runs with an old definition. */
    private static List<Change> planRunning(Current cur, Desired d, Change write, List<JailDrift.Difference> drift) {
        String n = d.name().value();
        boolean running = cur.running().isPresent();
        boolean fileChanged = write != null;
        List<Change> out = new ArrayList<>();
        boolean restart = running && d.restartOnChange() && (fileChanged || !drift.isEmpty());
        if (restart) {
            String why = fileChanged && drift.isEmpty() ? "its definition changed"
                    : "running with old parameters: " + String.join("; ", drift.stream().map(Object::toString)
                    .toList());
            Change stop = stop(d, cur, "stop jail " + n + " to restart it (" + why + ")");
            out.add(new Change(stop.description(), null, stop.commands())); // the start's diff tells it all
        }
        if (write != null) {
            out.add(write);
        }
        if (!running || restart) {
            out.add(new Change((restart ? "start jail " + n + " again" : "start jail " + n),
                    startDiff(n, running, drift),
                    List.of(Sh.join("jail", "-f", d.configFile(), "-c", n))));
        }
        return out;
    }

    /** Stopped → running; or, for a restart, the running parameters that change (the file has its own diff). */
    private static Diff startDiff(String n, boolean running, List<JailDrift.Difference> drift) {
        if (!running) {
            return new Diff("jail " + n, "stopped\n", "running\n");
        }
        StringBuilder before = new StringBuilder("running\n");
        StringBuilder after = new StringBuilder(drift.isEmpty() ? "running (restarted with the new definition)\n"
                : "running\n");
        for (JailDrift.Difference x : drift) {
            before.append(x.key()).append(" = ").append(x.running()).append('\n');
            after.append(x.key()).append(" = ").append(x.wanted()).append('\n');
        }
        return new Diff("jail " + n, before.toString(), after.toString());
    }

    /** Stops with the file that started the jail (its exec.stop hooks), or by name when there is none. */
    private static Change stop(Desired d, Current cur, String description) {
        String n = d.name().value();
        String cmd = cur.file().isPresent() ? Sh.join("jail", "-f", d.configFile(), "-r", n) : Sh.join("jail", "-r", n);
        return new Change(description, new Diff("jail " + n, "running\n", "stopped\n"), List.of(cmd));
    }

    private static Change write(String f, Optional<String> old, String content) {
        int slash = f.lastIndexOf('/');
        String dir = slash <= 0 ? "/" : f.substring(0, slash);
        String tmp = dir + "/." + f.substring(slash + 1) + ".drover-tmp";
        return new Change((old.isPresent() ? "update " : "create ") + f, new Diff(f, old.orElse(""), content),
                List.of(Sh.join("mkdir", "-p", dir),
                        "printf '%s' " + Sh.quote(content) + " > " + Sh.quote(tmp),
                        Sh.join("mv", "-f", tmp, f)));
    }

    private static List<Change> bootChanges(Current cur, Desired d) {
        List<Change> out = new ArrayList<>();
        if (d.boot() == null) {
            return out;
        }
        String rc = SysrcChanges.RC_CONF;
        String n = d.name().value();
        if (d.boot()) {
            if (!SysrcChanges.isYes(cur.rc().get("jail_enable").value())) {
                SysrcChanges.set(rc, cur.rc().get("jail_enable"), "YES").ifPresent(out::add);
            }
            SysrcChanges.addWords(rc, cur.rc().get("jail_list"), List.of(n)).ifPresent(out::add);
            if (d.customFile()) {
                SysrcChanges.set(rc, cur.rc().get(d.confVar()), d.configFile()).ifPresent(out::add);
            } else {
                SysrcChanges.remove(rc, cur.rc().get(d.confVar())).ifPresent(out::add);
            }
        } else {
            SysrcChanges.removeWords(rc, cur.rc().get("jail_list"), List.of(n)).ifPresent(out::add);
        }
        return out;
    }

    @Override
    protected String verify(ModuleContext ctx, Desired d) throws Exception {
        ExecResult r = ctx.exec(Sh.join("jls", "-j", d.name().value(), "jid"));
        boolean wantRunning = d.state().equals("started");
        if (r.ok() != wantRunning) {
            String hint = "";
            if (wantRunning && d.config() != null && !d.config().exec().containsKey("start")
                    && !Boolean.TRUE.equals(d.config().params().get("persist"))) {
                hint = " (a jail with no process in it ends at once: set params.persist or exec.start)";
            }
            return "jail " + d.name() + (wantRunning ? " is not running after start" : " is still running")
                    + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip()) + hint;
        }
        return null;
    }

    @Override
    protected Object describe(Current cur) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("running", cur.running().isPresent());
        cur.running().ifPresent(p -> {
            m.put("jid", p.get("jid").orElse(null));
            m.put("path", p.get("path").orElse(null));
            m.put("hostname", p.get("host.hostname").orElse(null));
            m.put("vnet", p.get("vnet").map(v -> v.equals("new")).orElse(false));
        });
        m.put("config_file_present", cur.file().isPresent());
        m.put("config_managed", cur.managedFile());
        RcVarState list = cur.rc().get("jail_list");
        if (list != null) {
            m.put("jail_list", list.words());
        }
        return m;
    }

    @Override
    protected Object describeAfter(Current cur, Desired d, Plan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("running", d.state().equals("started"));
        if (d.config() != null && d.state().equals("started")) {
            m.put("path", d.config().path());
            m.put("hostname", d.config().hostname());
            m.put("vnet", d.config().vnet());
        }
        m.put("config_file_present", !d.state().equals("absent"));
        m.put("config_managed", !d.state().equals("absent"));
        RcVarState list = cur.rc().get("jail_list");
        if (list != null) {
            List<String> words = new ArrayList<>(list.words());
            String n = d.name().value();
            if (Boolean.TRUE.equals(d.boot()) && !words.contains(n)) {
                words.add(n);
            } else if (Boolean.FALSE.equals(d.boot()) || d.state().equals("absent")) {
                words.remove(n);
            }
            m.put("jail_list", words);
        }
        return m;
    }
}
