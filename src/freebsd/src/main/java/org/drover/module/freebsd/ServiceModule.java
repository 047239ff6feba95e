package org.drover.module.freebsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drover.freebsd.RcVarState;
import org.drover.freebsd.Sections;
import org.drover.freebsd.ServiceRcvar;
import org.drover.freebsd.ServiceStatus;
import org.drover.freebsd.Names;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.JailContext;
import org.drover.module.Outcome;
import org.drover.module.Args;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Plan;
import org.drover.module.StateModule;
import org.drover.transport.ExecResult;
import org.drover.transport.JailConnection;
import org.drover.transport.Sh;

/**
 * {@code service}: an rc.d service running or stopped, and enabled at boot or not. Uses the {@code one*} verbs
 * so start/stop work whatever NAME_enable says, and checks {@code onestatus} afterwards because rc scripts
 * often exit 0 when they failed.
 */
public final class ServiceModule extends StateModule<ServiceModule.Desired, ServiceModule.Current> {

    /** @param state started/stopped/restarted/reloaded, or null; @param enabled null = leave alone */
    public record Desired(String name, String state, Boolean enabled) {
    }

    /** @param enable the script's rcvar (from {@code service NAME rcvar}), or null when not read */
    public record Current(ServiceStatus status, RcVarState enable, String error) {
    }

