package org.drover.module.freebsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.drover.freebsd.IfAddress;
import org.drover.freebsd.IfconfigParser;
import org.drover.freebsd.InterfaceState;
import org.drover.freebsd.Names;
import org.drover.freebsd.RcVarState;
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
 * {@code bridge}: an if_bridge(4) interface, its members, addresses, and optionally its rc.conf entries.
 * Membership is a set (the kernel lists the newest member first); members and addresses that the task does not
 * list are left alone unless members_exclusive / addresses_exclusive say otherwise.
 */
public final class BridgeModule extends StateModule<BridgeModule.Desired, BridgeModule.Current> {

    /** What the task asks for. {@code up}, {@code mtu}, {@code description} null = leave as is. */
    public record Desired(String name, boolean present, List<String> members, boolean membersExclusive,
                          List<IfAddress> addresses, boolean addressesExclusive, Boolean up, String description,
                          Long mtu, boolean persist) {
        /** rc.conf variables read and written when persist is on. */
        List<String> rcVars() {
            List<String> v = new ArrayList<>(List.of("cloned_interfaces", ifVar(), ifVar() + "_descr"));
            for (int i = 0; i < aliasCount() + 3; i++) {
                v.add(ifVar() + "_alias" + i);
            }
            return v;
        }

        String ifVar() {
            return "ifconfig_" + name;
        }

        /** The first IPv4 address goes into ifconfig_NAME; every other address is an alias. */
        Optional<IfAddress> primary() {
            return addresses.stream().filter(a -> a.family() == IfAddress.Family.INET).findFirst();
        }

        List<IfAddress> aliases() {
            Optional<IfAddress> p = primary();
            return addresses.stream().filter(a -> p.isEmpty() || !a.equals(p.get())).toList();
        }

        int aliasCount() {
            return present ? aliases().size() : 0;
        }

        /** The ifconfig_NAME value: {@code addm A addm B mtu N inet X/24 up}. */
        String ifconfigValue() {
            List<String> w = new ArrayList<>();
            members.forEach(m -> w.add("addm " + m));
            if (mtu != null) {
                w.add("mtu " + mtu);
            }
            primary().ifPresent(a -> w.add("inet " + a.cidr()));
            if (up == null || up) {
                w.add("up");
            }
            return String.join(" ", w);
        }
    }

    /** The bridge as read ({@code iface} empty when it does not exist), rc.conf values when persist is on. */
    public record Current(Optional<InterfaceState> iface, Map<String, RcVarState> rc, String error) {
    }

