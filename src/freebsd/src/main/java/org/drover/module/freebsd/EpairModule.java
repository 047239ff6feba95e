package org.drover.module.freebsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drover.freebsd.IfAddress;
import org.drover.freebsd.IfconfigParser;
import org.drover.freebsd.InterfaceState;
import org.drover.freebsd.Names;
import org.drover.freebsd.Sections;
import org.drover.module.ArgChecks;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.module.ModuleSpec;
import org.drover.module.Plan;
import org.drover.module.StateModule;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;

/**
 * {@code epair}: a pair epairNa/epairNb. Settings apply to the a end, which stays on the host; the b end is
 * usually moved into a VNET jail, where the host no longer sees it: the pair still exists then, so it is neither
 * recreated nor an error.
 */
public final class EpairModule extends StateModule<EpairModule.Desired, EpairModule.Current> {

    public record Desired(String name, boolean present, Boolean up, String description, Long mtu, String bridge,
                          List<IfAddress> addresses, boolean addressesExclusive) {
        String a() {
            return name + "a";
        }

        String b() {
            return name + "b";
        }
    }

    /**
     * @param a       the a end, empty when not on the host
     * @param b       the b end, empty when not on the host (inside a jail, or no pair)
     * @param bridges the host's bridges (only read when the task names a bridge)
     */
    public record Current(Optional<InterfaceState> a, Optional<InterfaceState> b, Map<String, InterfaceState> bridges,
                          String error) {
        /** Bridges the a end is a member of. */
        List<String> bridgesOf(String ifname) {
            return bridges.values().stream().filter(i -> i.bridgeState().map(s -> s.hasMember(ifname)).orElse(false))
                    .map(InterfaceState::name).toList();
        }
    }

    private static final ModuleSpec SPEC = new ModuleSpec("epair",
            "Create, configure or destroy an epair (virtual cross-over cable), optionally attached to a bridge",
            "Manages epairNa/epairNb. Reads both ends (and, with bridge, every bridge's members) in one round "
                    + "trip. The a end gets the description, mtu, addresses and up/down and is added to the bridge "
                    + "(removed from another bridge first). When the b end sits inside a VNET jail it is invisible "
                    + "on the host: the pair still exists and is left as it is. Creates the exact unit with "
                    + "`ifconfig epairN create`. state=absent destroys both ends (and so removes the a end from "
                    + "its bridge).",
            List.of(
                    ArgSpec.of("name", ArgType.STR).required().description("The pair, epair followed by a unit "
                            + "(without a/b).").example("epair0").validator(NameArgs.cloned("epair")).build(),
                    ArgSpec.of("state", ArgType.STR).defaultValue("present").choices("present", "absent")
                            .description("present creates/configures; absent destroys the pair.").build(),
                    ArgSpec.of("up", ArgType.BOOL).defaultValue(true).description("The a end up (or down).").build(),
                    ArgSpec.of("description", ArgType.STR).description("Description of the a end; \"\" clears it.")
                            .example("jail web").validator(ArgChecks.lineValue()).build(),
                    ArgSpec.of("mtu", ArgType.INT).description("MTU of the a end.").example("9000")
                            .validator(BridgeIfChanges::checkMtu).build(),
                    ArgSpec.of("bridge", ArgType.STR).description("Bridge the a end must be a member of (it must "
                            + "exist, or be created by an earlier task).").example("bridge0")
                            .validator(NameArgs.interfaceName()).build(),
                    ArgSpec.of("addresses", ArgType.LIST).description("Addresses of the a end, CIDR form.")
                            .example("[10.20.0.1/30]").validator(NameArgs.cidrList()).build(),
                    ArgSpec.of("addresses_exclusive", ArgType.BOOL).defaultValue(false)
                            .description("Remove addresses of the a end that are not listed.").build()),
            null,
            List.of("""
                    - name: Cable for the web jail, host end on bridge0
                      epair:
                        name: epair0
                        bridge: bridge0
                        description: jail web
                    """),
            List.of(ArgSpec.of("before", ArgType.MAP).description("present, a (interface), b_visible, bridges "
                            + "(of the a end)").build(),
                    ArgSpec.of("after", ArgType.MAP).description("the same, as the changes leave it").build(),
                    ArgSpec.of("commands", ArgType.LIST).description("commands run").build(),
                    ArgSpec.of("changes", ArgType.LIST).description("one line per change").build()));

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    protected Desired desired(Args args) {
        return new Desired(args.string("name"), "present".equals(args.string("state")), args.optionalBool("up"),
                args.string("description"), args.integer("mtu"), args.string("bridge"),
                BridgeIfChanges.parseAddresses(args.strings("addresses")), args.bool("addresses_exclusive"));
    }

    @Override
    protected String readScript(Desired d) {
        String s = Sections.section("a", Sh.join("ifconfig", d.a()))
                + Sections.section("b", Sh.join("ifconfig", d.b()));
        if (d.present() && d.bridge() != null) {
            s += Sections.section("bridges", "for b in $(ifconfig -g bridge); do ifconfig \"$b\"; done");
        }
        return s;
    }