    private static final ModuleSpec SPEC = new ModuleSpec("service",
            "Start, stop, restart or reload an rc.d service; enable it at boot",
            "Reads `service NAME onestatus` and the script's own rcvar (`service NAME rcvar`: the variable its "
                    + "rcvar= line names, with the value rc.conf and the script's defaults give) in one round trip. "
                    + "started/stopped change only what differs; restarted and reloaded always act. enabled sets "
                    + "that variable to YES/NO with sysrc. With jail, everything runs inside that jail of the host "
                    + "through jexec (as service -j and sysrc -j do), its rc.conf and rc.d scripts. "
                    + "Start and stop use the one* verbs, so they work whether or not the service is enabled, "
                    + "and the result is checked with onestatus (rc scripts may exit 0 on failure).",
            List.of(
                    ArgSpec.of("name", ArgType.STR).required().description("The rc.d script name.")
                            .example("sshd").validator(NameArgs.service()).build(),
                    ArgSpec.of("state", ArgType.STR).choices("started", "stopped", "restarted", "reloaded")
                            .description("What the service should be or do.").build(),
                    ArgSpec.of("enabled", ArgType.BOOL)
                            .description("Start at boot (the script's rcvar YES) or not (NO). Omitted: unchanged.")
                            .build(),
                    ArgSpec.of("jail", ArgType.STR).description("Manage the service inside this running jail "
                            + "of the host (jexec), instead of the host's own.").example("webserver")
                            .validator(v -> JailConnection.nameProblem(String.valueOf(v))).build()),
            null,
            List.of("""
                    - name: Run pf and start it at boot
                      service:
                        name: pf
                        state: started
                        enabled: true
                    """, """
                    - name: nginx in the webserver jail, running and started at boot
                      service:
                        name: nginx
                        jail: webserver
                        state: started
                        enabled: true
                    """),
            List.of(ArgSpec.of("before", ArgType.MAP).description("status (running/stopped), enabled").build(),
                    ArgSpec.of("after", ArgType.MAP).description("the same after the change").build(),
                    ArgSpec.of("commands", ArgType.LIST).description("commands run").build())).withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    /** With {@code jail:}, every script of the task runs in that jail (one round trip each, as without). */
    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        String jail = args.has("jail") ? args.string("jail") : null;
        return super.run(jail == null ? ctx : new JailContext(ctx, jail), args);
    }

    @Override
    protected Desired desired(Args args) {
        if (!args.has("state") && !args.has("enabled")) {
            throw new IllegalArgumentException("service: give state, enabled, or both");
        }
        return new Desired(args.string("name"), args.string("state"), args.optionalBool("enabled"));
    }

    @Override
    protected String readScript(Desired d) {
        StringBuilder s = new StringBuilder(Sections.section("status", Sh.join("service", d.name(), "onestatus")));
        if (d.enabled() != null) {
            s.append(Sections.section("rcvar", Sh.join("service", d.name(), "rcvar")));
        }
        return s.toString();
    }

    @Override
    protected Current parse(Desired d, ExecResult read) {
        var sections = Sections.parse(read.stdout());
        Sections.Section st = Sections.get(sections, "status");
        if (st.status() < 0) {
            return new Current(ServiceStatus.MISSING, null, "could not read the status of " + d.name() + ": "
                    + read.stderr().strip());
        }
        ServiceStatus status = ServiceStatus.of(st.output(), st.status());
        RcVarState enable = null;
        if (d.enabled() != null && status != ServiceStatus.MISSING) {
            Sections.Section rc = Sections.get(sections, "rcvar");
            try {
                Optional<ServiceRcvar> v = ServiceRcvar.parse(rc.output(), rc.status());
                if (v.isEmpty()) {
                    return new Current(status, null, "service " + d.name() + " has no rcvar (its script runs at "
                            + "boot whenever it is installed): leave out enabled");
                }
                String value = v.get().value();
                enable = new RcVarState(v.get().variable(), value.isEmpty() ? Optional.empty() : Optional.of(value),
                        false);
            } catch (IllegalStateException e) {
                return new Current(status, null, e.getMessage());
            }
        }
        return new Current(status, enable, null);
    }

    @Override
    protected Plan plan(Current cur, Desired d) {
        if (cur.error() != null) {
            return Plan.fail(cur.error());
        }
        if (cur.status() == ServiceStatus.MISSING) {
            return Plan.fail("service " + d.name() + " does not exist (no rc.d script of that name)");
        }
        List<Change> changes = new ArrayList<>();
        if (d.enabled() != null) {
            boolean on = SysrcChanges.isYes(cur.enable().value());
            if (on != d.enabled()) {
                SysrcChanges.set(SysrcChanges.RC_CONF, cur.enable(), d.enabled() ? "YES" : "NO")
                        .ifPresent(changes::add);
            }
        }
        boolean running = cur.status() == ServiceStatus.RUNNING;
        if (d.state() != null) {
            switch (d.state()) {
                case "started" -> {
                    if (!running) {
                        changes.add(verb(d, "onestart", "start", running, true));
                    }
                }
                case "stopped" -> {
                    if (running) {
                        changes.add(verb(d, "onestop", "stop", running, false));
                    }
                }
                case "restarted" -> changes.add(verb(d, running ? "onerestart" : "onestart", "restart", running,
                        true));
                case "reloaded" -> changes.add(running ? verb(d, "onereload", "reload", true, true)
                        : verb(d, "onestart", "start (was not running, nothing to reload)", false, true));
                default -> throw new IllegalArgumentException(d.state());
            }
        }
        return Plan.of(BridgeIfChanges.mergeDiffs(changes));
    }

    private static Change verb(Desired d, String verb, String what, boolean before, boolean after) {
        return new Change(what + " service " + d.name(),
                new Diff("service " + d.name(), "status: " + (before ? "running" : "stopped") + "\n",
                        "status: " + (after ? "running" : "stopped") + "\n"),
                List.of(Sh.join("service", d.name(), verb)));
    }

    @Override
    protected String verify(ModuleContext ctx, Desired d) throws Exception {
        if (d.state() == null) {
            return null;
        }
        ExecResult r = ctx.exec(Sh.join("service", d.name(), "onestatus"));
        boolean wantRunning = !d.state().equals("stopped");
        if (r.ok() != wantRunning) {
            return "service " + d.name() + " is " + (r.ok() ? "still running" : "not running")
                    + " after the change: " + (r.stdout() + r.stderr()).strip();
        }
        return null;
    }

    @Override
    protected Object describe(Current cur) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", cur.status().name().toLowerCase());
        if (cur.enable() != null) {
            m.put("enabled", SysrcChanges.isYes(cur.enable().value()));
        }
        return m;
    }

    @Override
    protected Object describeAfter(Current cur, Desired d, Plan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", d.state() == null ? cur.status().name().toLowerCase()
                : d.state().equals("stopped") ? "stopped" : "running");
        if (d.enabled() != null) {
            m.put("enabled", d.enabled());
        }
        return m;
    }
}