    private static final ModuleSpec SPEC = new ModuleSpec("bridge",
            "Create, configure or destroy an if_bridge interface (members, addresses, rc.conf persistence)",
            "Reads `ifconfig bridgeN` (and, with persist, the rc.conf variables) in one round trip, then adds "
                    + "what is missing: the bridge itself, members (addm), addresses (alias), description, mtu, "
                    + "up. Members and addresses that are not listed are kept unless members_exclusive / "
                    + "addresses_exclusive are set. state=absent destroys the bridge (its member interfaces are "
                    + "not destroyed). persist=yes also writes cloned_interfaces, ifconfig_bridgeN, "
                    + "ifconfig_bridgeN_descr and ifconfig_bridgeN_aliasK in /etc/rc.conf with sysrc so the "
                    + "bridge comes back after a reboot (or removes them with state=absent).",
            List.of(
                    ArgSpec.of("name", ArgType.STR).required().description("The bridge, bridge followed by a unit.")
                            .example("bridge0").validator(NameArgs.cloned("bridge")).build(),
                    ArgSpec.of("state", ArgType.STR).defaultValue("present").choices("present", "absent")
                            .description("present creates/configures; absent destroys the bridge.").build(),
                    ArgSpec.of("members", ArgType.LIST).description("Interfaces that must be members.")
                            .example("[vtnet0, epair0a]").validator(NameArgs.each(NameArgs.interfaceName())).build(),
                    ArgSpec.of("members_exclusive", ArgType.BOOL).defaultValue(false)
                            .description("Remove members that are not listed (deletem).").build(),
                    ArgSpec.of("addresses", ArgType.LIST).description("IPv4/IPv6 addresses in CIDR form.")
                            .example("[10.0.0.1/24, 2001:db8::1/64]").validator(NameArgs.cidrList()).build(),
                    ArgSpec.of("addresses_exclusive", ArgType.BOOL).defaultValue(false)
                            .description("Remove addresses that are not listed (IPv6 link-local ones are kept).")
                            .build(),
                    ArgSpec.of("up", ArgType.BOOL).defaultValue(true).description("Interface up (or down).").build(),
                    ArgSpec.of("description", ArgType.STR).description("Interface description; \"\" clears it.")
                            .example("jail network").validator(ArgChecks.lineValue()).build(),
                    ArgSpec.of("mtu", ArgType.INT).description("MTU of the bridge (members adopt it).")
                            .example("9000").validator(BridgeIfChanges::checkMtu).build(),
                    ArgSpec.of("persist", ArgType.BOOL).defaultValue(false)
                            .description("Manage the rc.conf entries too (create at boot, or remove them when "
                                    + "absent). Off: rc.conf is not touched.").build()),
            null,
            List.of("""
                    - name: Jail bridge with the uplink and a gateway address, kept across reboots
                      bridge:
                        name: bridge0
                        members: [vtnet0]
                        addresses: [10.20.0.1/24]
                        description: jail network
                        persist: yes
                    """, """
                    - name: Remove the old bridge (members stay)
                      bridge:
                        name: bridge9
                        state: absent
                    """),
            List.of(ArgSpec.of("before", ArgType.MAP).description("present, up, mtu, description, addresses, "
                            + "members (and rc_conf values with persist)").build(),
                    ArgSpec.of("after", ArgType.MAP).description("the same, as the changes leave it").build(),
                    ArgSpec.of("commands", ArgType.LIST).description("commands run (or planned in check mode)")
                            .build(),
                    ArgSpec.of("changes", ArgType.LIST).description("one line per change").build()));

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    protected Desired desired(Args args) {
        List<String> members = args.strings("members").stream().distinct().toList();
        return new Desired(args.string("name"), "present".equals(args.string("state")), members,
                args.bool("members_exclusive"), BridgeIfChanges.parseAddresses(args.strings("addresses")),
                args.bool("addresses_exclusive"), args.optionalBool("up"), args.string("description"),
                args.integer("mtu"), args.bool("persist"));
    }

    @Override
    protected String readScript(Desired d) {
        String s = Sections.section("if", Sh.join("ifconfig", d.name()));
        if (d.persist()) {
            s += SysrcChanges.read("rc", SysrcChanges.RC_CONF, d.rcVars());
        }
        return s;
    }

    @Override
    protected Current parse(Desired d, ExecResult read) {
        var sections = Sections.parse(read.stdout());
        Sections.Section s = Sections.get(sections, "if");
        Optional<InterfaceState> iface;
        if (s.ok()) {
            iface = IfconfigParser.parse(s.output());
            if (iface.isEmpty()) {
                return new Current(Optional.empty(), Map.of(), "cannot parse ifconfig output for " + d.name());
            }
        } else if (IfconfigParser.isNoSuchInterface(s.output(), d.name())) {
            iface = Optional.empty();
        } else {
            return new Current(Optional.empty(), Map.of(), "ifconfig " + d.name() + " failed (exit " + s.status()
                    + "): " + (s.output() + read.stderr()).strip());
        }
        Map<String, RcVarState> rc = Map.of();
        if (d.persist()) {
            try {
                rc = SysrcChanges.parse(sections, "rc", d.rcVars());
            } catch (IllegalStateException e) {
                return new Current(iface, Map.of(), e.getMessage());
            }
        }
        return new Current(iface, rc, null);
    }