    @Override
    protected Current parse(Desired d, ExecResult read) {
        var sections = Sections.parse(read.stdout());
        try {
            Optional<InterfaceState> a = end(Sections.get(sections, "a"), d.a());
            Optional<InterfaceState> b = end(Sections.get(sections, "b"), d.b());
            Map<String, InterfaceState> bridges = Map.of();
            if (d.present() && d.bridge() != null) {
                Sections.Section s = Sections.get(sections, "bridges");
                if (!s.ok()) {
                    throw new IllegalStateException("listing bridges failed: " + s.output().strip());
                }
                bridges = IfconfigParser.parseAll(s.output());
            }
            return new Current(a, b, bridges, null);
        } catch (IllegalStateException e) {
            return new Current(Optional.empty(), Optional.empty(), Map.of(), e.getMessage());
        }
    }

    private static Optional<InterfaceState> end(Sections.Section s, String ifname) {
        if (s.ok()) {
            return Optional.of(IfconfigParser.parse(s.output())
                    .orElseThrow(() -> new IllegalStateException("cannot parse ifconfig output for " + ifname)));
        }
        if (IfconfigParser.isNoSuchInterface(s.output(), ifname)) {
            return Optional.empty();
        }
        throw new IllegalStateException("ifconfig " + ifname + " failed (exit " + s.status() + "): "
                + s.output().strip());
    }

    @Override
    protected Plan plan(Current cur, Desired d) {
        if (cur.error() != null) {
            return Plan.fail(cur.error());
        }
        List<Change> out = new ArrayList<>();
        if (!d.present()) {
            // Destroying either end destroys both; the kernel also takes the a end out of its bridge.
            String end = cur.a().isPresent() ? d.a() : cur.b().isPresent() ? d.b() : null;
            if (end != null) {
                out.add(new Change("destroy " + d.name() + " (" + d.a() + " and " + d.b() + ")",
                        new Diff(d.name(), d.name() + " present\n", ""), List.of(Sh.join("ifconfig", end, "destroy"))));
            }
            return Plan.of(out);
        }
        if (cur.a().isEmpty() && cur.b().isPresent()) {
            return Plan.fail(d.a() + " is not on this host but " + d.b() + " is (was the a end moved into a jail?); "
                    + "not recreating " + d.name());
        }
        InterfaceState a = cur.a().orElse(null);
        if (a == null) {
            out.add(new Change("create " + d.name() + " (" + d.a() + ", " + d.b() + ")",
                    new Diff(d.a(), "", d.name() + " present (" + d.a() + ", " + d.b() + ")\n"), List.of(Sh.join("ifconfig", d.name(), "create"))));
        }
        String n = d.a();
        BridgeIfChanges.mtu(n, a == null ? 1500 : a.mtu(), d.mtu()).ifPresent(out::add);
        BridgeIfChanges.description(n, a == null ? null : a.description(), d.description()).ifPresent(out::add);
        out.addAll(BridgeIfChanges.addresses(n, a == null ? List.of() : a.addresses(), d.addresses(),
                d.addressesExclusive()));
        if (d.bridge() != null) {
            List<String> in = a == null ? List.of() : cur.bridgesOf(n);
            if (!in.contains(d.bridge())) {
                for (String other : in) {
                    out.add(new Change("remove " + n + " from " + other,
                            new Diff(other, "member: " + n + "\n", ""),
                            List.of(Sh.join("ifconfig", other, "deletem", n))));
                }
                boolean known = cur.bridges().containsKey(d.bridge());
                out.add(new Change("add " + n + " to " + d.bridge() + (known ? ""
                        : " (" + d.bridge() + " does not exist yet: an earlier task must create it)"),
                        new Diff(d.bridge(), "", "member: " + n + "\n"),
                        List.of(Sh.join("ifconfig", d.bridge(), "addm", n))));
            }
        }
        BridgeIfChanges.up(n, a != null && a.isUp(), d.up() == null ? Boolean.TRUE : d.up()).ifPresent(out::add);
        return Plan.of(BridgeIfChanges.mergeDiffs(a == null ? BridgeIfChanges.created(out, n) : out));
    }

    @Override
    protected Object describe(Current cur) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("present", cur.a().isPresent() || cur.b().isPresent());
        m.put("a", cur.a().map(BridgeIfChanges::describe).orElse(null));
        m.put("b_visible", cur.b().isPresent());
        cur.a().ifPresent(a -> {
            if (!cur.bridges().isEmpty()) {
                m.put("bridges", cur.bridgesOf(a.name()));
            }
        });
        return m;
    }

    @Override
    protected Object describeAfter(Current cur, Desired d, Plan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("present", d.present());
        if (!d.present()) {
            return m;
        }
        m.put("a", BridgeIfChanges.expected(d.a(), cur.a().orElse(null), new BridgeIfChanges.Wanted(
                d.up() == null ? Boolean.TRUE : d.up(), d.mtu(), d.description(), d.addresses(),
                d.addressesExclusive())));
        m.put("b_visible", cur.a().isEmpty() || cur.b().isPresent());
        if (d.bridge() != null) {
            m.put("bridges", List.of(d.bridge()));
        }
        return m;
    }
}
