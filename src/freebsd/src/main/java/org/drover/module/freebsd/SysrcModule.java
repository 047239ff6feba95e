package org.drover.module.freebsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drover.freebsd.Names;
import org.drover.freebsd.RcVarState;
import org.drover.freebsd.Sections;
import org.drover.module.ArgChecks;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Change;
import org.drover.module.JailContext;
import org.drover.module.ModuleContext;
import org.drover.module.Outcome;
import org.drover.module.ModuleSpec;
import org.drover.module.Plan;
import org.drover.module.StateModule;
import org.drover.transport.ExecResult;
import org.drover.transport.JailConnection;

/** {@code sysrc}: one rc.conf variable, set, removed, or treated as a word list. */
public final class SysrcModule extends StateModule<SysrcModule.Desired, SysrcModule.Current> {

    /** What the task asks for. */
    public record Desired(String name, String value, String state, String path) {
        List<String> words() {
            return value == null ? List.of() : List.of(value.strip().split("\\s+")).stream()
                    .filter(w -> !w.isEmpty()).toList();
        }
    }

    /** The variable as read, or why it could not be read. */
    public record Current(RcVarState var, String error) {
    }

    private static final ModuleSpec SPEC = new ModuleSpec("sysrc",
            "Set, remove or edit word lists of rc.conf variables with sysrc(8)",
            "Manages one variable in rc.conf (or another file given by path) through sysrc, the tool FreeBSD "
                    + "ships for it. state=present sets the value; absent removes the file's assignment; "
                    + "value_present / value_absent treat the value as a list of words and add or remove only "
                    + "those words (like sysrc NAME+=WORDS and NAME-=WORDS), leaving other words alone. "
                    + "Values are compared with what sysrc reports, which includes /etc/defaults/rc.conf. "
                    + "With jail, the jail's own file is edited: everything runs inside that jail of the host "
                    + "through jexec, as sysrc -j does.",
            List.of(
                    ArgSpec.of("name", ArgType.STR).required().description("The rc.conf variable.")
                            .example("jail_enable").validator(NameArgs.rcVar()).build(),
                    ArgSpec.of("value", ArgType.STR)
                            .description("The value (present), or the words to add or remove (value_present, "
                                    + "value_absent), separated by spaces.").example("YES")
                            .validator(ArgChecks.lineValue()).build(),
                    ArgSpec.of("state", ArgType.STR).defaultValue("present")
                            .choices("present", "absent", "value_present", "value_absent")
                            .description("present: NAME=value; absent: no assignment in the file; "
                                    + "value_present/value_absent: these words are in / not in the value.")
                            .build(),
                    ArgSpec.of("path", ArgType.STR).defaultValue(SysrcChanges.RC_CONF)
                            .description("The file to edit (sysrc -f).").example("/etc/rc.conf.d/jail")
                            .validator(NameArgs.absolutePath()).build(),
                    ArgSpec.of("jail", ArgType.STR).description("Edit the rc.conf of this running jail of the "
                            + "host (sysrc -j), instead of the host's own.").example("webserver")
                            .validator(v -> JailConnection.nameProblem(String.valueOf(v))).build()),
            null,
            List.of("""
                    - name: Start jails at boot
                      sysrc:
                        name: jail_enable
                        value: "YES"
                    """, """
                    - name: Add bridge0 to the cloned interfaces, keeping the others
                      sysrc:
                        name: cloned_interfaces
                        value: bridge0
                        state: value_present
                    """),
            List.of(ArgSpec.of("before", ArgType.MAP).description("name, value (null when unset), in_file").build(),
                    ArgSpec.of("after", ArgType.MAP).description("the same, as the change leaves it").build(),
                    ArgSpec.of("commands", ArgType.LIST).description("the sysrc commands run (or, in check "
                            + "mode, that would run)").build())).withAliases("community.general.sysrc");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    /** With {@code jail:}, read and edit inside that jail (one round trip each, as without). */
    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        String jail = args.has("jail") ? args.string("jail") : null;
        return super.run(jail == null ? ctx : new JailContext(ctx, jail), args);
    }

    @Override
    protected Desired desired(Args args) {
        String state = args.string("state");
        if (!state.equals("absent") && !args.has("value")) {
            throw new IllegalArgumentException("sysrc: state=" + state + " needs a value");
        }
        return new Desired(args.string("name"), args.string("value"), state, args.string("path"));
    }

    @Override
    protected String readScript(Desired d) {
        return SysrcChanges.read("rc", d.path(), List.of(d.name()));
    }

    @Override
    protected Current parse(Desired d, ExecResult read) {
        try {
            return new Current(SysrcChanges.parse(Sections.parse(read.stdout()), "rc", List.of(d.name()))
                    .get(d.name()), null);
        } catch (IllegalStateException e) {
            return new Current(RcVarState.unset(d.name()), e.getMessage());
        }
    }

    @Override
    protected Plan plan(Current cur, Desired d) {
        if (cur.error() != null) {
            return Plan.fail(cur.error());
        }
        Optional<Change> c = switch (d.state()) {
            case "present" -> SysrcChanges.set(d.path(), cur.var(), d.value());
            case "absent" -> SysrcChanges.remove(d.path(), cur.var());
            case "value_present" -> SysrcChanges.addWords(d.path(), cur.var(), d.words());
            case "value_absent" -> SysrcChanges.removeWords(d.path(), cur.var(), d.words());
            default -> throw new IllegalArgumentException("state " + d.state());
        };
        return Plan.of(c.map(List::of).orElse(List.of()));
    }

    @Override
    protected Object describe(Current cur) {
        return describe(cur.var());
    }

    static Map<String, Object> describe(RcVarState v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("value", v.value().orElse(null));
        m.put("in_file", v.assignedInFile());
        return m;
    }

    @Override
    protected Object describeAfter(Current cur, Desired d, Plan plan) {
        RcVarState v = cur.var();
        RcVarState after = switch (d.state()) {
            case "present" -> new RcVarState(v.name(), Optional.of(d.value()), true);
            case "absent" -> new RcVarState(v.name(), Optional.empty(), false);
            case "value_present" -> {
                List<String> w = new ArrayList<>(v.words());
                d.words().stream().filter(x -> !w.contains(x)).distinct().forEach(w::add);
                yield new RcVarState(v.name(), Optional.of(String.join(" ", w)), true);
            }
            default -> new RcVarState(v.name(), Optional.of(String.join(" ",
                    v.words().stream().filter(x -> !d.words().contains(x)).toList())), true);
        };
        return describe(after);
    }
}