    @Override
    protected Plan plan(Current cur, Desired d) {
        if (cur.error() != null) {
            return Plan.fail(cur.error());
        }
        List<Change> out = new ArrayList<>();
        InterfaceState now = cur.iface().orElse(null);
        String n = d.name();
        if (!d.present()) {
            if (now != null) {
                Set<String> members = now.bridgeState().map(b -> b.memberNames()).orElse(Set.of());
                out.add(new Change("destroy " + n + (members.isEmpty() ? ""
                        : " (members " + String.join(", ", members) + " are kept)"),
                        new Diff(n, n + " present\n", ""), List.of(Sh.join("ifconfig", n, "destroy"))));
            }
            if (d.persist()) {
                SysrcChanges.removeWords(SysrcChanges.RC_CONF, cur.rc().get("cloned_interfaces"), List.of(n))
                        .ifPresent(out::add);
                for (String v : d.rcVars().subList(1, d.rcVars().size())) {
                    SysrcChanges.remove(SysrcChanges.RC_CONF, cur.rc().get(v)).ifPresent(out::add);
                }
            }
            return Plan.of(BridgeIfChanges.mergeDiffs(out));
        }
        if (now == null) {
            // An explicit unit: ifconfig creates exactly this name and prints nothing.
            out.add(new Change("create " + n, new Diff(n, "", n + " present\n"),
                    List.of(Sh.join("ifconfig", n, "create"))));
        }
        int mtu = now == null ? 1500 : now.mtu();
        BridgeIfChanges.mtu(n, mtu, d.mtu()).ifPresent(out::add);
        Set<String> members = now == null ? Set.of()
                : now.bridgeState().map(b -> b.memberNames()).orElse(Set.of());
        for (String m : d.members()) {
            if (!members.contains(m)) {
                out.add(new Change("add member " + m + " to " + n, new Diff(n, "", "member: " + m + "\n"),
                        List.of(Sh.join("ifconfig", n, "addm", m))));
            }
        }
        if (d.membersExclusive()) {
            for (String m : members) {
                if (!d.members().contains(m)) {
                    out.add(new Change("remove member " + m + " from " + n,
                            new Diff(n, "member: " + m + "\n", ""),
                            List.of(Sh.join("ifconfig", n, "deletem", m))));
                }
            }
        }
        out.addAll(BridgeIfChanges.addresses(n, now == null ? List.of() : now.addresses(), d.addresses(),
                d.addressesExclusive()));
        BridgeIfChanges.description(n, now == null ? null : now.description(), d.description()).ifPresent(out::add);
        BridgeIfChanges.up(n, now != null && now.isUp(), d.up() == null ? Boolean.TRUE : d.up()).ifPresent(out::add);
        if (d.persist()) {
            out.addAll(persistChanges(cur.rc(), d));
        }
        return Plan.of(BridgeIfChanges.mergeDiffs(now == null ? BridgeIfChanges.created(out, n) : out));
    }

    private static List<Change> persistChanges(Map<String, RcVarState> rc, Desired d) {
        String f = SysrcChanges.RC_CONF;
        List<Change> out = new ArrayList<>();
        SysrcChanges.addWords(f, rc.get("cloned_interfaces"), List.of(d.name())).ifPresent(out::add);
        SysrcChanges.set(f, rc.get(d.ifVar()), d.ifconfigValue()).ifPresent(out::add);
        if (d.description() != null) {
            RcVarState descr = rc.get(d.ifVar() + "_descr");
            (d.description().isEmpty() ? SysrcChanges.remove(f, descr) : SysrcChanges.set(f, descr, d.description()))
                    .ifPresent(out::add);
        }
        List<IfAddress> aliases = d.aliases();
        for (int i = 0; i < aliases.size() + 3; i++) {
            RcVarState v = rc.get(d.ifVar() + "_alias" + i);
            if (i < aliases.size()) {
                IfAddress a = aliases.get(i);
                SysrcChanges.set(f, v, a.family().keyword() + " " + a.cidr()).ifPresent(out::add);
            } else {
                // rc.d stops at the first missing aliasN, so stale entries after ours would come back at boot.
                SysrcChanges.remove(f, v).ifPresent(out::add);
            }
        }
        return out;
    }

    @Override
    protected Object describe(Current cur) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("present", cur.iface().isPresent());
        cur.iface().ifPresent(i -> m.putAll(BridgeIfChanges.describe(i)));
        if (!cur.rc().isEmpty()) {
            Map<String, Object> rc = new LinkedHashMap<>();
            cur.rc().values().forEach(v -> rc.put(v.name(), v.value().orElse(null)));
            m.put("rc_conf", rc);
        }
        return m;
    }

    @Override
    protected Object describeAfter(Current cur, Desired d, Plan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("present", d.present());
        if (!d.present()) {
            return m;
        }
        InterfaceState now = cur.iface().orElse(null);
        m.putAll(BridgeIfChanges.expected(d.name(), now, new BridgeIfChanges.Wanted(
                d.up() == null ? Boolean.TRUE : d.up(), d.mtu(), d.description(), d.addresses(),
                d.addressesExclusive())));
        Set<String> members = new LinkedHashSet<>();
        if (now != null && !d.membersExclusive()) {
            now.bridgeState().ifPresent(b -> members.addAll(b.memberNames()));
        }
        members.addAll(d.members());
        m.put("members", List.copyOf(members));
        return m;
    }
}
